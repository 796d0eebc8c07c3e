import { describe, expect, it } from 'vitest';
import type { Comparison, StoredDoc } from '$lib/bindings';
import gdfs from '$lib/backend/fixtures/gd-foshan.comparison.json';
import { MockBackend } from '$lib/backend/mock';
import { roughTree } from '$lib/backend/mock/parse';
import { MATRIX_ALL_MAX, MatrixState, matrixFileName } from './matrix.svelte';
import { PAGE_SIZE } from '$lib/library/pages.svelte';

const doc = (id: number, title: string, doc_number: string | null, paras: string[]): StoredDoc => ({
  id,
  meta: { title, issuer: null, date: '2023-01-01', doc_number, province: '广东', city: null, level: 'province', source_url: null, source_file: null, fragment: false, excerpt: false, warnings: [] },
  original: paras.join('\n'),
  text: paras.join('\n'),
  tree: roughTree([title, ...paras], title),
});

const docs = [
  doc(1, '某省工作方案', '某办函〔2023〕1号', ['一、工作目标', '到2025年底前，建成诉求响应机制。', '二、保障措施']),
  doc(2, '甲市工作方案', null, ['一、工作目标', '到2025年底前，建成诉求响应机制。', '二、保障措施', '三、本市特色。设立企业服务专员，每季度走访重点企业。']),
  doc(3, '专利奖评奖办法', null, ['第一条 为了鼓励发明创造，制定本办法。']),
];
const diff = () => ({ granularity: 'word' as const, ignore_whitespace: false, ignore_punct_width: false });

