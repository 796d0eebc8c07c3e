import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render } from '@testing-library/svelte';
import { tick } from 'svelte';
import type { Comparison, StoredDoc } from '$lib/bindings';
import gdfs from '$lib/backend/fixtures/gd-foshan.comparison.json';
import { MockBackend } from '$lib/backend/mock';
import { storedFromSide } from '$lib/backend/mock/fromComparison';
import { Session } from '$lib/app/session.svelte';
import { BackendError } from '$lib/backend/backend';
import { I18n } from '$lib/i18n/i18n.svelte';
import { Settings } from '$lib/settings/settings.svelte';
import { boxesAt } from '$lib/app/pixelSnap.testing';
import { fixtureLibrary, fixtureMatrix } from './fixtureLibrary';
import Harness from './MatrixHarness.test.svelte';

afterEach(cleanup);

const m = fixtureMatrix;

async function mount(lang: 'zh-CN' | 'en' = 'zh-CN', docs: StoredDoc[] = fixtureLibrary()) {
  const backend = new MockBackend(docs, { fixtures: [gdfs as Comparison] });
  const session = new Session(backend, new Settings(null));
  await session.start();
  session.showMatrix();
  session.matrix.matrix = m;
  const i18n = new I18n(lang);
  const r = render(Harness, { props: { session, i18n } });
  await tick();
  return { ...r, session, i18n, backend };
}

const cells = (root: HTMLElement) => [...root.querySelectorAll<HTMLElement>('[data-testid="matrix-cell"]')];

