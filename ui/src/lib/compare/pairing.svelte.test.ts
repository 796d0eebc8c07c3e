import { describe, expect, it } from 'vitest';
import type { Comparison, StoredDoc } from '$lib/bindings';
import gdfs from '$lib/backend/fixtures/gd-foshan.comparison.json';
import { MockBackend } from '$lib/backend/mock';
import { roughTree } from '$lib/backend/mock/parse';
import { Session } from '$lib/app/session.svelte';
import { Settings } from '$lib/settings/settings.svelte';
import { everyKind, settle } from './testing';
import { partnerCandidates, rankCandidates, soleSide, suggestedRows } from './pairing.svelte';

const doc = (id: number, title: string, doc_number: string): StoredDoc => ({
  id,
  meta: { title, issuer: null, date: '2023-01-01', doc_number, province: '广东', city: null, level: 'province', source_url: null, source_file: null, fragment: false, excerpt: false, warnings: [] },
  original: title,
  text: title,
  tree: roughTree([title], title),
});

/** A session on the Guangdong/Foshan fixture (docs 7 and 9), with the backend's calls recorded. */
async function gdFoshan() {
  const backend = new MockBackend([doc(7, '广东省方案', '粤办函〔2023〕41号'), doc(9, '佛山市方案', '佛府办函〔2023〕75号')], { fixtures: [gdfs as Comparison] });
  const calls: string[] = [];
  for (const m of ['forbidPair', 'forcePair', 'clearPairing', 'compareDocuments'] as const) {
    const orig = backend[m].bind(backend) as (...a: unknown[]) => Promise<unknown>;
    (backend as unknown as Record<string, unknown>)[m] = (...a: unknown[]) => {
      calls.push(m);
      return orig(...a);
    };
  }
  const s = new Session(backend, new Settings(null));
  s.left = 7;
  s.right = 9;
  await s.compare();
  calls.length = 0;
  return { s, backend, calls };
}

const paths = (s: Session, i: number) => [s.view.pairs[i]?.left?.path ?? null, s.view.pairs[i]?.right?.path ?? null];

describe('pairing helpers', () => {
  it('rank the candidates by the strength of their topic match, the possible counterparts and the role units where they were', () => {
    const pairs = everyKind().pairs;
    const rows = partnerCandidates(pairs, 2);
    expect(rows.length).toBeGreaterThan(3);
    const path = (j: number) => pairs[j]!.right!.path;
    // No strengths: the order as it was.
    expect(rankCandidates(pairs, rows, new Map(), 'right', new Map())).toEqual(rows);
    // Strengths rising along the list: ranked, the list turns round (role units aside).
    const strengths = new Map(rows.map((j, k) => [path(j), k / rows.length]));
    const role = (j: number) => ['title', 'cover', 'signature'].includes(pairs[j]!.right!.kind);
    const ranked = rankCandidates(pairs, rows, new Map(), 'right', strengths);
    expect(ranked.filter((j) => !role(j))).toEqual(rows.filter((j) => !role(j)).reverse());
    expect(ranked.slice(ranked.length - rows.filter(role).length).every(role)).toBe(true);
    // A possible counterpart stays first whatever its strength; a clause without a strength goes last.
    const suggested = new Map([[rows[0]!, 0.2]]);
    const partial = new Map(strengths);
    partial.delete(path(rows[1]!));
    const again = rankCandidates(pairs, rows, suggested, 'right', partial);
    expect(again[0]).toBe(rows[0]);
    expect(again.filter((j) => !role(j)).at(-1)).toBe(rows[1]);
    expect([...again].sort()).toEqual([...rows].sort());
  });

  it('find the one-sided rows of the other side as partners, then its clauses paired already', () => {
    const pairs = everyKind().pairs;
    expect(soleSide(pairs[2]!)).toBe('left');
    expect(soleSide(pairs[9]!)).toBe('right');
    expect(soleSide(pairs[1]!)).toBeNull();
    const twoSided = (side: 'left' | 'right') =>
      pairs.flatMap((p, j) => (p.left && p.right && pairs.findIndex((q) => q[side]?.path === p[side]!.path) === j ? [j] : []));
    expect(partnerCandidates(pairs, 2)).toEqual([9, ...twoSided('right')]);
    expect(partnerCandidates(pairs, 9)).toEqual([2, ...twoSided('left')]);
    // A two-sided pair has no partner to find unless one of its clauses is named.
    expect(partnerCandidates(pairs, 1)).toEqual([]);
    // Its left clause: the right-only row, then the other right clauses, not its own partner.
    const more = partnerCandidates(pairs, 1, 'left');
    expect(more[0]).toBe(9);
    expect(more.map((j) => pairs[j]!.right!.path)).not.toContain(pairs[1]!.right!.path);
    expect(more.slice(1)).toEqual(twoSided('right').filter((j) => pairs[j]!.right!.path !== pairs[1]!.right!.path));
  });

  it('put the possible counterparts first, paired or not, each row once', () => {
    const pairs = everyKind().pairs;
    const moved = pairs[5]!.right!.path;
    pairs[2] = {
      ...pairs[2]!,
      suggestions: [
        { path: moved, strength: 0.3 },
        { path: pairs[9]!.right!.path, strength: 0.25 },
        { path: moved, strength: 0.2 },
        { path: 'no such clause', strength: 0.2 },
      ],
    };
    expect([...suggestedRows(pairs, 2)]).toEqual([
      [5, 0.3],
      [9, 0.25],
    ]);
    expect(partnerCandidates(pairs, 2).slice(0, 2)).toEqual([5, 9]);
    expect(partnerCandidates(pairs, 2).filter((j) => j === 5 || j === 9)).toHaveLength(2);
    // A left clause's suggestions are right clauses: the right-only row 9 has none of its own.
    expect(suggestedRows(pairs, 9).size).toBe(0);
    expect(partnerCandidates(pairs, 9)[0]).toBe(2);
  });
});

