/**
 * The mock's coverage matrix: its own pairwise comparisons read into cells as the core's
 * `policydiff::matrix::assemble` does (same → same, modified/moved/split/merged → modified
 * or same, related → related, no pair → missing; right-only units are additions). Rough,
 * like the rest of the mock.
 */
import type { AddedUnit, CellKind, Comparison, Matrix, MatrixCell, MatrixRow, Pair, StoredDoc } from '$lib/bindings';

const RANK: Record<CellKind, number> = { same: 0, modified: 1, related: 2, missing: 3 };

function cellKind(p: Pair): CellKind | null {
  switch (p.kind) {
    case 'same':
      return 'same';
    case 'modified':
    case 'split':
    case 'merged':
      return 'modified';
    case 'moved':
      return p.similarity >= 1 ? 'same' : 'modified';
    case 'related':
      return 'related';
    default:
      return null;
  }
}

/** The matrix of `base` against `comparisons` (each base left, one document right), rows in reading order. */
export function assembleMatrix(base: StoredDoc, comparisons: readonly Comparison[]): Matrix {
  const rows: MatrixRow[] = base.tree.clauses
    .filter((c) => !c.in_article)
    .map((c) => ({ unit: { path: c.path, label: c.label, heading: c.heading, text: c.text }, cells: [] }));
  const rowOf = new Map(base.tree.clauses.filter((c) => !c.in_article).map((c, i) => [c.index, i]));
  const documents: Matrix['documents'] = [];
  const additions: Matrix['additions'] = [];
  for (const c of comparisons) {
    const cells: MatrixCell[] = rows.map(() => ({ doc: c.right.id, kind: 'missing', similarity: 0, paths: [], key_diffs: [] }));
    const added: Array<[number, AddedUnit]> = [];
    for (const p of c.pairs) {
      if (p.left) {
        const row = rowOf.get(p.left.clause);
        const kind = cellKind(p);
        if (row === undefined || kind === null) continue;
        const cell = cells[row]!;
        if (RANK[kind] < RANK[cell.kind]) cell.kind = kind;
        cell.similarity = Math.max(cell.similarity, p.similarity);
        if (p.right && !cell.paths.includes(p.right.path)) cell.paths.push(p.right.path);
        cell.key_diffs.push(...p.key_diffs);
      } else if (p.right) {
        added.push([p.right.clause, { path: p.right.path, label: p.right.label, text: p.right.text }]);
      }
    }
    added.sort((a, b) => a[0] - b[0]);
    const counts = { same: 0, modified: 0, related: 0, missing: 0, additions: added.length };
    cells.forEach((cell, i) => {
      if (cell.kind === 'same') cell.similarity = 1;
      counts[cell.kind]++;
      rows[i]!.cells.push(cell);
    });
    // The core also adds the subject when two columns share a place; the mock names by place alone.
    const name = c.right.city ?? c.right.province ?? c.right.issuer ?? [...c.right.title].slice(0, 8).join('');
    documents.push({ ...c.right, name, coverage: rows.length ? (counts.same + counts.modified) / rows.length : 0, counts });
    additions.push({ doc: c.right.id, units: added.map(([, u]) => u) });
  }
  return { base: { id: base.id, ...base.meta }, documents, rows, additions };
}
