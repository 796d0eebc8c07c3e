import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render } from '@testing-library/svelte';
import type { StoredDoc } from '$lib/bindings';
import { MockBackend } from '$lib/backend/mock';
import { PAGE_SIZE } from '$lib/library/pages.svelte';
import { Settings } from '$lib/settings/settings.svelte';
import { storedDoc } from '$lib/compare/testing';
import Harness from '../app/ShellHarness.test.svelte';
import { rowHeight } from './DocList.svelte';

/** Row height at the default font size (15 px). */
const ROW_HEIGHT = rowHeight(15);

afterEach(cleanup);

const N = 50_000;
const PROVINCES = ['广东', '浙江', '江苏', '四川'];

/** A library of `n` documents: varied titles, dates and provinces, one clause-less tree each. */
function library(n: number): StoredDoc[] {
  return Array.from({ length: n }, (_, i) =>
    storedDoc(i + 1, {
      title: `第${i + 1}号 关于优化营商环境的若干措施`,
      // Dates spread over 2000–2024; every tenth document is undated.
      date: i % 10 === 9 ? null : `${2000 + (i % 25)}-${String((i % 12) + 1).padStart(2, '0')}-01`,
      province: PROVINCES[i % PROVINCES.length]!,
    }),
  );
}

/** A ResizeObserver the test reports sizes through (jsdom lays nothing out). */
class FakeResizeObserver {
  static all: FakeResizeObserver[] = [];
  readonly observed = new Set<Element>();
  constructor(private readonly callback: ResizeObserverCallback) {
    FakeResizeObserver.all.push(this);
  }
  observe(el: Element): void {
    this.observed.add(el);
  }
  unobserve(el: Element): void {
    this.observed.delete(el);
  }
  disconnect(): void {
    this.observed.clear();
  }
  /** Reports `px(el)` as the border-box height of each element observed (none for null). */
  report(px: (el: HTMLElement) => number | null): void {
    const entries = [...this.observed].flatMap((target) => {
      const h = px(target as HTMLElement);
      return h === null ? [] : [{ target, borderBoxSize: [{ blockSize: h, inlineSize: 300 }] }];
    });
    this.callback(entries as unknown as ResizeObserverEntry[], this as unknown as ResizeObserver);
  }
}

const rowsIn = (c: HTMLElement) => [...c.querySelectorAll<HTMLElement>('[data-testid="library-list"] [data-testid="doc-row"]')];

/** Scroll the list to `top` px, as the browser would (jsdom lays nothing out). */
async function scrollTo(list: HTMLElement, top: number) {
  Object.defineProperty(list, 'scrollTop', { value: top, configurable: true, writable: true });
  await fireEvent.scroll(list);
}

