/**
 * View model of the compare view: one comparison, the row filter, the focused pair and
 * navigation between changes. Components render from it and call its methods; they keep
 * no state of their own beyond scrolling.
 */
import { getContext, setContext } from 'svelte';
import type { Comparison, KeyPoint, KeyPointList } from '$lib/bindings';
import {
  groupPlaces,
  isChange,
  keyDiffEntries,
  movedTarget,
  shows,
  stepChange,
  visibleIndices,
  type RowFilter,
} from './rows';

export class CompareViewModel {
  comparison = $state.raw<Comparison | null>(null);
  filter = $state<RowFilter>('all');
  /** The focused pair (index into `pairs`), `null` before any navigation. */
  current = $state<number | null>(null);
  /** Bumped on every jump so the view scrolls even when `current` does not change. */
  jumpSeq = $state(0);
  /**
   * The key points (要点摘要) as the shell arranged them (pinned first), and those the user hid.
   * Kept apart from `comparison` so a pin or hide does not re-render the pairs.
   */
  keyPoints = $state.raw<KeyPoint[]>([]);
  hiddenPoints = $state.raw<KeyPoint[]>([]);

  readonly pairs = $derived(this.comparison?.pairs ?? []);
  readonly visible = $derived(visibleIndices(this.pairs, this.filter));
  /** Changed pairs among the visible ones: what n/p step through. */
  readonly changes = $derived(this.visible.filter((i) => isChange(this.pairs[i]!)));
  readonly groups = $derived(groupPlaces(this.pairs));
  readonly keyDiffs = $derived(keyDiffEntries(this.pairs));
  /** 1-based place of the current pair among the changes, 0 when it is not a change. */
  readonly changePosition = $derived(this.current === null ? 0 : this.changes.indexOf(this.current) + 1);

  /** Show a new comparison; the filter stays, focus resets. */
  load(c: Comparison | null): void {
    this.comparison = c;
    this.current = null;
    this.setPoints({ key_points: c?.key_points ?? [], hidden_key_points: c?.hidden_key_points ?? [] });
  }

  /** The key points after a pin or hide, as the shell arranged them. */
  setPoints(list: KeyPointList): void {
    this.keyPoints = list.key_points;
    this.hiddenPoints = list.hidden_key_points;
  }

  setFilter(f: RowFilter): void {
    this.filter = f;
  }

  /** Focus the next change; returns whether there was one. */
  next(): boolean {
    return this.#step(1);
  }

  /** Focus the previous change; returns whether there was one. */
  prev(): boolean {
    return this.#step(-1);
  }

  #step(dir: 1 | -1): boolean {
    const target = stepChange(this.changes, this.current, dir);
    if (target === null) return false;
    this.focus(target);
    return true;
  }

  /** Focus a pair and scroll to it; shows all rows when the filter hides it. */
  focus(i: number): void {
    const p = this.pairs[i];
    if (!p) return;
    if (!shows(this.filter, p)) this.filter = 'all';
    this.current = i;
    this.jumpSeq++;
  }

  /** Focus the visible row before/after the current one (arrow keys). */
  moveRow(dir: 1 | -1): void {
    const v = this.visible;
    if (v.length === 0) return;
    const at = this.current === null ? -1 : v.indexOf(this.current);
    const k = at < 0 ? (dir === 1 ? 0 : v.length - 1) : Math.min(v.length - 1, Math.max(0, at + dir));
    this.focus(v[k]!);
  }

  /** The other position of a moved pair (see {@link movedTarget}). */
  movedTarget(i: number): number | null {
    return movedTarget(this.pairs, i);
  }
}

const KEY = Symbol('compare-view');
export function setCompareView(vm: CompareViewModel): CompareViewModel {
  return setContext(KEY, vm);
}
export function getCompareView(): CompareViewModel {
  return getContext<CompareViewModel>(KEY);
}
