/**
 * Pure functions over a coverage matrix: what a cell says (symbol, kind, badges), which rows
 * a filter shows, the row order. The matrix state ({@link MatrixState}) composes them; they
 * are tested on their own.
 */
import type { CellKind, Direction, KeyDiffKind, Matrix, MatrixCell, MatrixRow } from '$lib/bindings';

/** Every cell kind, in legend order. */
export const CELL_KINDS: readonly CellKind[] = ['same', 'modified', 'related', 'missing'];

/** The symbol of each kind, so a cell reads without colour (as in the exports). */
export const CELL_SYMBOLS: Record<CellKind, string> = { same: '●', modified: '◐', related: '◇', missing: '×' };

/** Whether a document adopted the unit (`same` or `modified`), as the core counts it. */
export function isAdopted(c: MatrixCell): boolean {
  return c.kind === 'same' || c.kind === 'modified';
}

/**
 * How many documents adopted a row's unit; `null` for a structural unit (the title, the cover
 * letter, the signature), which every document has by its role and the core does not count.
 */
export function adopted(r: MatrixRow): number | null {
  return r.unit.structural ? null : r.cells.filter(isAdopted).length;
}

/** A cell's badge: a substantive key difference's kind and direction. */
export interface Badge {
  kind: KeyDiffKind;
  direction: Direction | null;
}

/** The badges of a cell: its substantive key differences, each kind and direction once. */
export function badges(c: MatrixCell): Badge[] {
  const out: Badge[] = [];
  for (const k of c.key_diffs) {
    if (k.substantive === false) continue;
    const direction = k.direction ?? null;
    if (!out.some((b) => b.kind === k.kind && b.direction === direction)) out.push({ kind: k.kind, direction });
  }
  return out;
}

/**
 * Row filters: every row, rows some document left out (`missing`), rows some document
 * changed (`changed`: modified or only related). Values match the filter select's options.
 */
export type MatrixFilter = 'all' | 'missing' | 'changed';
export const MATRIX_FILTERS: readonly MatrixFilter[] = ['all', 'missing', 'changed'];

/** Whether a filter shows a row. */
export function showsRow(filter: MatrixFilter, r: MatrixRow): boolean {
  switch (filter) {
    case 'all':
      return true;
    case 'missing':
      return r.cells.some((c) => c.kind === 'missing');
    case 'changed':
      return r.cells.some((c) => c.kind === 'modified' || c.kind === 'related');
  }
}

/** Row orders: the base's reading order, or most adopted first (ties in reading order). */
export type MatrixOrder = 'reading' | 'adoption';

/** Indices into `m.rows` of the rows a filter shows, in the chosen order. */
export function visibleRows(m: Matrix, filter: MatrixFilter, order: MatrixOrder): number[] {
  const shown = m.rows.map((_, i) => i).filter((i) => showsRow(filter, m.rows[i]!));
  if (order === 'adoption') {
    // Uncounted (structural) units last, as the core sorts them.
    const count = shown.map((i) => adopted(m.rows[i]!) ?? -1);
    const at = new Map(shown.map((i, k) => [i, count[k]!]));
    // Array.prototype.sort is stable: equal counts keep reading order.
    shown.sort((a, b) => at.get(b)! - at.get(a)!);
  }
  return shown;
}

/** The heading of a unit, or the opening words of its text after its label. */
export function gist(u: { label: string; heading: string | null; text: string }): string {
  if (u.heading && u.heading.trim()) return u.heading.trim();
  const t = (u.text.startsWith(u.label) ? u.text.slice(u.label.length) : u.text).replace(/\s+/gu, ' ').trim();
  const chars = [...t];
  return chars.length > 16 ? `${chars.slice(0, 16).join('')}…` : t;
}
