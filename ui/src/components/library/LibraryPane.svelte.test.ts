import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render } from '@testing-library/svelte';
import type { StoredDoc } from '$lib/bindings';
import { MockBackend } from '$lib/backend/mock';
import { PAGE_SIZE } from '$lib/library/pages.svelte';
import { Settings } from '$lib/settings/settings.svelte';
import Harness from '../app/ShellHarness.test.svelte';
import { rowHeight } from './DocList.svelte';

/** Row height at the default font size (15 px). */
const ROW_HEIGHT = rowHeight(15);

afterEach(cleanup);

const N = 50_000;
const PROVINCES = ['广东', '浙江', '江苏', '四川'];

/** A library of `n` documents: varied titles, dates and provinces, one clause-less tree each. */
function library(n: number): StoredDoc[] {
  return Array.from({ length: n }, (_, i) => ({
    id: i + 1,
    meta: {
      title: `第${i + 1}号 关于优化营商环境的若干措施`,
      issuer: null,
      // Dates spread over 2000–2024; every tenth document is undated.
      date: i % 10 === 9 ? null : `${2000 + (i % 25)}-${String((i % 12) + 1).padStart(2, '0')}-01`,
      doc_number: null,
      province: PROVINCES[i % PROVINCES.length]!,
      city: null,
      level: 'province',
      source_url: null,
      source_file: null,
      fragment: false,
      excerpt: false,
      warnings: [],
    },
    original: '',
    text: '',
    tree: { clauses: [] },
  }));
}

const rowsIn = (c: HTMLElement) => [...c.querySelectorAll<HTMLElement>('[data-testid="library-list"] [data-testid="doc-row"]')];

/** Scroll the list to `top` px, as the browser would (jsdom lays nothing out). */
async function scrollTo(list: HTMLElement, top: number) {
  Object.defineProperty(list, 'scrollTop', { value: top, configurable: true, writable: true });
  await fireEvent.scroll(list);
}

async function renderLibrary(backend: MockBackend) {
  const { container } = render(Harness, { props: { backend, settings: new Settings(null) } });
  await vi.waitFor(() => expect(rowsIn(container).length).toBeGreaterThan(0), { timeout: 5000 });
  return { container, list: container.querySelector<HTMLElement>('[data-testid="library-list"]')! };
}

describe('LibraryPane over a library of 50,000 documents', () => {
  it('keeps only the rows in view and a few either side in the DOM, fetched a page at a time', async () => {
    const backend = new MockBackend(library(N));
    const { container } = await renderLibrary(backend);
    expect(rowsIn(container).length).toBeLessThan(100);
    expect(container.textContent).toContain('共 50000 篇');
    // Only first pages were asked for (the pane's, per reload, and the example's 文号
    // looked up), never the whole list.
    expect(backend.pageRequests.every((r) => r.offset === 0 && r.limit <= PAGE_SIZE)).toBe(true);
  }, 20_000);

  it('shows the last document when scrolled to the end', async () => {
    const backend = new MockBackend(library(N));
    const { container, list } = await renderLibrary(backend);
    // Newest first, undated last: the last row is the undated document with the highest id.
    await scrollTo(list, N * ROW_HEIGHT);
    await vi.waitFor(() => expect(rowsIn(container).some((r) => r.dataset.docId === String(N))).toBe(true), { timeout: 5000 });
    const shown = rowsIn(container);
    expect(shown.length).toBeLessThan(100);
    expect(Number(shown.at(-1)!.dataset.index)).toBe(N - 1);
    expect(shown.at(-1)!.dataset.docId).toBe(String(N));
    // The list keeps the full height: rows above the view are one spacer item, not elements,
    // and not the list's own padding (a scroll container is at least as high as its padding:
    // the list grew to every row's height and rendered them all).
    const spacer = list.querySelector<HTMLElement>(':scope > li.spacer')!;
    expect(spacer.nextElementSibling).toBe(shown[0]);
    expect(parseInt(spacer.style.height, 10)).toBe(Number(shown[0]!.dataset.index) * ROW_HEIGHT);
    expect(list.style.paddingTop).toBe('');
    const fetched = new Set(backend.pageRequests.map((r) => r.offset));
    expect(fetched.size).toBeLessThan(6);
  }, 20_000);

  it('fills the region and year menus from the library facets', async () => {
    const backend = new MockBackend(library(N));
    const { container } = await renderLibrary(backend);
    const options = (label: string) =>
      [...container.querySelectorAll<HTMLOptionElement>(`select[aria-label="${label}"] option`)].map((o) => o.value).slice(1);
    await vi.waitFor(() => expect(options('地区')).toEqual(['广东', '江苏', '四川', '浙江']));
    expect(options('年份')).toEqual(Array.from({ length: 25 }, (_, i) => String(2024 - i)));
    expect(backend.facetRequests).toBeGreaterThan(0);
  }, 20_000);

  it('filters and sorts through the backend, the count following the filter', async () => {
    const backend = new MockBackend(library(N));
    const { container } = await renderLibrary(backend);
    const region = container.querySelector<HTMLSelectElement>('select[aria-label="地区"]')!;
    region.value = '四川';
    await fireEvent.change(region);
    await vi.waitFor(() => expect(container.textContent).toContain(`共 ${N / 4} 篇`));
    expect(rowsIn(container).every((r) => r.textContent!.includes('四川'))).toBe(true);
    const sort = container.querySelector<HTMLSelectElement>('select[aria-label="排序"]')!;
    sort.value = 'date_asc';
    await fireEvent.change(sort);
    // Oldest first: the 四川 documents of 2000 (ids 25k + 1, every 100th).
    await vi.waitFor(() => expect(rowsIn(container)[0]!.textContent).toContain('2000-'));
    expect(rowsIn(container)[0]!.textContent).toContain('四川');
  }, 20_000);

  it('moves between rows with the arrow keys, past the rows first rendered', async () => {
    const backend = new MockBackend(library(N));
    const { container, list } = await renderLibrary(backend);
    // A scroll offset that can be set (jsdom's is always 0).
    Object.defineProperty(list, 'scrollTop', { value: 0, configurable: true, writable: true });
    const titleOf = (i: number) => container.querySelector<HTMLElement>(`[data-index="${i}"] button.title`);
    titleOf(0)!.focus();
    for (let i = 0; i < 60; i++) await fireEvent.keyDown(document.activeElement!, { key: 'ArrowDown' });
    await vi.waitFor(() => expect(document.activeElement).toBe(titleOf(60)));
    expect(rowsIn(container).length).toBeLessThan(100);
  }, 20_000);
});
