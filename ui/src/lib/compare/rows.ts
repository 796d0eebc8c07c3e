/**
 * Pure functions over a comparison's pairs: which rows a filter shows, where the changes
 * are, how split/merge groups and moved pairs relate, and the flat key-difference list.
 * The view model ({@link CompareViewModel}) composes them; they are tested on their own.
 */
import type { KeyDiff, Pair, PairKind, PairOrder } from '$lib/bindings';

/** Row filters of the compare view (values match `[data-testid="filter-select"]` options). */
export type RowFilter = 'all' | 'changed' | 'paired' | 'one_sided' | 'suggested' | 'key';

/** Filter values in menu order. */
export const ROW_FILTERS: readonly RowFilter[] = ['all', 'changed', 'paired', 'one_sided', 'suggested', 'key'];

/** Kinds in summary order. */
export const PAIR_KINDS: readonly PairKind[] = ['same', 'modified', 'moved', 'split', 'merged', 'left_only', 'right_only'];

/** Whether a pair is a change (anything but `same`). */
export function isChange(p: Pair): boolean {
  return p.kind !== 'same';
}

/** Whether a pair has only one side. */
export function isOneSided(p: Pair): boolean {
  return p.kind === 'left_only' || p.kind === 'right_only';
}

/** Whether a filter shows a pair. */
export function shows(filter: RowFilter, p: Pair): boolean {
  switch (filter) {
    case 'all':
      return true;
    case 'changed':
      return isChange(p);
    case 'paired':
      // The correspondences (kept, changed or related in topic) without the one-sided clauses:
      // between documents written apart, most rows are one-sided.
      return !isOneSided(p);
    case 'one_sided':
      return isOneSided(p);
    case 'suggested':
      // One-sided clauses with possible counterparts (可能对应), to confirm or dismiss in turn.
      return (p.suggestions?.length ?? 0) > 0;
    case 'key':
      return p.key_diffs.length > 0;
  }
}

/**
 * Row orders of the compare view (the shell's `PairOrder`, which exports follow): as aligned
 * (the engine's order, which follows the right document where the two were written apart), or
 * in reading order of the left or the right document.
 */
export type { PairOrder };

/** Orders in menu order (values match `[data-testid="order-select"]` options). */
export const PAIR_ORDERS: readonly PairOrder[] = ['aligned', 'left', 'right'];

/**
 * The pairs' indices in `order`, as the shell orders an export's pairs (`Comparison::row_order`).
 * In a document's order, the pairs holding its clauses come by
 * clause (the rows of one clause together, as aligned among themselves), and a pair without one
 * (the other side's one-sided clause) stays after the clause it followed as aligned, so an
 * added item is read where it was added.
 */
export function rowOrder(pairs: readonly Pair[], order: PairOrder): number[] {
  const all = pairs.map((_, i) => i);
  if (order === 'aligned') return all;
  const side = order;
  // Sort keys: [clause of the side (or the one followed), 0 own / 1 following, aligned index].
  let followed = -1;
  const keys = pairs.map((p, i) => {
    const c = p[side]?.clause;
    if (c !== undefined) followed = c;
    return [c ?? followed, c === undefined ? 1 : 0, i] as const;
  });
  return all.sort((a, b) => {
    const x = keys[a]!;
    const y = keys[b]!;
    return x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
  });
}

/** Indices of the pairs a filter shows, in `ordered` (the row order; by default as aligned). */
export function visibleIndices(pairs: readonly Pair[], filter: RowFilter, ordered?: readonly number[]): number[] {
  return (ordered ?? pairs.map((_, i) => i)).filter((i) => shows(filter, pairs[i]!));
}

/**
 * The next (`dir` 1) or previous (`dir` -1) change among `candidates` (pair indices in row
 * order) from `current`; from nothing, the first or last. `null` when there is none that way.
 * `rank` gives a pair's place in the row order (by default its index).
 */
export function stepChange(
  candidates: readonly number[],
  current: number | null,
  dir: 1 | -1,
  rank: (i: number) => number = (i) => i,
): number | null {
  if (candidates.length === 0) return null;
  if (current === null) return dir === 1 ? candidates[0]! : candidates[candidates.length - 1]!;
  const at = rank(current);
  if (dir === 1) return candidates.find((i) => rank(i) > at) ?? null;
  for (let k = candidates.length - 1; k >= 0; k--) if (rank(candidates[k]!) < at) return candidates[k]!;
  return null;
}

/** A pair's place in its split/merge group. */
export interface GroupPlace {
  group: number;
  kind: PairKind;
  /** 1-based position in the group. */
  position: number;
  size: number;
}

