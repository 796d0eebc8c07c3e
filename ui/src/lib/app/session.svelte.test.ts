import { describe, expect, it, vi } from 'vitest';
import type { Comparison, Matrix } from '$lib/bindings';
import { everyKind } from '$lib/compare/testing';
import gdfs from '$lib/backend/fixtures/gd-foshan.comparison.json';
import { MockBackend } from '$lib/backend/mock';
import { roughTree } from '$lib/backend/mock/parse';
import { Settings } from '$lib/settings/settings.svelte';
import type { StoredDoc } from '$lib/bindings';
import { Session } from './session.svelte';

const storage = () => {
  const m = new Map<string, string>();
  return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v) } as unknown as Storage;
};

const doc = (id: number, title: string, doc_number: string | null, paras: string[]): StoredDoc => ({
  id,
  meta: { title, issuer: null, date: '2023-01-01', doc_number, province: '广东', city: null, level: 'province', source_url: null, source_file: null, fragment: false, excerpt: false, warnings: [] },
  original: paras.join('\n'),
  text: paras.join('\n'),
  tree: roughTree([title, ...paras], title),
});

// Ids differ from the fixture's: the example is found by 文号, not by id.
const docs = [
  doc(7, '广东省进一步强化市场主体诉求响应服务工作方案', '粤办函（2023）41号', ['一、工作目标']),
  doc(8, '广州市网上办事管理办法', null, ['第一条 为了规范网上办事。']),
  doc(9, '佛山市进一步强化市场主体诉求响应服务工作方案', '佛府办函〔2023〕75 号', ['一、工作目标']),
];

