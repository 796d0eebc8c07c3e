/**
 * The mock's coverage matrix: its own pairwise comparisons read into cells as the core's
 * `policydiff::matrix::assemble` does (same → same, modified/moved/split/merged → modified
 * or same, related → related, no pair → missing; right-only units are additions). Rough,
 * like the rest of the mock.
 */
import type { AddedUnit, CellKind, Clause, Comparison, DocMeta, Matrix, MatrixCell, MatrixRow, Pair, StoredDoc } from '$lib/bindings';

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

/** What a column's name is made from. */
type Named = Pick<DocMeta, 'title' | 'province' | 'city' | 'issuer'> & Partial<Pick<DocMeta, 'doc_number' | 'date'>>;

/** Characters of a subject kept in a name (more are cut with `…`). */
const SUBJECT_CHARS = 10;
/** Characters of a title kept when a document has no place or issuer. */
const TITLE_CHARS = 8;

/** The title without whitespace (titles broken over lines keep spaces). */
const squash = (s: string): string => s.replace(/\s/gu, '');

/** Where a document comes from: city, province, issuer or the title's opening. */
function place(m: Named): string {
  for (const s of [m.city, m.province, m.issuer]) {
    const v = s?.trim();
    if (v) return v;
  }
  return [...squash(m.title)].slice(0, TITLE_CHARS).join('');
}

/** `s` without a leading four-digit year (`2023年`). */
function stripYear(s: string): string {
  return /^[0-9]{4}年/u.test(s) ? s.slice(5) : s;
}

/**
 * What a document is about, from its title: the name inside 《》, else the words after the last
 * `关于` (without `印发` and `的通知`/`的通告`/`的公告`); then without its place and year at the
 * start; whole (the caller cuts it).
 */
function subject(m: Named): string {
  const title = squash(m.title);
  const a = title.indexOf('《');
  const b = title.indexOf('》');
  let s: string;
  if (a >= 0 && b >= 0 && a < b) {
    s = title.slice(a + 1, b);
  } else {
    const i = title.lastIndexOf('关于');
    let after = i >= 0 ? title.slice(i + 2) : title;
    if (after.startsWith('印发')) after = after.slice(2);
    const end = ['的通知', '的通告', '的公告'].find((e) => after.endsWith(e));
    s = end ? after.slice(0, after.length - end.length) : after;
  }
  const places = [m.province, m.city].flatMap((p) => (p == null ? [] : [`${p}省`, `${p}市`, p])).filter((p) => p !== '');
  for (;;) {
    const before = s.length;
    for (const p of places) if (s.startsWith(p)) s = s.slice(p.length);
    s = stripYear(s);
    if (s.length === before) break;
  }
  return s;
}

/**
 * Each document's column name, as the core's `names::column_names` gives it: its city, else its
 * province, else its issuer, else its title's opening; a name two or more documents would share
 * gets each one's subject added (`海南 · 专利奖评奖办法`), cut at {@link SUBJECT_CHARS} or where it
 * first differs from the other subjects of its place; one subject twice gets the 文号 (else the date).
 */
export function columnNames(docs: readonly Named[]): string[] {
  const bases = docs.map(place);
  const subjects = docs.map((d) => [...subject(d)]);
  const count = new Map<string, number>();
  for (const b of bases) count.set(b, (count.get(b) ?? 0) + 1);
  return bases.map((base, i) => {
    const sub = subjects[i]!;
    if (count.get(base)! < 2 || sub.length === 0 || sub.join('') === base) return base;
    let needed = SUBJECT_CHARS;
    let twin = false;
    bases.forEach((other, j) => {
      if (j === i || other !== base) return;
      const them = subjects[j]!;
      let common = 0;
      while (common < sub.length && common < them.length && sub[common] === them[common]) common++;
      if (common >= sub.length) twin = true;
      else needed = Math.max(needed, common + 1);
    });
    const shown = sub.slice(0, needed).join('') + (sub.length > needed ? '…' : '');
    const tell = twin ? [docs[i]!.doc_number, docs[i]!.date].map((s) => s?.trim()).find((s) => s) : undefined;
    return tell ? `${base} · ${shown} · ${tell}` : `${base} · ${shown}`;
  });
}

