/**
 * The shell's dialogs, panels and banners as a user meets them: a failed import call, the
 * library settings dialog (modal focus, Esc, backdrop), translated errors with the raw detail
 * behind 详情, the export dialog's focus and wording, a stale comparison, and library rows at
 * large font sizes.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render } from '@testing-library/svelte';
import type { Comparison, ErrorCode, ImportOutcome, StoredDoc } from '$lib/bindings';
import gdfs from '$lib/backend/fixtures/gd-foshan.comparison.json';
import { BackendError } from '$lib/backend/backend';
import { MockBackend } from '$lib/backend/mock';
import { roughTree } from '$lib/backend/mock/parse';
import { Settings } from '$lib/settings/settings.svelte';
import { rowHeight } from '../library/DocList.svelte';
import Harness from './ShellHarness.test.svelte';

afterEach(cleanup);

const doc = (id: number, title: string, doc_number: string | null, city: string | null, paras: string[]): StoredDoc => ({
  id,
  meta: { title, issuer: null, date: '2023-01-01', doc_number, province: '广东', city, level: city ? 'city' : 'province', source_url: null, source_file: null, fragment: false, excerpt: false, warnings: [] },
  original: paras.join('\n'),
  text: paras.join('\n'),
  tree: roughTree([title, ...paras], title),
});

const docs = () => [
  doc(7, '广东省进一步强化市场主体诉求响应服务工作方案', '粤办函〔2023〕41号', null, ['一、工作目标', '二、优化营商环境']),
  doc(8, '广州市网上办事管理办法', null, '广州', ['第一条 为了优化营商环境，规范网上办事。']),
  doc(9, '佛山市进一步强化市场主体诉求响应服务工作方案', '佛府办函〔2023〕75号', '佛山', ['一、工作目标', '二、优化营商环境']),
];

function mount(backend = new MockBackend(docs(), { fixtures: [gdfs as Comparison] }), settings = new Settings(null)) {
  const r = render(Harness, { props: { backend, settings } });
  return { ...r, backend, settings };
}

async function find<T extends Element = HTMLElement>(c: HTMLElement, sel: string): Promise<T> {
  return vi.waitFor(() => {
    const el = c.querySelector<T>(sel);
    expect(el, sel).not.toBeNull();
    return el!;
  });
}

describe('Import panel', () => {
  it('can be closed after the whole import call failed, and says why in words with a full-width colon', async () => {
    const { container, backend } = mount();
    backend.importFiles = async () => {
      throw new BackendError('busy', 'database is locked', 'import_files');
    };
    await fireEvent.click(await find(container, '[data-testid="import-button"]'));
    const failure = await find(container, '[data-testid="import-failure"]');
    expect(failure.textContent).toBe('未能导入：另一个 PolicyDiff 正在写入文库，请稍后重试。');
    // The raw message is only a detail, behind 详情.
    const detail = container.querySelector('[data-testid="import-panel"] details')!;
    expect(detail.querySelector('summary')!.textContent).toBe('详情');
    expect(detail.textContent).toContain('database is locked');
    await fireEvent.click(container.querySelector('[data-testid="import-dismiss"]')!);
    expect(container.querySelector('[data-testid="import-panel"]')).toBeNull();
    // The keyboard goes back to the import button, not to the page.
    expect(document.activeElement).toBe(container.querySelector('[data-testid="import-button"]'));
  });

  it('shows a failed file with the translated reason first and the raw message as detail', async () => {
    const { container } = mount();
    await fireEvent.click(await find(container, '[data-testid="import-button"]'));
    const bad = await vi.waitFor(() => {
      const r = container.querySelector('[data-testid="import-result"][data-ok="false"]');
      expect(r).not.toBeNull();
      return r!;
    });
    expect(bad.querySelector('.err')!.textContent).toBe('✗ 未能导入：不支持此文件类型或无法识别文件内容。');
    expect(bad.querySelector('details')!.textContent).toContain('.jpg');
  });

  it('says in Chinese what is wrong with each file, naming it, and keeps 不支持此文件类型 for unsupported types', async () => {
    const { container, backend } = mount();
    const failed = (path: string, code: ErrorCode, message: string): ImportOutcome => ({ path, added: [], duplicates: [], same_title: [], error: { code, message } });
    backend.importFiles = async () => [
      failed('/tmp/空文件.txt', 'empty_file', 'cannot use /tmp/空文件.txt: the file is empty (0 bytes)'),
      failed('/tmp/空白.txt', 'no_text', 'cannot use /tmp/空白.txt: the file holds nothing but whitespace'),
      failed('/tmp/乱码.txt', 'binary_file', 'cannot use /tmp/乱码.txt: binary content, not a text document'),
      failed('C:\\文件\\乱码.docx', 'corrupt_file', 'cannot use C:\\文件\\乱码.docx: it is named .docx but cannot be opened as a Word document'),
      failed('/tmp/表格.xls', 'unsupported_file', 'cannot use /tmp/表格.xls: it is an Excel workbook'),
    ];
    await fireEvent.click(await find(container, '[data-testid="import-button"]'));
    const rows = await vi.waitFor(() => {
      const r = container.querySelectorAll('[data-testid="import-result"][data-ok="false"]');
      expect(r).toHaveLength(5);
      return [...r];
    });
    expect(rows.map((r) => r.querySelector('.err')!.textContent)).toEqual([
      '✗ 未能导入：“空文件.txt”是空文件（0 字节），没有可导入的内容。',
      '✗ 未能导入：“空白.txt”中没有文字（只有空白，或是没有文字层的扫描件）。',
      '✗ 未能导入：“乱码.txt”的内容是二进制数据，不是文本文档。',
      '✗ 未能导入：“乱码.docx”已损坏，或不是真正的 Word/PDF 文件（可能是其他文件改了扩展名），无法打开。',
      '✗ 未能导入：不支持此文件类型或无法识别文件内容。',
    ]);
    // The shell's English message stays behind 详情.
    expect(rows[2]!.querySelector('details')!.textContent).toContain('binary content');
  });
});

describe('Library settings dialog', () => {
  async function openDialog(container: HTMLElement) {
    const button = await find<HTMLButtonElement>(container, '[data-testid="library-settings-button"]');
    button.focus();
    await fireEvent.click(button);
    const dialog = await find(container, '[data-testid="library-settings"]');
    return { button, dialog };
  }

  it('takes the focus, closes on Esc and gives the focus back to its button', async () => {
    const { container } = mount();
    const { button, dialog } = await openDialog(container);
    expect(dialog.tagName).toBe('DIALOG');
    await vi.waitFor(() => expect(dialog.contains(document.activeElement)).toBe(true));
    await fireEvent.keyDown(document.activeElement!, { key: 'Escape' });
    await vi.waitFor(() => expect(container.querySelector('[data-testid="library-settings"]')).toBeNull());
    expect(document.activeElement).toBe(button);
  });

  it('keeps Tab inside: from the last control to the first and Shift+Tab back, never out to the window', async () => {
    const { container } = mount();
    const { dialog } = await openDialog(container);
    const q = (id: string) => container.querySelector<HTMLElement>(`[data-testid="${id}"]`)!;
    await vi.waitFor(() => expect(document.activeElement).toBe(q('library-kind-file')));
    /** A Tab keydown on the focused control; returns whether the browser would have moved the focus itself. */
    const tab = async (shiftKey = false) => !(await fireEvent.keyDown(document.activeElement!, { key: 'Tab', shiftKey }));
    q('library-save').focus();
    expect(await tab()).toBe(true);
    expect(document.activeElement).toBe(q('library-kind-file'));
    expect(await tab(true)).toBe(true);
    expect(document.activeElement).toBe(q('library-save'));
    // In between, the browser moves it.
    q('library-author').focus();
    expect(await tab()).toBe(false);
    // The server choice without a URL: 保存 is disabled, 取消 is the last stop, the checked radio the first.
    await fireEvent.click(q('library-kind-server'));
    q('library-cancel').focus();
    expect(await tab()).toBe(true);
    expect(document.activeElement).toBe(q('library-kind-server'));
    expect(await tab(true)).toBe(true);
    expect(document.activeElement).toBe(q('library-cancel'));
    expect(dialog.contains(document.activeElement)).toBe(true);
  });

  it('closes on a click on the backdrop, not on a click inside', async () => {
    const { container } = mount();
    const { dialog } = await openDialog(container);
    const inside = container.querySelector<HTMLElement>('[data-testid="library-author"]')!;
    await fireEvent.mouseDown(inside);
    await fireEvent.click(inside);
    expect(container.querySelector('[data-testid="library-settings"]')).not.toBeNull();
    // The backdrop of a modal <dialog> is the dialog element itself as the click target.
    await fireEvent.mouseDown(dialog);
    await fireEvent.click(dialog);
    await vi.waitFor(() => expect(container.querySelector('[data-testid="library-settings"]')).toBeNull());
  });

  it('shows a failure once after a failed test and a failed save, the buttons in a footer outside the scrolling body', async () => {
    const { container } = mount();
    await openDialog(container);
    await fireEvent.click(container.querySelector('[data-testid="library-kind-server"]')!);
    const url = container.querySelector<HTMLInputElement>('[data-testid="library-url"]')!;
    await fireEvent.input(url, { target: { value: 'postgres://zhang@db.other/policy' } });
    await fireEvent.click(container.querySelector('[data-testid="library-test"]')!);
    const test = await find(container, '[data-testid="library-test-result"]');
    expect(test.textContent).toContain('连接失败：无法连接文库服务器');
    await fireEvent.click(container.querySelector('[data-testid="library-save"]')!);
    const err = await find(container, '[data-testid="library-save-error"]');
    expect(err.textContent).toContain('未切换文库');
    expect(container.querySelector('[data-testid="library-test-result"]')).toBeNull();
    expect(container.textContent!.split('无法连接文库服务器').length - 1).toBe(1);
    const save = container.querySelector('[data-testid="library-save"]')!;
    expect(save.closest('footer')).not.toBeNull();
    expect(save.closest('.body')).toBeNull();
  });
});

