/**
 * Library list filtering and sorting, done in the UI over the full document list so that
 * changing a filter is instant (the list is small: tens to a few thousand rows).
 */
import type { DocRow, Level } from '$lib/bindings';

/** Sort orders offered in the library pane. */
export type LibrarySort = 'date_desc' | 'date_asc' | 'title';

/** Filters of the library pane; `null` means "all". */
export interface LibraryFilter {
  /** A province or city name (`广东`, `佛山`). */
  region: string | null;
  level: Level | null;
  year: number | null;
  sort: LibrarySort;
}

/** The filter showing everything, newest first. */
export const NO_FILTER: LibraryFilter = { region: null, level: null, year: null, sort: 'date_desc' };

/** Year of a document's date, if any. */
export function yearOf(d: Pick<DocRow, 'date'>): number | null {
  const m = /^(\d{4})/u.exec(d.date ?? '');
  return m ? Number(m[1]) : null;
}

/** Keep the documents matching every set filter, in the chosen order. */
export function filterDocs(docs: readonly DocRow[], f: LibraryFilter): DocRow[] {
  const out = docs.filter(
    (d) =>
      (f.region === null || d.province === f.region || d.city === f.region) &&
      (f.level === null || d.level === f.level) &&
      (f.year === null || yearOf(d) === f.year),
  );
  const collator = new Intl.Collator('zh-CN');
  const byDate = (a: DocRow, b: DocRow) => (a.date ?? '').localeCompare(b.date ?? '');
  switch (f.sort) {
    case 'date_asc':
      // Undated documents last in both date orders.
      return out.sort((a, b) => (!a.date ? 1 : !b.date ? -1 : byDate(a, b) || a.id - b.id));
    case 'date_desc':
      return out.sort((a, b) => (!a.date ? 1 : !b.date ? -1 : byDate(b, a) || a.id - b.id));
    case 'title':
      return out.sort((a, b) => collator.compare(a.title, b.title) || a.id - b.id);
  }
}

/** Region choices: each province, with its cities after it. */
export interface RegionOption {
  value: string;
  /** 0 for a province, 1 for a city. */
  depth: 0 | 1;
}

/** Provinces and cities present in the list, cities grouped under their province. */
export function regionOptions(docs: readonly Pick<DocRow, 'province' | 'city'>[]): RegionOption[] {
  const tree = new Map<string, Set<string>>();
  for (const d of docs) {
    const p = d.province ?? '';
    if (!tree.has(p)) tree.set(p, new Set());
    if (d.city) tree.get(p)!.add(d.city);
  }
  const collator = new Intl.Collator('zh-CN');
  const out: RegionOption[] = [];
  for (const p of [...tree.keys()].sort(collator.compare)) {
    if (p) out.push({ value: p, depth: 0 });
    for (const c of [...tree.get(p)!].sort(collator.compare)) out.push({ value: c, depth: p ? 1 : 0 });
  }
  return out;
}

/** Years present in the list, newest first. */
export function yearOptions(docs: readonly DocRow[]): number[] {
  return [...new Set(docs.map(yearOf).filter((y): y is number => y !== null))].sort((a, b) => b - a);
}

/** Normalise a 文号 for matching: no spaces, any bracket style as `〔〕`. */
export function normalizeDocNumber(s: string): string {
  return s.replace(/\s+/gu, '').replace(/[（(［[]/gu, '〔').replace(/[）)］\]]/gu, '〕');
}

/** The document carrying a 文号, if any (matching is insensitive to spacing and bracket style). */
export function findByDocNumber(docs: readonly DocRow[], docNumber: string): DocRow | undefined {
  const want = normalizeDocNumber(docNumber);
  return docs.find((d) => d.doc_number !== null && normalizeDocNumber(d.doc_number) === want);
}
