/**
 * The library pane's filters (applied by the store, a page at a time: `list_documents_page`),
 * the region menu built from the library's facets, and matching a 文号.
 */
import type { DocRow, Level, SearchScope } from '$lib/bindings';

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

/** Region choices: each province, with its cities after it. */
export interface RegionOption {
  value: string;
  /** 0 for a province, 1 for a city. */
  depth: 0 | 1;
}

/** Provinces and cities present (the facets' regions), cities grouped under their province. */
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

/** Normalise a 文号 for matching: no spaces, any bracket style as `〔〕`. */
export function normalizeDocNumber(s: string): string {
  return s.replace(/\s+/gu, '').replace(/[（(［[]/gu, '〔').replace(/[）)］\]]/gu, '〕');
}

/** The document carrying a 文号, if any (matching is insensitive to spacing and bracket style). */
export function findByDocNumber(docs: readonly DocRow[], docNumber: string): DocRow | undefined {
  const want = normalizeDocNumber(docNumber);
  return docs.find((d) => d.doc_number !== null && normalizeDocNumber(d.doc_number) === want);
}

/** The region, level and year filters are all "all" (the sort does not filter). */
export function filterIsEmpty(f: Pick<LibraryFilter, 'region' | 'level' | 'year'>): boolean {
  return f.region === null && f.level === null && f.year === null;
}

/** The documents a full-text search looks in: those the region, level and year filters let through. */
export function searchScope(f: Pick<LibraryFilter, 'region' | 'level' | 'year'>): SearchScope {
  return { region: f.region, level: f.level, year: f.year };
}

/**
 * Whether a document passes the region, level and year filters, as the store's `list` and
 * `search` apply them: the region a part of the province or city, the level equal, the year
 * that of the issue date (the mock backend's filtering).
 */
export function matchesFilter(row: Pick<DocRow, 'province' | 'city' | 'level' | 'date'>, f: Pick<LibraryFilter, 'region' | 'level' | 'year'>): boolean {
  if (f.region !== null && !(row.province ?? '').includes(f.region) && !(row.city ?? '').includes(f.region)) return false;
  if (f.level !== null && row.level !== f.level) return false;
  if (f.year !== null && !(row.date !== null && /^\d{4}/u.test(row.date) && Number(row.date.slice(0, 4)) === f.year)) return false;
  return true;
}
