/**
 * State of the library pane: the document list (reloaded on `library-changed`), filters,
 * sort and full-text search. Filtering is local ({@link filterDocs}); search asks the backend.
 */
import type { DocRow, SearchHit } from '$lib/bindings';
import type { Backend } from '$lib/backend/backend';
import { NO_FILTER, filterDocs, regionOptions, yearOptions, type LibraryFilter } from './filter';

/** Number of search hits asked for. */
export const SEARCH_LIMIT = 50;

export class LibraryState {
  docs = $state.raw<DocRow[]>([]);
  filter = $state<LibraryFilter>({ ...NO_FILTER });
  query = $state('');
  hits = $state.raw<SearchHit[] | null>(null);
  searching = $state(false);
  loaded = $state(false);

  readonly visible = $derived(filterDocs(this.docs, this.filter));
  readonly regions = $derived(regionOptions(this.docs));
  readonly years = $derived(yearOptions(this.docs));

  #searchSeq = 0;

  constructor(private readonly backend: Backend) {}

  /** Reload the list from the backend. */
  async reload(): Promise<void> {
    this.docs = await this.backend.listDocuments({ region: null, level: null, year: null, sort: 'id' });
    this.loaded = true;
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
