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
  /**
   * The view's own place for the keyboard once the panel is dismissed (the matrix: its focused
   * cell); answers whether it took the focus. Else the element focused when the panel opened.
   */
  returnFocus: (() => boolean) | null = null;
  #opener: HTMLElement | null = null;
  #seq = 0;

  constructor(private readonly backend: Backend) {}

  /** Open the panel on `clause` and load its similar clauses (a later open wins). */
  async open(clause: ClauseRef): Promise<void> {
    const seq = ++this.#seq;
    // Where the keyboard was (not inside the panel itself: a later open keeps the first opener).
    const el = focused();
    if (el && !el.closest('[data-testid="similar-panel"]')) this.#opener = el;
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

  /**
   * The user closed the panel (its button, Esc): close it and give the keyboard back to where it
   * was, so it does not fall to the page's body.
   */
  dismiss(): void {
    const opener = this.#opener;
    this.#opener = null;
    this.close();
    if (this.returnFocus?.()) return;
    if (opener?.isConnected) opener.focus();
  }
}

/** The focused element, if any (not the body). */
function focused(): HTMLElement | null {
  if (typeof document === 'undefined') return null;
  const el = document.activeElement;
  return el instanceof HTMLElement && el !== document.body ? el : null;
}

const KEY = Symbol('similar-clauses');

export function setSimilar(s: SimilarState): SimilarState {
  return setContext(KEY, s);
}

/** The panel's state, or `null` where no view provides one. */
export function getSimilar(): SimilarState | null {
  return getContext<SimilarState | undefined>(KEY) ?? null;
}