describe('MatrixState', () => {
  it('builds the matrix of the base against the chosen documents, in column order', async () => {
    const backend = new MockBackend(docs);
    const s = new MatrixState(backend, diff);
    s.setBase(1);
    await s.chooseAll();
    expect(s.others).toEqual([2, 3]);
    expect(s.allCapped).toBeNull();
    s.toggle(1);
    expect(s.others).toEqual([2, 3]);
    await s.run();
    const m = s.matrix!;
    expect(m.documents.map((d) => d.id)).toEqual([2, 3]);
    expect(m.rows.every((r) => r.cells.length === 2)).toBe(true);
    // The city's copy takes up every unit; the unrelated rules none.
    expect(m.documents[0]!.coverage).toBe(1);
    expect(m.documents[1]!.coverage).toBe(0);
    // Its own item is an addition; a heading with no text of its own would not be.
    expect(m.additions[0]!.units.map((u) => u.text)).toEqual(['三、本市特色。设立企业服务专员，每季度走访重点企业。']);
  });

  it('moves the focus with the keys, clamped to the grid', async () => {
    const s = new MatrixState(new MockBackend(docs), diff);
    s.setBase(1);
    s.toggle(2);
    s.toggle(3);
    await s.run();
    s.move(1, 0);
    expect(s.focus).toEqual({ row: 0, col: 0 });
    s.move(0, 5);
    expect(s.focus).toEqual({ row: 0, col: 1 });
    s.move(100, -9);
    expect(s.focus).toEqual({ row: s.visible.length - 1, col: 0 });
    expect(s.focused).toEqual({ rowIndex: s.visible[s.visible.length - 1], col: 0 });
    s.setFilter('missing');
    expect(s.focus).toBeNull();
  });

  it('refuses to build without documents and keeps the error typed', async () => {
    const s = new MatrixState(new MockBackend(docs), diff);
    s.setBase(1);
    expect(s.request()).toBeNull();
    await s.run();
    expect(s.matrix).toBeNull();
    const backend = new MockBackend(docs);
    const t = new MatrixState(backend, diff);
    t.setBase(99);
    t.toggle(2);
    await t.run();
    expect(t.error?.code).toBe('not_found');
  });

  it('exports the matrix shown, in the view order, where the user saves it', async () => {
    const backend = new MockBackend(docs);
    const s = new MatrixState(backend, diff);
    s.setBase(1);
    s.toggle(2);
    await s.run();
    s.toggle(3); // chosen after the matrix was built: not in the export
    s.setOrder('adoption');
    s.exportFormat = 'pdf';
    const result = await s.export();
    expect(result).toEqual({ ok: true, path: '/home/user/文件/某办函〔2023〕1号 覆盖矩阵.pdf' });
    expect(backend.matrixExports).toHaveLength(1);
    expect(backend.matrixExports[0]).toMatchObject({ format: 'pdf', matrix: { base: 1, others: [2], order: 'adoption' }, lang: 'zh' });
    await s.export(undefined, 'en');
    expect(backend.matrixExports[1]?.lang, 'the language asked for').toBe('en');
    backend.matrixExports.pop();
    backend.savePath = null;
    expect(await s.export()).toBeNull();
    expect(backend.matrixExports).toHaveLength(1);
  });

  it('the mock reads its fixture comparisons into cells as the core does', async () => {
    const c = gdfs as Comparison;
    const gd = doc(5, c.left.title, c.left.doc_number, ['一、工作目标']);
    const fs = doc(20, c.right.title, c.right.doc_number, ['一、工作目标']);
    // The fixture's own trees: the base's units are the fixture's left units.
    gd.tree = { clauses: c.pairs.flatMap((p) => (p.left ? [{ index: p.left.clause, parent: null, children: [], depth: 0, kind: p.left.kind, label: p.left.label, path: p.left.path, heading: p.left.heading, text: p.left.text, original: p.left.text, in_article: false }] : [])).sort((a, b) => a.index - b.index) };
    const backend = new MockBackend([gd, fs], { fixtures: [c] });
    const s = new MatrixState(backend, diff);
    s.setBase(5);
    s.toggle(20);
    await s.run();
    const m = s.matrix!;
    for (const p of c.pairs) {
      if (!p.left) continue;
      const row = m.rows.find((r) => r.unit.path === p.left!.path)!;
      expect(row.cells[0]!.kind).toBe(p.kind === 'same' ? 'same' : p.kind === 'left_only' ? 'missing' : 'modified');
      if (p.right) expect(row.cells[0]!.paths).toContain(p.right.path);
    }
    expect(matrixFileName(m, 'xlsx')).toBe('粤办函〔2023〕41号 覆盖矩阵.xlsx');
  });

  it('picks from the library a page at a time, searched by title or 文号, and caps "all"', async () => {
    const many = Array.from({ length: MATRIX_ALL_MAX + 20 }, (_, i) =>
      doc(i + 1, i % 2 ? `甲市第${i + 1}号方案` : `乙县第${i + 1}号办法`, i === 6 ? '甲办函〔2023〕7号' : null, ['第一条 内容。']),
    );
    const backend = new MockBackend(many);
    const s = new MatrixState(backend, diff);
    await s.startPicker();
    expect(s.picker.total).toBe(many.length);
    expect(s.pickerRows()).toHaveLength(PAGE_SIZE);
    await s.showMore();
    expect(s.pickerRows()).toHaveLength(2 * PAGE_SIZE);
    expect(backend.pageRequests.every((r) => r.limit <= MATRIX_ALL_MAX + 1)).toBe(true);
    // The search narrows the picker by title and by 文号.
    await s.searchPicker('办法');
    expect(s.picker.total).toBe(many.length / 2);
    expect(s.pickerRows().every((r) => r.title.includes('办法'))).toBe(true);
    await s.searchPicker('甲办函〔2023〕7号');
    expect(s.pickerRows().map((r) => r.id)).toEqual([7]);
    // "All" takes the documents matching the search, less the base.
    await s.searchPicker('甲市');
    s.setBase(2);
    await s.chooseAll();
    expect(s.others).toHaveLength(many.length / 2 - 1);
    expect(s.others).not.toContain(2);
    expect(s.others.every((id) => id % 2 === 0)).toBe(true);
    expect(s.allCapped).toBeNull();
    // Over the cap: the first MATRIX_ALL_MAX are taken, and that is said.
    await s.searchPicker('');
    await s.chooseAll();
    expect(s.others).toHaveLength(MATRIX_ALL_MAX);
    expect(s.others).not.toContain(2);
    expect(s.allCapped).toEqual({ taken: MATRIX_ALL_MAX, total: many.length });
    s.clearOthers();
    expect(s.allCapped).toBeNull();
  });
});