describe('MatrixView', () => {
  it('renders a grid: a row per base unit, a column per document, every cell readable without colour', async () => {
    const { container } = await mount();
    const grid = container.querySelector('[role="grid"][data-testid="matrix-grid"]')!;
    expect(grid).not.toBeNull();
    expect(grid.querySelectorAll('[data-testid="matrix-row"]')).toHaveLength(m.rows.length);
    expect(grid.querySelectorAll('[data-testid="matrix-col"]')).toHaveLength(3);
    const heads = [...grid.querySelectorAll('[data-testid="matrix-col"]')].map((h) => h.textContent ?? '');
    expect(heads[0]).toContain('佛山');
    expect(heads[0]).toContain('覆盖 100%');
    const all = cells(container);
    expect(all).toHaveLength(m.rows.length * 3);
    const words = { same: '● 相同', modified: '◐ 修改', related: '◇ 相关', missing: '× 缺失' };
    const structural = new Set(m.rows.filter((r) => r.unit.structural).map((r) => r.unit.path));
    for (const c of all) {
      const kind = c.dataset.kind as keyof typeof words;
      // A structural row's empty cell is a plain dash (tested below).
      if (kind === 'missing' && structural.has(c.dataset.path!)) continue;
      expect(c.textContent?.replace(/\s+/gu, ' ').trim().startsWith(words[kind])).toBe(true);
    }
    // Guangdong's item 4 → Foshan's （二）1, with its badges.
    const item4 = all.find((c) => c.dataset.path === '二/（二）/4' && c.dataset.col === '0')!;
    expect(item4.textContent).toContain('→ 二/（二）/1');
    expect([...item4.querySelectorAll('[data-testid="matrix-badge"]')].map((b) => b.textContent)).toContain('责任单位');
    // One tab stop: the first cell.
    expect(all.filter((c) => c.tabIndex === 0)).toEqual([all[0]]);
  });

  it('puts the grid\'s scroll region on whole device pixels, so the sticky heads cover the scrolled body', async () => {
    // The bars above end at 172.66 px and the library pane at 307.19 px (1024×768 in WebKitGTK):
    // the region moves to the nearest whole pixels, 173 and 307, and stays there when measured again.
    const rect = boxesAt(172.65625, 307.1875, 700, 500);
    try {
      const { container } = await mount();
      const scroller = container.querySelector<HTMLElement>('[data-testid="matrix-grid"]')!.parentElement!;
      await tick();
      expect(scroller.style.marginTop).toBe('0.34375px');
      expect(scroller.style.marginLeft).toBe('-0.1875px');
      window.dispatchEvent(new Event('resize'));
      await tick();
      expect(scroller.style.marginTop).toBe('0.34375px');
      expect(scroller.style.marginLeft).toBe('-0.1875px');
    } finally {
      rect.mockRestore();
    }
  });

  it('moves between cells with the arrow keys and opens the pairwise comparison with Enter', async () => {
    const { container, session } = await mount();
    const grid = container.querySelector<HTMLElement>('[data-testid="matrix-grid"]')!;
    cells(container)[0]!.focus();
    await fireEvent.keyDown(grid, { key: 'ArrowDown' });
    await fireEvent.keyDown(grid, { key: 'ArrowRight' });
    await tick();
    await tick();
    expect(session.matrix.focus).toEqual({ row: 1, col: 1 });
    const focused = document.activeElement as HTMLElement;
    expect(focused.dataset.row).toBe('1');
    expect(focused.dataset.col).toBe('1');
    // Down to item 4, back to Foshan's column, Enter.
    const row4 = session.matrix.visible.findIndex((i) => m.rows[i]!.unit.path === '二/（二）/4');
    for (let k = 2; k <= row4; k++) await fireEvent.keyDown(grid, { key: 'ArrowDown' });
    await fireEvent.keyDown(grid, { key: 'Home' });
    expect(session.matrix.focus).toEqual({ row: row4, col: 0 });
    await fireEvent.keyDown(grid, { key: 'Enter' });
    await new Promise((r) => setTimeout(r, 0));
    expect(session.mode).toBe('compare');
    const c = session.view.comparison!;
    expect([c.left.id, c.right.id]).toEqual([m.base.id, m.documents[0]!.id]);
    const current = session.view.pairs[session.view.current!]!;
    expect(current.left?.path).toBe('二/（二）/4');
    expect(current.right?.path).toBe('二/（二）/1');
  });

  it('filters rows, sorts by adoption and shows one document’s additions', async () => {
    const { container, session } = await mount();
    const filter = container.querySelector<HTMLSelectElement>('[data-testid="matrix-filter"]')!;
    filter.value = 'changed';
    await fireEvent.change(filter);
    const shown = [...container.querySelectorAll<HTMLElement>('[data-testid="matrix-row"]')];
    expect(shown.length).toBeLessThan(m.rows.length);
    expect(shown.every((r) => r.querySelector('[data-kind="modified"], [data-kind="related"]'))).toBe(true);

    const sort = container.querySelector<HTMLSelectElement>('[data-testid="matrix-sort"]')!;
    sort.value = 'adoption';
    await fireEvent.change(sort);
    expect(session.matrix.order).toBe('adoption');

    filter.value = 'additions:1';
    await fireEvent.change(filter);
    expect(container.querySelector('[data-testid="matrix-grid"]')).toBeNull();
    const items = container.querySelectorAll('[data-testid="matrix-addition"]');
    expect(items).toHaveLength(m.additions[1]!.units.length);
    await fireEvent.click(container.querySelector('[data-testid="matrix-back-to-grid"]')!);
    expect(container.querySelector('[data-testid="matrix-grid"]')).not.toBeNull();
  });

  it('speaks English when asked', async () => {
    const { container } = await mount('en');
    const first = cells(container).find((c) => c.dataset.kind === 'missing' && !c.classList.contains('uncounted'))!;
    expect(first.textContent).toContain('× Missing');
    expect(container.querySelector('[data-testid="matrix-col"]')!.textContent).toContain('Coverage 100%');
  });
});