describe('PairingState', () => {
  it('配对有误: forbids the pair, compares again and focuses the left clause, now one-sided', async () => {
    const { s, calls } = await gdFoshan();
    // Pair 12: Guangdong 二/（二）/4 ↔ Foshan 二/（二）/1.
    expect(paths(s, 12)).toEqual(['二/（二）/4', '二/（二）/1']);
    expect(s.pairing.request(12)).toEqual({ left: 7, right: 9, left_path: '二/（二）/4', right_path: '二/（二）/1' });
    expect(await s.pairing.forbid(12)).toBe(true);
    expect(calls).toEqual(['forbidPair', 'compareDocuments']);
    expect(paths(s, 12)).toEqual(['二/（二）/4', null]);
    expect(paths(s, 13)).toEqual([null, '二/（二）/1']);
    expect(s.view.current).toBe(12);
    // One-sided rows have nothing to forbid.
    expect(await s.pairing.forbid(12)).toBe(false);
    expect(calls).toHaveLength(2);
  });

  it('与…配对: forces a one-sided row together with one of the other side; then 恢复自动配对', async () => {
    const { s, calls } = await gdFoshan();
    await s.pairing.forbid(12); // 12: GD 4 alone, 13: FS 1 alone, 14: GD 5 ↔ FS 2
    await s.pairing.forbid(14); // 14: GD 5 alone, 15: FS 2 alone
    expect([12, 13, 14, 15].map((i) => paths(s, i))).toEqual([
      ['二/（二）/4', null],
      [null, '二/（二）/1'],
      ['二/（二）/5', null],
      [null, '二/（二）/2'],
    ]);
    s.pairing.startForce(12);
    expect(s.pairing.forcing).toBe(12);
    expect(s.pairing.candidates.slice(0, 2)).toEqual([13, 15]);
    expect(s.pairing.candidates.slice(2).every((j) => s.view.pairs[j]!.left && s.view.pairs[j]!.right)).toBe(true);
    calls.length = 0;
    expect(await s.pairing.forceWith(15)).toBe(true);
    expect(calls).toEqual(['forcePair', 'compareDocuments']);
    expect(s.pairing.forcing).toBeNull();
    const i = s.view.current!;
    expect(paths(s, i)).toEqual(['二/（二）/4', '二/（二）/2']);
    expect(s.view.pairs[i]!.manual).toBe(true);
    expect(s.view.pairs.filter((p) => p.manual)).toHaveLength(1);
    calls.length = 0;
    expect(await s.pairing.clear(i)).toBe(true);
    expect(calls).toEqual(['clearPairing', 'compareDocuments']);
    expect(s.view.pairs.some((p) => p.manual)).toBe(false);
    expect(paths(s, s.view.current!)).toEqual(['二/（二）/4', null]);
  });

  it('refuses a partner that is not a candidate and cancels', async () => {
    const { s, calls } = await gdFoshan();
    s.pairing.startForce(12); // two-sided: nothing to force
    expect(s.pairing.forcing).toBeNull();
    await s.pairing.forbid(12);
    s.pairing.startForce(12);
    calls.length = 0;
    // Row 12 itself: a left clause only, nothing on the side wanted.
    expect(await s.pairing.forceWith(12)).toBe(false);
    expect(calls).toEqual([]);
    s.pairing.cancelForce();
    expect(s.pairing.forcing).toBeNull();
  });

  it('左条另配…: gives a paired clause a further partner and keeps its pair, confirmed by hand', async () => {
    const { s, backend, calls } = await gdFoshan();
    await s.pairing.forbid(12); // 12: GD 4 alone, 13: FS 1 alone, 14: GD 5 ↔ FS 2
    expect(paths(s, 14)).toEqual(['二/（二）/5', '二/（二）/2']);
    const forced: unknown[] = [];
    const force = backend.forcePair.bind(backend);
    backend.forcePair = (r) => {
      forced.push(r);
      return force(r);
    };
    s.pairing.startForce(14, 'left');
    expect([s.pairing.forcing, s.pairing.from]).toEqual([14, 'left']);
    expect(s.pairing.candidates[0]).toBe(13);
    expect(s.pairing.candidates.map((j) => s.view.pairs[j]!.right!.path)).not.toContain('二/（二）/2');
    calls.length = 0;
    expect(await s.pairing.forceWith(13)).toBe(true);
    expect(forced).toEqual([
      { left: 7, right: 9, left_path: '二/（二）/5', right_path: '二/（二）/2' },
      { left: 7, right: 9, left_path: '二/（二）/5', right_path: '二/（二）/1' },
    ]);
    expect(calls).toEqual(['forcePair', 'forcePair', 'compareDocuments']);
    expect([s.pairing.forcing, s.pairing.from]).toEqual([null, null]);
    const gd5 = s.view.pairs.filter((p) => p.left?.path === '二/（二）/5');
    expect(gd5.map((p) => [p.right?.path, p.manual]).sort()).toEqual([
      ['二/（二）/1', true],
      ['二/（二）/2', true],
    ]);
    expect(paths(s, s.view.current!)).toEqual(['二/（二）/5', '二/（二）/1']);
    // A further partner from the right clause of a pair made by hand: one call, nothing to confirm.
    const at = s.view.pairs.findIndex((p) => p.left?.path === '二/（二）/5' && p.right?.path === '二/（二）/1');
    s.pairing.startForce(at, 'right');
    expect(s.pairing.from).toBe('right');
    expect(s.pairing.candidates[0]).toBe(s.view.pairs.findIndex((p) => p.left?.path === '二/（二）/4' && !p.right));
    forced.length = 0;
    expect(await s.pairing.forceWith(s.pairing.candidates[0]!)).toBe(true);
    expect(forced).toEqual([{ left: 7, right: 9, left_path: '二/（二）/4', right_path: '二/（二）/1' }]);
  });

  it('右条另配… on a related pair forces the new pair only (a related pair stays as it is)', async () => {
    const { s, backend } = await gdFoshan();
    await s.pairing.forbid(12); // 12: GD 4 alone, 14: GD 5 ↔ FS 2
    const forced: unknown[] = [];
    backend.forcePair = async (r) => void forced.push(r);
    s.rerun = () => Promise.resolve();
    s.view.pairs[14] = { ...s.view.pairs[14]!, kind: 'related' };
    s.pairing.startForce(14, 'right');
    expect(await s.pairing.forceWith(12)).toBe(true);
    expect(forced).toEqual([{ left: 7, right: 9, left_path: '二/（二）/4', right_path: '二/（二）/2' }]);
  });

  it('左条另配… that fails leaves the pair as the aligner made it', async () => {
    const { s, backend, calls } = await gdFoshan();
    await s.pairing.forbid(12); // 13: FS 1 alone, 14: GD 5 ↔ FS 2
    const force = backend.forcePair.bind(backend);
    backend.forcePair = async (r) => {
      if (r.right_path === '二/（二）/1') throw { code: 'not_found', message: 'no clause 二/（二）/1' };
      return force(r);
    };
    s.pairing.startForce(14, 'left');
    calls.length = 0;
    expect(await s.pairing.forceWith(13)).toBe(false);
    // The pair confirmed (the failing call is not recorded), then cleared; no re-run.
    expect(calls).toEqual(['forcePair', 'clearPairing']);
    expect(s.pairing.error?.code).toBe('not_found');
    await s.rerun();
    expect(s.view.pairs.some((p) => p.manual)).toBe(false);
    expect(s.view.pairs.some((p) => p.left?.path === '二/（二）/5' && p.right?.path === '二/（二）/2')).toBe(true);
  });

  it('lists the clauses paired by their role (title, cover letter, signature) last', async () => {
    const { s } = await gdFoshan();
    await s.pairing.forbid(12); // 12: GD 4 alone
    s.pairing.startForce(12);
    const kinds = s.pairing.candidates.map((j) => s.view.pairs[j]!.right!.kind);
    const role = (k: string) => k === 'title' || k === 'cover' || k === 'signature';
    const first = kinds.findIndex(role);
    expect(first).toBeGreaterThan(0);
    expect(kinds.slice(first).every(role)).toBe(true);
    expect(kinds.filter(role).length).toBeGreaterThanOrEqual(2);
  });

  it('opens on neither side of a two-sided pair unless a side is named, nor on a read-only library', async () => {
    const { s } = await gdFoshan();
    s.pairing.startForce(14);
    expect(s.pairing.forcing).toBeNull();
    s.pairing.startForce(14, 'right');
    expect([s.pairing.forcing, s.pairing.from]).toEqual([14, 'right']);
    s.pairing.cancelForce();
    s.readOnly = 'read-only';
    s.pairing.startForce(14, 'left');
    expect(s.pairing.forcing).toBeNull();
  });

  it('与…配对 ranks the candidates by their strength once the backend gives it, and forgets it on cancel', async () => {
    const { s, backend } = await gdFoshan();
    await s.pairing.forbid(12); // 12: GD 4 alone, 13: FS 1 alone
    const asked: unknown[][] = [];
    const orig = backend.counterpartStrengths.bind(backend);
    backend.counterpartStrengths = (...a) => {
      asked.push(a);
      return orig(...a);
    };
    s.pairing.startForce(12);
    const before = [...s.pairing.candidates];
    expect(s.pairing.strengths.size).toBe(0);
    await settle();
    expect(asked).toEqual([[7, 9, true, '二/（二）/4']]);
    expect(s.pairing.strengths.size).toBeGreaterThan(10);
    const after = s.pairing.candidates;
    expect([...after].sort()).toEqual([...before].sort());
    const strength = (j: number) => s.pairing.strengths.get(s.view.pairs[j]!.right!.path) ?? -1;
    const body = after.filter((j) => !['title', 'cover', 'signature'].includes(s.view.pairs[j]!.right!.kind));
    for (let k = 1; k < body.length; k++) expect(strength(body[k - 1]!)).toBeGreaterThanOrEqual(strength(body[k]!));
    // Foshan's 1 of that section is Guangdong's 4 renumbered: the strongest, first.
    expect(s.view.pairs[after[0]!]!.right!.path).toBe('二/（二）/1');
    expect(after).not.toEqual(before);
    s.pairing.cancelForce();
    expect(s.pairing.strengths.size).toBe(0);
  });

  it('keeps the reading order when the strengths cannot be had, or arrive after the picker closed', async () => {
    const { s, backend } = await gdFoshan();
    await s.pairing.forbid(12);
    backend.counterpartStrengths = () => Promise.reject({ code: 'internal', message: 'no model' });
    s.pairing.startForce(12);
    const before = [...s.pairing.candidates];
    await settle();
    expect(s.pairing.candidates).toEqual(before);
    expect(s.pairing.error).toBeNull();
    let release: (v: { path: string; strength: number }[]) => void = () => {};
    backend.counterpartStrengths = () => new Promise((r) => (release = r));
    s.pairing.cancelForce();
    s.pairing.startForce(12);
    s.pairing.cancelForce();
    release([{ path: '二/（二）/1', strength: 0.9 }]);
    await settle();
    expect(s.pairing.strengths.size).toBe(0);
  });

  it('reports a failing backend call and does not re-run', async () => {
    const { s, backend, calls } = await gdFoshan();
    backend.forbidPair = () => Promise.reject({ code: 'not_found', message: 'no clause 二/（二）/4' });
    expect(await s.pairing.forbid(12)).toBe(false);
    expect(s.pairing.error?.code).toBe('not_found');
    expect(s.pairing.error?.message).toBe('no clause 二/（二）/4');
    expect(calls).toEqual([]);
  });
});
