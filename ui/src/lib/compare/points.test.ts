import { describe, expect, it } from 'vitest';
import type { Comparison } from '$lib/bindings';
import gdfs from '$lib/backend/fixtures/gd-foshan.comparison.json';
import { localisation, pairOf, substantiveCount } from './points';

const c = gdfs as Comparison;

describe('key points of the Guangdong/Foshan comparison', () => {
  it('finds the pair of every point by its paths', () => {
    expect(c.key_points.length).toBeGreaterThan(5);
    for (const p of c.key_points) {
      const i = pairOf(c.pairs, p);
      expect(i).not.toBeNull();
      expect(c.pairs[i!]!.left?.path ?? null).toBe(p.left_path);
      expect(c.pairs[i!]!.right?.path ?? null).toBe(p.right_path);
    }
    expect(pairOf(c.pairs, { ...c.key_points[0]!, left_path: '九/（九）/99' })).toBeNull();
  });

  it('folds the localisation into one entry per pair and counts every substitution', () => {
    const { entries, total } = localisation(c.pairs);
    expect(total).toBe(c.summary.localisation);
    expect(entries.length).toBeGreaterThan(5);
    expect(new Set(entries.map((e) => e.pair)).size).toBe(entries.length);
    const all = entries.flatMap((e) => e.substitutions.map((s) => `${s.left}→${s.right}`));
    expect(all).toContain('省政务服务数据管理局→市政务服务数据管理局');
  });

  it('counts the substantive key differences only', () => {
    const every = c.pairs.reduce((n, p) => n + p.key_diffs.length, 0);
    const n = substantiveCount(c.pairs);
    expect(n).toBeGreaterThan(0);
    expect(n).toBe(every - localisation(c.pairs).entries.length);
  });
});
