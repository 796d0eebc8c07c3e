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
  rowOrder,
  shows,
  sideRepeats,
  stepChange,
  visibleIndices,
  type RowFilter,
  type PairOrder,
} from './rows';
import { foldedSides, needle, sideHits, stepFound, type SideHits } from './find';

export class CompareViewModel {
  comparison = $state.raw<Comparison | null>(null);
  filter = $state<RowFilter>('all');
  /** The row order: as aligned, or in reading order of one document. */
  order = $state<PairOrder>('aligned');
  /** The focused pair (index into `pairs`), `null` before any navigation. */
  current = $state<number | null>(null);
  /** Bumped on every jump so the view scrolls even when `current` does not change. */
  jumpSeq = $state(0);
  /** Whether the last jump moves the keyboard focus to the row (not when it came from the find box); read with the jump. */
  jumpTakesFocus = true;
  /** The find bar (Ctrl+F): open or not, and its text. */
  findOpen = $state(false);
  findText = $state('');
  /** Bumped each time the find bar is asked for, so it takes the focus again when already open. */
  findSeq = $state(0);
  /**
   * The key points (要点摘要) as the shell arranged them (pinned first), and those the user hid.
   * Kept apart from `comparison` so a pin or hide does not re-render the pairs.
   */
  keyPoints = $state.raw<KeyPoint[]>([]);
  hiddenPoints = $state.raw<KeyPoint[]>([]);

  readonly pairs = $derived(this.comparison?.pairs ?? []);
  /** Every pair's index in the row order. */
  readonly ordered = $derived(rowOrder(this.pairs, this.order));
  /** Each pair's place in the row order (by pair index). */
  readonly #ranks = $derived.by(() => {
    const r = new Array<number>(this.ordered.length);
    this.ordered.forEach((i, k) => (r[i] = k));
    return r;
  });
  /** A pair's place in the row order. */
  readonly rank = (i: number): number => this.#ranks[i] ?? i;
  readonly visible = $derived(visibleIndices(this.pairs, this.filter, this.ordered));
  /** Changed pairs among the visible ones: what n/p step through. */
  readonly changes = $derived(this.visible.filter((i) => isChange(this.pairs[i]!)));
  readonly groups = $derived(groupPlaces(this.pairs));
  /** Each side's clauses shown on several visible rows (one clause related to several), by row. */
  readonly repeats = $derived({
    left: sideRepeats(this.pairs, this.visible, 'left'),
    right: sideRepeats(this.pairs, this.visible, 'right'),
  });
  readonly keyDiffs = $derived(keyDiffEntries(this.pairs));
  /** Changed pairs of the whole comparison, whatever the filter shows. */
  readonly allChanges = $derived(this.pairs.reduce((n, p) => n + (isChange(p) ? 1 : 0), 0));
  /** The end the last n/p ran into (there was no further change that way); cleared by the next move. */
  edge = $state<'first' | 'last' | null>(null);
  /** 1-based place of the current pair among the changes, 0 when it is not a change. */
  readonly changePosition = $derived(this.current === null ? 0 : this.changes.indexOf(this.current) + 1);
  /** What the find bar matches (folded; empty when the bar is closed). */
  readonly findNeedle = $derived(this.findOpen ? needle(this.findText) : '');
  /** Each pair's shown text, folded for finding (once per comparison). */
  readonly #folded = $derived(this.pairs.map(foldedSides));
  /** The visible rows that show the find text, and where on each side (the cells mark them). */
  readonly findHits = $derived.by(() => {
    const hits = new Map<number, SideHits>();
    if (!this.findNeedle) return hits;
    for (const i of this.visible) {
      const h = sideHits(this.#folded[i]!, this.findNeedle);
      if (h) hits.set(i, h);
    }
    return hits;
  });
  /** The visible rows that show the find text on either side, in order. */
  readonly found = $derived([...this.findHits.keys()]);
  /** 1-based place of the current pair among the found rows, 0 when it is not one. */
  readonly foundPosition = $derived(this.current === null ? 0 : this.found.indexOf(this.current) + 1);

  /** Show a new comparison; the filter stays, focus resets. */
  load(c: Comparison | null): void {
    this.comparison = c;
    this.current = null;
    this.edge = null;
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

  /** Change the row order; the current row stays current (the view scrolls to it). */
  setOrder(o: PairOrder): void {
    if (this.order === o) return;
    this.order = o;
    if (this.current !== null) this.focus(this.current, false);
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
    const target = stepChange(this.changes, this.current, dir, this.rank);
    if (target === null) {
      this.edge = this.changes.length ? (dir === 1 ? 'last' : 'first') : null;
      return false;
    }
    this.focus(target);
    return true;
  }

  /**
   * Focus a pair and scroll to it; shows all rows when the filter hides it. With
   * `takeFocus` false the keyboard focus stays where it is (typing in the find box).
   */
  focus(i: number, takeFocus = true): void {
    const p = this.pairs[i];
    if (!p) return;
    if (!shows(this.filter, p)) this.filter = 'all';
    this.edge = null;
    this.current = i;
    this.jumpTakesFocus = takeFocus;
    this.jumpSeq++;
  }

  /** Open the find bar (its text kept from the last time). */
  openFind(): void {
    this.findOpen = true;
    this.findSeq++;
  }

  /** Close the find bar; the marks go with it. */
  closeFind(): void {
    this.findOpen = false;
  }

  /** Set the find text and go to the first match at or after the current row. */
  setFindText(text: string): void {
    this.findText = text;
    const at = this.current;
    const first = at === null ? this.found[0] : (this.found.find((i) => this.rank(i) >= this.rank(at)) ?? this.found[0]);
    if (first !== undefined) this.focus(first, false);
  }

  /** Go to the next (dir 1) or previous (-1) match, wrapping around; returns whether there was one. */
  stepFind(dir: 1 | -1): boolean {
    const target = stepFound(this.found, this.current, dir, this.rank);
    if (target === null) return false;
    this.focus(target, false);
    return true;
  }

  /**
   * Give the table the keyboard focus (the skip link): the current row, else the first
   * visible one. Returns whether there was a row to focus.
   */
  focusTable(): boolean {
    const i = this.current !== null && this.visible.includes(this.current) ? this.current : this.visible[0];
    if (i === undefined) return false;
    this.focus(i);
    return true;
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

/**
 * Whether two comparisons set the same documents side by side (a re-run after an option or
 * pairing change), as opposed to a new comparison, which opens at the top with no current row.
 * Comparisons of unsaved documents (no ids) are always new.
 */
export function sameDocuments(a: Comparison | null, b: Comparison | null): boolean {
  if (!a || !b || a.left.id === null || a.right.id === null) return false;
  return a.left.id === b.left.id && a.right.id === b.right.id;
}

const KEY = Symbol('compare-view');
export function setCompareView(vm: CompareViewModel): CompareViewModel {
  return setContext(KEY, vm);
}
export function getCompareView(): CompareViewModel {
  return getContext<CompareViewModel>(KEY);
}
