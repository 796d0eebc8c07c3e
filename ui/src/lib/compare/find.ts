/**
 * Find in a comparison (Ctrl+F): which rows hold a text, and where in a cell's runs it
 * stands, so the matches are marked as text nodes inside the diff (never as HTML).
 * Matching ignores case and full-/half-width (`１２３４５` finds `12345`); the folding
 * keeps every character's length, so a match's place in the folded text is its place in
 * the shown one.
 */
import type { Pair } from '$lib/bindings';
import { sideRuns, type SideRun } from './rows';

/** One character folded for matching: full-width ASCII to ASCII, ideographic space to space, lower case. */
function foldChar(c: string): string {
  const code = c.charCodeAt(0);
  if (code >= 0xff01 && code <= 0xff5e) return String.fromCharCode(code - 0xfee0).toLowerCase();
  if (code === 0x3000) return ' ';
  const lower = c.toLowerCase();
  return lower.length === c.length ? lower : c;
}

/** `s` folded for matching, one UTF-16 unit for one (see {@link foldChar}). */
export function fold(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) out += foldChar(s[i]!);
  return out;
}

/** The query as it is matched: folded and trimmed; empty finds nothing. */
export function needle(query: string): string {
  return fold(query.trim());
}

/** Start and end (UTF-16 indices) of each match of `folded` in `text`, left to right, not overlapping. */
export function matchRanges(text: string, folded: string): Array<[number, number]> {
  return rangesIn(fold(text), folded);
}

/** {@link matchRanges} in a text already folded (see {@link foldedSides}). */
export function rangesIn(hay: string, folded: string): Array<[number, number]> {
  if (!folded) return [];
  const out: Array<[number, number]> = [];
  for (let at = hay.indexOf(folded); at >= 0; at = hay.indexOf(folded, at + folded.length)) {
    out.push([at, at + folded.length]);
  }
  return out;
}

/** The text a side of a pair shows (its runs joined). */
export function shownText(p: Pair, side: 'left' | 'right'): string {
  return sideRuns(p, side)
    .map((r) => r.text)
    .join('');
}

/** The text each side of a pair shows, folded: once per comparison, not per keystroke. */
export function foldedSides(p: Pair): { left: string; right: string } {
  return { left: fold(shownText(p, 'left')), right: fold(shownText(p, 'right')) };
}

/** Where a pair's two sides show the find text. */
export interface SideHits {
  left: Array<[number, number]>;
  right: Array<[number, number]>;
}

/** The matches of `folded` in a pair's folded sides; `null` when neither side has one. */
export function sideHits(sides: { left: string; right: string }, folded: string): SideHits | null {
  const left = rangesIn(sides.left, folded);
  const right = rangesIn(sides.right, folded);
  return left.length || right.length ? { left, right } : null;
}

/** A piece of a cell: a run (or part of one) with the run's flags, `hit` when it lies inside a match. */
export type Piece<R extends { text: string } = SideRun> = R & { hit: boolean };

/** Cut the runs at the matches' ends: a match across two runs is marked in both. */
export function markRuns<R extends { text: string }>(runs: ReadonlyArray<R>, ranges: ReadonlyArray<[number, number]>): Piece<R>[] {
  const out: Piece<R>[] = [];
  let pos = 0;
  let k = 0;
  for (const r of runs) {
    const end = pos + r.text.length;
    let at = pos;
    while (at < end) {
      while (k < ranges.length && ranges[k]![1] <= at) k++;
      const m = ranges[k];
      let cut: number;
      let hit: boolean;
      if (!m || m[0] >= end) {
        cut = end;
        hit = false;
      } else if (m[0] > at) {
        cut = m[0];
        hit = false;
      } else {
        cut = Math.min(m[1], end);
        hit = true;
      }
      out.push({ ...r, text: r.text.slice(at - pos, cut - pos), hit });
      at = cut;
    }
    pos = end;
  }
  return out;
}

/** The match after (dir 1) or before (dir -1) `current` among `found`, wrapping around. */
export function stepFound(
  found: readonly number[],
  current: number | null,
  dir: 1 | -1,
  rank: (i: number) => number = (i) => i,
): number | null {
  if (found.length === 0) return null;
  if (current === null) return dir === 1 ? found[0]! : found[found.length - 1]!;
  const at = rank(current);
  if (dir === 1) return found.find((i) => rank(i) > at) ?? found[0]!;
  for (let k = found.length - 1; k >= 0; k--) if (rank(found[k]!) < at) return found[k]!;
  return found[found.length - 1]!;
}
