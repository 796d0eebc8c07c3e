/**
 * The "similar clauses" panel's state: which clause it was opened on, and the clauses of
 * other documents most like it (`similar_clauses`), best first.
 */
import { getContext, setContext } from 'svelte';
import type { Backend } from '$lib/backend/backend';
import { BackendError } from '$lib/backend/backend';
import type { SimilarClause } from '$lib/bindings';

/** The clause the panel was opened on. */
export interface ClauseRef {
  doc: number;
  path: string;
  label: string;
  /** The clause's document, when the view shows several (the matrix). */
  title?: string;
}

/** Clauses listed. */
export const SIMILAR_LIMIT = 10;

export class SimilarState {
  subject = $state<ClauseRef | null>(null);
  results = $state.raw<SimilarClause[]>([]);
  loading = $state(false);
  error = $state<BackendError | null>(null);
  #seq = 0;

  constructor(private readonly backend: Backend) {}

  /** Open the panel on `clause` and load its similar clauses (a later open wins). */
  async open(clause: ClauseRef): Promise<void> {
    const seq = ++this.#seq;
    this.subject = clause;
    this.results = [];
    this.error = null;
    this.loading = true;
    try {
      const found = await this.backend.similarClauses(clause.doc, clause.path, SIMILAR_LIMIT);
      if (seq === this.#seq) this.results = found;
    } catch (e) {
      if (seq === this.#seq) this.error = e instanceof BackendError ? e : new BackendError('internal', String(e), 'similar_clauses');
    } finally {
      if (seq === this.#seq) this.loading = false;
    }
  }

  close(): void {
    this.#seq++;
    this.subject = null;
    this.results = [];
    this.error = null;
    this.loading = false;
  }
}

const KEY = Symbol('similar-clauses');

export function setSimilar(s: SimilarState): SimilarState {
  return setContext(KEY, s);
}

/** The panel's state, or `null` where no view provides one. */
export function getSimilar(): SimilarState | null {
  return getContext<SimilarState | undefined>(KEY) ?? null;
}
