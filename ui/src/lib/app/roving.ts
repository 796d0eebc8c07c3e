/**
 * One tab stop for a list of buttons ("roving tabindex"): Tab enters the list at the item
 * last used (the first at the start) and leaves it at once; the arrow keys move inside it.
 * Up/Down go to the same button of the row above/below, Left/Right along a row (a key point
 * has its jump, pin and hide buttons), PageUp/PageDown by a page of rows, Home/End (or
 * Ctrl+Home/End) to the first button of the first/last row. Used on the summary's lists, which
 * would otherwise put a hundred tab stops between the top bar and the table, on the search
 * hits, and on the library's virtual list ({@link VirtualRows}). A plain list scrolls the row
 * it moves to fully into its scroll region ({@link revealInScroller}).
 */

import { revealInScroller, scrollParent } from '$lib/compare/reveal';

export interface RovingOptions {
  /** The rows, relative to the list element (default: its `li` children). */
  rows?: string;
  /** Rows a PageUp/PageDown moves (default: about as many as the list shows). */
  page?: () => number;
  /** The list is virtual: only some of its rows are in the DOM. */
  virtual?: VirtualRows;
}

/**
 * A virtual list: only the rows near the view are in the DOM, each with its position in the
 * whole list in `data-index`. The active row is kept as a position (its element comes and goes
 * as the list scrolls), and moving to a row not rendered asks the list to render it first.
 */
export interface VirtualRows {
  /** Rows in the whole list. */
  count(): number;
  /** The first row in view: the tab stop until a row has been used. */
  first(): number;
  /**
   * Scroll row `index` into view and return its element once it is rendered with its buttons
   * (at once when it already is), or null when it could not be (its page failed to load).
   */
  reveal(index: number): HTMLElement | null | Promise<HTMLElement | null>;
  /** The active row changed (null: none yet). The list keeps that row rendered, in view or not. */
  onactive?(index: number | null): void;
}

export interface Roving {
  update(options?: RovingOptions): void;
  destroy(): void;
  /** Virtual lists: make row `index` the active one (its first button the tab stop), or none. */
  activate(index: number | null): void;
}

const CELLS = 'button:not(:disabled), a[href]';
/** Rows per PageUp/PageDown when the list's height is not known. */
const DEFAULT_PAGE = 10;

