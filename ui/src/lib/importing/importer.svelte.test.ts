import { describe, expect, it } from 'vitest';
import type { AppError } from '$lib/bindings';
import { IMPORT_EXTENSIONS } from '$lib/backend/backend';
import { MockBackend } from '$lib/backend/mock';
import { ImportState, fileName, toResults } from './importer.svelte';

describe('ImportState', () => {
  it('imports good files, reports bad ones per file, and follows progress', async () => {
    const backend = new MockBackend([]);
    const state = new ImportState(backend);
    const seen: number[] = [];
    await backend.onImportProgress((p) => {
      state.onProgress(p);
      seen.push(p.index);
    });
    await state.run(['C:\\文件\\东莞市优化营商环境条例.txt', '/tmp/扫描件.jpg', '/tmp/佛山方案.docx']);
    expect(seen).toEqual([0, 1, 2]);
    expect(state.running).toBe(false);
    expect(state.results.map((r) => [r.name, r.added, r.error])).toEqual([
      ['东莞市优化营商环境条例.txt', 1, null],
      ['扫描件.jpg', 0, 'unsupported_file'],
      ['佛山方案.docx', 1, null],
    ]);
    expect(state.totals).toEqual({ added: 2, duplicates: 0, failed: 1 });
    // The same file again is a duplicate, not an error.
    await state.run(['/tmp/佛山方案.docx']);
    expect(state.results[0]!.duplicates).toEqual(['佛山方案']);
  });
  it('offers old binary Word files (.doc, and .wps from WPS Office) as well as DOCX', async () => {
    expect(IMPORT_EXTENSIONS).toEqual(expect.arrayContaining(['docx', 'doc', 'wps']));
    const state = new ImportState(new MockBackend([]));
    await state.run(['/tmp/旧通知.DOC', '/tmp/工作方案.wps', '/tmp/表格.xls']);
    expect(state.results.map((r) => [r.name, r.added, r.error])).toEqual([
      ['旧通知.DOC', 1, null],
      ['工作方案.wps', 1, null],
      ['表格.xls', 0, 'unsupported_file'],
    ]);
  });
  it('maps unknown error codes to internal', () => {
    // A newer shell may send a code this UI does not know yet: it arrives untyped over IPC.
    const error = JSON.parse('{"code":"weird","message":"x"}') as AppError;
    const r = toResults([{ path: 'a.txt', added: [], duplicates: [], same_title: [], error }]);
    expect(r[0]!.error).toBe('internal');
    expect(fileName('/a/b/c.txt')).toBe('c.txt');
  });
});
