/**
 * Stored documents made from one side of a real comparison (the generated fixtures): the
 * side's metadata, and its units as the clauses, with the comparison's paths and labels, so
 * component tests can ask the mock about real clauses by their real paths.
 */
import type { Comparison, DocInfo, StoredDoc, UnitView } from '$lib/bindings';

type Clause = StoredDoc['tree']['clauses'][number];

/** Unit `u` as clause `index` of an outline, under `parent`. */
function clauseOf(u: UnitView, index: number, parent: number | null, depth: number, kind: Clause['kind']): Clause {
  return {
    index,
    parent,
    children: [],
    depth,
    kind,
    label: u.label,
    path: u.path,
    heading: u.heading,
    text: u.text,
    original: u.text,
    in_article: false,
  };
}

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
      clauses: units.map((u, index) => clauseOf(u, index, null, 1, 'point')),
    },
  } as StoredDoc;
}

/**
 * The clause outline of side `side` of `comparison`: its units in document order, with the
 * comparison's paths, labels and kinds, nested by path (`二/（一）/1` under `二/（一）`).
 */
export function outlineFromSide(comparison: Comparison, side: 'left' | 'right'): StoredDoc['tree'] {
  const units = comparison.pairs
    .map((p) => p[side])
    .filter((u): u is UnitView => u !== null)
    .sort((a, b) => a.clause - b.clause);
  const clauses: StoredDoc['tree']['clauses'] = [];
  const byPath = new Map<string, number>();
  for (const u of units) {
    if (byPath.has(u.path)) continue;
    const slash = u.path.lastIndexOf('/');
    const parent = slash > 0 ? (byPath.get(u.path.slice(0, slash)) ?? null) : null;
    const index = clauses.length;
    clauses.push(clauseOf(u, index, parent, parent === null ? 0 : clauses[parent]!.depth + 1, u.kind));
    if (parent !== null) clauses[parent]!.children.push(index);
    byPath.set(u.path, index);
  }
  return { clauses };
}

/**
 * The documents with the outline of the fixture comparisons they are a side of (matched by
 * 文号, as the mock matches fixtures): the fixture is the core's result, so its unit paths
 * (`标题`, `印发通知`, `二/（二）/4`…) are what the UI asks the mock about later (similar
 * clauses, notes, pairings); the mock's rough outline of the corpus text names units otherwise
 * (`¶1`…). A document that already has every unit path of its side is left as it is.
 */
export function withFixtureOutlines(docs: StoredDoc[], fixtures: readonly Comparison[], key: (docNumber: string) => string): StoredDoc[] {
  return docs.map((d) => {
    const num = d.meta.doc_number ? key(d.meta.doc_number) : null;
    if (num === null) return d;
    for (const f of fixtures) {
      for (const side of ['left', 'right'] as const) {
        const fnum = f[side].doc_number;
        if (!fnum || key(fnum) !== num) continue;
        const paths = new Set(d.tree.clauses.map((c) => c.path));
        const outline = outlineFromSide(f, side);
        if (outline.clauses.every((c) => paths.has(c.path))) return d;
        return { ...d, tree: outline };
      }
    }
    return d;
  });
}
