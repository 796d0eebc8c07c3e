/**
 * Manual re-pairing of the open comparison: "配对有误" (forbid a pair), "与…配对" (force a
 * one-sided row together with a clause of the other side: its possible counterparts first,
 * then the one-sided rows) and "恢复自动配对" (clear
 * a manual pairing). Each action tells the backend, re-runs the comparison and focuses the
 * row the action produced.
 */
import type { Comparison, Pair, PairingRequest } from '$lib/bindings';
import { BackendError, type Backend } from '$lib/backend/backend';
import type { CompareViewModel } from './compareView.svelte';

/** What the pairing actions need from the session. */
export interface PairingHost {
  readonly backend: Backend;
  readonly view: CompareViewModel;
  /** Why the library cannot be written (a read-only file), `null` when it can. */
  readonly readOnly: string | null;
  /** Compare the open comparison's two documents again (the backend applies the overrides). */
  rerun(): Promise<void>;
}

/** The library ids of a comparison's two documents, `null` unless both are stored. */
export function comparisonIds(c: Comparison | null): { left: number; right: number } | null {
  return c && c.left.id !== null && c.right.id !== null ? { left: c.left.id, right: c.right.id } : null;
}

/** The side a one-sided pair has, `null` for a two-sided pair. */
export function soleSide(p: Pair): 'left' | 'right' | null {
  if (p.left && !p.right) return 'left';
  if (p.right && !p.left) return 'right';
  return null;
}

/**
 * The rows holding one-sided pair `i`'s possible counterparts (可能对应, `Pair.suggestions`:
 * units of the other side the aligner found close in topic but did not pair), in the
 * engine's order, each with the strength of its topic match. A unit in several rows is
 * named by its first.
 */
export function suggestedRows(pairs: readonly Pair[], i: number): Map<number, number> {
  const p = pairs[i];
  const from = p ? soleSide(p) : null;
  const out = new Map<number, number>();
  if (!p || !from) return out;
  const want = from === 'left' ? 'right' : 'left';
  for (const s of p.suggestions ?? []) {
    const j = pairs.findIndex((q) => q[want]?.path === s.path);
    if (j >= 0 && !out.has(j)) out.set(j, s.strength);
  }
  return out;
}

/**
 * Indices of the rows that could be paired with one-sided pair `i`: the rows of its
 * possible counterparts first (`suggested`, see `suggestedRows`; these may be paired already),
 * then the other side's one-sided rows in reading order.
 */
export function partnerCandidates(pairs: readonly Pair[], i: number, suggested = suggestedRows(pairs, i)): number[] {
  const p = pairs[i];
  const from = p ? soleSide(p) : null;
  if (!from) return [];
  const want = from === 'left' ? 'right' : 'left';
  const out = [...suggested.keys()];
  pairs.forEach((p, j) => {
    if (soleSide(p) === want && !suggested.has(j)) out.push(j);
  });
  return out;
}

export class PairingState {
  /** The one-sided pair waiting for a partner ("与…配对" opened on it). */
  forcing = $state<number | null>(null);
  busy = $state(false);
  error = $state<BackendError | null>(null);

  /** Of the candidates, the possible counterparts: row → strength of the topic match. */
  readonly suggested = $derived.by(() => (this.forcing === null ? new Map<number, number>() : suggestedRows(this.host.view.pairs, this.forcing)));
  readonly candidates = $derived.by(() => (this.forcing === null ? [] : partnerCandidates(this.host.view.pairs, this.forcing, this.suggested)));

  constructor(readonly host: PairingHost) {}

  /** No pairing can be made now: one is under way, or the library is read-only. */
  get locked(): boolean {
    return this.busy || this.host.readOnly !== null;
  }

  /** The request naming pair `i`'s two clauses, `null` when it is one-sided or gone. */
  request(i: number): PairingRequest | null {
    const ids = comparisonIds(this.host.view.comparison);
    const p = this.host.view.pairs[i];
    if (!ids || !p?.left || !p.right) return null;
    return { ...ids, left_path: p.left.path, right_path: p.right.path };
  }

  /** "配对有误": never pair these two clauses; focus then goes to the left clause's row. */
  async forbid(i: number): Promise<boolean> {
    const r = this.request(i);
    if (!r) return false;
    return this.#apply(() => this.host.backend.forbidPair(r), (p) => p.left?.path === r.left_path);
  }

  /** "恢复自动配对": drop the manual pairing of pair `i`. */
  async clear(i: number): Promise<boolean> {
    const r = this.request(i);
    if (!r) return false;
    return this.#apply(async () => void (await this.host.backend.clearPairing(r)), (p) => p.left?.path === r.left_path);
  }

  /** Open "与…配对" on one-sided pair `i` (not on a read-only library). */
  startForce(i: number): void {
    const p = this.host.view.pairs[i];
    this.error = null;
    this.forcing = p && soleSide(p) && this.host.readOnly === null ? i : null;
  }

  cancelForce(): void {
    this.forcing = null;
  }

  /**
   * Pair the waiting one-sided row's clause with the other side's clause of row `j` (a
   * one-sided row, or a possible counterpart's row, which may hold a pair already).
   */
  async forceWith(j: number): Promise<boolean> {
    const ids = comparisonIds(this.host.view.comparison);
    const i = this.forcing;
    if (!ids || i === null || !this.candidates.includes(j)) return false;
    const a = this.host.view.pairs[i]!;
    const b = this.host.view.pairs[j]!;
    const fromLeft = soleSide(a) === 'left';
    const left = (fromLeft ? a.left : b.left)!;
    const right = (fromLeft ? b.right : a.right)!;
    const r: PairingRequest = { ...ids, left_path: left.path, right_path: right.path };
    const ok = await this.#apply(() => this.host.backend.forcePair(r), (p) => p.left?.path === r.left_path && p.right?.path === r.right_path);
    if (ok) this.forcing = null;
    return ok;
  }

  async #apply(call: () => Promise<void>, focusOn: (p: Pair) => boolean): Promise<boolean> {
    this.busy = true;
    this.error = null;
    try {
      await call();
      await this.host.rerun();
      const at = this.host.view.pairs.findIndex(focusOn);
      if (at >= 0) this.host.view.focus(at);
      return true;
    } catch (e) {
      this.error = BackendError.from(e, 'pairing');
      return false;
    } finally {
      this.busy = false;
    }
  }
}
