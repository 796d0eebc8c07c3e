/**
 * The values a related pair's contrasts name, marked where its two texts give them. A related
 * pair (主题相关) is two provisions written apart on one subject; when they give different values
 * for one thing (`时长对比：20日内 ↔ 5个工作日内`), the engine hands on the contrast as a key
 * difference whose parts are marked `contrast`. The cell then marks each value in its own side's
 * text (the left value on the left, the right one on the right), as text nodes, so the reader
 * finds the two numbers in long texts at a glance.
 */
import type { KeyDiff, Pair, SimilarClause, WordOp } from '$lib/bindings';
import { fold, markRuns, rangesIn, type Piece } from './find';
import { sideRuns, type SideRun } from './rows';

/** A run of a side's text, `contrast` when it is a value one of the pair's contrasts names. */
export type ContrastRun = SideRun & { contrast?: boolean };

/** The values a side gives in the pair's contrasts (none unless the pair is related). */
export function contrastValues(p: Pair, side: 'left' | 'right'): string[] {
  return p.kind === 'related' ? sideValues(p.key_diffs, side) : [];
}

/** The values one side gives in the contrasts among `keys`, each once. */
function sideValues(keys: readonly KeyDiff[], side: 'left' | 'right'): string[] {
  const values = keys
    .flatMap((k) => k.parts ?? [])
    .filter((x) => x.contrast)
    .map((x) => x[side])
    .filter((v) => v.length > 0);
  return [...new Set(values)];
}

/**
 * The side's runs with every place its contrast values stand marked (matched as the find bar
 * matches: case and full-/half-width folded). A value the text spells otherwise is left unmarked.
 */
export function contrastRuns(p: Pair, side: 'left' | 'right'): ContrastRun[] {
  const runs = sideRuns(p, side);
  const values = contrastValues(p, side);
  if (!values.length) return runs;
  const ranges = valueRanges(runs.map((r) => r.text).join(''), values);
  return markRuns(runs, ranges).map(({ hit, ...r }) => (hit ? { ...r, contrast: true } : r));
}

/**
 * Where `values` stand in `text` (UTF-16 ranges, in order, matched as the find bar matches);
 * overlapping values (`5个工作日` inside `15个工作日`) make one range.
 */
export function valueRanges(text: string, values: readonly string[]): Array<[number, number]> {
  const hay = fold(text);
  const ranges = values.flatMap((v) => rangesIn(hay, fold(v))).sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const merged: Array<[number, number]> = [];
  for (const [s, e] of ranges) {
    const last = merged[merged.length - 1];
    if (last && s < last[1]) last[1] = Math.max(last[1], e);
    else merged.push([s, e]);
  }
  return merged;
}

/**
 * A similar clause's text as the panel shows a weak match (the chosen clause's runs left out),
 * cut where the values its contrasts name stand (`hit`).
 */
export function similarRuns(c: SimilarClause): Piece<WordOp>[] {
  const runs = c.diff.filter((o) => o.tag !== 'delete');
  const values = sideValues(c.contrasts ?? [], 'right');
  return markRuns(runs, values.length ? valueRanges(runs.map((r) => r.text).join(''), values) : []);
}
