/**
 * Defects found by running the real window: a new comparison opening at the last one's scroll
 * position, related pairs drawn as rewrites, the missing 主题相关 chip, counts that read as
 * contradicting each other, and a key difference's location squeezed by its detail.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render } from '@testing-library/svelte';
import { tick } from 'svelte';
import type { Comparison, KeyDiff } from '$lib/bindings';
import gdfs from '$lib/backend/fixtures/gd-foshan.comparison.json';
import { MockBackend } from '$lib/backend/mock';
import type { Lang } from '$lib/i18n/messages';
import { KEY_POINT_MIN_SIMILARITY, substantiveCount } from '$lib/compare/points';
import { Session } from '$lib/app/session.svelte';
import { Settings } from '$lib/settings/settings.svelte';
import { comparisonOf, docInfo, everyKind, pair, unit, settle } from '$lib/compare/testing';
import Harness from './CompareHarness.test.svelte';

afterEach(cleanup);

async function mount(c: Comparison = everyKind(), lang: Lang = 'zh-CN') {
  const backend = new MockBackend([]);
  const settings = new Settings(null);
  const session = new Session(backend, settings);
  session.view.load(c);
  const r = render(Harness, { props: { session, backend, settings, lang } });
  await tick();
  return { ...r, session, backend, settings };
}


/** `c` with other documents on its sides. */
const between = (c: Comparison, left: number, right: number): Comparison => ({
  ...c,
  left: docInfo(left, `文件${left}`),
  right: docInfo(right, `文件${right}`),
});

describe('a new comparison', () => {
  it('opens at the top with no current row; the same documents compared again keep the place', async () => {
    const { container, session } = await mount(between(everyKind(), 1, 2));
    const table = container.querySelector<HTMLElement>('[data-testid="compare-table"]')!;
    Object.defineProperty(table, 'scrollTop', { value: 900, configurable: true, writable: true });
    session.view.current = 3;
    // Other documents: back to the top, no current row.
    session.view.load(between(everyKind(), 1, 3));
    await settle();
    expect(table.scrollTop).toBe(0);
    expect(session.view.current).toBeNull();
    expect(container.querySelector('[data-testid="pair-row"][aria-current="true"], [data-testid="pair-row"].current')).toBeNull();
    // The same documents again (an option changed): the place is kept.
    table.scrollTop = 700;
    session.view.load(between(everyKind(), 1, 3));
    await settle();
    expect(table.scrollTop).toBe(700);
  });
});

describe('a related pair', () => {
  const related = () =>
    comparisonOf([
      pair('related', unit(0, '优化联合验收流程，对验收时发现的问题及时督促建设单位整改。'), unit(0, '推行联合验收，建设单位整改后及时出具验收意见。')),
      pair('modified', unit(1, '由省局统筹报送。'), unit(1, '由市局统筹报送。')),
    ]);

  it('reads as plain text on both sides, only the shared words marked (no strike, no insert mark)', async () => {
    const c = related();
    const ops = c.pairs[0]!.ops;
    expect(ops.some((o) => o.tag === 'equal')).toBe(true);
    expect(ops.some((o) => o.tag !== 'equal')).toBe(true);
    const { container } = await mount(c);
    const row = container.querySelector<HTMLElement>('[data-testid="pair-row"][data-index="0"]')!;
    expect(row.querySelector('del, ins')).toBeNull();
    for (const side of ['left', 'right'] as const) {
      const text = row.querySelector<HTMLElement>(`[data-side="${side}"] .text`)!;
      // The whole clause, as written.
      expect(text.textContent).toBe(c.pairs[0]![side]!.text);
      const shared = [...text.querySelectorAll<HTMLElement>('.shared')];
      expect(shared.map((s) => s.textContent)).toEqual(ops.filter((o) => o.tag === 'equal' && /[\p{L}\p{N}]/u.test(o.text)).map((o) => o.text));
      for (const s of shared) expect(s.title).toBe('共同词语');
    }
    expect(row.querySelector<HTMLElement>('.badge.k-related')!.title).toContain('共同词语');
    // Its percentage is the strength of the topic match, not a text similarity.
    const strength = row.querySelector<HTMLElement>('[data-testid="pair-strength"]')!;
    expect(strength.title).toMatch(/^关联度 \d+%：主题匹配的强度/);
    // A modified pair keeps its strike and insert marks.
    const modified = container.querySelector<HTMLElement>('[data-testid="pair-row"][data-index="1"]')!;
    expect(modified.querySelector<HTMLElement>('[data-testid="pair-strength"]')!.title).toMatch(/^相似度 \d+%$/);
    expect(modified.querySelector('del.diff')).not.toBeNull();
    expect(modified.querySelector('ins.diff')).not.toBeNull();
    expect(modified.querySelector('.shared')).toBeNull();
  });

  it('marks no lone punctuation or space as a shared word, only runs with a letter or digit', async () => {
    const left = unit(0, '（一）优化联合验收流程。2025年 完成');
    const right = unit(0, '（二）推行联合验收，由市局出具意见。2025年 完成');
    const c = comparisonOf([
      {
        ...pair('related', left, right),
        ops: [
          { tag: 'equal', text: '（' },
          { tag: 'delete', text: '一' },
          { tag: 'insert', text: '二' },
          { tag: 'equal', text: '）' },
          { tag: 'delete', text: '优化' },
          { tag: 'insert', text: '推行' },
          { tag: 'equal', text: '联合验收' },
          { tag: 'delete', text: '流程' },
          { tag: 'insert', text: '，由市局出具意见' },
          { tag: 'equal', text: '。' },
          { tag: 'equal', text: '2025年' },
          { tag: 'equal', text: ' ' },
          { tag: 'equal', text: '完成' },
        ],
      },
    ]);
    const { container } = await mount(c);
    const row = container.querySelector<HTMLElement>('[data-testid="pair-row"][data-index="0"]')!;
    for (const side of ['left', 'right'] as const) {
      const text = row.querySelector<HTMLElement>(`[data-side="${side}"] .text`)!;
      expect(text.textContent).toBe(c.pairs[0]![side]!.text);
      expect([...text.querySelectorAll('.shared')].map((s) => s.textContent)).toEqual(['联合验收', '2025年', '完成']);
    }
  });
});

