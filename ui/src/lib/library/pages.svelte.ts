/**
 * The library pane's rows, fetched a page at a time (`list_documents_page`) as the user
 * scrolls: a library of 50,000 documents is never loaded whole. Pages are cached until the
 * filter changes or the library does ({@link DocPages.reset}). When the library changes under
 * the same filter, the rows shown stay until their page has been fetched again, so saving a
 * note or importing a file does not blank the list for the time of a request.
 */
import type { DocPage, DocRow, ListFilter } from '$lib/bindings';

/** Rows fetched per request. */
export const PAGE_SIZE = 100;

/** Fetches one page of the filtered list. */
export type PageFetcher = (filter: ListFilter, offset: number, limit: number) => Promise<DocPage>;

export class DocPages {
  /** Documents matching the filter, all pages (from the last page fetched). */
  total = $state(0);
  /** At least one page of the current filter has arrived. */
  loaded = $state(false);
  /** Moves on whenever another filter or sort replaces the rows (the same count may be other documents). */
  replaced = $state(0);
  /** Why the last page asked for could not be fetched (cleared when one arrives). */
  error = $state<string | null>(null);
  /** The fetched pages by index; replaced (not mutated) so rows re-render when one arrives. */
  #pages = $state.raw<ReadonlyMap<number, readonly DocRow[]>>(new Map());
  /** Pages fetched before the library last changed (same filter), shown until fetched again. */
  #stale = $state.raw<ReadonlyMap<number, readonly DocRow[]>>(new Map());
  /** Pages asked for and not arrived yet, with the request. */
  #pending = new Map<number, Promise<void>>();
  #filter: ListFilter = { region: null, level: null, year: null, sort: 'id' };
  /** Bumped by each reset: pages of an older filter are dropped when they arrive. */
  #generation = 0;
  /** A page has arrived since the last reset: `total` is the library's as it is now. */
  #current = false;

  constructor(private readonly fetch: PageFetcher) {}

  /** The row at `index` of the filtered list, `undefined` until its page has arrived. */
  row(index: number): DocRow | undefined {
    const page = Math.floor(index / PAGE_SIZE);
    return (this.#pages.get(page) ?? this.#stale.get(page))?.[index % PAGE_SIZE];
  }

  /**
   * Start over with `filter` (or the same filter, when the library changed): every page is
   * fetched again, the first now. Rows of another filter go at once; under the same filter the
   * old rows are shown until their page arrives.
   */
  async reset(filter: ListFilter = this.#filter): Promise<void> {
    const same = sameFilter(filter, this.#filter);
    this.#filter = { ...filter };
    this.#generation++;
    this.#pending.clear();
    // One `new Map` of either list: a conditional between two `new Map`s leaves a `@__PURE__`
    // mark after the compiled read of `#stale`, where Rollup cannot read it (a build warning).
    this.#stale = new Map(same ? [...this.#stale, ...this.#pages] : []);
    this.#pages = new Map();
    this.#current = false;
    if (!same) {
      this.loaded = false;
      this.replaced++;
    }
    await this.ensure(0, 1);
  }

  /**
   * Fetch the pages holding rows `start` to `end` (exclusive) not fetched or asked for yet;
   * resolves when those pages (also the ones already on their way) have arrived or failed.
   */
  async ensure(start: number, end: number): Promise<void> {
    const first = Math.floor(Math.max(0, start) / PAGE_SIZE);
    const last = Math.floor((Math.max(start + 1, end) - 1) / PAGE_SIZE);
    const wanted: Promise<void>[] = [];
    for (let p = first; p <= last; p++) {
      if (this.#pages.has(p)) continue;
      const pending = this.#pending.get(p);
      if (pending) {
        wanted.push(pending);
        continue;
      }
      if (this.#current && p * PAGE_SIZE >= this.total) break;
      wanted.push(this.#load(p));
    }
    await Promise.all(wanted);
  }

  #load(page: number): Promise<void> {
    const loading = this.#fetchPage(page);
    this.#pending.set(page, loading);
    return loading;
  }

  async #fetchPage(page: number): Promise<void> {
    const generation = this.#generation;
    try {
      const got = await this.fetch(this.#filter, page * PAGE_SIZE, PAGE_SIZE);
      if (generation !== this.#generation) return;
      const pages = new Map(this.#pages);
      pages.set(page, got.rows);
      this.#pages = pages;
      if (this.#stale.has(page)) {
        const stale = new Map(this.#stale);
        stale.delete(page);
        this.#stale = stale;
      }
      this.total = got.total;
      this.loaded = true;
      this.#current = true;
      this.error = null;
    } catch (e) {
      // Left unfetched: scrolling over it again asks again.
      if (generation === this.#generation) this.error = e instanceof Error ? e.message : String(e);
    } finally {
      if (generation === this.#generation) this.#pending.delete(page);
    }
  }
}

/** Two list filters select and order the same rows. */
function sameFilter(a: ListFilter, b: ListFilter): boolean {
  return a.region === b.region && a.level === b.level && a.year === b.year && (a.text ?? '') === (b.text ?? '') && a.sort === b.sort;
}
