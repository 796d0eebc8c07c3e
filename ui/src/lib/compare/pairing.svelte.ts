/**
 * Manual re-pairing of the open comparison: "配对有误" (forbid a pair), "与…配对" (force a
 * one-sided row together with a clause of the other side: its possible counterparts first,
 * then the others by the strength of their topic match with it, as soon as the backend gives
 * it, or until then the one-sided rows, then the clauses paired already), "左条另配…" / "右条另配…" (the
 * same from one clause of a two-sided row: a further partner, the row's pair kept, for a
 * one-to-many correspondence) and "恢复自动配对" (clear a manual pairing). Each action tells
 * the backend, re-runs the comparison and focuses the row the action produced.
 */
import type { Comparison, Pair, PairingRequest } from '$lib/bindings';
import { BackendError, type Backend } from '$lib/backend/backend';
import type { CompareViewModel } from './compareView.svelte';
import { fold } from './find';

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

/** One column of the comparison. */
export type Side = 'left' | 'right';

const otherSide = (s: Side): Side => (s === 'left' ? 'right' : 'left');

/** The side a one-sided pair has, `null` for a two-sided pair. */
export function soleSide(p: Pair): Side | null {
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
 * Indices of the rows whose clause on the other side could be paired with the `from` clause of
 * pair `i` (by default the clause of a one-sided pair): the rows of its possible counterparts
 * first (`suggested`, see `suggestedRows`; these may be paired already), then the other side's
 * one-sided rows, then its clauses paired already (not with this clause; the title, cover letter
 * and signature, which pair by their role, last), each in reading order and each clause once (a
 * clause in several rows is named by its first).
 */
export function partnerCandidates(pairs: readonly Pair[], i: number, from: Side | null = pairs[i] ? soleSide(pairs[i]) : null, suggested = suggestedRows(pairs, i)): number[] {
  const unit = from ? pairs[i]?.[from] : null;
  if (!from || !unit) return [];
  const want = otherSide(from);
  const partners = new Set(pairs.filter((q) => q[from]?.path === unit.path).map((q) => q[want]?.path));
  const out: number[] = [];
  const named = new Set<string>();
  const add = (j: number) => {
    const u = pairs[j]?.[want];
    if (!u || named.has(u.path) || partners.has(u.path)) return;
    named.add(u.path);
    out.push(j);
  };
  suggested.forEach((_, j) => add(j));
  pairs.forEach((q, j) => soleSide(q) === want && add(j));
  pairs.forEach((q, j) => q[from] && !byRole(q[want]) && add(j));
  pairs.forEach((q, j) => q[from] && add(j));
  return out;
}

/**
 * The candidate rows (see `partnerCandidates`) with the possible counterparts (`suggested`) kept
 * first and the others ranked by the strength of their clause's topic match with the waiting
 * clause (`strengths`, by the path of the clause on side `want`: the backend's
 * `counterpart_strengths`), strongest first (the title, cover letter and signature, which pair by
 * their role, still last); equal strengths, and clauses without one, keep their order. With no strengths (not there yet, or not to be had) the order is unchanged.
 */
export function rankCandidates(pairs: readonly Pair[], rows: readonly number[], suggested: ReadonlyMap<number, number>, want: Side, strengths: ReadonlyMap<string, number>): number[] {
  if (strengths.size === 0) return [...rows];
  const of = (j: number) => {
    const u = pairs[j]?.[want];
    return (u && strengths.get(u.path)) ?? -1;
  };
  const role = (j: number) => (byRole(pairs[j]?.[want] ?? null) ? 1 : 0);
  const first = rows.filter((j) => suggested.has(j));
  const rest = rows.filter((j) => !suggested.has(j));
  // Array.prototype.sort is stable. The title, cover letter and signature stay last.
  return [...first, ...rest.sort((a, b) => role(a) - role(b) || of(b) - of(a))];
}

/**
 * Of the candidate rows, those whose clause on side `want` holds `query` in its label, path (as
 * stored or as `shownPath` words it) or text, matched as the find bar matches (case and
 * full-/half-width folded) with spaces ignored; all of them for an empty query.
 */
export function filterCandidates(pairs: readonly Pair[], rows: readonly number[], want: Side, query: string, shownPath: (path: string) => string): number[] {
  const squash = (s: string) => fold(s).replace(/\s+/g, '');
  const q = squash(query);
  if (!q) return [...rows];
  return rows.filter((j) => {
    const u = pairs[j]?.[want];
    return !!u && [u.label, u.path, shownPath(u.path), u.text].some((x) => squash(x).includes(q));
  });
}

/** A title, cover letter or signature: units any two documents pair by their role. */
function byRole(u: Pair['left']): boolean {
  return u?.kind === 'title' || u?.kind === 'cover' || u?.kind === 'signature';
}

export class PairingState {
  /** The pair whose clause waits for a partner ("与…配对" or "左条另配…" opened on it). */
  forcing = $state<number | null>(null);
  /** Which of its clauses waits: the side of a one-sided pair, the side chosen on a two-sided one. */
  from = $state<Side | null>(null);
  busy = $state(false);
  error = $state<BackendError | null>(null);

  /**
   * The strength of the topic match of the waiting clause with each clause of the other side, by
   * that clause's path (the backend's `counterpart_strengths`); empty until it arrives, and when
   * it cannot be had (the candidates then stay in reading order).
   */
  strengths = $state<ReadonlyMap<string, number>>(new Map());
  #strengthsCall = 0;

  /** Of the candidates, the possible counterparts: row → strength of the topic match. */
  readonly suggested = $derived.by(() => (this.forcing === null ? new Map<number, number>() : suggestedRows(this.host.view.pairs, this.forcing)));
  /** The rows to pick from: the possible counterparts first, then the others by `strengths`. */
  readonly candidates = $derived.by(() => {
    if (this.forcing === null || this.from === null) return [];
    const rows = partnerCandidates(this.host.view.pairs, this.forcing, this.from, this.suggested);
    return rankCandidates(this.host.view.pairs, rows, this.suggested, otherSide(this.from), this.strengths);
  });

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

  /**
   * Open "与…配对" on one-sided pair `i`, or on the `side` clause of two-sided pair `i` to give it
   * a further partner (not on a read-only library).
   */
  startForce(i: number, side?: Side): void {
    const p = this.host.view.pairs[i];
    const from = p ? (soleSide(p) ?? side ?? null) : null;
    this.error = null;
    const open = p && from && p[from] && this.host.readOnly === null;
    this.forcing = open ? i : null;
    this.from = open ? from : null;
    this.strengths = new Map();
    if (open) void this.#loadStrengths(i, from);
  }

  cancelForce(): void {
    this.forcing = null;
    this.from = null;
    this.strengths = new Map();
    this.#strengthsCall++;
  }

  /** Ask for the strengths of the `from` clause of pair `i`; kept only while its picker is open. */
  async #loadStrengths(i: number, from: Side): Promise<void> {
    const ids = comparisonIds(this.host.view.comparison);
    const unit = this.host.view.pairs[i]?.[from];
    const call = ++this.#strengthsCall;
    if (!ids || !unit) return;
    try {
      const found = await this.host.backend.counterpartStrengths(ids.left, ids.right, from === 'left', unit.path);
      if (call === this.#strengthsCall && this.forcing === i && this.from === from) {
        this.strengths = new Map(found.map((s) => [s.path, s.strength]));
      }
    } catch (e) {
      // Only the order is lost: the candidates stay in reading order.
      console.warn('counterpart strengths unavailable', e);
    }
  }

  /**
   * Pair the waiting clause with the other side's clause of row `j` (one of the candidates,
   * which may hold a pair already: a pair made by hand is never undone by another, see
   * `Overrides` in the engine).
   */
  async forceWith(j: number): Promise<boolean> {
    const ids = comparisonIds(this.host.view.comparison);
    const i = this.forcing;
    if (!ids || i === null || !this.candidates.includes(j)) return false;
    const a = this.host.view.pairs[i]!;
    const b = this.host.view.pairs[j]!;
    const fromLeft = this.from === 'left';
    const left = (fromLeft ? a.left : b.left)!;
    const right = (fromLeft ? b.right : a.right)!;
    const r: PairingRequest = { ...ids, left_path: left.path, right_path: right.path };
    // A further partner of a two-sided pair's clause: the pair is kept, so a rewrite pair of the
    // aligner's is confirmed by hand first (a force takes its units out of the aligner's rewrite
    // pairs, not out of related pairs or pairs made by hand).
    const keep = soleSide(a) === null && !a.manual && a.kind !== 'related' ? this.request(i) : null;
    const force = async () => {
      if (!keep) return this.host.backend.forcePair(r);
      await this.host.backend.forcePair(keep);
      try {
        await this.host.backend.forcePair(r);
      } catch (e) {
        // Nothing half done: the pair goes back to the aligner's.
        await this.host.backend.clearPairing(keep).catch(() => false);
        throw e;
      }
    };
    const ok = await this.#apply(force, (p) => p.left?.path === r.left_path && p.right?.path === r.right_path);
    if (ok) this.cancelForce();
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