describe('the summary chips', () => {
  const chips = (root: HTMLElement) => [...root.querySelectorAll<HTMLElement>('[data-testid="summary"] .counts li')];

  it('count the related pairs too (主题相关, shown when there are some), so they add up to the rows', async () => {
    const c = everyKind();
    c.pairs.push(
      pair('related', unit(8, '优化联合验收流程，及时督促建设单位整改。'), unit(8, '推行联合验收，建设单位整改后出具意见。')),
      pair('related', unit(9, '加强事中事后监管。'), unit(9, '强化信用监管，实施分级分类管理。')),
    );
    c.summary = { ...c.summary, related: 2 };
    const { container } = await mount(c);
    const related = chips(container).find((li) => li.dataset.kind === 'related');
    expect(related?.textContent?.trim()).toBe('2 主题相关');
    expect(related!.classList.contains('k-related')).toBe(true);
    const sum = chips(container).reduce((n, li) => n + Number(li.querySelector('.n')!.textContent), 0);
    expect(sum).toBe(c.pairs.length);
  });

  it('leave 主题相关 out when there is no related pair', async () => {
    const { container } = await mount(everyKind());
    expect(chips(container).map((li) => li.dataset.kind)).not.toContain('related');
    expect(chips(container)).toHaveLength(7);
  });
});

describe('the counts', () => {
  // 处 counts rows (pairs) with differences, 条 counts key-difference findings: the toolbar's
  // 共 19 处差异 and the summary's 34 key differences no longer read as contradicting each other.
  const c = gdfs as Comparison;
  const changed = c.pairs.filter((p) => p.kind !== 'same').length;
  const findings = c.pairs.reduce((n, p) => n + p.key_diffs.length, 0);
  const text = (root: HTMLElement, id: string) => root.querySelector(`[data-testid="${id}"]`)!.textContent!.replace(/\s+/gu, ' ').trim();

  it('say 处 for rows with differences and 条 for key-difference findings', async () => {
    const { container } = await mount(c);
    expect(text(container, 'point-counts')).toBe(`共 ${c.pairs.length} 项对照，其中 ${changed} 处有差异；重点差异中 ${substantiveCount(c.pairs)} 条为实质性差异`);
    expect(container.querySelector('.keys summary')!.textContent).toBe(`重点差异（${findings} 条）`);
    expect(container.textContent).toContain(`共 ${changed} 处差异`);
    await fireEvent.click(container.querySelector('[data-testid="summary-toggle"]')!);
    expect(text(container, 'summary-folded')).toContain(`重点差异 ${findings} 条`);
  });

  it('say changes for rows and findings for key differences in English', async () => {
    const { container } = await mount(c, 'en');
    expect(text(container, 'point-counts')).toBe(`${c.pairs.length} clause pairs, ${changed} of them with changes; ${substantiveCount(c.pairs)} key-difference findings are substantive`);
    expect(container.querySelector('.keys summary')!.textContent).toBe(`Key differences (${findings} findings)`);
  });
});

