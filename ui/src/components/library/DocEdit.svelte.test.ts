/**
 * Deleting and editing documents as a user does it: from the document view and from a library
 * row (by button and by the Delete key), behind a confirmation that names the document; what is
 * on screen afterwards (list, sides, comparison, notice); the metadata form's checks and save; a
 * read-only library refusing both; an import beside a document of the same title.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render } from '@testing-library/svelte';
import type { Comparison, StoredDoc } from '$lib/bindings';
import gdfs from '$lib/backend/fixtures/gd-foshan.comparison.json';
import { MockBackend } from '$lib/backend/mock';
import { roughTree } from '$lib/backend/mock/parse';
import { Settings } from '$lib/settings/settings.svelte';
import Harness from '../app/ShellHarness.test.svelte';

afterEach(cleanup);

const doc = (id: number, title: string, doc_number: string | null, city: string | null, paras: string[]): StoredDoc => ({
  id,
  meta: { title, issuer: null, date: '2023-01-01', doc_number, province: '广东', city, level: city ? 'city' : 'province', source_url: null, source_file: null, fragment: false, excerpt: false, warnings: [] },
  original: paras.join('\n'),
  text: paras.join('\n'),
  tree: roughTree([title, ...paras], title),
});

const GD = '广东省进一步强化市场主体诉求响应服务工作方案';
const FS = '佛山市进一步强化市场主体诉求响应服务工作方案';
const docs = () => [
  doc(7, GD, '粤办函〔2023〕41号', null, ['一、工作目标', '二、优化营商环境']),
  doc(8, '广州市网上办事管理办法', null, '广州', ['第一条 为了优化营商环境，规范网上办事。']),
  doc(9, FS, '佛府办函〔2023〕75号', '佛山', ['一、工作目标', '二、优化营商环境']),
];

function mount(backend = new MockBackend(docs(), { fixtures: [gdfs as Comparison] })) {
  const r = render(Harness, { props: { backend, settings: new Settings(null) } });
  return { ...r, backend };
}

async function find<T extends Element = HTMLElement>(c: HTMLElement, sel: string): Promise<T> {
  return vi.waitFor(() => {
    const el = c.querySelector<T>(sel);
    expect(el, sel).not.toBeNull();
    return el!;
  });
}

const row = (c: HTMLElement, id: number) => c.querySelector<HTMLElement>(`[data-testid="library-list"] [data-doc-id="${id}"]`);

describe('Deleting a document', () => {
  it('from the document view, after a confirmation naming it, closes what used it and says so', async () => {
    const { container, backend } = mount();
    await find(container, '[data-doc-id="9"]');
    // Compare Guangdong with Foshan, then open Foshan's document.
    await fireEvent.click(row(container, 7)!.querySelector('[data-testid="set-left"]')!);
    await fireEvent.click(row(container, 9)!.querySelector('[data-testid="set-right"]')!);
    await fireEvent.click(await find(container, '[data-testid="compare-button"]'));
    await find(container, '[data-testid="compare-table"], [data-testid="pair-row"]');
    await fireEvent.click(row(container, 9)!.querySelector('button.title')!);
    await find(container, '[data-testid="doc-view"]');

    await fireEvent.click(await find(container, '[data-testid="doc-delete"]'));
    const dialog = await find(container, '[data-testid="delete-dialog"]');
    expect(dialog.querySelector('[data-testid="delete-name"]')!.textContent).toBe(FS);
    expect(dialog.querySelector('[data-testid="delete-number"]')!.textContent).toBe('佛府办函〔2023〕75号');
    // The safe choice has the focus; cancelling deletes nothing.
    await vi.waitFor(() => expect(document.activeElement).toBe(dialog.querySelector('[data-testid="delete-cancel"]')));
    await fireEvent.click(dialog.querySelector('[data-testid="delete-cancel"]')!);
    expect(container.querySelector('[data-testid="delete-dialog"]')).toBeNull();
    expect((await backend.documentsById([9])).length).toBe(1);

    await fireEvent.click(container.querySelector('[data-testid="doc-delete"]')!);
    await fireEvent.click(await find(container, '[data-testid="delete-confirm"]'));
    const notice = await find(container, '[data-testid="notice"]');
    expect(notice.textContent).toContain(`已删除：${FS}（佛府办函〔2023〕75号）`);
    expect(notice.textContent).toContain('使用该文件的比对已关闭。');
    expect(await backend.documentsById([9])).toEqual([]);
    await vi.waitFor(() => expect(row(container, 9)).toBeNull());
    // Nothing on screen names it any more: no document view, no comparison, no right side.
    expect(container.querySelector('[data-testid="doc-view"]')).toBeNull();
    expect(container.querySelector('[data-testid="pair-row"]')).toBeNull();
    expect(container.querySelector('[data-testid="slot-right"]')?.textContent ?? '').not.toContain(FS);
    expect(row(container, 7)!.classList.contains('chosen')).toBe(true);
  });

  it('from a library row by the Delete key; Esc cancels', async () => {
    const { container, backend } = mount();
    const title = (await find(container, '[data-doc-id="8"] button.title')) as HTMLButtonElement;
    title.focus();
    await fireEvent.keyDown(title, { key: 'Delete' });
    const dialog = await find(container, '[data-testid="delete-dialog"]');
    expect(dialog.querySelector('[data-testid="delete-name"]')!.textContent).toBe('广州市网上办事管理办法');
    expect(dialog.querySelector('[data-testid="delete-number"]')!.textContent).toBe('无文号');
    await fireEvent.keyDown(dialog, { key: 'Escape' });
    expect(container.querySelector('[data-testid="delete-dialog"]')).toBeNull();
    expect((await backend.documentsById([8])).length).toBe(1);
    // The row's own button does the same.
    await fireEvent.click(row(container, 8)!.querySelector('[data-testid="row-delete"]')!);
    await fireEvent.click(await find(container, '[data-testid="delete-confirm"]'));
    await vi.waitFor(() => expect(row(container, 8)).toBeNull());
    expect(await backend.documentsById([8])).toEqual([]);
  });

  it('is refused on a read-only library, with a message, and nothing is deleted or edited', async () => {
    const backend = new MockBackend(docs(), { fixtures: [gdfs as Comparison] });
    backend.readOnly = 'opened read-only';
    const { container } = mount(backend);
    await find(container, '[data-testid="read-only-banner"]');
    await fireEvent.click((await find(container, '[data-doc-id="8"] button.title'))!);
    await fireEvent.click(await find(container, '[data-testid="doc-delete"]'));
    expect(container.querySelector('[data-testid="delete-dialog"]')).toBeNull();
    const alert = await find(container, '[role="alert"]');
    expect(alert.textContent).toContain('文库为只读');
    await fireEvent.click(container.querySelector('[data-testid="doc-edit"]')!);
    expect(container.querySelector('[data-testid="meta-form"]')).toBeNull();
    expect(container.querySelector('[data-testid="doc-read-only"]')!.textContent).toBe('文库为只读，不能编辑或删除文件。');
    expect((await backend.documentsById([8])).length).toBe(1);
  });
});

describe('Editing a document’s metadata', () => {
  it('names a bad date at its field, then saves only the fields changed, shown everywhere', async () => {
    const { container, backend } = mount();
    const edit = vi.spyOn(backend, 'editDocument');
    await fireEvent.click((await find(container, '[data-doc-id="8"] button.title'))!);
    await fireEvent.click(await find(container, '[data-testid="doc-edit"]'));
    const form = await find(container, '[data-testid="meta-form"]');
    const input = (name: string) => form.querySelector<HTMLInputElement>(`[data-testid="meta-${name}"]`)!;
    expect(input('title').value).toBe('广州市网上办事管理办法');
    await fireEvent.input(input('date'), { target: { value: '2023-02-30' } });
    await fireEvent.input(input('doc_number'), { target: { value: '穗府办(2023)5号' } });
    await fireEvent.submit(form);
    expect(form.querySelector('[data-testid="meta-error-date"]')!.textContent).toBe('没有这一天，请检查月份和日期。');
    expect(input('date').getAttribute('aria-invalid')).toBe('true');
    expect(edit).not.toHaveBeenCalled();

    await fireEvent.input(input('date'), { target: { value: '2023-03-01' } });
    const level = form.querySelector<HTMLSelectElement>('[data-testid="meta-level"]')!;
    level.value = 'district';
    await fireEvent.change(level);
    await fireEvent.submit(form);
    await vi.waitFor(() => expect(container.querySelector('[data-testid="meta-form"]')).toBeNull());
    expect(edit).toHaveBeenCalledWith(8, { date: '2023-03-01', doc_number: '穗府办(2023)5号', level: 'district' });
    const meta = container.querySelector('[data-testid="doc-meta"]')!;
    expect(meta.textContent).toContain('2023-03-01');
    expect(meta.textContent).toContain('穗府办〔2023〕5号');
    expect(meta.textContent).toContain('区县级');
    await vi.waitFor(() => expect(row(container, 8)!.querySelector('[data-testid="doc-number"]')!.textContent).toBe('穗府办〔2023〕5号'));
  });

  it('keeps the form as typed and says why when the library refuses', async () => {
    const { container, backend } = mount();
    await fireEvent.click((await find(container, '[data-doc-id="8"] button.title'))!);
    await fireEvent.click(await find(container, '[data-testid="doc-edit"]'));
    const form = await find(container, '[data-testid="meta-form"]');
    backend.readOnly = 'the folder /mnt/usb is not writable';
    const title = form.querySelector<HTMLInputElement>('[data-testid="meta-title"]')!;
    await fireEvent.input(title, { target: { value: '新标题' } });
    await fireEvent.submit(form);
    const err = await find(container, '[data-testid="meta-save-error"]');
    expect(err.textContent).toContain('未能保存：文库为只读');
    expect(title.value).toBe('新标题');
    expect((await backend.getDocument(8)).meta.title).toBe('广州市网上办事管理办法');
  });
});

describe('Importing beside a document of the same title', () => {
  it('says so, tells the rows apart, and opens the new document from the import result', async () => {
    const { container, backend } = mount();
    backend.pickFiles = async () => ['/home/user/下载/广州市网上办事管理办法.docx'];
    await fireEvent.click(await find(container, '[data-testid="import-button"]'));
    const result = await find(container, '[data-testid="import-same-title"]');
    expect(result.textContent).toBe('与文库中同名文件并存：广州市网上办事管理办法（编号 8）');
    const open = await find<HTMLButtonElement>(container, '[data-testid="import-open"]');
    await vi.waitFor(() => expect(open.textContent!.trim()).toBe('打开：广州市网上办事管理办法'));
    const id = Number(open.dataset.docId);
    expect(id).toBeGreaterThan(9);
    await fireEvent.click(open);
    const view = await find(container, '[data-testid="doc-view"]');
    expect(view.querySelector('[data-testid="doc-file"]')!.textContent).toBe('/home/user/下载/广州市网上办事管理办法.docx');
    // Both rows say they share a title; the new one names its file.
    await vi.waitFor(() => expect(row(container, id)).not.toBeNull());
    expect(row(container, id)!.querySelector('[data-testid="doc-twin"]')!.textContent).toBe(`同名文件 · 广州市网上办事管理办法.docx · 编号 ${id}`);
    expect(row(container, 8)!.querySelector('[data-testid="doc-twin"]')!.textContent).toBe('同名文件 · 编号 8');
    expect(row(container, 7)!.querySelector('[data-testid="doc-twin"]')).toBeNull();
  });
});

describe('A library row’s details', () => {
  it('come in the order that tells documents apart, the region and the issuer last (they give way first)', async () => {
    const { container } = mount();
    const meta = await find(container, '[data-doc-id="9"] .meta');
    const keys = [...meta.querySelectorAll('span[class^="d-"]')].map((s) => s.className.match(/d-(\w+)/u)?.[1]);
    expect(keys).toEqual(['number', 'date', 'level', 'clauses', 'region']);
    expect(meta.getAttribute('title')).toBe('佛府办函〔2023〕75号 · 2023-01-01 · 市级 · 3 条 · 广东 · 佛山');
  });
});
