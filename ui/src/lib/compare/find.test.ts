import { describe, expect, it } from 'vitest';
import type { Comparison } from '$lib/bindings';
import gdFoshan from '$lib/backend/fixtures/gd-foshan.comparison.json';
import { fold, foldedSides, markRuns, matchRanges, needle, shownText, sideHits, stepFound } from './find';
import { sideRuns } from './rows';

const c = gdFoshan as Comparison;

describe('find in a comparison', () => {
  it('folds case and width without changing lengths', () => {
    expect(fold('１２３４５热线ＡＢＣ')).toBe('12345热线abc');
    expect(fold('１２３４５热线ＡＢＣ').length).toBe('１２３４５热线ＡＢＣ'.length);
    expect(needle('  Ｉｖｒ ')).toBe('ivr');
    expect(matchRanges('增设互联网入口服务专区、话务入口语音 IVR 服务', needle('ivr'))).toEqual([[19, 22]]);
    expect(matchRanges('省、市、县', '')).toEqual([]);
  });

  it('finds the rows of the real comparison that show the text, on either side', () => {
    const q = needle('12345');
    const rows = c.pairs.flatMap((p, i) => (sideHits(foldedSides(p), q) ? [i] : []));
    expect(rows.length).toBeGreaterThan(1);
    for (const i of rows) {
      const p = c.pairs[i]!;
      expect(shownText(p, 'left').includes('12345') || shownText(p, 'right').includes('12345')).toBe(true);
    }
    // Every other row shows it on neither side.
    c.pairs.forEach((p, i) => {
      if (!rows.includes(i)) expect(shownText(p, 'left') + shownText(p, 'right')).not.toContain('12345');
    });
    // Foshan's wording only (the right side): found though the left side lacks it.
    const local = needle('佛山市');
    const onlyRight = c.pairs.findIndex((p) => shownText(p, 'right').includes('佛山市') && !shownText(p, 'left').includes('佛山市'));
    expect(onlyRight).toBeGreaterThanOrEqual(0);
    const hits = sideHits(foldedSides(c.pairs[onlyRight]!), local)!;
    expect(hits.left).toEqual([]);
    expect(hits.right.length).toBeGreaterThan(0);
  });

  it('marks a match that runs across a deleted and a kept run in both pieces, text unchanged', () => {
    const runs = [
      { text: '由省', changed: true },
      { text: '政务服务数据管理局', changed: false },
    ];
    const pieces = markRuns(runs, matchRanges('由省政务服务数据管理局', needle('省政务')));
    expect(pieces).toEqual([
      { text: '由', changed: true, hit: false },
      { text: '省', changed: true, hit: true },
      { text: '政务', changed: false, hit: true },
      { text: '服务数据管理局', changed: false, hit: false },
    ]);
    // On a real pair: the pieces join back to the shown text, and the marked ones spell the matches.
    const p = c.pairs.find((x) => shownText(x, 'left').includes('12345'))!;
    const text = shownText(p, 'left');
    const marked = markRuns(sideRuns(p, 'left'), matchRanges(text, needle('12345')));
    expect(marked.map((m) => m.text).join('')).toBe(text);
    expect(marked.filter((m) => m.hit).map((m) => m.text).join('')).toBe('12345'.repeat(matchRanges(text, '12345').length));
  });

  it('steps through the matches and wraps around', () => {
    expect(stepFound([2, 5, 9], null, 1)).toBe(2);
    expect(stepFound([2, 5, 9], null, -1)).toBe(9);
    expect(stepFound([2, 5, 9], 5, 1)).toBe(9);
    expect(stepFound([2, 5, 9], 9, 1)).toBe(2);
    expect(stepFound([2, 5, 9], 2, -1)).toBe(9);
    expect(stepFound([2, 5, 9], 6, -1)).toBe(5);
    expect(stepFound([], 3, 1)).toBeNull();
  });
});
