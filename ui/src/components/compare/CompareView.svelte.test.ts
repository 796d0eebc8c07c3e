import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render } from '@testing-library/svelte';
import { tick } from 'svelte';
import type { Comparison } from '$lib/bindings';
import gdfs from '$lib/backend/fixtures/gd-foshan.comparison.json';
import { MockBackend } from '$lib/backend/mock';
import { Session } from '$lib/app/session.svelte';
import { Settings } from '$lib/settings/settings.svelte';
import { comparisonOf, pair, unit } from '$lib/compare/testing';
import { boxesAt } from '$lib/app/pixelSnap.testing';
import Harness from './CompareHarness.test.svelte';

afterEach(cleanup);

function mount(c: Comparison) {
  const backend = new MockBackend([]);
  const settings = new Settings(null);
  const session = new Session(backend, settings);
  session.view.load(c);
  const r = render(Harness, { props: { session, backend, settings } });
  return { ...r, session };
}

const frames = (n: number) => new Promise<void>((res) => {
  const step = (k: number) => (k === 0 ? res() : requestAnimationFrame(() => step(k - 1)));
  step(n);
});

/**
 * ~120 pairs of real text (15k characters a side): the paragraphs of the longest corpus
 * document (Guangxi 2023 work points, corpus lines 2889–3119) against a version with every
 * fifth paragraph edited, every 13th removed and a few added.
 */
function longComparison(): Comparison {
  const corpus = readFileSync(resolve(process.cwd(), '../assets/corpus/south-china-2023-business-environment.txt'), 'utf8');
  const paras = corpus.split('\n').slice(2888, 3119).map((l) => l.trim()).filter(Boolean);
  const pairs = paras.flatMap((p, i) => {
    const l = unit(i, p, '', `¶${i + 1}`);
    if (i % 13 === 12) return [pair('left_only', l, null)];
    if (i % 5 === 4) return [pair('modified', l, unit(i, p.replace(/自治区/gu, '市').replace(/。$/u, '，并定期通报。'), '', `¶${i + 1}`))];
    const same = pair('same', l, unit(i, p, '', `¶${i + 1}`));
    return i % 17 === 16 ? [same, pair('right_only', null, unit(1000 + i, '新增：由市机关事务管理局统筹推进。'))] : [same];
  });
  return comparisonOf(pairs);
}