describe('Shell error banner', () => {
  it('shows the translated message with the raw one behind 详情', async () => {
    const { container, backend } = mount();
    backend.compareDocuments = async () => {
      throw new BackendError('db', 'database disk image is malformed (code 11)', 'compare_documents');
    };
    const example = await find<HTMLButtonElement>(container, '[data-testid="compare-example"]');
    await vi.waitFor(() => expect(example.disabled).toBe(false));
    await fireEvent.click(example);
    const alert = await find(container, '.error[role="alert"]');
    expect(alert.querySelector('span')!.textContent).toBe('出错了：文库数据库出错。');
    const details = alert.querySelector('details')!;
    expect(details.open).toBe(false);
    expect(details.textContent).toContain('database disk image is malformed');
  });
});

describe('Comparison and the side slots', () => {
  async function compareExample(container: HTMLElement) {
    const example = await find<HTMLButtonElement>(container, '[data-testid="compare-example"]');
    await vi.waitFor(() => expect(example.disabled).toBe(false));
    await fireEvent.click(example);
    await find(container, '[data-testid="compare-table"]');
  }

  it('names every icon-only button, with a tooltip: the slots\' ✕ say which side they clear', async () => {
    const { container } = mount();
    await compareExample(container);
    const left = await find<HTMLButtonElement>(container, '[data-testid="clear-left"]');
    const right = await find<HTMLButtonElement>(container, '[data-testid="clear-right"]');
    expect(left.textContent).toBe('✕');
    expect([left.title, left.getAttribute('aria-label')]).toEqual(['清除左侧文件', '清除左侧文件']);
    expect([right.title, right.getAttribute('aria-label')]).toEqual(['清除右侧文件', '清除右侧文件']);
    // Every button whose visible text is only symbols (✕ ⇄ ↑ ↓ A− A+ ⤓…) has a name and a tooltip.
    const iconOnly = [...container.querySelectorAll<HTMLElement>('button')].filter((b) => {
      const visible = [...b.childNodes].filter((n) => !(n instanceof HTMLElement && (n.getAttribute('aria-hidden') === 'true' || n.classList.contains('txt')))).map((n) => n.textContent).join('').trim();
      return !/[\u4e00-\u9fff]|[A-Za-z]{2,}/u.test(visible);
    });
    expect(iconOnly.length).toBeGreaterThanOrEqual(6);
    const unnamed = iconOnly.filter((b) => !b.getAttribute('aria-label') && !b.querySelector('.txt')?.textContent?.trim()).map((b) => b.outerHTML.slice(0, 80));
    const untitled = iconOnly.filter((b) => !b.title).map((b) => b.outerHTML.slice(0, 80));
    expect(unnamed).toEqual([]);
    expect(untitled).toEqual([]);
    await fireEvent.click(left);
    await vi.waitFor(() => expect(container.querySelector('[data-testid="clear-left"]')).toBeNull());
    expect(container.querySelector('[data-testid="slot-left"]')!.textContent).toContain('拖放文件到此处');
  });

  it('marks the comparison stale when a side is changed, and compares or restores from the banner', async () => {
    const { container } = mount();
    await compareExample(container);
    expect(container.querySelector('[data-testid="stale-banner"]')).toBeNull();
    await fireEvent.click(await find(container, '[data-testid="doc-row"][data-doc-id="8"] [data-testid="set-right"]'));
    const banner = await find(container, '[data-testid="stale-banner"]');
    expect(banner.textContent).toContain('下表仍是原来的比较：粤办函〔2023〕41号 ↔ 佛府办函〔2023〕75号');
    expect(container.querySelector('[data-testid="slot-right"]')!.hasAttribute('data-stale')).toBe(true);
    expect(container.querySelector('[data-testid="slot-left"]')!.hasAttribute('data-stale')).toBe(false);
    await fireEvent.click(container.querySelector('[data-testid="stale-revert"]')!);
    await vi.waitFor(() => expect(container.querySelector('[data-testid="stale-banner"]')).toBeNull());
    expect(container.querySelector('[data-testid="slot-right"]')!.textContent).toContain('佛山市');
    await fireEvent.click(container.querySelector('[data-testid="doc-row"][data-doc-id="8"] [data-testid="set-right"]')!);
    await fireEvent.click(await find(container, '[data-testid="stale-compare"]'));
    await vi.waitFor(() => expect(container.querySelector('[data-testid="stale-banner"]')).toBeNull());
    await vi.waitFor(() => expect(container.querySelector('[data-testid="compare-table"]')!.textContent).toContain('广州市网上办事管理办法'));
  });

  it('export: focus returns to the dialog after exporting and to 导出 on Esc; a full disk is the target\'s', async () => {
    const { container, backend } = mount();
    await compareExample(container);
    const exportButton = await find<HTMLButtonElement>(container, '[data-testid="export-button"]');
    exportButton.focus();
    await fireEvent.click(exportButton);
    const dialog = await find(container, '[data-testid="export-dialog"]');
    await vi.waitFor(() => expect(dialog.contains(document.activeElement)).toBe(true));
    const confirm = container.querySelector<HTMLButtonElement>('[data-testid="export-confirm"]')!;
    confirm.focus();
    await fireEvent.click(confirm);
    await vi.waitFor(() => expect(container.querySelector('[data-testid="export-status"] [data-ok="true"]')).not.toBeNull());
    await vi.waitFor(() => expect(document.activeElement).toBe(confirm));
    backend.exportError = new BackendError('disk_full', 'No space left on device (os error 28)', 'export_comparison');
    await fireEvent.click(confirm);
    const failed = await find(container, '[data-testid="export-status"] [data-ok="false"]');
    expect(failed.querySelector('p')!.textContent).toBe('导出失败：目标位置所在的磁盘已满，报告未能写完。');
    expect(failed.textContent).not.toContain('文库所在磁盘');
    expect(failed.querySelector('details')!.textContent).toContain('os error 28');
    await fireEvent.keyDown(document.activeElement!, { key: 'Escape' });
    await vi.waitFor(() => expect(container.querySelector('[data-testid="export-dialog"]')).toBeNull());
    expect(document.activeElement).toBe(exportButton);
  });
});

