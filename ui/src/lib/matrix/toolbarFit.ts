/**
 * The coverage-matrix toolbar (显示 / 排序, the legend, export) on one line, the way the compare
 * toolbar does it (src/lib/compare/toolbarFit.ts, whose `chooseLevel` and `endsInside` pick the
 * level by measuring): layouts from the roomiest (level 0) to the most compact, switched by
 * attributes the toolbar's CSS reads. Nothing is ever dropped: what a layout hides from view
 * stays in the accessible names and in the tooltips, and the export format moves behind the
 * export button (a menu button that opens the format and the export action).
 */

/** The matrix toolbar's layouts, from the roomiest. */
export const MATRIX_TOOLBAR_LEVELS = 6;
/** Level from which the legend shows each kind's word only; its meaning moves to the tooltip. */
export const LEVEL_SHORT_LEGEND = 1;
/** Level from which the export format and the export button sit behind one “导出 ▾” menu button. */
export const LEVEL_EXPORT_MENU = 2;
/** Level from which the export (menu) button shows its icon only. */
export const LEVEL_EXPORT_ICON = 3;
/** Level from which 显示 and 排序 lose their visible labels (the selects keep them as names). */
export const LEVEL_NO_LABELS = 4;
/** Level from which the legend shows its coloured symbols only. */
export const LEVEL_SYMBOLS = 5;

/** Sets the attributes the matrix toolbar's CSS reads for a level (and for wrapping as a last resort). */
export function applyMatrixLevel(el: HTMLElement, level: number, wrap: boolean): void {
  el.setAttribute('data-level', String(level));
  el.toggleAttribute('data-short-legend', level >= LEVEL_SHORT_LEGEND);
  el.toggleAttribute('data-export-menu', level >= LEVEL_EXPORT_MENU);
  el.toggleAttribute('data-export-icon', level >= LEVEL_EXPORT_ICON);
  el.toggleAttribute('data-no-labels', level >= LEVEL_NO_LABELS);
  el.toggleAttribute('data-symbols', level >= LEVEL_SYMBOLS);
  el.toggleAttribute('data-wrap', wrap);
}