describe('the key points panel with no key points', () => {
  // The engine draws key points only from rewrites at least 30% similar: substantive findings
  // of related or less similar pairs are counted below the panel but give no point.
  const lead: KeyDiff = { kind: 'responsibility', left: '省局', right: '市局', detail: '牵头单位：删除 省局；新增 市局', substantive: true };
  const deadline: KeyDiff = { kind: 'deadline', left: '2023年底前', right: '2023年9月底前', detail: '时限：2023年底前 → 2023年9月底前', substantive: true, direction: 'stricter' };
  const unrelated = () =>
    comparisonOf([
      pair('related', unit(0, '优化联合验收流程，由省局督促建设单位整改。'), unit(0, '推行联合验收，由市局出具验收意见。'), null, [lead]),
      // A rewrite too loose for a key point (the engine's similarity, not the mock diff's).
      { ...pair('modified', unit(1, '在2023年底前，全面建成省、市、县三级联动的诉求响应机制。'), unit(1, '2023年9月底前完成市级平台对接，开展培训。'), null, [deadline]), similarity: 0.2 },
    ]);
  const text = (root: HTMLElement, id: string) => root.querySelector(`[data-testid="${id}"]`)!.textContent!.replace(/\s+/gu, ' ').trim();

  it('says why there are none when the counts name substantive findings', async () => {
    const c = unrelated();
    expect(c.key_points).toEqual([]);
    expect(c.pairs[1]!.similarity).toBeLessThan(KEY_POINT_MIN_SIMILARITY);
    expect(substantiveCount(c.pairs)).toBe(2);
    const { container } = await mount(c);
    expect(container.querySelector('[data-testid="key-points"] summary')!.textContent).toBe('要点摘要（0）');
    expect(text(container, 'point-counts')).toContain('重点差异中 2 条为实质性差异');
    expect(text(container, 'points-none')).toBe('未发现实质性要点：要点只取自相似度 30% 以上的改写条款，2 条实质性差异见下方重点差异。');
    cleanup();
    const en = await mount(c, 'en');
    expect(text(en.container, 'points-none')).toBe('No substantive key points: they come only from rewritten clauses at least 30% similar. Substantive findings (2) are under Key differences below.');
  });

  it('keeps the short text when there are no substantive findings either', async () => {
    const c = unrelated();
    for (const p of c.pairs) p.key_diffs = p.key_diffs.map((k) => ({ ...k, substantive: false }));
    const { container } = await mount(c);
    expect(text(container, 'points-none')).toBe('未发现实质性要点。');
  });
});

describe('a key difference in the summary', () => {
  // jsdom lays nothing out and does not apply the component's styles: read its rules.
  const style = readFileSync(resolve(process.cwd(), 'src/components/compare/SummaryHeader.svelte'), 'utf8').split('<style>')[1]!;
  const rule = (selector: string) => {
    const esc = selector.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');
    return new RegExp(`(?:^|\\n)\\s*${esc}\\s*\\{([^}]*)\\}`, 'u').exec(style)?.[1] ?? '';
  };

  it('keeps its location whole beside a detail that wraps', async () => {
    const { container } = await mount(gdfs as Comparison);
    const item = container.querySelector<HTMLElement>('[data-testid="key-diff"]')!;
    const where = item.querySelector<HTMLElement>('.where')!;
    const detail = item.querySelector<HTMLElement>('.detail')!;
    expect(where.nextElementSibling).toBe(detail);
    // The kind and the location never shrink (nor wrap); the detail takes the rest and wraps.
    expect(rule('.where')).toMatch(/flex:\s*none/u);
    expect(rule('.where')).toMatch(/white-space:\s*nowrap/u);
    expect(rule('.keys .badge')).toMatch(/flex:\s*none/u);
    expect(rule('.detail')).toMatch(/min-width:\s*0/u);
    expect(rule('.detail')).toMatch(/flex:\s*1 1 0/u);
    expect(rule('.keys button')).toMatch(/display:\s*flex/u);
  });
});

describe('the folded summary line', () => {
  // Cut at its end on a narrow bar (at 1280 px in English it lost the notes): the short counts
  // come first, the key differences (the longest part) last.
  for (const [lang, points, notes, keys] of [
    ['zh-CN', '要点 ', '批注 3', '重点差异 '],
    ['en', ' points', '3 notes', ' key findings'],
  ] as const) {
    it(`puts the points and notes before the key differences (${lang})`, async () => {
      const { container, session, backend } = await mount(gdfs as Comparison, lang);
      for (const text of ['一', '二', '三']) await backend.addNote({ left: 1, right: 2, left_path: '¶1', right_path: '¶1', tag: null, text });
      await session.notes.load(1, 2);
      await fireEvent.click(container.querySelector('[data-testid="summary-toggle"]')!);
      const line = container.querySelector<HTMLElement>('[data-testid="summary-folded"]')!.textContent!;
      expect(line.indexOf(points)).toBeGreaterThanOrEqual(0);
      expect(line.indexOf(points)).toBeLessThan(line.indexOf(notes));
      expect(line.indexOf(notes)).toBeLessThan(line.indexOf(keys));
      expect(line.endsWith(lang === 'en' ? `${(gdfs as Comparison).pairs.reduce((n, p) => n + p.key_diffs.length, 0)} key findings` : '条')).toBe(true);
    });
  }
});
