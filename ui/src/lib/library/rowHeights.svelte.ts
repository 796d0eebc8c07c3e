/**
 * Heights of a virtual list's rows when rows differ in height: a row measured in the page counts
 * at its measured height, every other row at one estimate. Where row `i` starts and which row is
 * at a given offset are answered in O(log n) (a Fenwick tree of the heights), so a list of
 * 50,000 rows costs two arrays of 50,000 numbers and no pass over all rows per scroll step.
 *
 * Reactive as a whole: every answer reads one version number, which a reset and a measurement
 * that changes a height move on, so what is derived from the answers follows them (the arrays
 * themselves stay plain typed arrays).
 */
export class RowHeights {
  /** Moves on with every change (reset, a height that changed); read by every answer. */
  #version = $state(0);
  /** The last version given out, not reactive: a change never reads the state it writes. */
  #changes = 0;
  #count = 0;
  #estimate = 0;
  /** Fenwick tree over the heights, 1-based: `#tree[k]` sums the heights of rows (k - lowbit(k), k]. */
  #tree = new Float64Array(1);
  /** Each row's height as counted (the estimate until measured). */
  #heights = new Float64Array(0);
  /** Highest power of two ≤ count (the tree's descent starts there). */
  #top = 0;

  constructor(count = 0, estimate = 0) {
    this.reset(count, estimate);
  }

  /** Rows in the list. */
  get count(): number {
    void this.#version;
    return this.#count;
  }

  /** The height counted for a row not measured, px. */
  get estimate(): number {
    void this.#version;
    return this.#estimate;
  }

  #changed(): void {
    this.#version = ++this.#changes;
  }

  /** Start over with `count` rows, none measured, each `estimate` px high. */
  reset(count: number, estimate: number): void {
    const n = Math.max(0, Math.floor(count));
    this.#count = n;
    this.#estimate = estimate;
    this.#heights = new Float64Array(n).fill(estimate);
    // Linear build: each node adds itself to its parent once.
    const tree = new Float64Array(n + 1);
    for (let k = 1; k <= n; k++) {
      tree[k] = (tree[k] ?? 0) + estimate;
      const parent = k + (k & -k);
      if (parent <= n) tree[parent] = (tree[parent] ?? 0) + (tree[k] ?? 0);
    }
    this.#tree = tree;
    let top = 1;
    while (top * 2 <= n) top *= 2;
    this.#top = n === 0 ? 0 : top;
    this.#changed();
  }

  /** Row `i`'s height as counted, px (the estimate for a row outside the list). */
  height(i: number): number {
    void this.#version;
    return i >= 0 && i < this.#count ? (this.#heights[i] ?? this.#estimate) : this.#estimate;
  }

  /**
   * Row `i` is `px` high as measured; returns how much higher than counted before (0 when the
   * same, or when `i` is outside the list or `px` not a height).
   */
  set(i: number, px: number): number {
    if (!(i >= 0 && i < this.#count) || !(px > 0) || !Number.isFinite(px)) return 0;
    const delta = px - (this.#heights[i] ?? this.#estimate);
    if (delta === 0) return 0;
    this.#heights[i] = px;
    for (let k = i + 1; k <= this.#count; k += k & -k) this.#tree[k] = (this.#tree[k] ?? 0) + delta;
    this.#changed();
    return delta;
  }

  /** Where row `i` starts, px from the top of the list: the heights of rows 0 to i - 1 (clamped to 0..count). */
  offset(i: number): number {
    void this.#version;
    let k = Math.max(0, Math.min(this.#count, Math.floor(i)));
    let sum = 0;
    for (; k > 0; k -= k & -k) sum += this.#tree[k] ?? 0;
    return sum;
  }

  /** The list's full height, px. */
  get total(): number {
    return this.offset(this.#count);
  }

  /** The row at `px` from the top (the first row above 0, the last below the end; 0 when empty). */
  indexAt(px: number): number {
    void this.#version;
    if (this.#count === 0) return 0;
    // The most rows whose heights add up to no more than px: the row after them holds px.
    let pos = 0;
    let rest = px;
    for (let step = this.#top; step > 0; step >>= 1) {
      const next = pos + step;
      const h = this.#tree[next];
      if (next <= this.#count && h !== undefined && h <= rest) {
        pos = next;
        rest -= h;
      }
    }
    return Math.min(pos, this.#count - 1);
  }
}
