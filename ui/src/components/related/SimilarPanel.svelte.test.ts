/**
 * The similar-clauses panel as it reads: a close match as a word diff, a weak one (under 50%)
 * as the other clause's plain text with the shared words marked; one heading per document
 * however many of its clauses are listed; the chosen clause named once (`与 三/（一） 相似`).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render } from '@testing-library/svelte';
import { tick } from 'svelte';
import type { Comparison, SimilarClause, StoredDoc } from '$lib/bindings';
import gdfs from '$lib/backend/fixtures/gd-foshan.comparison.json';
import { MockBackend } from '$lib/backend/mock';
import { storedFromSide } from '$lib/backend/mock/fromComparison';
import { Session } from '$lib/app/session.svelte';
import { I18n } from '$lib/i18n/i18n.svelte';
import { Settings } from '$lib/settings/settings.svelte';
import Harness from './RelatedHarness.test.svelte';

afterEach(cleanup);

const fixture = gdfs as Comparison;
const GD = 1;

const hit = (doc_id: number, title: string, path: string, label: string, similarity: number, diff: SimilarClause['diff']): SimilarClause => ({
  doc_id,
  title,
  path,
  label,
  text: diff.filter((o) => o.tag !== 'delete').map((o) => o.text).join(''),
  similarity,
  diff,
});

const SZ = '深圳市优化营商环境工作方案';
const HZ = '惠州市优化营商环境工作方案';
/** Best first, as the backend answers: Shenzhen twice (one close, one weak), Huizhou once (weak). */
const RESULTS: SimilarClause[] = [
  hit(5, SZ, '二/（一）', '（一）', 0.82, [
    { tag: 'equal', text: '（一）加强组织领导。' },
    { tag: 'delete', text: '各地级以上市' },
    { tag: 'insert', text: '各区' },
    { tag: 'equal', text: '要建立工作机制。' },
  ]),
  hit(6, HZ, '三', '三、', 0.27, [
    { tag: 'delete', text: '一、', renumbered: true },
    { tag: 'insert', text: '三、', renumbered: true },
    { tag: 'delete', text: '工作目标到2025年' },
    { tag: 'insert', text: '保障措施' },
    { tag: 'equal', text: '，' },
    { tag: 'delete', text: '全面' },
    { tag: 'insert', text: '强化' },
    { tag: 'equal', text: '营商环境' },
    { tag: 'insert', text: '督查考核。' },
  ]),
  hit(5, SZ, '四/（二）', '（二）', 0.22, [
    { tag: 'delete', text: '工作目标' },
    { tag: 'insert', text: '资金保障' },
    { tag: 'equal', text: '。' },
  ]),
];

async function open(path: string, lang: 'zh-CN' | 'en' = 'zh-CN') {
  const backend = new MockBackend([storedFromSide(fixture, GD, 'left')], { fixtures: [fixture] });
  vi.spyOn(backend, 'similarClauses').mockResolvedValue(RESULTS);
  const session = new Session(backend, new Settings(null));
  await session.start();
  const doc = await backend.getDocument(GD);
  const r = render(Harness, { props: { session, i18n: new I18n(lang), doc } });
  await tick();
  const index = doc.tree.clauses.find((c) => c.path === path)!.index;
  await fireEvent.click(r.container.querySelector(`[data-clause="${index}"] [data-testid="clause-similar"]`)!);
  await vi.waitFor(() => expect(r.container.querySelectorAll('[data-testid="similar-item"]')).toHaveLength(3));
  return r;
}

// Huizhou's clause gives another value for one thing the chosen clause sets: a contrast.
RESULTS[1]!.contrasts = [
  {
    kind: 'quantity',
    left: '5个工作日内',
    right: '20日内',
    detail: '时长对比：5个工作日内 ↔ 20日内（通知书发出之日起）',
    substantive: true,
    direction: 'changed',
    parts: [{ label: 'duration', left: '5个工作日内', right: '20日内', context: '通知书发出之日起', contrast: true }],
  },
];

const item = (c: HTMLElement, doc: number, path: string) => c.querySelector<HTMLElement>(`[data-testid="similar-item"][data-doc="${doc}"][data-path="${path}"]`)!;

