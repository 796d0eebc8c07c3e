import { describe, expect, it } from 'vitest';
import gdfs from '$lib/backend/fixtures/gd-foshan.comparison.json';
import type { Comparison } from '$lib/bindings';
import { everyKind } from './testing';
import { groupPlaces, keyDiffEntries, movedTarget, rowOrder, sideRuns, stepChange, visibleIndices } from './rows';

const real = gdfs as Comparison;
const c = everyKind();

describe('visibleIndices', () => {
  it('shows everything, changes, paired or one-sided pairs, or key-difference pairs', () => {
    expect(visibleIndices(c.pairs, 'all')).toHaveLength(10);
    expect(visibleIndices(c.pairs, 'changed')).toEqual([1, 2, 3, 4, 5, 6, 7, 9]);
    expect(visibleIndices(c.pairs, 'one_sided')).toEqual([2, 9]);
    // the complement: every pair with both sides, identical ones too
    expect(visibleIndices(c.pairs, 'paired')).toEqual([0, 1, 3, 4, 5, 6, 7, 8]);
    expect(visibleIndices(c.pairs, 'key')).toEqual([1]);
    // none of these one-sided clauses has a possible counterpart
    expect(visibleIndices(c.pairs, 'suggested')).toEqual([]);
  });
  it('shows the one-sided pairs with possible counterparts under "suggested"', () => {
    const pairs = c.pairs.map((p, i) => (i === 9 ? { ...p, suggestions: [{ path: c.pairs[2]!.left!.path, strength: 0.3 }] } : p));
    expect(visibleIndices(pairs, 'suggested')).toEqual([9]);
    // the copy Foshan made of Guangdong's plan leaves nothing to suggest
    expect(visibleIndices(real.pairs, 'suggested')).toEqual([]);
  });
  it('on the Guangdong/Foshan comparison, hides the five identical headings under "changed"', () => {
    const changed = visibleIndices(real.pairs, 'changed');
    expect(changed).toHaveLength(real.pairs.length - real.summary.same);
    expect(real.summary.same).toBe(5);
    expect(visibleIndices(real.pairs, 'key').every((i) => real.pairs[i]!.key_diffs.length > 0)).toBe(true);
  });
});

describe('rowOrder', () => {
  it('keeps the aligned order, or sorts by one document\'s clauses with the other side\'s one-sided rows where they were', () => {
    expect(rowOrder(c.pairs, 'aligned')).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    // the moved pair (left clause 6) goes after left clauses 4 and 5; the right-only row stays after clause 7
    expect(rowOrder(c.pairs, 'left')).toEqual([0, 1, 2, 3, 4, 6, 7, 5, 8, 9]);
    // in the right document's order nothing moves: the left-only row stays after right clause 1
    expect(rowOrder(c.pairs, 'right')).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });
  it('puts the rows of one clause together, in their aligned order', () => {
    const l = (n: number) => ({ clause: n, kind: 'item' as const, path: `${n}`, label: '', heading: null, text: `左${n}` });
    const r = (n: number) => ({ ...l(n), text: `右${n}` });
    const p = (left: ReturnType<typeof l> | null, right: ReturnType<typeof l> | null) => ({ ...c.pairs[0]!, kind: left ? ('related' as const) : ('right_only' as const), left, right });
    // as aligned (the right document's order): left 2, right-only, left 0, left 2, left 1
    const pairs = [p(l(2), r(0)), p(null, r(1)), p(l(0), r(2)), p(l(2), r(3)), p(l(1), r(4))];
    expect(rowOrder(pairs, 'left')).toEqual([2, 4, 0, 3, 1]);
    expect(visibleIndices(pairs, 'paired', rowOrder(pairs, 'left'))).toEqual([2, 4, 0, 3]);
  });
});

