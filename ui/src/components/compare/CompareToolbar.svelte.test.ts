import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, within } from '@testing-library/svelte';
import { tick } from 'svelte';
import type { Comparison } from '$lib/bindings';
import gdfs from '$lib/backend/fixtures/gd-foshan.comparison.json';
import { MockBackend } from '$lib/backend/mock';
import { Session } from '$lib/app/session.svelte';
import { Settings } from '$lib/settings/settings.svelte';
import { chooseLevel } from '$lib/compare/toolbarFit';
import { en, zh, type Lang, type MessageKey } from '$lib/i18n/messages';
import Harness from './CompareHarness.test.svelte';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

/**
 * jsdom lays nothing out, so the toolbar's geometry is faked: the toolbar is `width` wide and its
 * controls end at `CONTENT[level]`, the level read from the attributes the toolbar's CSS reads.
 */
const CONTENT = [1300, 1000, 860, 720];
function fakeLayout(width: number) {
  vi.spyOn(Element.prototype, 'getBoundingClientRect').mockImplementation(function (this: Element) {
    const bar = this.closest('[role="toolbar"]');
    if (bar === this) return new DOMRect(0, 0, width, 40);
    if (bar && this.getAttribute('data-testid') === 'close-comparison') {
      const level = bar.hasAttribute('data-icons') ? 3 : bar.hasAttribute('data-nav-icons') ? 2 : bar.hasAttribute('data-menu') ? 1 : 0;
      return new DOMRect(CONTENT[level]! - 30, 5, 30, 30);
    }
    return new DOMRect(0, 0, 0, 0);
  });
}

async function mount(lang: Lang, width: number | null) {
  if (width !== null) fakeLayout(width);
  const backend = new MockBackend([]);
  const settings = new Settings(null);
  const session = new Session(backend, settings);
  session.view.load(gdfs as Comparison);
  const r = render(Harness, { props: { session, backend, settings, lang } });
  await tick();
  const toolbar = r.container.querySelector<HTMLElement>('[role="toolbar"][data-testid="compare-toolbar"]')!;
  expect(toolbar).not.toBeNull();
  return { ...r, session, toolbar };
}

/** Every control of the toolbar, the export dialog aside, with the name it must have. */
function expected(lang: Lang): Array<[string, RegExp]> {
  const m = lang === 'en' ? en : zh;
  const exact = (k: MessageKey) => new RegExp(`^${m[k].replace(/[.*+?^${}()|[\]\\]/gu, '\\$&')}$`, 'u');
  return [
    ['prev-change', exact('compare.prevHint')],
    ['next-change', exact('compare.nextHint')],
    ['filter-select', exact('compare.filter')],
    ['order-select', exact('compare.order')],
    ['granularity-select', exact('compare.granularity')],
    ['ignore-punct', exact('compare.ignorePunct')],
    ['ignore-space', exact('compare.ignoreSpace')],
    ['find-open', exact('find.button')],
    ['export-button', exact('export.button')],
    ['close-comparison', exact('compare.close')],
  ];
}

/** The control's role as assistive technology sees it. */
function roleOf(el: HTMLElement): 'button' | 'combobox' | 'checkbox' {
  return el.tagName === 'SELECT' ? 'combobox' : el.tagName === 'INPUT' ? 'checkbox' : 'button';
}

/** Whether the keyboard can reach `el` now: exposed, not inert, not taken out of the tab order. */
function reachable(el: HTMLElement): boolean {
  if (el.tabIndex < 0 || el.closest('[inert]')) return false;
  for (let n: HTMLElement | null = el; n; n = n.parentElement) {
    if (n.hidden || n.getAttribute('aria-hidden') === 'true') return false;
  }
  return true;
}

/**
 * Checks every control: each is exposed under its role with the name it must have, reachable by
 * the keyboard either directly or through the “More” button, which opens and closes by keyboard.
 */
