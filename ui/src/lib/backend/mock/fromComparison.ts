/**
 * Stored documents made from one side of a real comparison (the generated fixtures): the
 * side's metadata, and its units as the clauses, with the comparison's paths and labels, so
 * component tests can ask the mock about real clauses by their real paths.
 */
import type { Comparison, DocInfo, StoredDoc, UnitView } from '$lib/bindings';

/** Document `id`: side `side` of `comparison`, with `extra` (a line) before its units' text. */
export function storedFromSide(comparison: Comparison, id: number, side: 'left' | 'right', extra = ''): StoredDoc {
  const { id: _id, ...meta } = comparison[side] as DocInfo;
  const units = comparison.pairs.map((p) => p[side]).filter((u): u is UnitView => u !== null);
  const text = [extra, ...units.map((u) => u.text)].filter(Boolean).join('\n');
  return {
    id,
    meta: meta as StoredDoc['meta'],
    original: text,
    text,
    tree: {
      clauses: units.map((u, index) => ({
        index,
        parent: null,
        children: [],
        depth: 1,
        kind: 'point',
        label: u.label,
        path: u.path,
        heading: u.heading,
        text: u.text,
        original: u.text,
        in_article: false,
      })),
    },
  } as StoredDoc;
}
