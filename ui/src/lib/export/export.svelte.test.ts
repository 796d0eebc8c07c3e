import { describe, expect, it } from 'vitest';
import type { CompareRequest, Comparison } from '$lib/bindings';
import gdfs from '$lib/backend/fixtures/gd-foshan.comparison.json';
import { BackendError } from '$lib/backend/backend';
import { MockBackend } from '$lib/backend/mock';
import { comparisonOf, docInfo } from '$lib/compare/testing';
import { EXPORT_FORMATS, ExportState, buildExportRequest, defaultFileName, formatFilter, formatHasOptions, newExportId } from './export.svelte';

const request: CompareRequest = { left: 7, right: 9, diff: { granularity: 'word', ignore_whitespace: false, ignore_punct_width: true } };
const c = gdfs as Comparison;

describe('export request', () => {
  it('carries the comparison request, format, path, contents and language', () => {
    expect(buildExportRequest('e1', request, 'docx', '/tmp/a.docx', { summary: true, key_diffs: false, changed_only: true, notes: true }, 'en')).toEqual({
      id: 'e1',
      compare: request,
      format: 'docx',
      path: '/tmp/a.docx',
      summary: true,
      key_diffs: false,
      changed_only: true,
      notes: true,
      lang: 'en',
      order: 'aligned',
    });
  });

  it('carries the view\'s row order, except to JSON, which is the whole comparison in the model\'s order', () => {
    const contents = { summary: true, key_diffs: true, changed_only: true, notes: true };
    expect(buildExportRequest('e2', request, 'markdown', '/tmp/a.md', contents, 'zh', 'left')).toMatchObject({ order: 'left', changed_only: true });
    expect(buildExportRequest('e3', request, 'json', '/tmp/a.json', contents, 'zh', 'left')).toMatchObject({ order: 'aligned', changed_only: false });
  });

  it('proposes a file name from the two 文号, safe on every system', () => {
    expect(defaultFileName(c, 'docx')).toBe(`${c.left.doc_number} 对比 ${c.right.doc_number}.docx`);
    const odd = comparisonOf([]);
    odd.left = { ...docInfo(1, '关于印发《a/b:c*?"<>|》的通知'), doc_number: null };
    expect(defaultFileName(odd, 'markdown', 'vs')).toBe('关于印发《a_b_c______》的通知 vs 右.md');
  });

  it('offers PDF, and each format saves under its own extension', () => {
    expect(EXPORT_FORMATS).toContain('pdf');
    const extensions = EXPORT_FORMATS.map((f) => formatFilter(f).extensions);
    expect(extensions).toEqual([['docx'], ['pdf'], ['html'], ['md'], ['csv'], ['json']]);
    expect(defaultFileName(c, 'pdf')).toBe(`${c.left.doc_number} 对比 ${c.right.doc_number}.pdf`);
    expect(formatHasOptions('pdf')).toBe(true);
  });

  it('JSON takes no content options', () => {
    expect(formatHasOptions('json')).toBe(false);
    expect(formatHasOptions('csv')).toBe(true);
  });
});

