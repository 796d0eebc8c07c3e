import { flushSync } from 'svelte';
import { describe, expect, it } from 'vitest';
import { RowHeights } from './rowHeights.svelte';

/** The same answers by adding up every height (what the tree must agree with). */
function naive(heights: number[]) {
  const offset = (i: number) => heights.slice(0, Math.max(0, Math.min(heights.length, i))).reduce((a, b) => a + b, 0);
  const indexAt = (px: number) => {
    if (heights.length === 0) return 0;
    let top = 0;
    for (let i = 0; i < heights.length; i++) {
      top += heights[i]!;
      if (px < top) return i;
    }
    return heights.length - 1;
  };
  return { offset, indexAt };
}

describe('RowHeights', () => {
  it('counts every row at the estimate until measured', () => {
    const h = new RowHeights(50_000, 99);
    expect(h.count).toBe(50_000);
    expect(h.total).toBe(50_000 * 99);
    expect(h.offset(0)).toBe(0);
    expect(h.offset(25_000)).toBe(25_000 * 99);
    expect(h.indexAt(0)).toBe(0);
    expect(h.indexAt(98.9)).toBe(0);
    expect(h.indexAt(99)).toBe(1);
    expect(h.indexAt(25_000 * 99 + 50)).toBe(25_000);
    expect(h.height(7)).toBe(99);
  });

  it('places rows after measured ones by their measured heights', () => {
    const h = new RowHeights(10, 100);
    expect(h.set(2, 80)).toBe(-20);
    expect(h.set(2, 80)).toBe(0);
    expect(h.set(5, 120.5)).toBe(20.5);
    expect(h.height(2)).toBe(80);
    expect(h.offset(3)).toBe(280);
    expect(h.offset(5)).toBe(480);
    expect(h.offset(6)).toBe(600.5);
    expect(h.total).toBe(1000.5);
    expect(h.indexAt(279.9)).toBe(2);
    expect(h.indexAt(280)).toBe(3);
    expect(h.indexAt(580)).toBe(5);
    expect(h.indexAt(600.5)).toBe(6);
  });

  it('clamps: offsets to 0..count, the row at an offset to the list, and ignores what is not a row or a height', () => {
    const h = new RowHeights(3, 10);
    expect(h.offset(-4)).toBe(0);
    expect(h.offset(99)).toBe(30);
    expect(h.indexAt(-5)).toBe(0);
    expect(h.indexAt(1e9)).toBe(2);
    expect(h.set(3, 50)).toBe(0);
    expect(h.set(-1, 50)).toBe(0);
    expect(h.set(1, 0)).toBe(0);
    expect(h.set(1, Number.NaN)).toBe(0);
    expect(h.total).toBe(30);
    expect(new RowHeights().indexAt(10)).toBe(0);
    expect(new RowHeights().total).toBe(0);
  });

  it('agrees with adding up the heights, for any sizes and measurements', () => {
    let seed = 7;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (const n of [1, 2, 3, 5, 8, 17, 64, 100, 1000]) {
      const h = new RowHeights(n, 96);
      const heights = Array.from({ length: n }, () => 96);
      for (let k = 0; k < n * 2; k++) {
        const i = Math.floor(rand() * n);
        // Layout heights are multiples of 1/64 px.
        const px = 60 + Math.round(rand() * 60 * 64) / 64;
        h.set(i, px);
        heights[i] = px;
      }
      const ref = naive(heights);
      for (let i = 0; i <= n; i++) expect(h.offset(i)).toBe(ref.offset(i));
      for (let k = 0; k < 200; k++) {
        const px = rand() * (ref.offset(n) + 100) - 50;
        expect(h.indexAt(px)).toBe(ref.indexAt(px));
      }
      // Each row's own top is that row.
      for (let i = 0; i < n; i++) expect(h.indexAt(h.offset(i))).toBe(i);
    }
  });

  it('is reactive: what is derived from its answers follows a reset and every height that changes, and nothing else', () => {
    const h = new RowHeights(10, 100);
    let runs = 0;
    let seen = {};
    const stop = $effect.root(() => {
      $effect(() => {
        runs++;
        seen = { total: h.total, at: h.indexAt(250), first: h.height(0), count: h.count };
      });
    });
    try {
      flushSync();
      expect(seen).toEqual({ total: 1000, at: 2, first: 100, count: 10 });
      h.set(0, 50);
      flushSync();
      expect(seen).toEqual({ total: 950, at: 3, first: 50, count: 10 });
      expect(runs).toBe(2);
      // The same height again, a row outside the list, not a height: nothing changed.
      h.set(0, 50);
      h.set(10, 70);
      h.set(1, 0);
      flushSync();
      expect(runs).toBe(2);
      h.reset(4, 20);
      flushSync();
      expect(seen).toEqual({ total: 80, at: 3, first: 20, count: 4 });
      expect(runs).toBe(3);
    } finally {
      stop();
    }
  });

  it('forgets the measurements when reset', () => {
    const h = new RowHeights(4, 10);
    h.set(0, 30);
    h.reset(6, 20);
    expect(h.height(0)).toBe(20);
    expect(h.total).toBe(120);
    expect(h.estimate).toBe(20);
  });
});
