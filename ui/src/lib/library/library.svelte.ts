/**
 * State of the library pane: the rows it shows, fetched a page at a time for the filter and
 * sort ({@link DocPages}); the region and year choices, from the library's facets (counted by
 * the store, not from a document list); the rows of the documents the app names (the two
 * sides, recent comparisons, the matrix base), fetched by id; full-text search. The library
 * is never listed whole: it may hold 50,000 documents. All are reloaded on `library-changed`.
 */
import type { DocRow, LibraryFacets, SearchHit } from '$lib/bindings';
import type { Backend } from '$lib/backend/backend';
import { NO_FILTER, filterIsEmpty, findByDocNumber, matchesFilter, regionOptions, type LibraryFilter } from './filter';
import { DocPages } from './pages.svelte';

/** Number of search hits asked for at first, and added by each "show more". */
export const SEARCH_LIMIT = 50;
/** The most hits "show more" goes to. */
export const SEARCH_MAX = 1000;

/** Rows asked for when looking a 文号 up (the text filter also matches titles and parts of numbers). */
const DOC_NUMBER_ROWS = 20;

export class LibraryState {
  filter = $state<LibraryFilter>({ ...NO_FILTER });
  query = $state('');
  /** The hits of the last search as the shell gave them (best first), `null` when none was run. */
  allHits = $state.raw<SearchHit[] | null>(null);
  /** Hits asked for by the last search. */
  searchLimit = $state(SEARCH_LIMIT);
  /**
   * The hits shown: those whose document passes the region, level and year filters (the shell's
   * search takes no filter; the filters stay set above the results, so they apply to them too).
   * A hit whose document row is not known is kept.
   */
  readonly hits = $derived.by(() => {
    const all = this.allHits;
    if (all === null || filterIsEmpty(this.filter)) return all;
    return all.filter((h) => {
      const row = this.byId(h.doc_id);
      return row === undefined || matchesFilter(row, this.filter);
    });
  });
  /** Hits of the last search left out by the filters. */
  readonly hiddenHits = $derived((this.allHits?.length ?? 0) - (this.hits?.length ?? 0));
  /** The last search gave as many hits as asked for: there may be more. */
  readonly capped = $derived(this.allHits !== null && this.allHits.length >= this.searchLimit);
  /** "Show more" can ask for more hits. */
  readonly canShowMore = $derived(this.capped && this.searchLimit < SEARCH_MAX);
  searching = $state(false);
  loaded = $state(false);

  /** The pane's rows: the filtered, sorted list a page at a time. */
  readonly pages: DocPages;
  /** The filter choices present in the library, with their document counts. */
  facets = $state.raw<LibraryFacets>({ regions: [], levels: [], years: [] });
  readonly regions = $derived(regionOptions(this.facets.regions));
  readonly years = $derived(this.facets.years.map((y) => y.year));

  #searchSeq = 0;
  /** Rows of the documents looked up by id ({@link need}); replaced, not mutated, so lookups re-render. */
  #known = $state.raw<ReadonlyMap<number, DocRow>>(new Map());

  constructor(private readonly backend: Backend) {
    this.pages = new DocPages((filter, offset, limit) => backend.listDocumentsPage(filter, offset, limit));
  }

  /**
   * Reload the pane's pages, the facets and the rows looked up so far, with those of `ids`
   * (documents deleted meanwhile are forgotten).
   */
  async reload(ids: readonly (number | null)[] = []): Promise<void> {
    const asked = new Set([...this.#known.keys(), ...ids.filter((id): id is number => id !== null)]);
    const [rows, facets] = await Promise.all([
      this.backend.documentsById([...asked]),
      this.backend.libraryFacets(),
      this.pages.reset({ ...this.filter }),
    ]);
    // Rows looked up while this reload ran are kept.
    const known = new Map([...this.#known].filter(([id]) => !asked.has(id)));
    for (const r of rows) known.set(r.id, r);
    this.#known = known;
    this.facets = facets;
    this.loaded = true;
  }

  /** Change some of the filters (and the sort): the pane's rows are fetched anew. */
  setFilter(change: Partial<LibraryFilter>): Promise<void> {
    this.filter = { ...this.filter, ...change };
    return this.pages.reset({ ...this.filter });
  }

  /** The row of a document id, once looked up ({@link need}, {@link remember}). */
  byId(id: number): DocRow | undefined {
    return this.#known.get(id);
  }

  /** Look up the rows of `ids` not known yet (`null`s are skipped). */
  async need(ids: readonly (number | null)[]): Promise<void> {
    const missing = [...new Set(ids.filter((id): id is number => id !== null && !this.#known.has(id)))];
    if (missing.length === 0) return;
    this.remember(await this.backend.documentsById(missing));
  }

  /** Keep rows already at hand (from a page of the pane) for {@link byId}. */
  remember(rows: readonly DocRow[]): void {
    if (rows.length === 0) return;
    const known = new Map(this.#known);
    for (const r of rows) known.set(r.id, r);
    this.#known = known;
  }

  /**
   * The document carrying a 文号 (matched insensitively to spacing and bracket style among the
   * documents whose title or 文号 holds it), asked of the library.
   */
  async byDocNumber(docNumber: string): Promise<DocRow | undefined> {
    const page = await this.backend.listDocumentsPage(
      { region: null, level: null, year: null, text: docNumber, sort: 'id' },
      0,
      DOC_NUMBER_ROWS,
    );
    const row = findByDocNumber(page.rows, docNumber);
    if (row) this.remember([row]);
    return row;
  }

  /**
   * Run a search for `query` (empty clears it), asking for `limit` hits. The rows of the hits'
   * documents are looked up too (for the filters). Stale answers are dropped.
   */
  async search(query: string, limit = SEARCH_LIMIT): Promise<void> {
    this.query = query;
    const q = query.trim();
    const seq = ++this.#searchSeq;
    if (!q) {
      this.allHits = null;
      this.searchLimit = SEARCH_LIMIT;
      this.searching = false;
      return;
    }
    this.searching = true;
    try {
      const hits = await this.backend.search(q, limit);
      if (seq !== this.#searchSeq) return;
      try {
        await this.need(hits.map((h) => h.doc_id));
      } catch {
        // Without the rows the hits are shown unfiltered.
      }
      if (seq !== this.#searchSeq) return;
      this.searchLimit = limit;
      this.allHits = hits;
    } finally {
      if (seq === this.#searchSeq) this.searching = false;
    }
  }

  /** Ask the last search for more hits ({@link SEARCH_LIMIT} more, up to {@link SEARCH_MAX}). */
  async showMore(): Promise<void> {
    if (!this.canShowMore || this.searching) return;
    await this.search(this.query, Math.min(SEARCH_MAX, this.searchLimit + SEARCH_LIMIT));
  }
}