/** The element `selector` finds under `root`, once it is there. */
async function appears<T extends HTMLElement>(root: ParentNode, selector: string, timeout = 5000): Promise<T> {
  return vi.waitFor(
    () => {
      const el = root.querySelector<T>(selector);
      expect(el).not.toBeNull();
      return el!;
    },
    { timeout },
  );
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

  it('places the rows by their measured heights, keeping the rows in view where they are; a font size starts over', async () => {
    const real = globalThis.ResizeObserver;
    FakeResizeObserver.all = [];
    globalThis.ResizeObserver = FakeResizeObserver as unknown as typeof ResizeObserver;
    try {
      const settings = new Settings(null);
      const { container } = render(Harness, { props: { backend: new MockBackend(library(N)), settings } });
      await vi.waitFor(() => expect(rowsIn(container).length).toBeGreaterThan(0), { timeout: 5000 });
      const list = container.querySelector<HTMLElement>('[data-testid="library-list"]')!;
      const spacers = () => [...list.querySelectorAll<HTMLElement>(':scope > li.spacer')].map((x) => parseFloat(x.style.height));
      await scrollTo(list, 1000 * ROW_HEIGHT);
      await vi.waitFor(() => expect(rowAt(container, 1000)?.dataset.testid).toBe('doc-row'), { timeout: 5000 });
      const observer = FakeResizeObserver.all.find((o) => [...o.observed].some((e) => (e as HTMLElement).dataset.testid === 'doc-row'))!;
      // Every row in the DOM is measured, and no row has a height of its own.
      expect(observer.observed.size).toBe(rowsIn(container).length);
      expect(rowsIn(container).every((r) => r.style.height === '')).toBe(true);
      const first = Number(rowsIn(container)[0]!.dataset.index);
      const last = Number(rowsIn(container).at(-1)!.dataset.index);
      expect(first).toBe(1000 - 40);
      // The rows turn out 60 px high (one-line titles): the 40 above row 1000 are 40 × (ROW_HEIGHT − 60)
      // px lower than counted, and the list scrolls up by as much, row 1000 still at the top.
      observer.report((el) => (el.dataset.testid === 'doc-row' ? 60 : null));
      const measured = last - first + 1;
      const top = 1000 * ROW_HEIGHT - 40 * (ROW_HEIGHT - 60);
      expect(list.scrollTop).toBe(top);
      await fireEvent.scroll(list);
      await vi.waitFor(() => expect(Number(rowsIn(container)[0]!.dataset.index)).toBe(960));
      expect(spacers()[0]).toBe(960 * ROW_HEIGHT);
      // Scrolled back to the top, the rows measured are in the spacer below, at their heights.
      await scrollTo(list, 0);
      await vi.waitFor(() => expect(rowAt(container, 0)).not.toBeNull(), { timeout: 5000 });
      const end = Number(rowsIn(container).at(-1)!.dataset.index) + 1;
      expect(spacers()).toEqual([(N - end) * ROW_HEIGHT - measured * (ROW_HEIGHT - 60)]);
      // Row 2000 starts that much higher too.
      await scrollTo(list, 2000 * ROW_HEIGHT - measured * (ROW_HEIGHT - 60));
      await vi.waitFor(() => expect(Number(rowsIn(container)[0]?.dataset.index)).toBe(2000 - 40), { timeout: 5000 });
      // At the end of the list, rows higher than counted keep the view at the end.
      await scrollTo(list, N * ROW_HEIGHT);
      await vi.waitFor(() => expect(rowAt(container, N - 1)?.dataset.testid).toBe('doc-row'), { timeout: 5000 });
      const atEnd = rowsIn(container).length;
      observer.report((el) => (el.dataset.testid === 'doc-row' && Number(el.dataset.index) >= N - atEnd ? 120 : null));
      expect(list.scrollTop).toBe(N * ROW_HEIGHT - measured * (ROW_HEIGHT - 60) + atEnd * (120 - ROW_HEIGHT));
      // Another font size: every row counts at the new estimate until measured again.
      settings.fontSize = 22;
      await vi.waitFor(() => expect(spacers()[0]).toBe(Number(rowsIn(container)[0]!.dataset.index) * rowHeight(22)));
      expect(spacers().reduce((a, b) => a + b, 0) + rowsIn(container).length * rowHeight(22)).toBe(N * rowHeight(22));
    } finally {
      globalThis.ResizeObserver = real;
    }
  }, 20_000);

  it('forgets the heights measured when the sort changes: the same count of rows, other documents in them', async () => {
    const real = globalThis.ResizeObserver;
    FakeResizeObserver.all = [];
    globalThis.ResizeObserver = FakeResizeObserver as unknown as typeof ResizeObserver;
    try {
      const { container, list } = await renderLibrary(new MockBackend(library(N)));
      const spacers = () => [...list.querySelectorAll<HTMLElement>(':scope > li.spacer')].map((x) => parseFloat(x.style.height));
      // Rows 960 to 1100 or so measured at 60 px (one-line titles), then out of view again.
      await scrollTo(list, 1000 * ROW_HEIGHT);
      await vi.waitFor(() => expect(rowAt(container, 1000)?.dataset.testid).toBe('doc-row'), { timeout: 5000 });
      const observer = FakeResizeObserver.all.find((o) => [...o.observed].some((e) => (e as HTMLElement).dataset.testid === 'doc-row'))!;
      observer.report((el) => (el.dataset.testid === 'doc-row' ? 60 : null));
      const measured = observer.observed.size;
      expect(measured).toBeGreaterThan(40);
      await scrollTo(list, 0);
      await vi.waitFor(() => expect(rowAt(container, 0)?.dataset.testid).toBe('doc-row'), { timeout: 5000 });
      const below = () => (N - Number(rowsIn(container).at(-1)!.dataset.index) - 1) * ROW_HEIGHT;
      expect(spacers()).toEqual([below() - measured * (ROW_HEIGHT - 60)]);
      // Oldest first: as many rows, other documents in rows 960 to 1100, none of them measured.
      const sort = container.querySelector<HTMLSelectElement>('select[aria-label="排序"]')!;
      sort.value = 'date_asc';
      await fireEvent.change(sort);
      await vi.waitFor(() => expect(rowsIn(container)[0]!.textContent).toContain('2000-'), { timeout: 5000 });
      expect(container.textContent).toContain(`共 ${N} 篇`);
      expect(list.scrollTop).toBe(0);
      await vi.waitFor(() => expect(spacers()).toEqual([below()]), { timeout: 2000 });
    } finally {
      globalThis.ResizeObserver = real;
    }
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

/** The elements Tab stops at, in document order (jsdom does not move the focus on Tab itself). */
const tabStops = (el: Element) =>
  [...el.querySelectorAll<HTMLElement>('button, input, select, textarea, a[href], [tabindex]')].filter(
    (e) => e.tabIndex >= 0 && !(e as HTMLButtonElement).disabled,
  );
const rowAt = (c: HTMLElement, i: number) => c.querySelector<HTMLElement>(`[data-testid="library-list"] [data-index="${i}"]`);
type Control = 'title' | 'set-left' | 'set-right' | 'compare-with' | 'row-delete';
const control = (c: HTMLElement, i: number, which: Control) =>
  rowAt(c, i)?.querySelector<HTMLElement>(which === 'title' ? 'button.title' : `[data-testid="${which}"]`) ?? null;
async function press(key: string, opts: KeyboardEventInit = {}) {
  await fireEvent.keyDown(document.activeElement!, { key, ...opts });
}

describe('LibraryPane keyboard: the list is one tab stop, moved through with the keys', () => {
  it('puts one button of one row in the tab order, so Tab leaves the list at once and Shift+Tab comes back', async () => {
    const { container, list } = await renderLibrary(new MockBackend(library(N)));
    expect(list.getAttribute('aria-label')).toBe('文件列表');
    // The first row's title, and nothing else of the 80-odd rows rendered.
    await vi.waitFor(() => expect(tabStops(list)).toEqual([control(container, 0, 'title')]));
    expect(rowsIn(container).length).toBeGreaterThan(10);
    // The page's tab order passes the list in one step: the stop before and after are outside it.
    const order = tabStops(container);
    const at = order.indexOf(control(container, 0, 'title')!);
    expect(order.filter((e) => list.contains(e))).toHaveLength(1);
    expect(list.contains(order[at - 1]!)).toBe(false);
    if (at + 1 < order.length) expect(list.contains(order[at + 1]!)).toBe(false);
    // The button last focused is the list's stop from then on (where Shift+Tab comes back to).
    control(container, 2, 'set-right')!.focus();
    await vi.waitFor(() => expect(tabStops(list)).toEqual([control(container, 2, 'set-right')]));
    // Every row keeps its buttons' names and test ids.
    expect(control(container, 2, 'set-left')!.textContent).toBe('设为左侧');
    expect(control(container, 2, 'compare-with')!.textContent).toBe('与…比较');
  }, 20_000);

  it('moves Up/Down to the same button of the next row and Left/Right along the row', async () => {
    const { container } = await renderLibrary(new MockBackend(library(N)));
    control(container, 0, 'set-left')!.focus();
    await press('ArrowDown');
    await vi.waitFor(() => expect(document.activeElement).toBe(control(container, 1, 'set-left')));
    await press('ArrowRight');
    expect(document.activeElement).toBe(control(container, 1, 'set-right'));
    await press('ArrowRight');
    expect(document.activeElement).toBe(control(container, 1, 'compare-with'));
    await press('ArrowRight');
    expect(document.activeElement).toBe(control(container, 1, 'row-delete'));
    await press('ArrowRight');
    expect(document.activeElement).toBe(control(container, 1, 'row-delete'));
    await press('ArrowUp');
    await vi.waitFor(() => expect(document.activeElement).toBe(control(container, 0, 'row-delete')));
    await press('ArrowUp');
    expect(document.activeElement).toBe(control(container, 0, 'row-delete'));
    for (let k = 0; k < 4; k++) await press('ArrowLeft');
    expect(document.activeElement).toBe(control(container, 0, 'title'));
    expect(tabStops(container.querySelector('[data-testid="library-list"]')!)).toEqual([control(container, 0, 'title')]);
  }, 20_000);

  it('goes to the last of 50,000 rows with End (rendering and fetching it) and back with Home; PageDown/PageUp by a page', async () => {
    const backend = new MockBackend(library(N));
    const { container, list } = await renderLibrary(backend);
    Object.defineProperty(list, 'scrollTop', { value: 0, configurable: true, writable: true });
    control(container, 0, 'set-right')!.focus();
    await press('End');
    await vi.waitFor(() => expect(document.activeElement).toBe(control(container, N - 1, 'title')), { timeout: 5000 });
    expect(rowAt(container, N - 1)!.dataset.docId).toBe(String(N));
    expect(list.scrollTop).toBeGreaterThan((N - 10) * ROW_HEIGHT);
    expect(backend.pageRequests.some((r) => r.offset === N - PAGE_SIZE)).toBe(true);
    expect(rowsIn(container).length).toBeLessThan(100);
    expect(tabStops(list)).toEqual([control(container, N - 1, 'title')]);
    await press('Home');
    await vi.waitFor(() => expect(document.activeElement).toBe(control(container, 0, 'title')), { timeout: 5000 });
    expect(list.scrollTop).toBe(0);
    await press('ArrowRight');
    await press('PageDown');
    await vi.waitFor(() => expect((document.activeElement as HTMLElement | null)?.dataset.testid).toBe('set-left'));
    const down = Number(document.activeElement!.closest<HTMLElement>('[data-index]')!.dataset.index);
    expect(down).toBeGreaterThan(1);
    await press('PageUp');
    await vi.waitFor(() => expect(document.activeElement).toBe(control(container, 0, 'set-left')));
  }, 20_000);

  it('keeps the focused row in the DOM, and the tab stop on it, when the list is scrolled far away', async () => {
    const { container, list } = await renderLibrary(new MockBackend(library(N)));
    const button = control(container, 3, 'set-right')!;
    button.focus();
    // Never taken out of the list, not even to be moved (a browser would drop its focus).
    const removed: Node[] = [];
    const watch = new MutationObserver((ms) => ms.forEach((m) => removed.push(...m.removedNodes)));
    watch.observe(list, { childList: true });
    await scrollTo(list, N * ROW_HEIGHT);
    await vi.waitFor(() => expect(rowAt(container, N - 1)).not.toBeNull(), { timeout: 5000 });
    await scrollTo(list, 0);
    await vi.waitFor(() => expect(rowAt(container, N - 1)).toBeNull(), { timeout: 5000 });
    await scrollTo(list, N * ROW_HEIGHT);
    await vi.waitFor(() => expect(rowAt(container, N - 1)).not.toBeNull(), { timeout: 5000 });
    watch.takeRecords().forEach((m) => removed.push(...m.removedNodes));
    watch.disconnect();
    expect(removed.length).toBeGreaterThan(0);
    expect(removed).not.toContain(rowAt(container, 3));
    expect(button.isConnected).toBe(true);
    expect(document.activeElement).toBe(button);
    expect(rowsIn(container).length).toBeLessThan(100);
    expect(tabStops(list)).toEqual([button]);
    // The rows between it and the view are still one spacer each side, the list as high as ever.
    const gaps = [...list.querySelectorAll<HTMLElement>(':scope > li.spacer')].map((s) => parseInt(s.style.height, 10));
    expect(gaps.reduce((a, b) => a + b, 0) + rowsIn(container).length * ROW_HEIGHT).toBe(N * ROW_HEIGHT);
    // A key moves on from that row, scrolling back to it.
    await press('ArrowDown');
    await vi.waitFor(() => expect(document.activeElement).toBe(control(container, 4, 'set-right')), { timeout: 5000 });
  }, 20_000);

  it('makes the search hits one tab stop, moved through with the arrow keys, 显示更多 the next stop', async () => {
    const backend = new MockBackend(library(50));
    backend.search = async (_q, _scope, limit) =>
      Array.from({ length: limit }, (_, i) => ({
        doc_id: i + 1,
        title: `第${i + 1}号`,
        clause: 0,
        path: '第一条',
        label: '第一条',
        text: '优化营商环境',
        matches: [[0, 6]] as Array<[number, number]>,
        rank: 0,
        kind: 'substring' as const,
      }));
    const { container } = await renderLibrary(backend);
    const input = container.querySelector<HTMLInputElement>('[data-testid="search-input"]')!;
    await fireEvent.input(input, { target: { value: '营商' } });
    await vi.waitFor(() => expect(container.querySelectorAll('[data-testid="search-hit"]').length).toBe(50), { timeout: 3000 });
    const results = container.querySelector<HTMLElement>('[data-testid="search-results"]')!;
    expect(results.getAttribute('aria-label')).toBe('检索结果');
    const hits = [...results.querySelectorAll<HTMLButtonElement>('[data-testid="search-hit"] button')];
    const more = container.querySelector<HTMLElement>('[data-testid="search-more"]')!;
    await vi.waitFor(() => expect(tabStops(results)).toEqual([hits[0], more]));
    hits[0]!.focus();
    await press('ArrowDown');
    expect(document.activeElement).toBe(hits[1]);
    await press('End');
    expect(document.activeElement).toBe(hits.at(-1));
    await press('ArrowUp');
    expect(document.activeElement).toBe(hits.at(-2));
    expect(tabStops(results)).toEqual([hits.at(-2), more]);
    await press('Home');
    expect(document.activeElement).toBe(hits[0]);
  }, 20_000);

  it('opening a document just imported scrolls the list to its row, wherever the order puts it', async () => {
    const backend = new MockBackend(library(N));
    const { container, list } = await renderLibrary(backend);
    backend.pickFiles = async () => ['/home/user/下载/某区优化营商环境实施方案.docx'];
    await fireEvent.click(container.querySelector<HTMLElement>('[data-testid="import-button"]')!);
    const open = await appears<HTMLButtonElement>(container, '[data-testid="import-open"]');
    const id = Number(open.dataset.docId);
    expect(id).toBe(N + 1);
    // Undated, newest id: the last row of the list (newest first, undated last), far out of view.
    await vi.waitFor(() => expect(container.textContent).toContain(`共 ${N + 1} 篇`), { timeout: 5000 });
    expect(list.querySelector(`[data-doc-id="${id}"]`)).toBeNull();
    await fireEvent.click(open);
    const row = await appears(list, `[data-testid="doc-row"][data-doc-id="${id}"]`);
    expect(Number(row.dataset.index)).toBe(N);
    expect(list.scrollTop).toBeGreaterThan((N - 20) * ROW_HEIGHT);
    await vi.waitFor(() => {
      const stops = tabStops(list);
      expect(stops).toHaveLength(1);
      expect((stops[0]!.closest('[data-testid="doc-row"]') as HTMLElement).dataset.docId).toBe(String(id));
    });
    // Done once: the list that comes back after a search starts at the top, not at that row.
    backend.search = async () => [];
    const input = container.querySelector<HTMLInputElement>('[data-testid="search-input"]')!;
    await fireEvent.input(input, { target: { value: '营商' } });
    await vi.waitFor(() => expect(container.querySelector('[data-testid="library-list"]')).toBeNull(), { timeout: 3000 });
    await fireEvent.keyDown(input, { key: 'Escape' });
    const again = await appears(container, '[data-testid="library-list"]', 3000);
    await new Promise((r) => setTimeout(r, 50));
    expect(again.scrollTop).toBe(0);
  }, 20_000);

  it('makes the opened document the list\'s tab stop', async () => {
    const backend = new MockBackend(library(50));
    const hit = { doc_id: 7, title: '第7号', clause: 0, path: '第一条', label: '第一条', text: '营商', matches: [] as Array<[number, number]>, rank: 0, kind: 'substring' as const };
    backend.search = async () => [hit];
    const { container } = await renderLibrary(backend);
    const input = container.querySelector<HTMLInputElement>('[data-testid="search-input"]')!;
    await fireEvent.input(input, { target: { value: '营商' } });
    const button = await appears(container, '[data-testid="search-hit"] button', 3000);
    await fireEvent.click(button);
    await fireEvent.keyDown(input, { key: 'Escape' });
    await vi.waitFor(() => {
      const list = container.querySelector<HTMLElement>('[data-testid="library-list"]')!;
      expect(tabStops(list)).toEqual([list.querySelector('[data-doc-id="7"] button.title')]);
    }, { timeout: 3000 });
  }, 20_000);
});
