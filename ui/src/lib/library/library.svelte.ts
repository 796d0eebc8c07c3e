/**
 * State of the library pane: the rows it shows, fetched a page at a time for the filter and
 * sort ({@link DocPages}); the region and year choices, from the library's facets (counted by
 * the store, not from a document list); the whole document list for looking documents up by id
 * and for the matrix picker; full-text search. All are reloaded on `library-changed`.
 */
import type { DocRow, LibraryFacets, SearchHit } from '$lib/bindings';
import type { Backend } from '$lib/backend/backend';
import { NO_FILTER, regionOptions, type LibraryFilter } from './filter';
import { DocPages } from './pages.svelte';

/** Number of search hits asked for. */
export const SEARCH_LIMIT = 50;

export class LibraryState {
  docs = $state.raw<DocRow[]>([]);
  filter = $state<LibraryFilter>({ ...NO_FILTER });
  query = $state('');
  hits = $state.raw<SearchHit[] | null>(null);
  searching = $state(false);
  loaded = $state(false);

  /** The pane's rows: the filtered, sorted list a page at a time. */
  readonly pages: DocPages;
  /** The filter choices present in the library, with their document counts. */
  facets = $state.raw<LibraryFacets>({ regions: [], levels: [], years: [] });
  readonly regions = $derived(regionOptions(this.facets.regions));
  readonly years = $derived(this.facets.years.map((y) => y.year));

  #searchSeq = 0;

  constructor(private readonly backend: Backend) {
    this.pages = new DocPages((filter, offset, limit) => backend.listDocumentsPage(filter, offset, limit));
  }

  /** Reload the list and the pane's pages from the backend. */
  async reload(): Promise<void> {
    const [docs, facets] = await Promise.all([
      this.backend.listDocuments({ region: null, level: null, year: null, sort: 'id' }),
      this.backend.libraryFacets(),
      this.pages.reset({ ...this.filter }),
    ]);
    this.docs = docs;
    this.facets = facets;
    this.loaded = true;
  }

  /** Change some of the filters (and the sort): the pane's rows are fetched anew. */
  setFilter(change: Partial<LibraryFilter>): Promise<void> {
    this.filter = { ...this.filter, ...change };
    return this.pages.reset({ ...this.filter });
  }

  /** The row of a document id. */
  byId(id: number): DocRow | undefined {
    return this.docs.find((d) => d.id === id);
  }

  /** Run a search for `query` (empty clears it). Stale answers are dropped. */
  async search(query: string): Promise<void> {
    this.query = query;
    const q = query.trim();
    const seq = ++this.#searchSeq;
    if (!q) {
      this.hits = null;
      this.searching = false;
      return;
    }
    this.searching = true;
    try {
      const hits = await this.backend.search(q, SEARCH_LIMIT);
      if (seq === this.#searchSeq) this.hits = hits;
    } finally {
      if (seq === this.#searchSeq) this.searching = false;
    }
  }
}