async function checkControls(toolbar: HTMLElement, lang: Lang) {
  const m = lang === 'en' ? en : zh;
  const more = toolbar.querySelector<HTMLButtonElement>('[data-testid="compare-more"]')!;
  const group = toolbar.querySelector<HTMLElement>('[data-testid="compare-options"]')!;
  const inMenu = !more.hidden;
  // The group's id is what the More button controls.
  expect(more.getAttribute('aria-controls')).toBe(group.id);
  if (!inMenu) expect(within(toolbar).getByRole('group', { name: m['compare.options'] })).toBe(group);
  for (const [testid, name] of expected(lang)) {
    const el = toolbar.querySelector<HTMLElement>(`[data-testid="${testid}"]`);
    expect(el, testid).not.toBeNull();
    if (group.contains(el) && inMenu) {
      // Behind the More button: not reachable until it opens.
      expect(reachable(el!), `${testid} hidden while the menu is closed`).toBe(false);
      continue;
    }
    expect(reachable(el!), `${testid} reachable`).toBe(true);
    expect(within(toolbar).getByRole(roleOf(el!), { name }), `${testid} named ${String(name)}`).toBe(el);
  }
  // No control without a name, whatever it is.
  for (const role of ['button', 'combobox', 'checkbox'] as const) {
    const all = within(toolbar).queryAllByRole(role).filter((e) => !e.closest('[data-testid="export-dialog"]'));
    const named = within(toolbar).queryAllByRole(role, { name: /\S/u }).filter((e) => !e.closest('[data-testid="export-dialog"]'));
    expect(named, `every ${role} is named`).toEqual(all);
  }
  if (!inMenu) {
    expect(more.hidden).toBe(true);
    return;
  }
  // The More button: named, collapsed, opens the options by keyboard, Escape closes and refocuses it.
  expect(reachable(more)).toBe(true);
  expect(within(toolbar).getByRole('button', { name: m['compare.more'] })).toBe(more);
  expect(more.getAttribute('aria-expanded')).toBe('false');
  more.focus();
  await fireEvent.click(more);
  expect(more.getAttribute('aria-expanded')).toBe('true');
  expect(group.hidden).toBe(false);
  expect(within(toolbar).getByRole('group', { name: m['compare.options'] })).toBe(group);
  for (const [testid, name] of expected(lang)) {
    const el = toolbar.querySelector<HTMLElement>(`[data-testid="${testid}"]`)!;
    if (!group.contains(el)) continue;
    expect(reachable(el), `${testid} reachable in the open menu`).toBe(true);
    expect(within(group).getByRole(roleOf(el), { name }), `${testid} named ${String(name)}`).toBe(el);
  }
  // DOM order puts the options right after the More button (Tab goes on into them).
  const granularity = toolbar.querySelector<HTMLElement>('[data-testid="granularity-select"]')!;
  expect(more.compareDocumentPosition(granularity) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  granularity.focus();
  await fireEvent.keyDown(granularity, { key: 'Escape' });
  expect(more.getAttribute('aria-expanded')).toBe('false');
  expect(group.hidden).toBe(true);
  expect(document.activeElement).toBe(more);
}

describe('chooseLevel', () => {
  it('keeps the roomiest layout that fits, or the most compact one marked as not fitting', () => {
    const applied: number[] = [];
    const widths = [1300, 1000, 860, 720];
    let at = 0;
    const pick = (room: number) => {
      applied.length = 0;
      return chooseLevel(4, (l) => { applied.push(l); at = l; }, () => widths[at]! <= room);
    };
    expect(pick(1400)).toEqual({ level: 0, fits: true });
    expect(pick(900)).toEqual({ level: 2, fits: true });
    expect(applied).toEqual([0, 1, 2]);
    expect(pick(500)).toEqual({ level: 3, fits: false });
    expect(at).toBe(3);
  });
});

describe('the compare toolbar', () => {
  for (const lang of ['zh-CN', 'en'] as const) {
    // null: jsdom as it is (nothing laid out, so everything fits); then the faked widths.
    for (const [width, level] of [[null, 0], [1400, 0], [1100, 1], [900, 2], [760, 3], [500, 3]] as const) {
      it(`keeps every control named and reachable (${lang}, ${width ?? 'no layout'} → level ${level})`, async () => {
        const { toolbar } = await mount(lang, width);
        expect(toolbar.dataset.level).toBe(String(level));
        expect(toolbar.hasAttribute('data-wrap')).toBe(width === 500);
        await checkControls(toolbar, lang);
      });
    }
  }

  it('works from the More menu: an option changed there re-runs the comparison, the menu stays open', async () => {
    const { toolbar, session } = await mount('zh-CN', 900);
    const compare = vi.spyOn(session, 'compare').mockResolvedValue(undefined);
    const more = within(toolbar).getByRole('button', { name: '更多' });
    await fireEvent.click(more);
    const punct = within(toolbar).getByRole('checkbox', { name: zh['compare.ignorePunct'] });
    const before = (punct as HTMLInputElement).checked;
    await fireEvent.click(punct);
    expect(session.settings.options.ignore_punct_width).toBe(!before);
    expect(compare).toHaveBeenCalledTimes(1);
    expect(more.getAttribute('aria-expanded')).toBe('true');
    // A press outside closes it.
    await fireEvent.pointerDown(document.body);
    expect(more.getAttribute('aria-expanded')).toBe('false');
  });

  it('says in the export dialog that the clauses stay in Chinese, where the UI is not', async () => {
    for (const lang of ['en', 'zh-CN'] as const) {
      const { container } = await mount(lang, null);
      await fireEvent.click(container.querySelector('[data-testid="export-button"]')!);
      await tick();
      const note = container.querySelector('[data-testid="export-language"]');
      if (lang === 'en') expect(note?.textContent).toBe(en['export.language']);
      else expect(note).toBeNull();
      cleanup();
    }
  });

  it('exports in the row order the view shows (行序), and says so; JSON stays in the model\'s order', async () => {
    const { container, session } = await mount('zh-CN', null);
    const spy = vi.spyOn(session.backend, 'exportComparison');
    vi.spyOn(session.backend, 'pickSavePath').mockResolvedValue('/tmp/report.md');
    session.view.setOrder('left');
    await fireEvent.click(container.querySelector('[data-testid="export-button"]')!);
    await tick();
    expect(container.querySelector('[data-testid="export-order"]')!.textContent).toBe(zh['export.orderLeft']);
    session.exporter.format = 'markdown';
    await fireEvent.click(container.querySelector('[data-testid="export-confirm"]')!);
    await vi.waitFor(() => expect(spy).toHaveBeenCalledTimes(1));
    expect(spy.mock.calls[0]![0].order).toBe('left');
    await vi.waitFor(() => expect(session.exporter.busy).toBe(false));
    session.exporter.format = 'json';
    await tick();
    expect(container.querySelector('[data-testid="export-order"]')).toBeNull();
    await fireEvent.click(container.querySelector('[data-testid="export-confirm"]')!);
    await vi.waitFor(() => expect(spy).toHaveBeenCalledTimes(2));
    expect(spy.mock.calls[1]![0].order).toBe('aligned');
    // Let the dialog finish its export (it gives the focus back) before the test ends.
    await vi.waitFor(() => expect(session.exporter.busy).toBe(false));
    await tick();
  });

  it('buttons that show only an icon keep their text for their name and a tooltip', async () => {
    const { toolbar } = await mount('en', 760);
    for (const id of ['prev-change', 'next-change', 'find-open', 'export-button', 'close-comparison']) {
      const b = toolbar.querySelector<HTMLElement>(`[data-testid="${id}"]`)!;
      expect(b.title, id).not.toBe('');
    }
    expect(within(toolbar).getByRole('button', { name: 'Find' }).querySelector('.txt')!.textContent).toBe('Find');
    expect(within(toolbar).getByRole('button', { name: 'Export' }).querySelector('.txt')!.textContent).toBe('Export');
  });
});