describe('matrix audit fixes', () => {
  it('folds the document picker once the matrix is built; its summary opens it again', async () => {
    const { container, session } = await mount();
    session.matrix.matrix = null;
    await tick();
    const details = container.querySelector<HTMLDetailsElement>('[data-testid="matrix-others"]')!;
    details.open = true;
    await fireEvent(details, new Event('toggle'));
    session.matrix.setBase(m.base.id);
    session.matrix.toggle(m.documents[0]!.id!);
    await tick();
    await fireEvent.click(container.querySelector('[data-testid="matrix-run"]')!);
    await vi.waitFor(() => expect(container.querySelector('[data-testid="matrix-grid"]')).not.toBeNull());
    await vi.waitFor(() => expect(details.open).toBe(false));
    // Still there, and says how many are chosen.
    expect(details.querySelector('summary')!.textContent).toContain('已选 1 份');
  });

  it('keeps the whole chosen-documents label in a tooltip (a narrow window cuts it with an ellipsis)', async () => {
    const { container, session } = await mount('en');
    session.matrix.toggle(m.documents[0]!.id!);
    await tick();
    const summary = container.querySelector<HTMLElement>('[data-testid="matrix-others"] summary')!;
    expect(summary.textContent).toBe('Compare with (1 chosen)');
    expect(summary.title).toBe(summary.textContent);
  });

  it('puts the translated error first and the raw message second', async () => {
    const { container, session, backend } = await mount();
    vi.spyOn(backend, 'coverageMatrix').mockRejectedValue(new BackendError('internal', 'thread panicked at align.rs:212', 'coverage_matrix'));
    session.matrix.setBase(m.base.id);
    session.matrix.toggle(m.documents[0]!.id!);
    await session.matrix.run();
    await tick();
    const alert = container.querySelector<HTMLElement>('[data-testid="matrix-error"]')!;
    expect(alert.getAttribute('role')).toBe('alert');
    expect(alert.textContent!.trim().startsWith('生成矩阵失败：程序内部出错。')).toBe(true);
    expect(alert.querySelector('[data-testid="error-detail"] .raw')!.textContent).toBe('thread panicked at align.rs:212');
  });

  it('keeps a 文号 on one line with its tooltip, and the 采纳 column beside the sticky unit column', async () => {
    const { container } = await mount();
    const num = container.querySelector<HTMLElement>('[data-testid="matrix-col"] [data-testid="matrix-col-number"]')!;
    expect(num.textContent).toBe(m.documents[0]!.doc_number);
    expect(num.title).toBe(m.documents[0]!.doc_number);
    // Sticky columns are placed by the unit column's width.
    const adopted = [...container.querySelectorAll<HTMLElement>('th.adopted, td.adopted')];
    expect(adopted.length).toBe(m.rows.length + 1);
    expect(adopted.every((a) => a.style.left !== '')).toBe(true);
    // The title, cover letter and signature are not counted: a dash, and a tooltip saying why.
    const td = adopted.slice(1);
    m.rows.forEach((r, i) => {
      if (r.unit.structural) {
        expect(td[i]!.textContent).toBe('—');
        expect(td[i]!.title).toContain('不计入');
      } else {
        expect(td[i]!.textContent).toMatch(/^\d+\/\d+$/u);
      }
    });
    expect(m.rows.some((r) => r.unit.structural)).toBe(true);
    // A structural row's empty cell is no red 缺失: a dash, not counted (most documents have a title).
    const roles = new Set(m.rows.filter((r) => r.unit.structural).map((r) => r.unit.path));
    const empty = cells(container).filter((c) => roles.has(c.dataset.path!) && c.dataset.kind === 'missing');
    expect(empty.length).toBeGreaterThan(0);
    for (const c of empty) {
      expect(c.textContent!.trim()).toBe('—');
      expect(c.classList.contains('uncounted')).toBe(true);
    }
    const content = cells(container).filter((c) => !roles.has(c.dataset.path!) && c.dataset.kind === 'missing');
    expect(content.length).toBeGreaterThan(0);
    expect(content.every((c) => c.textContent!.includes('缺失'))).toBe(true);
  });

  it('spaces a cell’s word and its similarity', async () => {
    const { container } = await mount();
    const modified = cells(container).find((c) => c.dataset.kind === 'modified')!;
    expect(modified.querySelector('.head')!.textContent).toMatch(/^◐ 修改 \d+%$/u);
  });

  it('uses English punctuation in English, Chinese in Chinese', async () => {
    const { container, session } = await mount('en');
    const legend = container.querySelector('.legend')!.textContent!.replace(/\s+/gu, ' ');
    expect(legend).toContain('Same (adopted unchanged)');
    expect(legend).not.toMatch(/[（）、]/u);
    const options = [...container.querySelectorAll<HTMLOptionElement>('[data-testid="matrix-filter"] option')].map((o) => o.textContent);
    expect(options).toContain(`Only the additions of “2 ${m.documents[1]!.name}” (${m.documents[1]!.counts.additions})`);
    // A cell paired with two clauses lists both with the language's separator.
    const copy = structuredClone(m);
    copy.rows[0]!.cells[0]!.paths = ['一/1', '一/2'];
    session.matrix.matrix = copy;
    await tick();
    expect(cells(container)[0]!.querySelector('.paths')!.textContent).toBe('→ 一/1, 一/2');
  });

  it('lists paths with 、 and asides in （） in Chinese', async () => {
    const { container, session } = await mount();
    const options = [...container.querySelectorAll<HTMLOptionElement>('[data-testid="matrix-filter"] option')].map((o) => o.textContent);
    expect(options).toContain(`仅看“2 ${m.documents[1]!.name}”的新增条款（${m.documents[1]!.counts.additions}）`);
    const copy = structuredClone(m);
    copy.rows[0]!.cells[0]!.paths = ['一/1', '一/2'];
    session.matrix.matrix = copy;
    await tick();
    expect(cells(container)[0]!.querySelector('.paths')!.textContent).toBe('→ 一/1、一/2');
  });

  it('counts the units a document relates to in topic only under its coverage, when there are any', async () => {
    const { container, i18n } = await mount();
    const heads = [...container.querySelectorAll<HTMLElement>('[data-testid="matrix-col"]')];
    const related = heads.map((h) => h.querySelector('[data-testid="matrix-col-related"]')?.textContent ?? null);
    expect(related).toEqual(m.documents.map((d) => (d.counts.related > 0 ? `主题相关 ${d.counts.related} 项` : null)));
    expect(related.some((r) => r !== null)).toBe(true);
    i18n.lang = 'en';
    await tick();
    const en = heads.map((h) => h.querySelector('[data-testid="matrix-col-related"]')?.textContent ?? null);
    expect(en).toEqual(m.documents.map((d) => (d.counts.related > 0 ? `${d.counts.related} related in topic` : null)));
  });

  it('says under a missing cell which clauses may correspond (可能对应), in both languages', async () => {
    const { container, session, i18n } = await mount();
    const copy = structuredClone(m);
    for (const r of copy.rows) r.cells = r.cells.map(({ suggestions: _, ...c }) => c);
    const at = copy.rows.findIndex((r) => !r.unit.structural && r.cells[1]!.kind === 'missing');
    expect(at).toBeGreaterThanOrEqual(0);
    // A cell of its own (the fixture's missing cells may be one shared object).
    copy.rows[at]!.cells[1] = {
      ...copy.rows[at]!.cells[1]!,
      suggestions: [
        { path: '二/（一）', strength: 0.34 },
        { path: '三', strength: 0.21 },
      ],
    };
    session.matrix.matrix = copy;
    await tick();
    const maybe = () => [...container.querySelectorAll<HTMLElement>('[data-testid="matrix-maybe"]')];
    expect(maybe()).toHaveLength(1);
    const cell = maybe()[0]!.closest<HTMLElement>('[data-testid="matrix-cell"]')!;
    expect([cell.dataset.kind, cell.dataset.col]).toEqual(['missing', '1']);
    expect(maybe()[0]!.textContent).toBe('可能对应 二/（一）、三（34%）');
    i18n.lang = 'en';
    await tick();
    expect(maybe()[0]!.textContent).toBe('possibly 二/（一）, 三 (34%)');
  });

  /** Build the matrix through the backend (an export writes what was computed). */
  async function built(session: Session) {
    session.matrix.setBase(m.base.id);
    session.matrix.toggle(m.documents[0]!.id!);
    await session.matrix.run();
    await tick();
  }

  it('gives the keyboard back to 导出矩阵… after the save dialog took it', async () => {
    const { container, backend, session } = await mount();
    await built(session);
    const button = container.querySelector<HTMLButtonElement>('[data-testid="matrix-export"]')!;
    let busy: { disabled: boolean; aria: string | null } | null = null;
    vi.spyOn(backend, 'pickSavePath').mockImplementation(async (p) => {
      await tick();
      busy = { disabled: button.disabled, aria: button.getAttribute('aria-disabled') };
      // The native dialog takes the focus; the page gets it back on the body.
      (document.activeElement as HTMLElement | null)?.blur();
      return `/tmp/${p}`;
    });
    button.focus();
    await fireEvent.click(button);
    await vi.waitFor(() => expect(container.querySelector('[data-testid="matrix-export-result"]')).not.toBeNull());
    // Busy, the button stays focusable (aria-disabled, not disabled).
    expect(busy).toEqual({ disabled: false, aria: 'true' });
    await vi.waitFor(() => expect(document.activeElement).toBe(button));
    expect(backend.matrixExports).toHaveLength(1);
  });

  it('says a full disk is the export target’s, in the UI’s words', async () => {
    const { container, backend, session } = await mount();
    await built(session);
    vi.spyOn(backend, 'exportMatrix').mockRejectedValue(new BackendError('disk_full', 'No space left on device (os error 28)', 'export_matrix'));
    await fireEvent.click(container.querySelector('[data-testid="matrix-export"]')!);
    const result = await vi.waitFor(() => {
      const r = container.querySelector<HTMLElement>('[data-testid="matrix-export-result"]');
      expect(r).not.toBeNull();
      return r!;
    });
    expect(result.textContent).toContain('导出失败：目标位置所在的磁盘已满');
    expect(result.textContent).not.toContain('文库所在磁盘');
    expect(result.querySelector('[data-testid="error-detail"] .raw')!.textContent).toBe('No space left on device (os error 28)');
  });
});

