import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, within } from '@testing-library/svelte';
import { tick } from 'svelte';
import type { Comparison } from '$lib/bindings';
import gdfs from '$lib/backend/fixtures/gd-foshan.comparison.json';
import { MockBackend } from '$lib/backend/mock';
import { Session } from '$lib/app/session.svelte';
import { I18n } from '$lib/i18n/i18n.svelte';
import { en, zh, type Lang } from '$lib/i18n/messages';
import { CELL_KINDS } from '$lib/matrix/cells';
import { LEVEL_EXPORT_MENU, MATRIX_TOOLBAR_LEVELS } from '$lib/matrix/toolbarFit';
import { Settings } from '$lib/settings/settings.svelte';
import { fixtureLibrary, fixtureMatrix } from './fixtureLibrary';
import Harness from './MatrixHarness.test.svelte';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

const m = fixtureMatrix;

/**
 * jsdom lays nothing out, so the toolbar's geometry is faked: the toolbar is `width` wide and its
 * last group (the export format and button, or the menu button) ends at `CONTENT[level]`, the
 * level the toolbar's CSS reads.
 */
const CONTENT = [1500, 1100, 1000, 980, 900, 700];
function fakeLayout(width: number) {
  vi.spyOn(Element.prototype, 'getBoundingClientRect').mockImplementation(function (this: Element) {
    const bar = this.closest('[role="toolbar"]');
    if (bar === this) return new DOMRect(0, 0, width, 40);
    if (bar && this.getAttribute('data-testid') === 'matrix-export-group') {
      return new DOMRect(CONTENT[Number(bar.getAttribute('data-level'))]! - 30, 5, 30, 30);
    }
    return new DOMRect(0, 0, 0, 0);
  });
}

async function mount(lang: Lang, width: number | null = null) {
  if (width !== null) fakeLayout(width);
  const backend = new MockBackend(fixtureLibrary(), { fixtures: [gdfs as Comparison] });
  const session = new Session(backend, new Settings(null));
  await session.start();
  session.showMatrix();
  session.matrix.matrix = m;
  const r = render(Harness, { props: { session, i18n: new I18n(lang) } });
  await tick();
  const toolbar = r.container.querySelector<HTMLElement>('[role="toolbar"][data-testid="matrix-toolbar"]')!;
  expect(toolbar).not.toBeNull();
  return { ...r, session, toolbar };
}

/** Whether the keyboard can reach `el`: exposed, not taken out of the tab order. */
function reachable(el: HTMLElement): boolean {
  if (el.tabIndex < 0 || el.closest('[inert]')) return false;
  for (let n: HTMLElement | null = el; n; n = n.parentElement) if (n.hidden || n.getAttribute('aria-hidden') === 'true') return false;
  return true;
}

/** The text of the hidden copy that sizes the select `testid` (its chosen option). */
const sizerText = (toolbar: HTMLElement, testid: string) =>
  toolbar.querySelector(`[data-testid="${testid}"]`)!.parentElement!.querySelector('select[data-fit-sizer]')!.textContent;