describe('CompareView', () => {
  it('puts the table\'s scroll region on whole device pixels, so the sticky heads cover the scrolled rows', async () => {
    // The bars above end at 434.66 px at 1024×768 and a 16 px font in WebKitGTK: a line of the
    // scrolled rows showed above the heads. The region moves to the nearest whole pixel, 435.
    const rect = boxesAt(434.65625, 307.1875, 700, 300);
    try {
      const { container } = mount(gdfs as Comparison);
      await tick();
      const table = container.querySelector<HTMLElement>('[data-testid="compare-table"]')!;
      expect(table.style.marginTop).toBe('0.34375px');
      expect(table.style.marginLeft).toBe('-0.1875px');
    } finally {
      rect.mockRestore();
    }
  });

  it('renders the Guangdong/Foshan comparison as an accessible table with the contract hooks', async () => {
    const c = gdfs as Comparison;
    const { container } = mount(c);
    await tick();
    const table = container.querySelector('[role="table"][data-testid="compare-table"]')!;
    expect(table).not.toBeNull();
    const rows = table.querySelectorAll('[role="row"][data-testid="pair-row"]');
    expect(rows).toHaveLength(c.pairs.length);
    const first = rows[0]!;
    expect(first.getAttribute('data-kind')).toBe('modified');
    const cells = first.querySelectorAll('[role="cell"]');
    expect([...cells].map((x) => x.getAttribute('data-side'))).toEqual(['left', 'right']);
    expect(cells[0]!.querySelector('[data-testid="clause-label"]')).not.toBeNull();
    // The engine's path for the notice title (un-numbered units are named by their role).
    expect(cells[1]!.querySelector('[data-testid="clause-path"]')!.textContent).toBe('标题');
    // Deleted words struck through on the left, inserted underlined on the right.
    expect(cells[0]!.querySelector('del')!.textContent).toContain('广东省');
    expect(cells[1]!.querySelector('ins')!.textContent).toContain('佛山市');
    expect(container.querySelectorAll('[data-testid="key-diff"]')).toHaveLength(c.summary.key_diffs);
    // Foshan numbers its items per section: Guangdong's item 4 is its 1, and neither label is an edit.
    const item = rows[c.pairs.findIndex((p) => p.left?.path === '二/（二）/4')]!;
    const [left, right] = [...item.querySelectorAll('[role="cell"] .text')];
    expect(left!.textContent!.startsWith('4.完善诉求响应协调机制')).toBe(true);
    expect(right!.textContent!.startsWith('1.完善诉求响应协调机制')).toBe(true);
    expect(left!.querySelector('del')!.textContent).not.toMatch(/^(删除：)?4$/u);
    expect([...right!.querySelectorAll('ins')].map((x) => x.textContent)).not.toContain('新增：1');
    expect(right!.querySelector('.renumbered')!.getAttribute('title')).toBe('编号调整：4. → 1.（不算修改）');
    // No markup injected from document text.
    expect(container.querySelector('script')).toBeNull();
  });

  it('marks a pair the user paired by hand, and only that one', async () => {
    const c = comparisonOf([
      pair('modified', unit(0, '一、工作目标'), unit(0, '一、目标任务')),
      { ...pair('modified', unit(1, '完善挂点联系工作机制。'), unit(5, '健全挂点联系机制。')), manual: true },
    ]);
    const { container } = mount(c);
    await tick();
    const rows = container.querySelectorAll('[data-testid="pair-row"]');
    expect(rows[0]!.querySelector('.manual')).toBeNull();
    expect(rows[1]!.querySelector('.manual')!.textContent).toBe('手动配对');
  });

  it('marks the focused row with aria-current after next change', async () => {
    const { container, session } = mount(gdfs as Comparison);
    session.view.next();
    await tick();
    const cur = container.querySelectorAll('[aria-current="true"]');
    expect(cur).toHaveLength(1);
    expect(cur[0]!.getAttribute('data-index')).toBe('0');
  });

  it('renders ~120 pairs of real text: first chunk at once, the rest within frames (timing printed)', async () => {
    const c = longComparison();
    const chars = c.pairs.reduce((n, p) => n + (p.left?.text.length ?? 0), 0);
    expect(c.pairs.length).toBeGreaterThanOrEqual(110);
    expect(chars).toBeGreaterThan(14000);
    const t0 = performance.now();
    const { container } = mount(c);
    await tick();
    const t1 = performance.now();
    const initial = container.querySelectorAll('[data-testid="pair-row"]').length;
    await frames(10);
    const t2 = performance.now();
    const all = container.querySelectorAll('[data-testid="pair-row"]').length;
    console.info(`[render] ${c.pairs.length} pairs, ${chars} chars/side: first ${initial} rows in ${(t1 - t0).toFixed(0)} ms, all ${all} rows in ${(t2 - t0).toFixed(0)} ms (jsdom)`);
    expect(initial).toBeLessThan(c.pairs.length);
    expect(all).toBe(c.pairs.length);
  });

  it('finds a text in both columns, marks it as text and steps through the rows with Enter', async () => {
    const c = gdfs as Comparison;
    const { container, session } = mount(c);
    await tick();
    await fireEvent.click(container.querySelector('[data-testid="find-open"]')!);
    await tick();
    const input = container.querySelector<HTMLInputElement>('[data-testid="find-input"]')!;
    expect(document.activeElement).toBe(input);
    // Full-width digits find the half-width hotline number.
    await fireEvent.input(input, { target: { value: '１２３４５' } });
    await tick();
    const rows = [...container.querySelectorAll<HTMLElement>('[data-testid="pair-row"]')];
    const holding = rows.filter((r) => (r.textContent ?? '').includes('12345')).map((r) => Number(r.dataset.index));
    expect(holding.length).toBeGreaterThan(1);
    expect(session.view.found).toEqual(holding);
    // The first row holding it is focused, the caret stays in the box.
    expect(session.view.current).toBe(holding[0]);
    expect(document.activeElement).toBe(input);
    const pos = container.querySelector('[data-testid="find-position"]')!;
    expect(pos.textContent).toContain(`第 1 / ${holding.length} 条`);
    const marks = [...container.querySelectorAll('[data-testid="find-mark"]')];
    expect(marks.length).toBeGreaterThanOrEqual(holding.length);
    // What the marks show (without the screen-reader labels of deleted and inserted words).
    const shown = (m: Element) => {
      const copy = m.cloneNode(true) as Element;
      copy.querySelectorAll('.visually-hidden').forEach((h) => h.remove());
      return copy.textContent ?? '';
    };
    expect(marks.map(shown).join('')).toMatch(/^(12345)+$/u);
    for (const m of marks) expect(m.querySelector('script, img')).toBeNull();
    // Enter: the next row; Shift+Enter from the first: round to the last.
    await fireEvent.keyDown(input, { key: 'Enter' });
    await tick();
    expect(session.view.current).toBe(holding[1]);
    expect(pos.textContent).toContain(`第 2 / ${holding.length} 条`);
    await fireEvent.keyDown(input, { key: 'Enter', shiftKey: true });
    await fireEvent.keyDown(input, { key: 'Enter', shiftKey: true });
    await tick();
    expect(session.view.current).toBe(holding[holding.length - 1]);
    // A text nowhere in either document.
    await fireEvent.input(input, { target: { value: '不存在的文字' } });
    await tick();
    expect(pos.textContent).toBe('没有找到');
    expect(container.querySelectorAll('[data-testid="find-mark"]')).toHaveLength(0);
    // Esc closes the bar; the marks go with it.
    await fireEvent.input(input, { target: { value: '12345' } });
    await fireEvent.keyDown(input, { key: 'Escape' });
    await tick();
    expect(container.querySelector('[data-testid="find-bar"]')).toBeNull();
    expect(container.querySelectorAll('[data-testid="find-mark"]')).toHaveLength(0);
  });
});
