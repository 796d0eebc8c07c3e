/**
 * Keeping a one-line toolbar on one line: the toolbar has a few layouts, from the roomiest
 * (level 0) to the most compact, switched by attributes its CSS reads. `chooseLevel` applies
 * them in turn and keeps the first whose last control ends inside the toolbar, so the choice
 * follows what is actually shown (language, font size, the position text), not fixed widths.
 */

/** The compare toolbar's layouts, from the roomiest. */
export const TOOLBAR_LEVELS = 4;
/** Level from which the comparison options (granularity, ignore …) sit behind the “More” button. */
export const LEVEL_MENU = 1;
/** Level from which the previous/next change buttons show their arrow only. */
export const LEVEL_NAV_ICONS = 2;
/** Level from which the other buttons show their icon only and the filter loses its visible label. */
export const LEVEL_ICONS = 3;

export interface Fit {
  level: number;
  /** Whether even that level fits; when not, the toolbar may wrap rather than clip a control. */
  fits: boolean;
}

/**
 * The first of `levels` layouts (0 = roomiest) at which `fits()` holds after `apply(level)`,
 * or the last layout, marked as not fitting. `apply` is left at the returned level.
 */
export function chooseLevel(levels: number, apply: (level: number) => void, fits: () => boolean): Fit {
  for (let level = 0; level < levels; level++) {
    apply(level);
    if (fits()) return { level, fits: true };
  }
  return { level: levels - 1, fits: false };
}

/** Sets the attributes the toolbar's CSS reads for a level (and for wrapping as a last resort). */
export function applyLevel(el: HTMLElement, level: number, wrap: boolean): void {
  el.toggleAttribute('data-menu', level >= LEVEL_MENU);
  el.toggleAttribute('data-nav-icons', level >= LEVEL_NAV_ICONS);
  el.toggleAttribute('data-icons', level >= LEVEL_ICONS);
  el.toggleAttribute('data-wrap', wrap);
}

/** Whether `last` (the row's last control, on a row that does not wrap) ends inside `row`'s padding. */
export function endsInside(row: HTMLElement, last: HTMLElement): boolean {
  const box = row.getBoundingClientRect();
  const pad = parseFloat(getComputedStyle(row).paddingRight) || 0;
  return last.getBoundingClientRect().right <= box.right - pad + 0.5;
}