describe('Library rows and the font size', () => {
  it('follow the font size: rows as high as their content, in the font chosen', async () => {
    const settings = new Settings(null);
    settings.fontSize = 22;
    const { container } = mount(undefined, settings);
    const row = await find(container, '[data-testid="library-list"] [data-testid="doc-row"]');
    // No fixed height: a one-line title makes a lower row than a two-line one (the list measures them).
    expect(row.style.height).toBe('');
    // Rows not measured yet count as high as a two-line title, the details and the buttons at 22 px.
    expect(rowHeight(22)).toBeGreaterThan(130);
    const list = container.querySelector<HTMLElement>('[data-testid="library-list"]')!;
    expect(list.style.fontSize).toBe('22px');
    settings.fontSize = 13;
    await vi.waitFor(() => expect(list.style.fontSize).toBe('13px'));
    expect(row.style.height).toBe('');
  });

  it('keeps the whole title and the details in tooltips', async () => {
    const { container } = mount();
    const row = await find(container, '[data-testid="doc-row"][data-doc-id="9"]');
    expect(row.querySelector('button.title')!.getAttribute('title')).toBe('佛山市进一步强化市场主体诉求响应服务工作方案');
    expect(row.querySelector('.meta')!.getAttribute('title')).toBe('佛府办函〔2023〕75号 · 2023-01-01 · 市级 · 3 条 · 广东 · 佛山');
  });
});

