/**
 * The key points panel's (要点摘要) reading of a comparison: where each point's pair is, the
 * folded localisation and the counts. The points themselves and their order (the user's pins
 * first, hidden ones apart) come from the shell as they are; nothing here reorders them, so
 * the app shows what the CLI and every export show.
 */
import type { KeyPoint, Pair, Substitution } from '$lib/bindings';

/**
 * The engine draws key points only from pairs at least this similar (of a related pair, only
 * its contrasts): its `MIN_SIMILARITY`, generated into the bindings. Substantive findings of
 * other pairs are in the 重点差异 list but give no key point.
 */
export { KEY_POINT_MIN_SIMILARITY } from '$lib/bindings/formats';

/** Index of the pair a point comes from (same left and right paths), `null` when none. */
export function pairOf(pairs: Pair[], p: KeyPoint): number | null {
  const i = pairs.findIndex((x) => (x.left?.path ?? null) === p.left_path && (x.right?.path ?? null) === p.right_path);
  return i < 0 ? null : i;
}

/** One pair's localisation: its substitutions, folded into one line. */
export interface LocalisationEntry {
  pair: number;
  count: number;
  substitutions: Substitution[];
}

/** The localisation entries of a comparison, in pair order, and the substitutions in all. */
export function localisation(pairs: Pair[]): { entries: LocalisationEntry[]; total: number } {
  const entries: LocalisationEntry[] = [];
  pairs.forEach((p, pair) => {
    for (const k of p.key_diffs) {
      if (k.kind !== 'localisation') continue;
      const substitutions = k.substitutions ?? [];
      entries.push({ pair, count: k.count ?? substitutions.length, substitutions });
    }
  });
  return { entries, total: entries.reduce((n, e) => n + e.count, 0) };
}

/** Substantive key differences over all pairs (localisation is not). */
export function substantiveCount(pairs: Pair[]): number {
  return pairs.reduce((n, p) => n + p.key_diffs.filter((k) => k.substantive).length, 0);
}
