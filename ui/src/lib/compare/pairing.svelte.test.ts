import { describe, expect, it } from 'vitest';
import type { Comparison, StoredDoc } from '$lib/bindings';
import gdfs from '$lib/backend/fixtures/gd-foshan.comparison.json';
import { MockBackend } from '$lib/backend/mock';
import { roughTree } from '$lib/backend/mock/parse';
import { Session } from '$lib/app/session.svelte';
import { Settings } from '$lib/settings/settings.svelte';
import { everyKind } from './testing';
import { partnerCandidates, soleSide, suggestedRows } from './pairing.svelte';

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
  it('find the one-sided rows of the other side as partners', () => {
    const pairs = everyKind().pairs;
    expect(soleSide(pairs[2]!)).toBe('left');
    expect(soleSide(pairs[9]!)).toBe('right');
    expect(soleSide(pairs[1]!)).toBeNull();
    expect(partnerCandidates(pairs, 2)).toEqual([9]);
    expect(partnerCandidates(pairs, 9)).toEqual([2]);
    expect(partnerCandidates(pairs, 1)).toEqual([]);
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
    expect(partnerCandidates(pairs, 2)).toEqual([5, 9]);
    // A left clause's suggestions are right clauses: the right-only row 9 has none of its own.
    expect(suggestedRows(pairs, 9).size).toBe(0);
    expect(partnerCandidates(pairs, 9)).toEqual([2]);
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
    expect(s.pairing.candidates).toEqual([13, 15]);
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
    expect(await s.pairing.forceWith(11)).toBe(false);
    expect(calls).toEqual([]);
    s.pairing.cancelForce();
    expect(s.pairing.forcing).toBeNull();
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