describe('the matrix toolbar', () => {
  for (const lang of ['zh-CN', 'en'] as const) {
    const t = lang === 'en' ? en : zh;
    // null: jsdom as it is (nothing laid out, so everything fits); then the faked widths.
    for (const [width, level] of [[null, 0], [1600, 0], [1366, 1], [1050, 2], [990, 3], [950, 4], [800, 5], [600, 5]] as const) {
      it(`keeps every control named and reachable, the legend's meaning in its tooltips (${lang}, ${width ?? 'no layout'} → level ${level})`, async () => {
        const { toolbar } = await mount(lang, width);
        expect(toolbar.dataset.level).toBe(String(level));
        expect(toolbar.hasAttribute('data-wrap')).toBe(width === 600);
        const bar = within(toolbar);
        const menu = toolbar.querySelector<HTMLButtonElement>('[data-testid="matrix-export-menu"]')!;
        const box = toolbar.querySelector<HTMLElement>('[data-testid="matrix-export-box"]')!;
        if (level >= LEVEL_EXPORT_MENU) {
          // The export format and button sit behind one named menu button, on the keyboard's path.
          expect(toolbar.hasAttribute('data-export-menu')).toBe(true);
          const named = bar.getByRole('button', { name: t['matrix.exportMenu'] });
          expect(named).toBe(menu);
          expect(reachable(menu)).toBe(true);
          expect(menu.getAttribute('aria-expanded')).toBe('false');
          expect(menu.getAttribute('aria-controls')).toBe(box.id);
          expect(reachable(toolbar.querySelector<HTMLElement>('[data-testid="matrix-export-format"]')!)).toBe(false);
          await fireEvent.click(menu);
          expect(menu.getAttribute('aria-expanded')).toBe('true');
          expect(box.hidden).toBe(false);
        } else {
          expect(toolbar.hasAttribute('data-export-menu')).toBe(false);
          expect(reachable(menu)).toBe(false);
        }
        const controls = [
          bar.getByRole('combobox', { name: t['matrix.filter'] }),
          bar.getByRole('combobox', { name: t['matrix.sort'] }),
          bar.getByRole('combobox', { name: t['matrix.exportFormat'] }),
          bar.getByRole('button', { name: t['matrix.export'] }),
        ];
        expect(controls.map((c) => c.dataset.testid)).toEqual(['matrix-filter', 'matrix-sort', 'matrix-export-format', 'matrix-export']);
        for (const c of controls) expect(reachable(c), c.dataset.testid).toBe(true);
        // The copies that size the selects are neither seen nor reached.
        expect(bar.getAllByRole('combobox')).toHaveLength(3);
        for (const s of toolbar.querySelectorAll<HTMLElement>('select[data-fit-sizer]')) expect(reachable(s)).toBe(false);
        // The export button shows its icon only at compact levels: its text stays its name and tooltip.
        expect(controls[3]!.title).toBe(t['matrix.export']);
        // The legend: a named group; each key says its word and meaning, read out and as a tooltip.
        const legend = bar.getByRole('group', { name: t['matrix.legendLabel'] });
        const keys = [...legend.querySelectorAll<HTMLElement>('[data-testid="matrix-legend-key"]')];
        const paren = (s: string) => (lang === 'en' ? ` (${s})` : `（${s}）`);
        const full = CELL_KINDS.map((k) => `${t[`matrix.kind.${k}`]}${paren(t[`matrix.legend.${k}`])}`);
        expect(keys.map((k) => k.title)).toEqual(full);
        expect(keys.map((k) => k.textContent!.replace(/^\S+\s/u, ''))).toEqual(full);
      });
    }
  }

  it('sizes each select to its chosen option, not its longest', async () => {
    const { toolbar, session } = await mount('en');
    const filter = toolbar.querySelector<HTMLSelectElement>('[data-testid="matrix-filter"]')!;
    expect(sizerText(toolbar, 'matrix-filter')).toBe(en['matrix.filterAll']);
    expect(sizerText(toolbar, 'matrix-sort')).toBe(en['matrix.sortReading']);
    expect(sizerText(toolbar, 'matrix-export-format')).toBe(en['matrix.format.xlsx']);
    // The option list keeps every entry in full.
    expect([...filter.options].map((o) => o.textContent)).toContain(en['matrix.filterMissing']);
    filter.value = 'missing';
    await fireEvent.change(filter);
    expect(sizerText(toolbar, 'matrix-filter')).toBe(en['matrix.filterMissing']);
    filter.value = 'additions:1';
    await fireEvent.change(filter);
    expect(session.matrix.additionsOf).toBe(1);
    const d = m.documents[1]!;
    expect(sizerText(toolbar, 'matrix-filter')).toBe(`Only the additions of “2 ${d.name}” (${d.counts.additions})`);
    const sort = toolbar.querySelector<HTMLSelectElement>('[data-testid="matrix-sort"]')!;
    sort.value = 'adoption';
    await fireEvent.change(sort);
    expect(sizerText(toolbar, 'matrix-sort')).toBe(en['matrix.sortAdoption']);
    const format = toolbar.querySelector<HTMLSelectElement>('[data-testid="matrix-export-format"]')!;
    format.value = 'csv';
    await fireEvent.change(format);
    expect(sizerText(toolbar, 'matrix-export-format')).toBe(en['matrix.format.csv']);
  });

  it('closes the export menu with Esc and gives the keyboard back to its button', async () => {
    const { toolbar } = await mount('zh-CN', 800);
    const menu = toolbar.querySelector<HTMLButtonElement>('[data-testid="matrix-export-menu"]')!;
    const box = toolbar.querySelector<HTMLElement>('[data-testid="matrix-export-box"]')!;
    await fireEvent.click(menu);
    const format = toolbar.querySelector<HTMLSelectElement>('[data-testid="matrix-export-format"]')!;
    format.focus();
    await fireEvent.keyDown(format, { key: 'Escape' });
    expect(menu.getAttribute('aria-expanded')).toBe('false');
    expect(box.hidden).toBe(true);
    expect(document.activeElement).toBe(menu);
    // A click elsewhere closes it too.
    await fireEvent.click(menu);
    expect(box.hidden).toBe(false);
    await fireEvent.pointerDown(document.body);
    expect(box.hidden).toBe(true);
  });

  it('keeps an export control that has the focus shown when it moves behind the menu button', async () => {
    // The toolbar narrows (the window does): its probe's ResizeObserver reports, and it fits again.
    const observers: Array<() => void> = [];
    vi.stubGlobal('ResizeObserver', class {
      constructor(cb: () => void) {
        observers.push(cb);
      }
      observe(): void {}
      unobserve(): void {}
      disconnect(): void {}
    });
    try {
      const narrow = async (width: number) => {
        fakeLayout(width);
        for (const cb of observers) cb();
        await tick();
      };
      const { toolbar } = await mount('zh-CN', 1600);
      expect(toolbar.dataset.level).toBe('0');
      const menu = toolbar.querySelector<HTMLButtonElement>('[data-testid="matrix-export-menu"]')!;
      const box = toolbar.querySelector<HTMLElement>('[data-testid="matrix-export-box"]')!;
      const format = toolbar.querySelector<HTMLSelectElement>('[data-testid="matrix-export-format"]')!;
      format.focus();
      await narrow(800);
      expect(toolbar.dataset.level).toBe('5');
      expect(menu.getAttribute('aria-expanded')).toBe('true');
      expect(box.hidden).toBe(false);
      expect(document.activeElement).toBe(format);
      // Wide again: the menu goes, and with it its open state.
      await narrow(1600);
      expect(toolbar.dataset.level).toBe('0');
      expect(menu.getAttribute('aria-expanded')).toBe('false');
      // The focus outside the export group: it folds closed.
      toolbar.querySelector<HTMLSelectElement>('[data-testid="matrix-sort"]')!.focus();
      await narrow(800);
      expect(toolbar.dataset.level).toBe('5');
      expect(menu.getAttribute('aria-expanded')).toBe('false');
      expect(box.hidden).toBe(true);
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('has a layout per level, from the roomiest', () => {
    expect(MATRIX_TOOLBAR_LEVELS).toBe(CONTENT.length);
  });
});

describe('the matrix export status line', () => {
  const result = (c: HTMLElement) => c.querySelector<HTMLElement>('[data-testid="matrix-export-result"]');

  it('goes when the language changes', async () => {
    const backend = new MockBackend(fixtureLibrary(), { fixtures: [gdfs as Comparison] });
    const session = new Session(backend, new Settings(null));
    await session.start();
    session.showMatrix();
    session.matrix.matrix = m;
    const i18n = new I18n('zh-CN');
    const { container } = render(Harness, { props: { session, i18n } });
    session.matrix.exportResult = { ok: true, path: '/tmp/粤办函 覆盖矩阵.xlsx' };
    await tick();
    expect(result(container)!.textContent).toContain('已导出：/tmp/粤办函 覆盖矩阵.xlsx');
    i18n.lang = 'en';
    await tick();
    expect(result(container)).toBeNull();
    expect(session.matrix.exportResult).toBeNull();
    // A new export after the switch is said (in the new language) and stays.
    session.matrix.exportResult = { ok: true, path: '/tmp/m.xlsx' };
    await tick();
    expect(result(container)!.textContent).toContain('Exported: /tmp/m.xlsx');
  });

  it('goes when the matrix view is left, and is not shown on coming back', async () => {
    const { session, unmount } = await mount('zh-CN');
    session.matrix.exportResult = { ok: true, path: '/tmp/m.xlsx' };
    await tick();
    expect(document.querySelector('[data-testid="matrix-export-result"]')).not.toBeNull();
    // Leaving the view (the comparison, a document) takes the toolbar away.
    unmount();
    expect(session.matrix.exportResult).toBeNull();
    const again = render(Harness, { props: { session, i18n: new I18n('zh-CN') } });
    await tick();
    expect(again.container.querySelector('[data-testid="matrix-toolbar"]')).not.toBeNull();
    expect(result(again.container)).toBeNull();
  });

  it('goes when a new matrix is built', async () => {
    const { session, container } = await mount('zh-CN');
    session.matrix.exportResult = { ok: true, path: '/tmp/m.xlsx' };
    session.matrix.setBase(m.base.id!);
    session.matrix.others = m.documents.map((d) => d.id!);
    await session.matrix.run();
    await tick();
    expect(result(container)).toBeNull();
  });
});
