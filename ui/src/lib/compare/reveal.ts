/**
 * Scrolling inside the clause table so that something opened under a row (the note editor,
 * the 与…配对 picker) is seen together with the clause it belongs to.
 */

/** Vertical extent of a box on screen. */
export interface Span {
  top: number;
  bottom: number;
}

/**
 * How far to scroll a viewport (`view`, the part of the scroller below its sticky header)
 * so that `target` is in view and, as far as room allows, `context` above it too (the
 * row's clause): everything from the context's top to the target's bottom when it fits;
 * otherwise the target's bottom at the view's bottom (as much of the context as fits
 * above it), and the target's top at the view's top when the target alone is taller.
 * `margin` px are kept free at the bottom. Positive scrolls down; 0 when already in view.
 */
export function revealDelta(whole: Span, target: Span, context: Span = target, margin = 8): number {
  // A little air below the target (its border and the row's padding), when there is room.
  const view = { top: whole.top, bottom: whole.bottom - Math.min(margin, (whole.bottom - whole.top) / 10) };
  const room = view.bottom - view.top;
  const top = Math.min(context.top, target.top);
  if (target.bottom - top <= room) {
    if (top < view.top) return top - view.top;
    if (target.bottom > view.bottom) return target.bottom - view.bottom;
    return 0;
  }
  if (target.bottom - target.top > room) return target.top - view.top;
  return target.bottom - view.bottom;
}

/**
 * Scroll the clause table around `target` (see {@link revealDelta}), keeping the row it
 * stands in (`context`) visible above it as far as possible. Does nothing outside the table.
 */
export function revealInTable(target: HTMLElement, context: HTMLElement | null = target.closest<HTMLElement>('[role="row"]')): void {
  const scroller = target.closest<HTMLElement>('[data-testid="compare-table"]');
  if (!scroller) return;
  const box = scroller.getBoundingClientRect();
  const head = scroller.querySelector<HTMLElement>('[role="rowgroup"]');
  const headBottom = head && head.querySelector('[role="columnheader"]') ? head.getBoundingClientRect().bottom : box.top;
  const view = { top: Math.max(box.top, headBottom), bottom: box.bottom };
  const t = target.getBoundingClientRect();
  const c = (context ?? target).getBoundingClientRect();
  const d = revealDelta(view, t, c);
  if (d !== 0) scroller.scrollTop += d;
}

/**
 * The element that scrolls `el`'s content vertically (`overflow-y: auto | scroll`): `el` itself
 * (a list that scrolls on its own) or its nearest such ancestor below the page; or null.
 */
export function scrollParent(el: HTMLElement): HTMLElement | null {
  const doc = el.ownerDocument;
  for (let n: HTMLElement | null = el; n && n !== doc.body && n !== doc.documentElement; n = n.parentElement) {
    const o = getComputedStyle(n).overflowY;
    if (o === 'auto' || o === 'scroll') return n;
  }
  return null;
}

/**
 * Scroll `scroller` the least so that all of `target` (a list row) is in its view, `margin`
 * px of air on either side (room for a focus ring drawn outside the row); a row taller than
 * the view goes to its top. Returns the scroll applied (positive: down), 0 when in view.
 */
export function revealInScroller(target: HTMLElement, scroller: HTMLElement, margin = 6): number {
  const box = scroller.getBoundingClientRect();
  const top = box.top + scroller.clientTop;
  const view = { top, bottom: top + (scroller.clientHeight || box.height) };
  const t = target.getBoundingClientRect();
  const m = Math.max(0, Math.min(margin, (view.bottom - view.top) / 10));
  const span = { top: t.top - m, bottom: t.bottom + m };
  const d = revealDelta(view, span, span, 0);
  if (d !== 0) scroller.scrollTop += d;
  return d;
}