describe('similar clauses from the matrix', () => {
  const GD = m.base.id!;
  const FS = m.documents[0]!.id!;
  /** The library with Guangdong's and Foshan's real units (the other two: titles only). */
  function withUnits(): StoredDoc[] {
    const c = gdfs as Comparison;
    return fixtureLibrary().map((d) => (d.id === GD ? storedFromSide(c, GD, 'left') : d.id === FS ? storedFromSide(c, FS, 'right') : d));
  }
  const first = async (root: HTMLElement) =>
    vi.waitFor(() => {
      const li = root.querySelector('[data-testid="similar-item"]');
      expect(li).not.toBeNull();
      return li!;
    });
  const cellAt = (root: HTMLElement, path: string, col: number) =>
    cells(root).find((c) => c.dataset.path === path && c.dataset.col === String(col))!;

  it("opens from a base unit's row: the base's clause, the city version first", async () => {
    const { container, backend, session } = await mount('zh-CN', withUnits());
    const spy = vi.spyOn(backend, 'similarClauses');
    const row = container.querySelector<HTMLElement>('[data-testid="matrix-row"][data-path="二/（二）/4"]')!;
    const button = row.querySelector<HTMLButtonElement>('th [data-testid="matrix-similar"]')!;
    expect(button.getAttribute('aria-label')).toBe('查找与 二/（二）/4 相似的条款');
    // Out of the tab order: the grid keeps its one tab stop (Shift+S reaches it from the keyboard).
    expect(button.tabIndex).toBe(-1);
    await fireEvent.click(button);
    expect(spy).toHaveBeenCalledWith(GD, '二/（二）/4', 10);
    const li = await first(container);
    expect(li.getAttribute('data-doc')).toBe(String(FS));
    expect(li.getAttribute('data-path')).toBe('二/（二）/1');
    const panel = container.querySelector('[data-testid="similar-panel"]')!;
    expect(panel.getAttribute('aria-label')).toBe('相似条款');
    expect(panel.querySelector('[data-testid="similar-subject"]')!.textContent).toContain(m.base.title);
    // The grid stays; nothing opened the pairwise view.
    expect(session.mode).toBe('matrix');
    expect(container.querySelector('[data-testid="matrix-grid"]')).not.toBeNull();
    // Enter on the button is the button's, not the grid's (which would open the focused cell).
    cellAt(container, '二/（二）/4', 0).focus();
    await tick();
    expect(session.matrix.focused).not.toBeNull();
    const open = vi.spyOn(session, 'openMatrixCell');
    await fireEvent.keyDown(button, { key: 'Enter' });
    expect(open).not.toHaveBeenCalled();
  });

  it("S on a cell opens its document's clause, Shift+S the row's base unit; a missing cell falls back to the unit", async () => {
    const { container, backend } = await mount('zh-CN', withUnits());
    const spy = vi.spyOn(backend, 'similarClauses');
    const grid = container.querySelector<HTMLElement>('[data-testid="matrix-grid"]')!;
    const fsCell = cellAt(container, '二/（二）/4', 0);
    expect(fsCell.getAttribute('aria-keyshortcuts')).toBe('S Shift+S');
    fsCell.focus();
    await tick();
    await fireEvent.keyDown(grid, { key: 's' });
    // Foshan's （二）1, the clause the cell pairs with: Guangdong's item 4 comes first.
    expect(spy).toHaveBeenLastCalledWith(FS, '二/（二）/1', 10);
    let li = await first(container);
    expect(li.getAttribute('data-doc')).toBe(String(GD));
    expect(li.getAttribute('data-path')).toBe('二/（二）/4');
    expect(container.querySelector('[data-testid="similar-subject"]')!.textContent).toContain(m.documents[0]!.title);

    await fireEvent.keyDown(grid, { key: 'S', shiftKey: true });
    expect(spy).toHaveBeenLastCalledWith(GD, '二/（二）/4', 10);
    li = await vi.waitFor(() => {
      const x = container.querySelector('[data-testid="similar-item"]');
      expect(x?.getAttribute('data-doc')).toBe(String(FS));
      return x!;
    });
    expect(li.getAttribute('data-path')).toBe('二/（二）/1');

    // The patent rules' cell is missing: the row's base unit instead.
    const patentCell = cellAt(container, '二/（二）/4', 1);
    expect(patentCell.dataset.kind).toBe('missing');
    patentCell.focus();
    await tick();
    spy.mockClear();
    await fireEvent.keyDown(grid, { key: 's' });
    expect(spy).toHaveBeenCalledWith(GD, '二/（二）/4', 10);
    // With a modifier, S is not ours.
    spy.mockClear();
    await fireEvent.keyDown(grid, { key: 's', ctrlKey: true });
    expect(spy).not.toHaveBeenCalled();
  });

  it('gives the keyboard back to the cell when closed, and spaces the subject’s document and clause', async () => {
    const { container } = await mount('zh-CN', withUnits());
    const grid = container.querySelector<HTMLElement>('[data-testid="matrix-grid"]')!;
    const fsCell = cellAt(container, '二/（二）/4', 0);
    fsCell.focus();
    await tick();
    await fireEvent.keyDown(grid, { key: 's' });
    await first(container);
    const subject = container.querySelector('[data-testid="similar-subject"]')!.textContent!;
    expect(subject.startsWith(`${m.documents[0]!.title} `)).toBe(true);
    // The close button had the focus: it goes back to the grid's cell, not the body.
    const close = container.querySelector<HTMLButtonElement>('[data-testid="similar-close"]')!;
    close.focus();
    await fireEvent.click(close);
    expect(container.querySelector('[data-testid="similar-panel"]')).toBeNull();
    expect(document.activeElement).toBe(cellAt(container, '二/（二）/4', 0));

    // From the row's 相似 button: the row's cell takes the keyboard back; Esc closes too.
    const row = container.querySelector<HTMLElement>('[data-testid="matrix-row"][data-path="二/（二）/5"]')!;
    const button = row.querySelector<HTMLButtonElement>('[data-testid="matrix-similar"]')!;
    button.focus();
    await fireEvent.click(button);
    await first(container);
    await fireEvent.keyDown(container.querySelector('[data-testid="similar-panel"]')!, { key: 'Escape' });
    expect(container.querySelector('[data-testid="similar-panel"]')).toBeNull();
    await vi.waitFor(() => expect(document.activeElement).toBe(cellAt(container, '二/（二）/5', 0)));
  }, 15_000);

  it('compares the two documents at the two clauses, or opens the other document there', async () => {
    const { container, session } = await mount('zh-CN', withUnits());
    const grid = container.querySelector<HTMLElement>('[data-testid="matrix-grid"]')!;
    cellAt(container, '二/（二）/4', 0).focus();
    await tick();
    await fireEvent.keyDown(grid, { key: 's' });
    let li = await first(container);
    // Foshan's （二）1 is like Guangdong's item 4.
    expect(li.getAttribute('data-doc')).toBe(String(GD));
    const open = li.querySelector<HTMLButtonElement>('[data-testid="similar-open-doc"]')!;
    expect(open.textContent).toBe('打开文件');
    expect(open.getAttribute('aria-label')).toContain('二/（二）/4');
    await fireEvent.click(open);
    await vi.waitFor(() => expect(session.openDoc?.id).toBe(GD));
    expect(session.openDoc!.tree.clauses.find((c) => c.index === session.openClause)?.path).toBe('二/（二）/4');
    session.closeDoc();

    await fireEvent.keyDown(grid, { key: 's' });
    li = await first(container);
    await fireEvent.click(li.querySelector('[data-testid="similar-compare"]')!);
    await vi.waitFor(() => expect(session.mode).toBe('compare'));
    await vi.waitFor(() => expect(session.view.comparison).not.toBeNull());
    const c = session.view.comparison!;
    expect([c.left.id, c.right.id]).toEqual([FS, GD]);
    const current = session.view.pairs[session.view.current!]!;
    expect(current.left?.path).toBe('二/（二）/1');
    expect(current.right?.path).toBe('二/（二）/4');
  }, 15_000);

  it('is labelled in English', async () => {
    const { container } = await mount('en', withUnits());
    const button = container.querySelector<HTMLButtonElement>('[data-testid="matrix-row"][data-path="二/（二）/4"] [data-testid="matrix-similar"]')!;
    expect(button.textContent).toBe('Similar');
    expect(button.getAttribute('aria-label')).toBe('Similar: find clauses like 二/（二）/4');
    expect(container.querySelector('#matrix-keys')!.textContent).toContain('Shift+S');
    await fireEvent.click(button);
    await first(container);
    expect(container.querySelector('[data-testid="similar-panel"] h3')!.textContent).toBe('Similar clauses');
  });

});