const ROLES = new Set(['title', 'cover', 'signature']);

/** A bare heading, roughly as the core's aligner tells one: a part, chapter or section, or one short line that is no sentence. */
function bareHeading(c: Clause): boolean {
  if (c.kind === 'part' || c.kind === 'chapter' || c.kind === 'section') return true;
  if (c.kind === 'article' || c.text.split('\n').filter((l) => l.trim()).length > 1) return false;
  const rest = c.text.slice(c.text.indexOf(c.label) + c.label.length).replace(/\s/gu, '');
  const sentence = /[；;：:，,]$/u.test(rest) || (!c.label && rest.endsWith('。')) || rest.replace(/[。.]$/u, '').includes('。');
  return !sentence && [...rest.replace(/[\p{P}\p{S}]/gu, '')].length <= 40;
}

/**
 * Which units are the base's items, as the core's `content_units` tells (all of them for a base
 * that has nothing else): not the title, cover letter or signature (they correspond by their
 * role), not a bare heading. (The core also leaves out the base's own commentary annex, 政策解读;
 * the mock's parser finds no annexes.)
 */
export function items(units: readonly Clause[]): boolean[] {
  // A heading over items; a short line with nothing under it is an item itself.
  const out = units.map((c) => !ROLES.has(c.kind) && !(bareHeading(c) && c.children.length > 0));
  return out.includes(true) ? out : out.map(() => true);
}

/** The matrix of `base` against `comparisons` (each base left, one document right), rows in reading order. */
export function assembleMatrix(base: StoredDoc, others: readonly StoredDoc[], comparisons: readonly Comparison[]): Matrix {
  // Rows but not counted: the units that are not the base's items.
  const units = base.tree.clauses.filter((c) => !c.in_article);
  const counts = items(units);
  const rows: MatrixRow[] = units.map((c, i) => ({
    unit: { path: c.path, label: c.label, heading: c.heading, text: c.text, structural: !counts[i] },
    cells: [],
  }));
  const counted = rows.filter((r) => !r.unit.structural).length;
  const rowOf = new Map(base.tree.clauses.filter((c) => !c.in_article).map((c, i) => [c.index, i]));
  const documents: Matrix['documents'] = [];
  const additions: Matrix['additions'] = [];
  for (const [j, c] of comparisons.entries()) {
    // The document's own items only are additions: not its title, cover letter, signature or headings.
    const units = others[j]!.tree.clauses.filter((u) => !u.in_article);
    const theirs = items(units);
    const addable = new Set(units.filter((_, i) => theirs[i]).map((u) => u.index));
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
        // A title, cover letter or signature says nothing about the plan's items (as the core).
        if (!rows[row]!.unit.structural) cell.key_diffs.push(...p.key_diffs);
      } else if (p.right && addable.has(p.right.clause)) {
        added.push([p.right.clause, { path: p.right.path, label: p.right.label, text: p.right.text }]);
      }
    }
    added.sort((a, b) => a[0] - b[0]);
    const counts = { same: 0, modified: 0, related: 0, missing: 0, additions: added.length };
    cells.forEach((cell, i) => {
      if (cell.kind === 'same') cell.similarity = 1;
      if (!rows[i]!.unit.structural) counts[cell.kind]++;
      rows[i]!.cells.push(cell);
    });
    documents.push({ ...c.right, name: '', coverage: counted ? (counts.same + counts.modified) / counted : 0, counts });
    additions.push({ doc: c.right.id, units: added.map(([, u]) => u) });
  }
  columnNames(documents).forEach((name, j) => (documents[j]!.name = name));
  return { base: { id: base.id, ...base.meta }, documents, rows, additions };
}