describe('Library search', () => {
  it('searches within the region filter (the backend is asked for that scope), again when the filter changes', async () => {
    const backend = new MockBackend(docs(), { fixtures: [gdfs as Comparison] });
    const scopes: unknown[] = [];
    const search = backend.search.bind(backend);
    backend.search = (q, scope, limit) => {
      scopes.push(scope);
      return search(q, scope, limit);
    };
    const { container } = mount(backend);
    const hitIds = () => new Set([...container.querySelectorAll<HTMLElement>('[data-testid="search-hit"]')].map((h) => h.dataset.docId));
    const input = await find<HTMLInputElement>(container, '[data-testid="search-input"]');
    await fireEvent.input(input, { target: { value: '营商环境' } });
    await vi.waitFor(() => expect(container.querySelectorAll('[data-testid="search-hit"]').length).toBe(3), { timeout: 3000 });
    expect(container.querySelector('[data-testid="search-filtered"]')).toBeNull();
    // Choosing a region runs the search again within it.
    const region = await find<HTMLSelectElement>(container, 'select[aria-label="地区"]');
    await vi.waitFor(() => expect([...region.options].map((o) => o.value)).toContain('佛山'));
    region.value = '佛山';
    await fireEvent.change(region);
    await vi.waitFor(() => expect(hitIds()).toEqual(new Set(['9'])));
    expect(scopes.at(-1)).toEqual({ region: '佛山', level: null, year: null });
    expect(container.querySelector('[data-testid="search-filtered"]')!.textContent).toContain('仅在符合地区、层级、年份筛选的文件中检索');
    await fireEvent.click(container.querySelector('[data-testid="search-filtered"] button')!);
    await vi.waitFor(() => expect(container.querySelectorAll('[data-testid="search-hit"]').length).toBe(3));
    expect(scopes.at(-1)).toEqual({ region: null, level: null, year: null });
  });

  it('shows that it is searching, and says when the hits are capped, with more on request', async () => {
    const backend = new MockBackend(docs(), { fixtures: [gdfs as Comparison] });
    const limits: number[] = [];
    let release: () => void = () => {};
    const search = backend.search.bind(backend);
    backend.search = async (q, scope, limit) => {
      limits.push(limit);
      await new Promise<void>((r) => (release = r));
      // As many hits as asked for: the answer is capped.
      const one = (await search(q, scope, limit))[0]!;
      return Array.from({ length: limit }, (_, i) => ({ ...one, clause: i }));
    };
    const { container } = mount(backend);
    const input = await find<HTMLInputElement>(container, '[data-testid="search-input"]');
    await fireEvent.input(input, { target: { value: '营商环境' } });
    const status = await find(container, '[data-testid="search-status"]');
    await vi.waitFor(() => expect(status.textContent).toContain('正在检索…'), { timeout: 3000 });
    release();
    await vi.waitFor(() => expect(status.textContent!.trim()).toBe('检索结果：显示前 50 条'));
    await fireEvent.click(container.querySelector('[data-testid="search-more"]')!);
    await vi.waitFor(() => expect(limits).toEqual([50, 100]));
    release();
    await vi.waitFor(() => expect(status.textContent!.trim()).toBe('检索结果：显示前 100 条'));
  });
});

describe('First run', () => {
  it('the library count follows the import progress instead of saying 0', async () => {
    const backend = new MockBackend(docs(), { firstRun: true, stepMs: 40 });
    const { container } = mount(backend);
    const count = await find(container, '[data-testid="library-count"]');
    const run = backend.runFirstImport();
    await vi.waitFor(() => expect(count.textContent!.trim()).toMatch(/^正在导入 [12] \/ 3 篇$/u));
    expect(container.querySelector('[data-testid="library-list"]')!.textContent).toMatch(/正在导入内置文库：[12] \/ 3/u);
    await run;
    await vi.waitFor(() => expect(count.textContent!.trim()).toBe('共 3 篇'));
  });
});
