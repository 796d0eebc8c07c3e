/**
 * The roving list keeps the row it moves to fully inside its scroll region (the summary's key
 * points and key differences, the notes, the search hits). jsdom has no layout: the scroll
 * region and the rows are given boxes that follow `scrollTop`.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { roving } from './roving';
import { revealInScroller, scrollParent } from '$lib/compare/reveal';

afterEach(() => {
  document.body.innerHTML = '';
});

const VIEW_TOP = 100;
const VIEW_H = 100;

/**
 * A scroll region 100 px high at y=100 holding a list of `heights.length` rows, each with a
 * jump button and a hide button; row boxes move with the region's scrollTop.
 */
function setup(heights: number[]) {
  const scroller = document.createElement('div');
  scroller.style.overflowY = 'auto';
  scroller.innerHTML = `<p>Heading</p><ol>${heights.map((_, i) => `<li><button class="jump">Point ${i}</button><button class="hide">Hide</button></li>`).join('')}</ol>`;
  document.body.append(scroller);
  let top = 0;
  Object.defineProperty(scroller, 'scrollTop', {
    get: () => top,
    set: (v: number) => (top = Math.max(0, v)),
  });
  Object.defineProperty(scroller, 'clientHeight', { get: () => VIEW_H });
  scroller.getBoundingClientRect = () => DOMRect.fromRect({ x: 0, y: VIEW_TOP, width: 300, height: VIEW_H });
  const list = scroller.querySelector('ol')!;
  const rows = [...list.querySelectorAll('li')];
  // 20 px of heading above the list.
  let y = 20;
  rows.forEach((row, i) => {
    const at = y;
    const h = heights[i]!;
    row.getBoundingClientRect = () => DOMRect.fromRect({ x: 0, y: VIEW_TOP + at - top, width: 300, height: h });
    // The buttons sit on the row's first line (a wrapped row is taller than they are).
    for (const b of row.querySelectorAll('button')) b.getBoundingClientRect = () => DOMRect.fromRect({ x: 0, y: VIEW_TOP + at - top, width: 100, height: 24 });
    y += h;
  });
  const r = roving(list);
  return { scroller, list, rows, roving: r, scrollTop: () => top };
}

/** The box of `el` relative to the scroll region's view. */
const inView = (el: HTMLElement) => {
  const b = el.getBoundingClientRect();
  return b.top >= VIEW_TOP && b.bottom <= VIEW_TOP + VIEW_H;
};

const key = (k: string) => document.activeElement!.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true, cancelable: true }));

describe('scrollParent', () => {
  it('is the list itself or the nearest ancestor that scrolls vertically, none when only the page does', () => {
    const { scroller, list } = setup([30]);
    expect(scrollParent(list)).toBe(scroller);
    // A list that scrolls on its own is its own scroll region.
    list.style.overflowY = 'scroll';
    expect(scrollParent(list)).toBe(list);
    const loose = document.createElement('ol');
    document.body.append(loose);
    expect(scrollParent(loose)).toBeNull();
  });
});

describe('revealInScroller', () => {
  it('scrolls the least to show the whole row with a little air, and not when it is in view', () => {
    const { scroller, rows } = setup([30, 30, 30, 30, 30]);
    // Rows at 20–50, 50–80, 80–110 (cut by 10 px), 110–140 …
    expect(revealInScroller(rows[1]!, scroller)).toBe(0);
    expect(revealInScroller(rows[2]!, scroller)).toBe(110 + 6 - VIEW_H);
    expect(scroller.scrollTop).toBe(16);
    expect(inView(rows[2]!)).toBe(true);
    // Back up to a row above the view: its top comes to the view's top, less the air.
    scroller.scrollTop = 100;
    expect(revealInScroller(rows[1]!, scroller)).toBe(50 - 6 - 100);
    expect(inView(rows[1]!)).toBe(true);
  });

  it('puts a row taller than the view at its top', () => {
    const { scroller, rows } = setup([30, 160]);
    revealInScroller(rows[1]!, scroller);
    expect(rows[1]!.getBoundingClientRect().top).toBe(VIEW_TOP + 6);
  });
});

describe('roving in a scroll region', () => {
  it('brings each row it moves to fully into view, down and up, also from a row’s second button', () => {
    // A wrapped row (70 px) whose buttons are on its first line: focusing the button alone would leave it cut.
    const { rows, scrollTop } = setup([30, 30, 70, 30, 30, 30]);
    const focus = vi.spyOn(HTMLElement.prototype, 'focus');
    rows[0]!.querySelector<HTMLElement>('.hide')!.focus();
    for (let i = 1; i < rows.length; i++) {
      key('ArrowDown');
      expect(document.activeElement).toBe(rows[i]!.querySelector('.hide'));
      expect(inView(rows[i]!), `row ${i} down`).toBe(true);
    }
    expect(scrollTop()).toBeGreaterThan(0);
    // The browser is not left to scroll the button alone.
    expect(focus).toHaveBeenLastCalledWith({ preventScroll: true });
    for (let i = rows.length - 2; i >= 0; i--) {
      key('ArrowUp');
      expect(inView(rows[i]!), `row ${i} up`).toBe(true);
    }
    key('End');
    expect(inView(rows.at(-1)!)).toBe(true);
    key('Home');
    expect(inView(rows[0]!)).toBe(true);
    focus.mockRestore();
  });
});