describe('stepChange', () => {
  it('steps in the row order a rank gives', () => {
    const rank = (i: number) => [0, 3, 1, 2][i]!; // rows in the order 0, 2, 3, 1
    expect(stepChange([0, 2, 3, 1], 2, 1, rank)).toBe(3);
    expect(stepChange([0, 2, 3, 1], 3, 1, rank)).toBe(1);
    expect(stepChange([0, 2, 3, 1], 1, 1, rank)).toBeNull();
    expect(stepChange([0, 2, 3, 1], 1, -1, rank)).toBe(3);
  });
  const changes = [1, 2, 5, 9];
  it('goes to the first/last change from nothing', () => {
    expect(stepChange(changes, null, 1)).toBe(1);
    expect(stepChange(changes, null, -1)).toBe(9);
  });
  it('steps from a row that is not itself a change', () => {
    expect(stepChange(changes, 3, 1)).toBe(5);
    expect(stepChange(changes, 3, -1)).toBe(2);
  });
  it('stops at the ends', () => {
    expect(stepChange(changes, 9, 1)).toBeNull();
    expect(stepChange(changes, 1, -1)).toBeNull();
    expect(stepChange([], null, 1)).toBeNull();
  });
});

describe('groups and moves', () => {
  it('numbers the members of split and merge groups', () => {
    const g = groupPlaces(c.pairs);
    expect(g[3]).toEqual({ group: 1, kind: 'split', position: 1, size: 2 });
    expect(g[4]).toEqual({ group: 1, kind: 'split', position: 2, size: 2 });
    expect(g[7]).toEqual({ group: 2, kind: 'merged', position: 2, size: 2 });
    expect(g[0]).toBeNull();
  });
  it('links a moved pair to the row where its clause stood on the side it moved', () => {
    // Left clause 6 appears between left clauses 3 and 4; left clause 7 (pair 8) follows it.
    expect(movedTarget(c.pairs, 5)).toBe(8);
    expect(movedTarget(c.pairs, 1)).toBeNull();
  });
});

describe('keyDiffEntries', () => {
  it('lists every key difference with its pair, in reading order', () => {
    const e = keyDiffEntries(real.pairs);
    expect(e).toHaveLength(real.summary.key_diffs);
    expect(e.map((x) => x.pair)).toEqual([...e.map((x) => x.pair)].sort((a, b) => a - b));
    const first = e[0]!;
    // The notice's addressees: 各地级以上市 (province) became 各区 (city), a localisation.
    expect(first.diff).toMatchObject({ kind: 'localisation', substantive: false });
    expect(first.diff.substitutions).toContainEqual({ left: '各地级以上市', right: '各区' });
    expect(real.pairs[first.pair]!.left!.kind).toBe('cover');
  });
});

describe('sideRuns', () => {
  it('rebuilds each side text from the ops', () => {
    for (const p of real.pairs) {
      expect(sideRuns(p, 'left').map((r) => r.text).join('')).toBe(p.left!.text);
      expect(sideRuns(p, 'right').map((r) => r.text).join('')).toBe(p.right!.text);
    }
  });
  it('marks what Foshan added to the preamble', () => {
    const pre = real.pairs.find((p) => p.left?.kind === 'preamble')!;
    const added = sideRuns(pre, 'right').filter((r) => r.changed).map((r) => r.text).join('');
    expect(added).toContain('粤办函〔2023〕41号');
    expect(sideRuns(pre, 'left').filter((r) => r.changed).map((r) => r.text).join('')).toBe('全省');
    expect(sideRuns(pre, 'right').filter((r) => r.changed).map((r) => r.text).join('')).toContain('全市');
  });
  it('reads a renumbered item\'s label plain on both sides (Guangdong 4. → Foshan 1.)', () => {
    const item = real.pairs.find((p) => p.left?.path === '二/（二）/4')!;
    expect(item.right!.label).toBe('1.');
    const left = sideRuns(item, 'left');
    const right = sideRuns(item, 'right');
    expect(left[0]).toEqual({ text: '4', changed: false, renumbered: true });
    expect(right.find((r) => r.renumbered)).toEqual({ text: '1', changed: false, renumbered: true });
    // Foshan's own changes in the item stay changes.
    expect(right.filter((r) => r.changed).map((r) => r.text).join('')).toContain('市行政服务中心');
    // No pair whose labels agree has a renumbered run.
    for (const p of real.pairs.filter((x) => x.left?.label === x.right?.label)) {
      expect(p.ops.some((o) => o.renumbered)).toBe(false);
    }
  });
});