/** For each pair, its place in its group (pairs sharing `group`), or `null`. */
export function groupPlaces(pairs: readonly Pair[]): Array<GroupPlace | null> {
  const members = new Map<number, number[]>();
  pairs.forEach((p, i) => {
    if (p.group !== null) {
      if (!members.has(p.group)) members.set(p.group, []);
      members.get(p.group)!.push(i);
    }
  });
  return pairs.map((p, i) => {
    if (p.group === null) return null;
    const m = members.get(p.group)!;
    return { group: p.group, kind: p.kind, position: m.indexOf(i) + 1, size: m.length };
  });
}

/** A key difference with the pair it belongs to. */
export interface KeyDiffEntry {
  pair: number;
  diff: KeyDiff;
}

/** All key differences in reading order, each with its pair index. */
export function keyDiffEntries(pairs: readonly Pair[]): KeyDiffEntry[] {
  return pairs.flatMap((p, pair) => p.key_diffs.map((diff) => ({ pair, diff })));
}

/**
 * Where a moved pair's clause would sit in reading order of the side it moved on: the
 * pair in front of which it used to stand. The side whose clause number is out of order
 * among its neighbours is the one that moved. `null` when the pair is not `moved` or
 * stands at the end.
 */
export function movedTarget(pairs: readonly Pair[], i: number): number | null {
  const p = pairs[i];
  if (!p || p.kind !== 'moved') return null;
  for (const side of ['left', 'right'] as const) {
    const c = p[side]?.clause;
    if (c === undefined) continue;
    const prev = findSide(pairs, i, -1, side);
    const next = findSide(pairs, i, 1, side);
    const inOrder = (prev === null || prev < c) && (next === null || c < next);
    if (inOrder) continue;
    // First other pair whose clause on this side comes after ours.
    for (let j = 0; j < pairs.length; j++) {
      if (j === i) continue;
      const cj = pairs[j]![side]?.clause;
      if (cj !== undefined && cj > c) return j;
    }
    return null;
  }
  return null;
}

function findSide(pairs: readonly Pair[], i: number, dir: 1 | -1, side: 'left' | 'right'): number | null {
  for (let j = i + dir; j >= 0 && j < pairs.length; j += dir) {
    const c = pairs[j]![side]?.clause;
    if (c !== undefined) return c;
  }
  return null;
}

/**
 * Whether a related pair's equal run is worth marking as shared words: it holds a letter or a
 * digit (CJK ideographs are letters). A lone `（` or `。`, or whitespace, shares no word.
 */
export function hasWords(text: string): boolean {
  return /[\p{L}\p{N}]/u.test(text);
}

/**
 * A run of a side's text: `changed` when it is a deletion (left) or insertion (right);
 * `renumbered` when it is the unit's own numbering label in a renumbered pair (`4.` → `1.`),
 * which reads as plain text (the places of the pair already show it).
 */
export interface SideRun {
  text: string;
  changed: boolean;
  renumbered?: boolean;
}

/** The texts of a pair's side with its diff runs: equal + delete on the left, equal + insert on the right. */
export function sideRuns(p: Pair, side: 'left' | 'right'): SideRun[] {
  const unit = p[side];
  if (!unit) return [];
  if (p.ops.length === 0) return [{ text: unit.text, changed: false }];
  const skip = side === 'left' ? 'insert' : 'delete';
  return p.ops
    .filter((o) => o.tag !== skip)
    .map((o) => (o.renumbered ? { text: o.text, changed: false, renumbered: true } : { text: o.text, changed: o.tag !== 'equal' }));
}

/**
 * Where one side's clause stands when it is shown on several rows: a clause related to several
 * clauses of the other document (a one-to-many correspondence between texts written apart), or
 * a split's whole. `rows` are the visible rows showing it, in order; `position` is this row's
 * 1-based place among them.
 */
export interface Repeat {
  rows: readonly number[];
  position: number;
}

/**
 * For one side, each visible row whose clause is shown on more than one visible row, with its
 * place among them. Rows hidden by the filter do not count, so the first row a reader sees
 * always holds the clause.
 */
export function sideRepeats(pairs: readonly Pair[], visible: readonly number[], side: 'left' | 'right'): Map<number, Repeat> {
  const rowsOf = new Map<number, number[]>();
  for (const i of visible) {
    const c = pairs[i]?.[side]?.clause;
    if (c === undefined) continue;
    const rows = rowsOf.get(c);
    if (rows) rows.push(i);
    else rowsOf.set(c, [i]);
  }
  const out = new Map<number, Repeat>();
  for (const rows of rowsOf.values()) {
    if (rows.length < 2) continue;
    rows.forEach((i, k) => out.set(i, { rows, position: k + 1 }));
  }
  return out;
}
