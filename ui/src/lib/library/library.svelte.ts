/**
 * State of the library pane: the rows it shows, fetched a page at a time for the filter and
 * sort ({@link DocPages}); the region and year choices, from the library's facets (counted by
 * the store, not from a document list); the rows of the documents the app names (the two
 * sides, recent comparisons, the matrix base), fetched by id; full-text search within the
 * documents the region, level and year filters let through (the store applies them, so the
 * hits are the best of those documents). The library is never listed whole: it may hold
 * 50,000 documents. All are reloaded on `library-changed`.
 */
import type { DocRow, LibraryFacets, SearchHit } from '$lib/bindings';
import type { Backend } from '$lib/backend/backend';
import { NO_FILTER, findByDocNumber, regionOptions, searchScope, type LibraryFilter } from './filter';
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
  /**
   * The hits of the last search (best first) in the documents the region, level and year
   * filters let through, `null` when none was run.
   */
  hits = $state.raw<SearchHit[] | null>(null);
  /** Hits asked for by the last search. */
  searchLimit = $state(SEARCH_LIMIT);
  /** The last search gave as many hits as asked for: there may be more. */
  readonly capped = $derived(this.hits !== null && this.hits.length >= this.searchLimit);
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

  /**
   * The row the pane's list is asked to scroll to (a document just imported): its index in
   * the list of the current filter and sort. The list clears it once done; each request is a
   * new object, so the same row asked for again is scrolled to again.
   */
  revealed = $state.raw<{ id: number; index: number } | null>(null);

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

  /**
   * Change some of the filters (and the sort): the pane's rows are fetched anew, and a search
   * shown is run again within the documents the filters now let through.
   */
  async setFilter(change: Partial<LibraryFilter>): Promise<void> {
    const before = this.filter;
    this.filter = { ...before, ...change };
    // The sort orders the list only; the search's hits come best first whatever it is.
    const rescope = before.region !== this.filter.region || before.level !== this.filter.level || before.year !== this.filter.year;
    await Promise.all([this.pages.reset({ ...this.filter }), rescope && this.query.trim() ? this.search(this.query) : null]);
  }

  /**
   * Scroll the pane's list to document `id`, where the store says the current filter and sort
   * put it; `false` (nothing moves) when the filter leaves it out.
   */
  async reveal(id: number): Promise<boolean> {
    const index = await this.backend.documentListPosition({ ...this.filter }, id);
    if (index === null) return false;
    this.revealed = { id, index };
    return true;
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
   * Run a search for `query` (empty clears it) within the filters' documents, asking for
   * `limit` hits. Stale answers are dropped.
   */
  async search(query: string, limit = SEARCH_LIMIT): Promise<void> {
    this.query = query;
    const q = query.trim();
    const seq = ++this.#searchSeq;
    if (!q) {
      this.hits = null;
      this.searchLimit = SEARCH_LIMIT;
      this.searching = false;
      return;
    }
    this.searching = true;
    try {
      const hits = await this.backend.search(q, searchScope(this.filter), limit);
      if (seq !== this.#searchSeq) return;
      this.searchLimit = limit;
      this.hits = hits;
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