describe('MatrixSetup', () => {
  it('picks the documents from the library by title or 文号, without listing it whole', async () => {
    const { container, session, backend } = await mount();
    const setup = container.querySelector<HTMLElement>('[data-testid="matrix-setup"]')!;
    const others = () => [...setup.querySelectorAll<HTMLInputElement>('[data-testid="matrix-other"]')].map((i) => Number(i.dataset.docId));
    const base = setup.querySelector<HTMLSelectElement>('[data-testid="matrix-base"]')!;
    // Every document but the base (the example's left one, preset by showMatrix).
    await vi.waitFor(() => expect(others().length).toBe(m.documents.length + (session.matrix.base === null ? 1 : 0)));
    // The base is offered among the picker's rows; choosing it takes it out of the others.
    base.value = String(m.base.id);
    await fireEvent.change(base);
    expect(session.matrix.base).toBe(m.base.id);
    await vi.waitFor(() => expect(others()).not.toContain(m.base.id));
    // The search narrows the list by title.
    const foshan = m.documents.filter((d) => d.title.includes('佛山')).map((d) => d.id);
    expect(foshan.length).toBeGreaterThan(0);
    expect(foshan.length).toBeLessThan(m.documents.length);
    const search = setup.querySelector<HTMLInputElement>('[data-testid="matrix-search"]')!;
    // Typing asks the library once, when it pauses, not once per keystroke.
    const asked = backend.pageRequests.length;
    for (const v of ['佛', '佛山']) await fireEvent.input(search, { target: { value: v } });
    expect(search.value).toBe('佛山');
    await vi.waitFor(() => expect(others()).toEqual(foshan));
    expect(backend.pageRequests.length - asked).toBe(1);
    // "All" takes what the search finds.
    await fireEvent.click(setup.querySelector<HTMLButtonElement>('[data-testid="matrix-all"]')!);
    await vi.waitFor(() => expect(session.matrix.others).toEqual(foshan));
    expect(setup.querySelector('[data-testid="matrix-all-capped"]')).toBeNull();
    await fireEvent.input(search, { target: { value: '没有这样的文件' } });
    await vi.waitFor(() => expect(setup.querySelector('[data-testid="matrix-no-match"]')).not.toBeNull());
  });
});