describe('Session', () => {
  it('first run: waits for the corpus, then offers the example found by 文号', async () => {
    const backend = new MockBackend(docs, { firstRun: true, fixtures: [gdfs as Comparison] });
    const s = new Session(backend, new Settings(storage()));
    await s.start();
    expect(s.ready).toBe(false);
    expect(s.example).toBeNull();
    await backend.runFirstImport();
    await new Promise((r) => setTimeout(r, 0));
    expect(s.ready).toBe(true);
    expect(s.example).toEqual({ left: 7, right: 9 });
    await s.compareExample();
    expect(s.view.comparison?.left.id).toBe(7);
    expect(s.view.pairs.length).toBe((gdfs as Comparison).pairs.length);
    expect(s.recent[0]).toMatchObject({ left: 7, right: 9 });
  });
  it('restores the last comparison on restart', async () => {
    const store = storage();
    const a = new Session(new MockBackend(docs, { fixtures: [gdfs as Comparison] }), new Settings(store));
    await a.start();
    a.choose('left', 9);
    a.choose('right', 8);
    await a.compare();
    const b = new Session(new MockBackend(docs), new Settings(store));
    await b.start();
    expect([b.left, b.right]).toEqual([9, 8]);
    expect(b.view.comparison?.right.id).toBe(8);
  });
  it('"compare with…" compares the first document with the one picked next; swap reruns', async () => {
    const s = new Session(new MockBackend(docs), new Settings(storage()));
    await s.start();
    s.compareWith(8);
    await s.completePick(9);
    expect([s.left, s.right]).toEqual([8, 9]);
    expect(s.view.comparison?.left.id).toBe(8);
    s.swap();
    expect([s.left, s.right]).toEqual([9, 8]);
  });
  it('looks the documents it names up by id and never lists the library', async () => {
    const backend = new MockBackend(docs);
    const store = storage();
    const s = new Session(backend, new Settings(store));
    await s.start();
    // The example is found by 文号 although stored with other brackets and a space.
    expect(s.example).toEqual({ left: 7, right: 9 });
    s.compareWith(8);
    await vi.waitFor(() => expect(s.library.byId(8)?.title).toBe('广州市网上办事管理办法'));
    await s.completePick(9);
    // The recent comparisons' titles come from rows looked up by id.
    expect(s.recent[0]).toMatchObject({ left: 8, right: 9 });
    expect(s.library.byId(9)?.doc_number).toBe('佛府办函〔2023〕75 号');
    // A deleted document is forgotten at the reload its deletion causes.
    await s.remove(8);
    await vi.waitFor(() => expect(s.library.byId(8)).toBeUndefined());
    expect(s.library.byId(9)?.id).toBe(9);
    // A restart restores the last comparison from rows looked up by id.
    const b = new Session(backend, new Settings(store));
    await b.start();
    expect(b.library.byId(9)?.id).toBe(9);
    expect(backend.byIdRequests.length).toBeGreaterThan(0);
    expect(backend.byIdRequests.every((ids) => ids.length <= 4 + 2 * 8)).toBe(true);
  });
  it('keeps an error as a typed backend error', async () => {
    const s = new Session(new MockBackend(docs), new Settings(storage()));
    await s.start();
    await s.open(999);
    expect(s.error?.code).toBe('not_found');
  });
  it('shows sentence-vector progress while it runs and keeps a fallback warning', async () => {
    const backend = new MockBackend(docs);
    const s = new Session(backend, new Settings(storage()));
    await s.start();
    expect(s.vectors).toBeNull();
    backend.emitVectorProgress({ done: 1, total: 3, warning: null });
    expect(s.vectors).toEqual({ done: 1, total: 3, warning: null });
    backend.emitVectorProgress({ done: 3, total: 3, warning: null });
    expect(s.vectors).toBeNull();
    expect(s.vectorsWarning).toBeNull();
    backend.emitVectorProgress({ done: 0, total: 0, warning: '按字面配对：向量已损坏' });
    expect(s.vectorsWarning).toBe('按字面配对：向量已损坏');
  });

  it('marks the comparison stale when a side changes, until compared again or restored', async () => {
    const backend = new MockBackend(docs, { fixtures: [gdfs as Comparison] });
    const s = new Session(backend, new Settings(storage()));
    await s.start();
    await s.compareExample();
    expect(s.view.comparison).not.toBeNull();
    expect(s.stale).toBe(false);
    s.choose('right', 8);
    expect(s.stale).toBe(true);
    // The table is kept (not re-run for a half-chosen pair).
    expect(s.view.comparison!.right.id).toBe(9);
    s.revertSides();
    expect(s.stale).toBe(false);
    expect(s.right).toBe(9);
    s.clear('left');
    expect(s.stale).toBe(true);
    s.choose('left', 7);
    s.choose('right', 8);
    await s.compare();
    expect(s.stale).toBe(false);
    expect(s.view.comparison!.right.id).toBe(8);
  });
  it('a missing matrix cell naming possible counterparts opens 与…配对 on its pair; other cells only focus it', async () => {
    const backend = new MockBackend(docs);
    const s = new Session(backend, new Settings(storage()));
    await s.start();
    const c = everyKind();
    c.left.id = 7;
    c.right.id = 8;
    // Pair 2 is left-only: its clause has a possible counterpart on the right.
    c.pairs[2] = { ...c.pairs[2]!, suggestions: [{ path: c.pairs[9]!.right!.path, strength: 0.3 }] };
    backend.compareDocuments = () => Promise.resolve(structuredClone(c));
    const path = c.pairs[2]!.left!.path;
    const matrixWith = (cell: object) =>
      ({ base: { id: 7 }, documents: [{ id: 8 }], rows: [{ unit: { path }, cells: [cell] }] }) as unknown as Matrix;

    s.matrix.matrix = matrixWith({ kind: 'missing', paths: [], suggestions: [{ path: c.pairs[9]!.right!.path, strength: 0.3 }] });
    await s.openMatrixCell(0, 0);
    expect(s.mode).toBe('compare');
    expect(s.view.current).toBe(2);
    expect(s.pairing.forcing).toBe(2);

    s.pairing.cancelForce();
    s.matrix.matrix = matrixWith({ kind: 'missing', paths: [] });
    await s.openMatrixCell(0, 0);
    expect(s.view.current).toBe(2);
    expect(s.pairing.forcing).toBeNull();

    s.readOnly = 'read-only file';
    s.matrix.matrix = matrixWith({ kind: 'missing', paths: [], suggestions: [{ path: c.pairs[9]!.right!.path, strength: 0.3 }] });
    await s.openMatrixCell(0, 0);
    expect(s.pairing.forcing).toBeNull();
  });
});