describe('ExportState', () => {
  it('asks where to save with the format filter, then exports with the chosen options', async () => {
    const backend = new MockBackend([]);
    const asked: unknown[] = [];
    const pick = backend.pickSavePath.bind(backend);
    backend.pickSavePath = (p, f) => {
      asked.push([p, f]);
      return pick(p, f);
    };
    const ex = new ExportState(backend);
    ex.show();
    ex.format = 'csv';
    ex.contents.changed_only = true;
    ex.contents.notes = false;
    const done = ex.run(request, c);
    expect(ex.busy).toBe(true);
    const r = await done;
    expect(ex.busy).toBe(false);
    expect(asked).toEqual([[`${c.left.doc_number} 对比 ${c.right.doc_number}.csv`, [{ name: 'CSV', extensions: ['csv'] }]]]);
    expect(backend.exports).toEqual([
      { id: expect.any(String), compare: request, format: 'csv', path: `/home/user/文件/${c.left.doc_number} 对比 ${c.right.doc_number}.csv`, summary: true, key_diffs: true, changed_only: true, notes: false, lang: 'zh', order: 'aligned' },
    ]);
    expect(r).toEqual({ ok: true, path: backend.exports[0]!.path });
    expect(ex.result).toEqual(r);
  });

  it('does nothing when the save dialog is cancelled', async () => {
    const backend = new MockBackend([]);
    backend.savePath = null;
    const ex = new ExportState(backend);
    expect(await ex.run(request, c)).toBeNull();
    expect(backend.exports).toEqual([]);
    expect(ex.result).toBeNull();
    expect(ex.busy).toBe(false);
  });

  it('reports the shell error in plain words', async () => {
    const backend = new MockBackend([]);
    backend.savePath = '/readonly/报告.docx';
    backend.exportError = new BackendError('io', 'cannot write /readonly/报告.docx: permission denied', 'export_comparison');
    const ex = new ExportState(backend);
    const r = await ex.run(request, c);
    expect(r?.ok).toBe(false);
    expect(r && !r.ok && [r.error.code, r.error.message]).toEqual(['io', 'cannot write /readonly/报告.docx: permission denied']);
    expect(ex.busy).toBe(false);
  });

  it('gives every export its own id', () => {
    const a = newExportId();
    const b = newExportId();
    expect(a).not.toBe(b);
    expect(a).toMatch(/^export-/u);
  });

  it('follows the stages of its own export only', async () => {
    const backend = new MockBackend([]);
    let release!: () => void;
    backend.exportHold = new Promise((r) => (release = r));
    const seen: string[] = [];
    await backend.onExportProgress((p) => seen.push(p.stage));
    const ex = new ExportState(backend);
    const done = ex.run(request, c);
    await settle();
    expect(ex.busy).toBe(true);
    expect(ex.stage).toBe('compare');
    // Another export's progress does not touch this one.
    const other = backend.exportComparison({ ...buildExportRequest('someone-else', request, 'markdown', '/tmp/x.md', ex.contents, 'zh') });
    await settle();
    expect(ex.stage).toBe('compare');
    release();
    const r = await done;
    await other;
    expect(r?.ok).toBe(true);
    expect(seen.filter((s, i) => seen.indexOf(s) === i)).toEqual(['compare', 'notes', 'write', 'done']);
    expect(ex.stage).toBeNull();
    expect(ex.busy).toBe(false);
    expect(backend.exports.map((e) => e.path)).toContain(`/home/user/文件/${c.left.doc_number} 对比 ${c.right.doc_number}.docx`);
  });

  it('cancels the running export: cancelled, nothing written', async () => {
    const backend = new MockBackend([]);
    let release!: () => void;
    backend.exportHold = new Promise((r) => (release = r));
    const ex = new ExportState(backend);
    const done = ex.run(request, c);
    await settle();
    expect(ex.stage).toBe('compare');
    await ex.cancel();
    expect(ex.cancelling).toBe(true);
    release();
    const r = await done;
    expect(r && !r.ok && r.error.code).toBe('cancelled');
    expect(ex.cancelled).toBe(true);
    expect(backend.exports).toEqual([]);
    expect(backend.cancelledExports).toHaveLength(1);
    expect(ex.busy).toBe(false);
    expect(ex.cancelling).toBe(false);
    // The next export runs normally.
    const again = await ex.run(request, c);
    expect(again?.ok).toBe(true);
    expect(ex.cancelled).toBe(false);
  });

  it('cancel does nothing when no export is running', async () => {
    const backend = new MockBackend([]);
    const ex = new ExportState(backend);
    await ex.cancel();
    expect(backend.cancelledExports).toEqual([]);
  });
});

const settle = async () => {
  for (let k = 0; k < 5; k++) await new Promise((r) => setTimeout(r, 0));
};
