/**
 * The matrix setup line (基准文件 picker, the documents chosen, 全部文件, 清空, 生成矩阵) is one
 * wrapping flex row. The two pickers grow into the room left by the buttons; their flex-basis
 * (set from {@link SETUP_BASIS_EM}, so the numbers here are the ones the page uses) decides when
 * the row wraps. `setupLineEm` estimates the row's minimum width from the button labels, so a
 * test can check that the row stays on one line at a 1366 px window with the library pane open,
 * in both languages, even while the run button says how many documents it is comparing.
 */

/** The pickers' flex-basis in em: below it, the row wraps rather than squeeze them. */
export const SETUP_BASIS_EM = { base: 18, others: 13 } as const;
/** The row's gap between its items (em). */
export const SETUP_GAP_EM = 0.5;
/** A button's horizontal padding and border (app.css: 0.7em each side, 1px borders), rounded up. */
export const BUTTON_PAD_EM = 1.6;

/** A generous width estimate of a line of text in em: full-width characters 1em, others 0.6em. */
export function textEm(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6…]/u.test(ch) ? 1 : 0.6;
  return w;
}

/** The setup row's minimum one-line width in em for these button labels. */
export function setupLineEm(buttons: readonly string[]): number {
  const items = 2 + buttons.length;
  return SETUP_BASIS_EM.base + SETUP_BASIS_EM.others + buttons.reduce((w, b) => w + textEm(b) + BUTTON_PAD_EM, 0) + SETUP_GAP_EM * (items - 1);
}

/** The chosen-documents summary's padding, border and disclosure triangle (em), rounded up. */
export const SUMMARY_PAD_EM = 2;

/**
 * The chosen-documents box's width in em on a one-line row `roomEm` wide: its basis plus its
 * half of the room left over (both pickers grow alike).
 */
export function othersWidthEm(buttons: readonly string[], roomEm: number): number {
  return SETUP_BASIS_EM.others + Math.max(0, roomEm - setupLineEm(buttons)) / 2;
}
