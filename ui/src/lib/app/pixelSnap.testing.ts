/**
 * A test's layout for the pixel snap (not used by the app): jsdom lays nothing out, so every
 * element's box is placed at a sub-pixel `top` and `left` (where WebKitGTK put a scroll region
 * under bars sized in em) plus the inline margins the snap gives it.
 */
import { vi } from 'vitest';

/** Place every element's box at `top`, `left` (px) plus its inline margins; restore with `mockRestore()`. */
export function boxesAt(top: number, left: number, width = 700, height = 400) {
  return vi.spyOn(HTMLElement.prototype, 'getBoundingClientRect').mockImplementation(function (this: HTMLElement) {
    const y = top + (parseFloat(this.style.marginTop) || 0);
    const x = left + (parseFloat(this.style.marginLeft) || 0);
    return { top: y, left: x, bottom: y + height, right: x + width, width, height, x, y, toJSON: () => ({}) } as DOMRect;
  });
}
