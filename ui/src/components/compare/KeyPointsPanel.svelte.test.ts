import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render } from '@testing-library/svelte';
import { tick } from 'svelte';
import type { Comparison, KeyPoint, Pair, StoredDoc } from '$lib/bindings';
import gdfs from '$lib/backend/fixtures/gd-foshan.comparison.json';
import { MockBackend } from '$lib/backend/mock';
import { Session } from '$lib/app/session.svelte';
import { Settings } from '$lib/settings/settings.svelte';
import { I18n } from '$lib/i18n/i18n.svelte';
import { keyPointText } from '$lib/compare/sentences';
import Harness from './CompareHarness.test.svelte';

afterEach(cleanup);

const fixture = gdfs as Comparison;

/** A stored document carrying the fixture's 文号, so the mock serves the fixture for the pair. */
function doc(id: number, side: 'left' | 'right'): StoredDoc {
  const info = fixture[side];
  return {
    id,
    meta: { ...info, id: undefined } as unknown as StoredDoc['meta'],
    text: '',
    tree: { clauses: [] },
  } as unknown as StoredDoc;
}

async function mount(opts: { readOnly?: string; comparison?: Comparison; lang?: 'zh-CN' | 'en' } = {}) {
  const backend = new MockBackend([doc(1, 'left'), doc(2, 'right')], { fixtures: [opts.comparison ?? fixture] });
  backend.readOnly = opts.readOnly ?? null;
  const settings = new Settings(null);
  const session = new Session(backend, settings);
  session.readOnly = backend.readOnly;
  session.left = 1;
  session.right = 2;
  await session.compare();
  const r = render(Harness, { props: { session, backend, settings, lang: opts.lang ?? 'zh-CN' } });
  await tick();
  return { ...r, session, backend };
}

const points = (root: HTMLElement) => [...root.querySelectorAll<HTMLElement>('[data-testid="key-point"]')];
const ids = (root: HTMLElement) => points(root).map((li) => li.dataset.pointId);