describe('the similar-clauses panel', () => {
  it('draws a close match as a word diff', async () => {
    const { container } = await open('三/（一）');
    const close = item(container, 5, '二/（一）');
    expect(close.hasAttribute('data-weak')).toBe(false);
    const diff = close.querySelector('[data-testid="similar-diff"]')!;
    expect([...diff.querySelectorAll('del')].map((d) => d.lastChild!.textContent)).toEqual(['各地级以上市']);
    expect([...diff.querySelectorAll('ins')].map((d) => d.lastChild!.textContent)).toEqual(['各区']);
  });

  it('shows a weak match (under 50%) as the other clause\'s text, shared words marked, no strike or underline', async () => {
    const { container } = await open('三/（一）');
    const weak = item(container, 6, '三');
    expect(weak.hasAttribute('data-weak')).toBe(true);
    expect(weak.querySelector('[data-testid="similar-diff"]')).toBeNull();
    const text = weak.querySelector<HTMLElement>('[data-testid="similar-text"]')!;
    expect(text.querySelectorAll('del, ins')).toHaveLength(0);
    // The other clause exactly, its renumbered label plain (the chosen clause's runs left out).
    expect(text.textContent!.trim()).toBe('三、保障措施，强化营商环境督查考核。');
    // Shared words marked; punctuation alone is no shared word.
    expect([...text.querySelectorAll('.shared')].map((s) => s.textContent)).toEqual(['营商环境']);
    expect(text.title).toContain('50%');
  });

  it('names each document once, its clauses under it, in the order of its best clause', async () => {
    const { container } = await open('三/（一）');
    const docs = [...container.querySelectorAll<HTMLElement>('[data-testid="similar-doc"]')];
    expect(docs.map((d) => d.dataset.doc)).toEqual(['5', '6']);
    expect(docs.map((d) => d.querySelectorAll('[data-testid="similar-title"]').length)).toEqual([1, 1]);
    expect(container.querySelectorAll('[data-testid="similar-title"]')).toHaveLength(2);
    expect(docs[0]!.querySelector('[data-testid="similar-title"]')!.textContent).toBe(SZ);
    expect(docs[0]!.textContent).toContain('2 条');
    expect(docs[1]!.textContent).not.toContain('1 条');
    expect([...docs[0]!.querySelectorAll<HTMLElement>('[data-testid="similar-item"]')].map((li) => li.dataset.path)).toEqual(['二/（一）', '四/（二）']);
  });

  it('names the chosen clause and each hit by its path once, the label not repeated', async () => {
    const { container } = await open('三/（一）');
    expect(container.querySelector('[data-testid="similar-subject"]')!.textContent).toBe('与 三/（一） 相似');
    expect(item(container, 5, '二/（一）').querySelector('[data-testid="similar-path"]')!.textContent).toBe('二/（一）');
    // `三、` is the path `三`: one of them is enough.
    expect(item(container, 6, '三').querySelector('[data-testid="similar-path"]')!.textContent).toBe('三');
  });

  it('says under a clause the values it and the chosen one give for one thing, and nothing under the others', async () => {
    const { container } = await open('三/（一）');
    const lines = (doc: number, path: string) => [...item(container, doc, path).querySelectorAll('[data-testid="similar-contrast"]')].map((li) => li.textContent);
    expect(lines(6, '三')).toEqual(['时长对比：5个工作日内 ↔ 20日内（通知书发出之日起）']);
    expect(lines(5, '二/（一）')).toEqual([]);
    expect(item(container, 5, '二/（一）').querySelector('[data-testid="similar-contrasts"]')).toBeNull();
  });

  it('reads the same in English', async () => {
    const { container } = await open('二/（二）/4', 'en');
    expect(container.querySelector('[data-testid="similar-subject"]')!.textContent).toBe('Like 二/（二）/4');
    expect(container.querySelector('[data-testid="similar-doc"][data-doc="5"]')!.textContent).toContain('2 clauses');
    expect(item(container, 6, '三').querySelector<HTMLElement>('[data-testid="similar-text"]')!.title).toContain('Less than 50% similar');
    expect(item(container, 6, '三').querySelector('[data-testid="similar-contrast"]')!.textContent).toBe('Duration compared: 5个工作日内 ↔ 20日内 (通知书发出之日起)');
  });
});
