/**
 * The values a related pair's contrasts name, marked where its two texts give them. A related
 * pair (主题相关) is two provisions written apart on one subject; when they give different values
 * for one thing (`时长对比：20日内 ↔ 5个工作日内`), the engine hands on the contrast as a key
 * difference whose parts are marked `contrast`. The cell then marks each value in its own side's
 * text (the left value on the left, the right one on the right), as text nodes, so the reader
 * finds the two numbers in long texts at a glance.
 */
import type { Pair } from '$lib/bindings';
import { fold, markRuns, rangesIn } from './find';
import { sideRuns, type SideRun } from './rows';

/** A run of a side's text, `contrast` when it is a value one of the pair's contrasts names. */
export type ContrastRun = SideRun & { contrast?: boolean };

/** The values a side gives in the pair's contrasts (none unless the pair is related). */
export function contrastValues(p: Pair, side: 'left' | 'right'): string[] {
  if (p.kind !== 'related') return [];
  const values = p.key_diffs
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
  const text = fold(runs.map((r) => r.text).join(''));
  const ranges = values.flatMap((v) => rangesIn(text, fold(v))).sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  // Overlapping values (`5个工作日` inside `15个工作日`) make one mark.
  const merged: Array<[number, number]> = [];
  for (const [s, e] of ranges) {
    const last = merged[merged.length - 1];
    if (last && s < last[1]) last[1] = Math.max(last[1], e);
    else merged.push([s, e]);
  }
  return markRuns(runs, merged).map(({ hit, ...r }) => (hit ? { ...r, contrast: true } : r));
}