describe('KeyPointsPanel (要点摘要)', () => {
  it('lists the key points in the order the shell sent, one sentence each, with their clause', async () => {
    const { container } = await mount();
    const panel = container.querySelector('[data-testid="key-points"]')!;
    expect(panel).not.toBeNull();
    expect(ids(container)).toEqual(fixture.key_points.map((p) => p.id));
    const first = points(container)[0]!;
    expect(first.textContent).toContain(fixture.key_points[0]!.detail);
    expect(first.textContent).toContain('责任单位');
    expect(panel.querySelector('summary')!.textContent).toContain(`要点摘要（${fixture.key_points.length}）`);
    // Counts: all pairs, the substantive differences.
    expect(container.querySelector('[data-testid="point-counts"]')!.textContent).toContain(`共 ${fixture.pairs.length} 项对照`);
  });

  it('words the points in English when the UI is in English', async () => {
    const { container } = await mount({ lang: 'en' });
    const shown = points(container).map((li) => li.querySelector('.detail')!.textContent!);
    expect(shown.length).toBe(fixture.key_points.length);
    expect(shown.some((s) => s.startsWith('Lead unit added: '))).toBe(true);
    expect(shown).toEqual(fixture.key_points.map((p) => keyPointText(p, new I18n('en'))));
    expect(shown).not.toEqual(fixture.key_points.map((p) => p.detail));
  });

  it('goes to the pair a point comes from', async () => {
    const { container, session } = await mount();
    const p = fixture.key_points[3]!;
    const button = points(container)[3]!.querySelector<HTMLButtonElement>('button.jump')!;
    await fireEvent.click(button);
    const i = session.view.current!;
    expect(session.view.pairs[i]!.left?.path).toBe(p.left_path);
    expect(session.view.pairs[i]!.right?.path).toBe(p.right_path);
  });

  it('pins a point first and hides another, through the backend, and shows a hidden one again', async () => {
    const { container, backend } = await mount();
    const last = fixture.key_points[fixture.key_points.length - 1]!;
    const top = fixture.key_points[0]!;
    await fireEvent.click(points(container).at(-1)!.querySelector<HTMLButtonElement>('[data-testid="point-pin"]')!);
    await vi.waitFor(() => expect(ids(container)[0]).toBe(last.id));
    expect(points(container)[0]!.dataset.pinned).toBe('true');
    expect(points(container)[0]!.querySelector('[data-testid="point-pin"]')!.textContent).toContain('取消置顶');
    const hideTop = points(container).find((li) => li.dataset.pointId === top.id)!;
    await fireEvent.click(hideTop.querySelector<HTMLButtonElement>('[data-testid="point-hide"]')!);
    await vi.waitFor(() => expect(ids(container)).not.toContain(top.id));
    expect(ids(container)).toHaveLength(fixture.key_points.length - 1);
    const hidden = container.querySelector('[data-testid="hidden-points"]')!;
    expect(hidden.querySelector('summary')!.textContent).toContain('已隐藏 1 项要点');
    expect(backend.pointMarks.map((r) => [r.point_id, r.mark])).toEqual([
      [last.id, 'pinned'],
      [top.id, 'hidden'],
    ]);
    await fireEvent.click(hidden.querySelector<HTMLButtonElement>('[data-testid="point-unhide"]')!);
    await vi.waitFor(() => expect(ids(container)).toContain(top.id));
    expect(container.querySelector('[data-testid="hidden-points"]')).toBeNull();
  });

  it('folds the localisation into one line that expands to its substitutions', async () => {
    const { container, session } = await mount();
    const loc = container.querySelector<HTMLDetailsElement>('[data-testid="localisation"]')!;
    expect(loc.querySelector('summary')!.textContent).toContain(`本地化替换 ${fixture.summary.localisation} 处`);
    expect(loc.open).toBe(false);
    const subs = [...loc.querySelectorAll('[data-testid="substitution"]')].map((s) => s.textContent!.replace(/\s+/g, ''));
    expect(subs).toContain('省政务服务数据管理局→市政务服务数据管理局');
    const entry = loc.querySelector<HTMLButtonElement>('[data-testid="localisation-entry"]')!;
    await fireEvent.click(entry);
    expect(session.view.current).toBe(Number(entry.dataset.pair));
  });

  it('writes a point as text, never as HTML', async () => {
    const { container, session } = await mount();
    const evil = { ...fixture.key_points[0]!, id: 'x', detail: '<img src=x onerror=alert(1)><b>新增</b>' };
    session.view.setPoints({ key_points: [evil], hidden_key_points: [] });
    await tick();
    const li = points(container)[0]!;
    expect(li.querySelector('img, b')).toBeNull();
    expect(li.textContent).toContain('<img src=x onerror=alert(1)><b>新增</b>');
  });

  it('disables pin and hide on a read-only library', async () => {
    const { container } = await mount({ readOnly: 'the folder /mnt/usb is not writable' });
    const buttons = points(container).flatMap((li) => [...li.querySelectorAll<HTMLButtonElement>('[data-testid="point-pin"], [data-testid="point-hide"]')]);
    expect(buttons.length).toBeGreaterThan(0);
    expect(buttons.every((b) => b.disabled)).toBe(true);
  });

  it('shows a task item one document drops, with its own clause only', async () => {
    // The real comparison with its last unit dropped from the right document.
    const last = fixture.pairs.at(-1)!;
    const removed: Pair = { ...last, kind: 'left_only', similarity: 0, right: null, ops: [], key_diffs: [], group: null };
    const duty: KeyPoint = { id: 'duty_removed-1', kind: 'duty_removed', detail: '删除任务：做好宣传推广', left_path: last.left!.path, right_path: null, direction: null, parts: [{ label: 'task', left: '做好宣传推广', right: '' }], count: 1 };
    const comparison: Comparison = { ...fixture, pairs: [...fixture.pairs.slice(0, -1), removed], key_points: [...fixture.key_points, duty] };
    const { container, session } = await mount({ comparison });
    const li = points(container).at(-1)!;
    expect(li.dataset.pointId).toBe(duty.id);
    expect(li.querySelector('.badge')!.textContent).toBe('删除任务');
    expect(li.querySelector('.where')!.textContent).toBe(last.left!.label || last.left!.path);
    await fireEvent.click(li.querySelector<HTMLButtonElement>('button.jump')!);
    const i = session.view.current!;
    expect(session.view.pairs[i]!.left?.path).toBe(last.left!.path);
    expect(session.view.pairs[i]!.right).toBeNull();
  });

  it('speaks English too', async () => {
    expect(new I18n('en').t('keyKind.duty_added')).toBe('New duty');
    expect(new I18n('zh-CN').t('keyKind.duty_added')).toBe('新增任务');
    const i18n = new I18n('en');
    expect(i18n.t('points.title', { n: 3 })).toBe('Key points (3)');
    expect(i18n.t('points.hidden', { n: 2 })).toBe('2 hidden points');
  });
});
