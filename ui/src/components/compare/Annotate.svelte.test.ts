import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render } from '@testing-library/svelte';
import { tick } from 'svelte';
import type { PairingRequest } from '$lib/bindings';
import { MockBackend } from '$lib/backend/mock';
import { Session } from '$lib/app/session.svelte';
import { Settings } from '$lib/settings/settings.svelte';
import { everyKind, settle } from '$lib/compare/testing';
import type { Lang } from '$lib/i18n/messages';
import Harness from './CompareHarness.test.svelte';

afterEach(cleanup);

async function mount(lang: Lang = 'zh-CN') {
  const backend = new MockBackend([]);
  const settings = new Settings(null);
  const session = new Session(backend, settings);
  session.view.load(everyKind());
  await session.notes.load(1, 2);
  const r = render(Harness, { props: { session, backend, settings, lang } });
  await tick();
  return { ...r, session, backend };
}


describe('annotating the compare view', () => {
  it('adds a note on the focused pair; it shows under the pair as text and in the panel, which jumps back to it', async () => {
    const { container, session, backend } = await mount();
    const q = (s: string) => container.querySelector<HTMLElement>(s);
    expect(q('[data-testid="note-add"]')).toBeNull(); // actions only on the focused pair
    session.view.focus(1);
    await tick();
    await fireEvent.click(q('[data-index="1"] [data-testid="note-add"]')!);
    const hostile = '<img src=x onerror=alert(1)> 时限提前';
    await fireEvent.input(q('[data-testid="note-tag"]')!, { target: { value: '需关注' } });
    await fireEvent.input(q('[data-testid="note-text"]')!, { target: { value: hostile } });
    await fireEvent.click(q('[data-testid="note-save"]')!);
    await settle();
    expect(await backend.listNotes(1, 2)).toHaveLength(1);
    const under = q('[data-index="1"] [data-testid="note-item"]')!;
    expect(under.textContent).toContain(hostile);
    expect(under.textContent).toContain('需关注');
    expect(container.querySelector('img')).toBeNull();
    const panelItems = container.querySelectorAll('[data-testid="notes-panel"] [data-testid="note-item"]');
    expect(panelItems).toHaveLength(1);
    session.view.focus(8);
    await tick();
    await fireEvent.click(panelItems[0]!);
    expect(session.view.current).toBe(1);
  });

  it('lists a note whose pair is gone as 未对应', async () => {
    const { container, session, backend } = await mount();
    await backend.addNote({ left: 1, right: 2, left_path: '¶3', right_path: '¶3', tag: null, text: '旧配对上的批注' });
    await session.notes.load(1, 2);
    await tick();
    const item = container.querySelector('[data-testid="notes-panel"] [data-testid="note-item"]')!;
    expect(item.getAttribute('data-unmatched')).toBe('true');
    expect(item.textContent).toContain('未对应');
    expect(item.textContent).toContain('旧配对上的批注');
  });

  it('offers 配对有误 on a pair and 与…配对 on a one-sided row', async () => {
    const { container, session, backend } = await mount();
    const forbidden: PairingRequest[] = [];
    backend.forbidPair = async (r) => void forbidden.push(r);
    session.view.focus(1);
    await tick();
    expect(container.querySelector('[data-testid="pair-force"]')).toBeNull();
    await fireEvent.click(container.querySelector('[data-testid="pair-forbid"]')!);
    await settle();
    expect(forbidden).toEqual([{ left: 1, right: 2, left_path: '¶2', right_path: '¶2' }]);
    session.view.focus(2);
    await tick();
    expect(container.querySelector('[data-testid="pair-forbid"]')).toBeNull();
    await fireEvent.click(container.querySelector('[data-testid="pair-force"]')!);
    const cands = [...container.querySelectorAll('[data-testid="pair-candidate"]')];
    // The right-only row first, then the right clauses paired already, each once.
    const rows = cands.map((c) => Number(c.getAttribute('data-pair')));
    expect(rows[0]).toBe(9);
    const rest = rows.slice(1).map((j) => session.view.pairs[j]!);
    expect(rest.length).toBeGreaterThan(0);
    expect(rest.every((p) => p.left && p.right)).toBe(true);
    expect(new Set(rest.map((p) => p.right!.path)).size).toBe(rest.length);
    expect(cands.slice(1).every((c) => c.textContent!.includes('已有配对'))).toBe(true);
  });

  it('exports from the toolbar dialog and says where the file went', async () => {
    const { container, backend } = await mount();
    backend.savePath = '/home/user/报告.md';
    await fireEvent.click(container.querySelector('[data-testid="export-button"]')!);
    const format = container.querySelector<HTMLSelectElement>('[data-testid="export-format"]')!;
    format.value = 'markdown';
    await fireEvent.change(format);
    await fireEvent.click(container.querySelector('[data-testid="export-confirm"]')!);
    await settle();
    expect(backend.exports.map((r) => [r.format, r.path, r.compare.left, r.compare.right, r.lang])).toEqual([['markdown', '/home/user/报告.md', 1, 2, 'zh']]);
    expect(container.querySelector('[data-testid="export-status"]')!.textContent).toContain('已导出：/home/user/报告.md');
  });

  it('asks for the report in the UI’s language', async () => {
    const { container, backend } = await mount('en');
    await fireEvent.click(container.querySelector('[data-testid="export-button"]')!);
    await fireEvent.click(container.querySelector('[data-testid="export-confirm"]')!);
    await settle();
    expect(backend.exports.map((r) => r.lang)).toEqual(['en']);
  });

  it('shows the export stage and cancels from the dialog', async () => {
    const { container, backend } = await mount();
    let release!: () => void;
    backend.exportHold = new Promise((r) => (release = r));
    await fireEvent.click(container.querySelector('[data-testid="export-button"]')!);
    expect(container.querySelector('[data-testid="export-cancel"]')).toBeNull();
    await fireEvent.click(container.querySelector('[data-testid="export-confirm"]')!);
    await settle();
    const status = container.querySelector('[data-testid="export-status"]')!;
    expect(status.textContent).toContain('计算比较结果');
    expect(status.querySelector('[data-stage]')!.getAttribute('data-stage')).toBe('compare');
    await fireEvent.click(container.querySelector('[data-testid="export-cancel"]')!);
    await settle();
    expect(status.textContent).toContain('正在取消');
    release();
    await settle();
    expect(backend.exports).toEqual([]);
    expect(backend.cancelledExports).toHaveLength(1);
    expect(status.textContent).toContain('已取消导出');
    expect(container.querySelector('[data-testid="export-cancel"]')).toBeNull();
  });
});
