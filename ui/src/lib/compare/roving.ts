/**
 * One tab stop for a list of buttons ("roving tabindex"): Tab enters the list at the item
 * last used (the first at the start) and leaves it at once; the arrow keys move inside it.
 * Up/Down go to the same button of the row above/below, Left/Right along a row (a key point
 * has its jump, pin and hide buttons), Home/End to the first/last row. Used on the summary's
 * lists, which would otherwise put a hundred tab stops between the top bar and the table.
 */

export interface RovingOptions {
  /** The rows, relative to the list element (default: its `li` children). */
  rows?: string;
}

const CELLS = 'button:not(:disabled), a[href]';

export function roving(node: HTMLElement, options: RovingOptions = {}) {
  let rowSel = options.rows ?? ':scope > li';
  let active: HTMLElement | null = null;

  const rows = (): HTMLElement[] => [...node.querySelectorAll<HTMLElement>(rowSel)].filter((r) => r.querySelector(CELLS));
  const cells = (row: Element): HTMLElement[] => [...row.querySelectorAll<HTMLElement>(CELLS)];
  const all = (): HTMLElement[] => [...node.querySelectorAll<HTMLElement>(CELLS)];

  /** Exactly one tab stop: the active cell when it is still there, else the first. */
  function normalize() {
    const list = all();
    if (!active || !list.includes(active)) active = list[0] ?? null;
    for (const c of list) {
      const want = c === active ? '0' : '-1';
      if (c.getAttribute('tabindex') !== want) c.setAttribute('tabindex', want);
    }
  }

  function move(to: HTMLElement | undefined, e: KeyboardEvent) {
    e.preventDefault();
    if (!to) return;
    active = to;
    normalize();
    to.focus();
  }

  function onKey(e: KeyboardEvent) {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    const cell = (e.target as HTMLElement).closest<HTMLElement>(CELLS);
    if (!cell || !node.contains(cell)) return;
    const rs = rows();
    const r = rs.findIndex((row) => row.contains(cell));
    if (r < 0) return;
    const here = cells(rs[r]!);
    const c = here.indexOf(cell);
    const at = (row: HTMLElement | undefined) => (row ? cells(row)[Math.min(c, cells(row).length - 1)] : undefined);
    if (e.key === 'ArrowDown') move(at(rs[r + 1]), e);
    else if (e.key === 'ArrowUp') move(at(rs[r - 1]), e);
    else if (e.key === 'ArrowRight') move(here[c + 1], e);
    else if (e.key === 'ArrowLeft') move(here[c - 1], e);
    else if (e.key === 'Home') move(rs[0] && cells(rs[0])[0], e);
    else if (e.key === 'End') move(rs.length ? cells(rs[rs.length - 1]!)[0] : undefined, e);
  }

  function onFocus(e: FocusEvent) {
    const cell = (e.target as HTMLElement).closest<HTMLElement>(CELLS);
    if (cell && node.contains(cell) && cell !== active) {
      active = cell;
      normalize();
    }
  }

  // Rows come and go (a point pinned, hidden, a note added): keep the one tab stop.
  const observer = typeof MutationObserver === 'function' ? new MutationObserver(() => normalize()) : null;
  observer?.observe(node, { childList: true, subtree: true, attributes: true, attributeFilter: ['disabled'] });
  node.addEventListener('keydown', onKey);
  node.addEventListener('focusin', onFocus);
  normalize();

  return {
    update(o: RovingOptions = {}) {
      rowSel = o.rows ?? ':scope > li';
      normalize();
    },
    destroy() {
      observer?.disconnect();
      node.removeEventListener('keydown', onKey);
      node.removeEventListener('focusin', onFocus);
    },
  };
}