export function roving(node: HTMLElement, options: RovingOptions = {}): Roving {
  let opts = options;
  let rowSel = opts.rows ?? ':scope > li';
  /** Plain lists: the active button. */
  let active: HTMLElement | null = null;
  /** Virtual lists: the active row and button (column). */
  let at: { index: number; col: number } | null = null;
  /** Bumped by each move or focus: a move still waiting for its row gives up when it changed. */
  let moves = 0;
  /** A move is waiting for its row to be rendered: keys move on from where it goes. */
  let moving = false;

  const rows = (): HTMLElement[] => [...node.querySelectorAll<HTMLElement>(rowSel)].filter((r) => r.querySelector(CELLS));
  const cells = (row: Element): HTMLElement[] => [...row.querySelectorAll<HTMLElement>(CELLS)];
  const cellAt = (row: Element | undefined, col: number) => {
    const cs = row ? cells(row) : [];
    return cs[Math.max(0, Math.min(col, cs.length - 1))];
  };
  const indexOf = (row: HTMLElement) => Number(row.dataset.index);
  const clampRow = (i: number, n: number) => Math.max(0, Math.min(n - 1, i));
  function pageRows(rs: HTMLElement[]): number {
    if (opts.page) return Math.max(1, opts.page());
    const h = rs[0]?.offsetHeight ?? 0;
    return h > 0 && node.clientHeight > 0 ? Math.max(1, Math.floor(node.clientHeight / h)) : DEFAULT_PAGE;
  }

  /** The cell that is the list's tab stop now. */
  function stop(rs: HTMLElement[]): HTMLElement | null {
    const v = opts.virtual;
    if (!v) {
      const list = rs.flatMap(cells);
      if (!active || !list.includes(active)) active = list[0] ?? null;
      return active;
    }
    const row = at ? rs.find((r) => indexOf(r) === at!.index) : undefined;
    if (row && at) return cellAt(row, at.col) ?? null;
    // No row used yet (or it is not rendered yet): the first row in view.
    const first = v.first();
    return cellAt(rs.find((r) => indexOf(r) >= first) ?? rs.at(-1), 0) ?? null;
  }

  /** Exactly one tab stop among the rows' buttons. */
  function normalize() {
    const rs = rows();
    const s = stop(rs);
    for (const c of rs.flatMap(cells)) {
      const want = c === s ? '0' : '-1';
      if (c.getAttribute('tabindex') !== want) c.setAttribute('tabindex', want);
    }
  }

  function setAt(index: number | null, col = 0) {
    const was = at?.index ?? null;
    at = index === null ? null : { index, col };
    if (was !== index) opts.virtual?.onactive?.(index);
  }

  /**
   * Focus `to` with its whole row in view. The browser's own focus scrolling only brings the
   * button itself in, and not always fully (it can stop with the row cut at the scroll region's
   * edge), so the list's scroll region is scrolled to the row instead.
   */
  function move(to: HTMLElement | undefined) {
    if (!to) return;
    active = to;
    normalize();
    const scroller = scrollParent(node);
    if (!scroller) {
      to.focus();
      return;
    }
    to.focus({ preventScroll: true });
    const row = rows().find((r) => r.contains(to)) ?? to;
    revealInScroller(row, scroller);
  }

  /** Virtual lists: to row `index` (clamped), button `col`, rendering it first when needed. */
  async function go(v: VirtualRows, index: number, col: number) {
    const n = v.count();
    if (n === 0) return;
    index = clampRow(index, n);
    setAt(index, col);
    const token = ++moves;
    const got = v.reveal(index);
    let row: HTMLElement | null;
    if (got instanceof Promise) {
      moving = true;
      try {
        row = await got;
      } finally {
        if (token === moves) moving = false;
      }
    } else row = got;
    if (token !== moves) return;
    const cell = cellAt(row ?? undefined, col);
    normalize();
    cell?.focus();
  }

  function onKey(e: KeyboardEvent) {
    if (e.altKey || e.metaKey || (e.ctrlKey && e.key !== 'Home' && e.key !== 'End')) return;
    const cell = (e.target as HTMLElement).closest<HTMLElement>(CELLS);
    if (!cell || !node.contains(cell)) return;
    const rs = rows();
    const r = rs.findIndex((row) => row.contains(cell));
    if (r < 0) return;
    const here = cells(rs[r]!);
    const c = here.indexOf(cell);
    const keys = ['ArrowDown', 'ArrowUp', 'ArrowRight', 'ArrowLeft', 'Home', 'End', 'PageDown', 'PageUp'];
    if (!keys.includes(e.key)) return;
    e.preventDefault();
    const v = opts.virtual;
    if (v) {
      // From where the last move goes when it is still waiting for its row (keys held down).
      const from = moving && at ? at : { index: indexOf(rs[r]!), col: c };
      const page = pageRows(rs);
      if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
        if (moving) return;
        const to = here[c + (e.key === 'ArrowRight' ? 1 : -1)];
        if (to) {
          setAt(from.index, c + (e.key === 'ArrowRight' ? 1 : -1));
          normalize();
          to.focus();
        }
        return;
      }
      const target: Record<string, [number, number]> = {
        ArrowDown: [from.index + 1, from.col],
        ArrowUp: [from.index - 1, from.col],
        PageDown: [from.index + page, from.col],
        PageUp: [from.index - page, from.col],
        Home: [0, 0],
        End: [v.count() - 1, 0],
      };
      const [index, col] = target[e.key]!;
      void go(v, index, col);
      return;
    }
    const same = (row: HTMLElement | undefined) => cellAt(row, c);
    const page = pageRows(rs);
    if (e.key === 'ArrowDown') move(same(rs[r + 1]));
    else if (e.key === 'ArrowUp') move(same(rs[r - 1]));
    else if (e.key === 'ArrowRight') move(here[c + 1]);
    else if (e.key === 'ArrowLeft') move(here[c - 1]);
    else if (e.key === 'PageDown') move(same(rs[clampRow(r + page, rs.length)]));
    else if (e.key === 'PageUp') move(same(rs[clampRow(r - page, rs.length)]));
    else if (e.key === 'Home') move(rs[0] && cells(rs[0])[0]);
    else if (e.key === 'End') move(rs.length ? cells(rs[rs.length - 1]!)[0] : undefined);
  }

  function onFocus(e: FocusEvent) {
    const cell = (e.target as HTMLElement).closest<HTMLElement>(CELLS);
    if (!cell || !node.contains(cell)) return;
    const v = opts.virtual;
    if (v) {
      const row = rows().find((r) => r.contains(cell));
      if (!row) return;
      const index = indexOf(row);
      const col = cells(row).indexOf(cell);
      if (at?.index === index && at.col === col) return;
      // A click elsewhere in the list overrides a move still waiting for its row.
      if (!moving || at?.index !== index) moves++;
      setAt(index, col);
      normalize();
    } else if (cell !== active) {
      active = cell;
      normalize();
    }
  }

  // Rows come and go (a point pinned, hidden, a note added; a virtual list scrolled): keep the one tab stop.
  const observer = typeof MutationObserver === 'function' ? new MutationObserver(() => normalize()) : null;
  observer?.observe(node, { childList: true, subtree: true, attributes: true, attributeFilter: ['disabled'] });
  node.addEventListener('keydown', onKey);
  node.addEventListener('focusin', onFocus);
  normalize();

  return {
    update(o: RovingOptions = {}) {
      opts = o;
      rowSel = o.rows ?? ':scope > li';
      normalize();
    },
    destroy() {
      moves++;
      observer?.disconnect();
      node.removeEventListener('keydown', onKey);
      node.removeEventListener('focusin', onFocus);
    },
    activate(index: number | null) {
      if (!opts.virtual) return;
      moves++;
      moving = false;
      setAt(index === null ? null : clampRow(index, opts.virtual.count()), 0);
      normalize();
    },
  };
}
