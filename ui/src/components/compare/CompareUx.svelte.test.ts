/**
 * The compare view's keyboard and layout fixes: the foldable summary (remembered), one tab
 * stop per summary list, focus kept on a row after note and pairing actions, the note editor
 * and the 与…配对 picker taking the focus, Ctrl+Enter from a tag chip, and the clause path
 * shown only when it adds to the label.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render } from '@testing-library/svelte';
import { tick } from 'svelte';
import type { Comparison } from '$lib/bindings';
import gdfs from '$lib/backend/fixtures/gd-foshan.comparison.json';
import { MockBackend } from '$lib/backend/mock';
import { Session } from '$lib/app/session.svelte';
import { Settings } from '$lib/settings/settings.svelte';
import { comparisonOf, everyKind, pair, unit, settle } from '$lib/compare/testing';
import Harness from './CompareHarness.test.svelte';
import { MemoryStorage } from '$lib/settings/memoryStorage';

afterEach(cleanup);

async function mount(c: Comparison = everyKind(), storage: Storage | null = null) {
  const backend = new MockBackend([]);
  const settings = new Settings(storage);
  const session = new Session(backend, settings);
  session.view.load(c);
  session.view.setPoints({ key_points: c.key_points ?? [], hidden_key_points: [] });
  await session.notes.load(1, 2);
  const r = render(Harness, { props: { session, backend, settings } });
  await tick();
  return { ...r, session, backend, settings };
}

const row = (root: HTMLElement, i: number) => root.querySelector<HTMLElement>(`[data-testid="pair-row"][data-index="${i}"]`)!;

describe('the summary above the table', () => {
  it('counts each side\'s clauses by their counterparts, each once (not for a comparison without the counts)', async () => {
    const c = { ...(gdfs as Comparison) };
    c.summary = { ...c.summary, left_units: { units: 11, matched: 0, related: 10 }, right_units: { units: 45, matched: 0, related: 18 } };
    const { container } = await mount(c);
    expect(container.querySelector('[data-testid="summary-units-left"]')!.textContent).toBe('左文 11 条：沿用或修改 0 · 主题相关 10 · 无对应 1');
    expect(container.querySelector('[data-testid="summary-units-right"]')!.textContent).toBe('右文 45 条：来自左文 0 · 主题相关 18 · 无对应 27');
    expect(container.querySelector<HTMLElement>('[data-testid="summary-units"]')!.title).toContain('只计一条');
    cleanup();
    const none = await mount(comparisonOf([pair('same', unit(0, '一、总体要求'), unit(0, '一、总体要求'))]));
    expect(none.container.querySelector('[data-testid="summary-units"]')).toBeNull();
  });

  it('folds as a whole with a toggle (aria-expanded), keeps its counts, and remembers the choice', async () => {
    const storage = new MemoryStorage();
    const { container, settings, unmount } = await mount(gdfs as Comparison, storage);
    const toggle = container.querySelector<HTMLButtonElement>('[data-testid="summary-toggle"]')!;
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    const body = container.querySelector('[data-testid="summary-body"]')!;
    expect(toggle.getAttribute('aria-controls')).toBe(body.id);
    expect(container.querySelector('[data-testid="key-points"]')).not.toBeNull();
    await fireEvent.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(container.querySelector('[data-testid="summary-body"]')).toBeNull();
    expect(container.querySelector('[data-testid="key-diff"]')).toBeNull();
    // Still there when folded: the counts by kind and how much the summary holds.
    expect(container.querySelectorAll('[data-testid="summary"] .counts li')).toHaveLength(7);
    expect(container.querySelector('[data-testid="summary-folded"]')!.textContent).toContain('重点差异 34 条');
    expect(settings.summaryOpen).toBe(false);
    expect(JSON.parse(storage.getItem('policydiff.settings.v1')!).summaryOpen).toBe(false);
    unmount();
    // The next start: still folded; unfolding brings the content back.
    const again = await mount(gdfs as Comparison, storage);
    const t2 = again.container.querySelector<HTMLButtonElement>('[data-testid="summary-toggle"]')!;
    expect(t2.getAttribute('aria-expanded')).toBe('false');
    await fireEvent.click(t2);
    expect(again.container.querySelector('[data-testid="key-points"]')).not.toBeNull();
    expect(JSON.parse(storage.getItem('policydiff.settings.v1')!).summaryOpen).toBe(true);
  }, 30000);

  it('names each document on one line that can be cut, the whole title and 文号 in its tooltip', async () => {
    // On a short window the titles are cut to one line each, so the key points keep the room.
    const c = gdfs as Comparison;
    const { container } = await mount(c);
    for (const side of ['left', 'right'] as const) {
      const line = container.querySelector<HTMLElement>(`[data-testid="summary-doc-${side}"]`)!;
      expect(line.title).toBe(`${c[side].title} ${c[side].doc_number}`);
      expect(line.querySelector('.doctitle')!.textContent).toBe(c[side].title);
      expect(line.querySelector('.docno')!.textContent).toBe(c[side].doc_number);
    }
  });

  it('makes each summary list one tab stop, moved through with the arrow keys', { timeout: 30000 }, async () => {
    const { container } = await mount(gdfs as Comparison);
    const points = container.querySelector<HTMLElement>('[data-testid="key-points"] ol')!;
    const stops = () => [...points.querySelectorAll<HTMLElement>('button')].filter((b) => b.tabIndex === 0);
    expect(stops()).toHaveLength(1);
    const jumps = [...points.querySelectorAll<HTMLButtonElement>('button.jump')];
    expect(stops()[0]).toBe(jumps[0]);
    jumps[0]!.focus();
    await fireEvent.keyDown(jumps[0]!, { key: 'ArrowDown' });
    expect(document.activeElement).toBe(jumps[1]);
    await fireEvent.keyDown(jumps[1]!, { key: 'ArrowRight' });
    const pin1 = points.querySelectorAll('[data-testid="key-point"]')[1]!.querySelector('[data-testid="point-pin"]');
    expect(document.activeElement).toBe(pin1);
    expect(stops()).toEqual([pin1]);
    await fireEvent.keyDown(pin1!, { key: 'End' });
    expect(document.activeElement).toBe(jumps.at(-1));
    // The key differences: one stop for the whole list too.
    const keys = [...container.querySelectorAll<HTMLButtonElement>('[data-testid="key-diff"]')];
    expect(keys.length).toBeGreaterThan(10);
    expect(keys.filter((b) => b.tabIndex === 0)).toHaveLength(1);
  });

  it('gives the table the focus from focusTable (the skip link): the current row, else the first', async () => {
    const { container, session } = await mount();
    expect(session.view.focusTable()).toBe(true);
    await tick();
    expect(document.activeElement).toBe(row(container, 0));
    session.view.current = 4;
    session.view.focusTable();
    await tick();
    expect(document.activeElement).toBe(row(container, 4));
  });
});

describe('notes keep the keyboard on the row', () => {
  it('opens the editor with the caret in the text; Ctrl+Enter from a tag chip saves; the row gets the focus back', async () => {
    const { container, session, backend } = await mount();
    session.view.focus(1);
    await tick();
    await fireEvent.click(row(container, 1).querySelector('[data-testid="note-add"]')!);
    await tick();
    const text = container.querySelector<HTMLTextAreaElement>('[data-testid="note-text"]')!;
    expect(document.activeElement).toBe(text);
    await fireEvent.input(text, { target: { value: '时限提前，需核实' } });
    const chip = container.querySelector<HTMLButtonElement>('[data-testid="note-editor"] .chip')!;
    chip.focus();
    await fireEvent.click(chip);
    await fireEvent.keyDown(chip, { key: 'Enter', ctrlKey: true });
    await settle();
    expect(container.querySelector('[data-testid="note-editor"]')).toBeNull();
    const saved = await backend.listNotes(1, 2);
    expect(saved.map((n) => [n.text, n.tag])).toEqual([['时限提前，需核实', '需关注']]);
    expect(document.activeElement).toBe(row(container, 1));
  });

  it('Esc in the editor cancels and focuses the row', async () => {
    const { container, session } = await mount();
    session.view.focus(1);
    await tick();
    await fireEvent.click(row(container, 1).querySelector('[data-testid="note-add"]')!);
    await tick();
    await fireEvent.keyDown(container.querySelector('[data-testid="note-text"]')!, { key: 'Escape' });
    await settle();
    expect(container.querySelector('[data-testid="note-editor"]')).toBeNull();
    expect(document.activeElement).toBe(row(container, 1));
  });

  it('删除 moves the focus to 确认删除; confirming deletes and focuses the row', async () => {
    const { container, session, backend } = await mount();
    await backend.addNote({ left: 1, right: 2, left_path: '¶2', right_path: '¶2', tag: null, text: '待删除的批注' });
    await session.notes.load(1, 2);
    session.view.focus(1);
    await settle();
    const item = row(container, 1).querySelector('[data-testid="note-item"]')!;
    const del = item.querySelector<HTMLButtonElement>('[data-testid="note-delete"]')!;
    del.focus();
    await fireEvent.click(del);
    await tick();
    const confirm = item.querySelector<HTMLButtonElement>('[data-testid="note-delete-confirm"]')!;
    expect(document.activeElement).toBe(confirm);
    await fireEvent.click(confirm);
    await settle();
    expect(await backend.listNotes(1, 2)).toEqual([]);
    expect(document.activeElement).toBe(row(container, 1));
  });

  it('Esc on 确认删除 goes back to 删除', async () => {
    const { container, session, backend } = await mount();
    await backend.addNote({ left: 1, right: 2, left_path: '¶2', right_path: '¶2', tag: null, text: '留着的批注' });
    await session.notes.load(1, 2);
    await settle();
    const item = row(container, 1).querySelector('[data-testid="note-item"]')!;
    await fireEvent.click(item.querySelector('[data-testid="note-delete"]')!);
    await tick();
    await fireEvent.keyDown(item.querySelector('[data-testid="note-delete-confirm"]')!, { key: 'Escape' });
    await tick();
    expect(item.querySelector('[data-testid="note-delete-confirm"]')).toBeNull();
    expect(document.activeElement).toBe(item.querySelector('[data-testid="note-delete"]'));
    expect(await backend.listNotes(1, 2)).toHaveLength(1);
  });
});

describe('the 与…配对 picker', () => {
  it('takes the focus on its first candidate; Esc closes it and focuses 与…配对', async () => {
    const { container, session } = await mount();
    session.view.focus(2);
    await tick();
    await fireEvent.click(container.querySelector('[data-testid="pair-force"]')!);
    await tick();
    const first = container.querySelector('[data-testid="pair-picker"] [data-testid="pair-candidate"]');
    expect(first).not.toBeNull();
    expect(document.activeElement).toBe(first);
    await fireEvent.keyDown(first!, { key: 'Escape' });
    await settle();
    expect(container.querySelector('[data-testid="pair-picker"]')).toBeNull();
    expect(document.activeElement).toBe(container.querySelector('[data-testid="pair-force"]'));
  });
});

describe('the picker\'s filter', () => {
  it('keeps the candidates whose number, path or text holds it (spaces ignored); Esc empties it, then closes the picker', async () => {
    const { container, session } = await mount();
    session.view.focus(1);
    await tick();
    await fireEvent.click(container.querySelector('[data-testid="pair-more-left"]')!);
    await tick();
    const shown = () => [...container.querySelectorAll<HTMLElement>('[data-testid="pair-picker"] [data-testid="pair-candidate"]')].map((b) => session.view.pairs[Number(b.dataset.pair)]!.right!);
    const all = shown();
    expect(all.length).toBeGreaterThan(2);
    const target = all[all.length - 1]!;
    // A few characters from the middle of its text, a space put in.
    const chars = [...target.text.replace(/\s+/g, '')];
    const part = chars.slice(Math.floor(chars.length / 2), Math.floor(chars.length / 2) + 4);
    const filter = container.querySelector<HTMLInputElement>('[data-testid="pair-filter"]')!;
    await fireEvent.input(filter, { target: { value: `${part.slice(0, 2).join('')} ${part.slice(2).join('')}` } });
    await tick();
    const kept = shown();
    expect(kept.map((u) => u.path)).toContain(target.path);
    expect(kept.every((u) => u.text.replace(/\s+/g, '').includes(part.join('')) || u.path.includes(part.join('')))).toBe(true);
    await fireEvent.input(filter, { target: { value: '没有这样的条款文字' } });
    await tick();
    expect(shown()).toEqual([]);
    expect(container.querySelector('[data-testid="pair-picker"]')!.textContent).toContain('没有符合筛选的条款。');
    await fireEvent.keyDown(filter, { key: 'Escape' });
    await tick();
    expect(filter.value).toBe('');
    expect(shown()).toHaveLength(all.length);
    await fireEvent.keyDown(filter, { key: 'Escape' });
    await settle();
    expect(container.querySelector('[data-testid="pair-picker"]')).toBeNull();
  });
});

describe('the picker\'s filter from the keyboard', () => {
  it('↓ goes to the first candidate it leaves; Enter pairs with it', async () => {
    const { container, session, backend } = await mount();
    const forced: unknown[] = [];
    backend.forcePair = async (r) => void forced.push(r);
    session.rerun = () => Promise.resolve();
    session.view.focus(2);
    await tick();
    await fireEvent.click(container.querySelector('[data-testid="pair-force"]')!);
    await tick();
    const cands = () => [...container.querySelectorAll<HTMLElement>('[data-testid="pair-picker"] [data-testid="pair-candidate"]')];
    const target = session.view.pairs[Number(cands()[cands().length - 1]!.dataset.pair)]!.right!;
    const filter = container.querySelector<HTMLInputElement>('[data-testid="pair-filter"]')!;
    await fireEvent.input(filter, { target: { value: target.text.replace(/\s+/g, '').slice(0, 12) } });
    await tick();
    const first = session.view.pairs[Number(cands()[0]!.dataset.pair)]!.right!.path;
    expect(first).toBe(target.path);
    await fireEvent.keyDown(filter, { key: 'ArrowDown' });
    expect(document.activeElement).toBe(cands()[0]);
    await fireEvent.keyDown(filter, { key: 'Enter' });
    await settle();
    expect(forced).toEqual([{ left: 1, right: 2, left_path: session.view.pairs[2]!.left!.path, right_path: target.path }]);
  });
});

describe('左条另配… / 右条另配… on a two-sided pair', () => {
  it('opens the picker for that clause (its own partner not offered); Esc gives the focus back to the button', async () => {
    const { container, session } = await mount();
    session.view.focus(1);
    await tick();
    const p = session.view.pairs[1]!;
    const more = container.querySelector<HTMLButtonElement>('[data-testid="pair-more-right"]')!;
    expect(more.textContent).toBe('右条另配…');
    await fireEvent.click(more);
    await tick();
    const picker = container.querySelector<HTMLElement>('[data-testid="pair-picker"]')!;
    expect(picker.getAttribute('aria-label')).toBe('选择左侧要与之配对的条款：');
    const cands = [...picker.querySelectorAll<HTMLElement>('[data-testid="pair-candidate"]')];
    const lefts = cands.map((b) => session.view.pairs[Number(b.dataset.pair)]!.left!.path);
    expect(lefts.length).toBeGreaterThan(1);
    expect(lefts).not.toContain(p.left!.path);
    expect(document.activeElement).toBe(cands[0]);
    await fireEvent.keyDown(cands[0]!, { key: 'Escape' });
    await settle();
    expect(container.querySelector('[data-testid="pair-picker"]')).toBeNull();
    expect(document.activeElement).toBe(container.querySelector('[data-testid="pair-more-right"]'));
  });

  it('is disabled on a read-only library and absent from a one-sided row', async () => {
    const { container, session } = await mount();
    session.readOnly = 'read-only file';
    session.view.focus(1);
    await tick();
    expect(container.querySelector<HTMLButtonElement>('[data-testid="pair-more-left"]')!.disabled).toBe(true);
    session.view.focus(2);
    await tick();
    expect(container.querySelector('[data-testid="pair-more-left"]')).toBeNull();
  });
});

describe('possible counterparts in the 与…配对 picker', () => {
  it('lists them first, marked 可能对应 with their strength and 已有配对 when paired, and forces the pair picked', async () => {
    const c = everyKind();
    // Row 2 is left-only; its possible counterparts: the right clause of the moved pair (row 5), then the right-only row 9.
    c.pairs[2] = { ...c.pairs[2]!, suggestions: [{ path: c.pairs[5]!.right!.path, strength: 0.34 }, { path: c.pairs[9]!.right!.path, strength: 0.21 }] };
    c.left.id = 1;
    c.right.id = 2;
    const { container, session, backend } = await mount(c);
    const forced: unknown[] = [];
    backend.forcePair = (r) => {
      forced.push(r);
      return Promise.resolve();
    };
    session.rerun = () => Promise.resolve();
    session.view.focus(2);
    await tick();
    await fireEvent.click(container.querySelector('[data-testid="pair-force"]')!);
    await tick();
    // The empty cell beside the one-sided clause names them.
    expect(row(container, 2).querySelector('[data-side="right"] [data-testid="maybe-hint"]')!.textContent).toBe(
      `可能对应：${c.pairs[5]!.right!.path}、${c.pairs[9]!.right!.path}（34%）`,
    );
    expect(row(container, 1).querySelector('[data-testid="maybe-hint"]')).toBeNull();
    const cands = [...container.querySelectorAll<HTMLElement>('[data-testid="pair-picker"] [data-testid="pair-candidate"]')];
    expect(cands.map((b) => b.dataset.pair).slice(0, 2)).toEqual(['5', '9']);
    expect(cands[0]!.querySelector('[data-testid="pair-suggested"]')!.textContent).toBe('可能对应 34%');
    expect(cands[0]!.textContent).toContain('已有配对');
    expect(cands[1]!.querySelector('[data-testid="pair-suggested"]')!.textContent).toBe('可能对应 21%');
    expect(cands[1]!.textContent).not.toContain('已有配对');
    await fireEvent.click(cands[0]!);
    await settle();
    expect(forced).toEqual([{ left: 1, right: 2, left_path: c.pairs[2]!.left!.path, right_path: c.pairs[5]!.right!.path }]);
  });
});

describe('the 与…配对 picker ranked by relatedness', () => {
  it('puts the clauses after the possible counterparts in the order of their strength, each marked 关联度', async () => {
    const c = everyKind();
    c.pairs[2] = { ...c.pairs[2]!, suggestions: [{ path: c.pairs[9]!.right!.path, strength: 0.3 }] };
    c.left.id = 1;
    c.right.id = 2;
    const { container, session, backend } = await mount(c);
    const moved = c.pairs[5]!.right!.path;
    const asked: unknown[][] = [];
    backend.counterpartStrengths = (...a) => {
      asked.push(a);
      // Likeliest first, as the backend gives them: the moved pair's right clause, then row 9's.
      return Promise.resolve([
        { path: moved, strength: 0.42 },
        { path: c.pairs[9]!.right!.path, strength: 0.3 },
      ]);
    };
    session.view.focus(2);
    await tick();
    await fireEvent.click(container.querySelector('[data-testid="pair-force"]')!);
    await settle();
    expect(asked).toEqual([[1, 2, true, c.pairs[2]!.left!.path]]);
    const picker = container.querySelector<HTMLElement>('[data-testid="pair-picker"]')!;
    expect(picker.querySelector('[data-testid="pair-ranked"]')!.textContent).toContain('按关联度排列');
    const cands = [...picker.querySelectorAll<HTMLElement>('[data-testid="pair-candidate"]')];
    // The possible counterpart first (its own mark, no second one), then the strongest of the rest.
    expect(cands.map((b) => b.dataset.pair).slice(0, 2)).toEqual(['9', '5']);
    expect(cands[0]!.querySelector('[data-testid="cand-strength"]')).toBeNull();
    const strength = cands[1]!.querySelector<HTMLElement>('[data-testid="cand-strength"]')!;
    expect(strength.textContent).toBe('关联度 42%');
    expect(strength.title).toMatch(/^关联度 42%：主题匹配的强度/);
    // Clauses the backend gave no strength carry no mark.
    expect(cands.slice(2).every((b) => !b.querySelector('[data-testid="cand-strength"]'))).toBe(true);
  });
});

describe('the 与…配对 picker when the ranking arrives', () => {
  const open = async (strengths: () => Promise<{ path: string; strength: number }[]>) => {
    const c = everyKind();
    c.left.id = 1;
    c.right.id = 2;
    const { container, session, backend } = await mount(c);
    let release: () => void = () => {};
    const arrived = new Promise<void>((r) => (release = r));
    backend.counterpartStrengths = async () => {
      await arrived;
      return strengths();
    };
    session.view.focus(2);
    await tick();
    await fireEvent.click(container.querySelector('[data-testid="pair-force"]')!);
    await settle();
    const cands = () => [...container.querySelectorAll<HTMLButtonElement>('[data-testid="pair-picker"] [data-testid="pair-candidate"]')];
    return { c, cands, release };
  };

  it('moves the focus it placed to the new first candidate', async () => {
    let last = '';
    const { c, cands, release } = await open(async () => [{ path: last, strength: 0.5 }]);
    const before = cands();
    expect(document.activeElement).toBe(before[0]);
    // The last candidate of the reading order turns out the likeliest.
    const lastPair = before.at(-1)!.dataset.pair!;
    last = c.pairs[Number(lastPair)]!.right!.path;
    release();
    await settle();
    const after = cands();
    expect(after[0]!.dataset.pair).toBe(lastPair);
    expect(document.activeElement).toBe(after[0]);
  });

  it('leaves a focus the user moved where it is', async () => {
    let last = '';
    const { c, cands, release } = await open(async () => [{ path: last, strength: 0.5 }]);
    const before = cands();
    last = c.pairs[Number(before.at(-1)!.dataset.pair)]!.right!.path;
    before[1]!.focus();
    release();
    await settle();
    expect(cands()[0]!.dataset.pair).toBe(before.at(-1)!.dataset.pair);
    expect(document.activeElement).toBe(before[1]);
  });
});

/** The comparison of every kind, its left-only row 2 naming the right-only row 9's clause as a possible counterpart. */
function withHint(): Comparison {
  const c = everyKind();
  c.pairs[2] = { ...c.pairs[2]!, suggestions: [{ path: c.pairs[9]!.right!.path, strength: 0.3 }] };
  return c;
}

describe('the possible-counterparts hint', () => {
  it('opens 与…配对 on its row, focused on the likeliest counterpart, from a row not yet selected', async () => {
    const c = withHint();
    const { container, session } = await mount(c);
    session.view.focus(0);
    await tick();
    expect(container.querySelector('[data-testid="pair-picker"]')).toBeNull();
    const hint = row(container, 2).querySelector<HTMLButtonElement>('[data-testid="maybe-hint"]')!;
    expect(hint.tagName).toBe('BUTTON');
    expect(hint.disabled).toBe(false);
    await fireEvent.click(hint);
    await settle();
    expect(session.view.current).toBe(2);
    const picker = row(container, 2).parentElement!.querySelector('[data-testid="pair-picker"]');
    expect(picker).not.toBeNull();
    const first = picker!.querySelector<HTMLElement>('[data-testid="pair-candidate"]')!;
    expect(first.dataset.pair).toBe('9');
    expect(document.activeElement).toBe(first);
  });

  it('rows with hints are what the 仅有可能对应的单侧条款 filter shows', async () => {
    const c = withHint();
    const { container } = await mount(c);
    const select = container.querySelector<HTMLSelectElement>('[data-testid="filter-select"]')!;
    const option = [...select.options].find((o) => o.value === 'suggested')!;
    expect(option.textContent).toBe('仅有可能对应的单侧条款');
    select.value = 'suggested';
    await fireEvent.change(select);
    await settle();
    const shown = [...container.querySelectorAll<HTMLElement>('[data-testid="pair-row"]')].map((r) => r.dataset.index);
    expect(shown).toEqual(['2']);
    expect(row(container, 2).querySelector('[data-testid="maybe-hint"]')).not.toBeNull();
  });

  it('is disabled on a read-only library', async () => {
    const c = withHint();
    const { container, session } = await mount(c);
    session.readOnly = 'read-only file';
    await tick();
    const hint = row(container, 2).querySelector<HTMLButtonElement>('[data-testid="maybe-hint"]')!;
    expect(hint.disabled).toBe(true);
  });
});

describe('clause cell header', () => {
  it('leaves out a path that only repeats the label, keeps one that tells more', async () => {
    const c = comparisonOf([
      pair('modified', unit(0, '一、工作目标', '一、', '一'), unit(0, '一、目标任务', '一、', '一')),
      pair('same', unit(1, '完善机制。', '1.', '二/（二）/1'), unit(1, '完善机制。', '1.', '二/（二）/1')),
      pair('same', unit(2, '关于印发的通知', '', '标题'), unit(2, '关于印发的通知', '', '标题')),
    ]);
    const { container } = await mount(c);
    const path = (i: number) => row(container, i).querySelector('[data-side="left"] [data-testid="clause-path"]')?.textContent ?? null;
    expect(row(container, 0).querySelector('[data-testid="clause-label"]')!.textContent).toBe('一、');
    expect(path(0)).toBeNull();
    expect(path(1)).toBe('二/（二）/1');
    expect(path(2)).toBe('标题');
  });
});

describe('a clause related to several clauses of the other side', () => {
  const heading = '加快合同签订及支付';
  const contract = { ...unit(0, `八、${heading}\n合理缩短合同签订时间，各采购单位原则上在中标通知书发出之日起20日内签订政府采购合同。`, '八、', '八'), heading };
  const deadline = { kind: 'deadline' as const, left: '20日内', right: '5个工作日内', detail: '时长：20日内 → 5个工作日内', substantive: true, direction: 'stricter' as const };
  // Huizhou's 八 against three items of Haikou's measures (rows 0, 2, 3); row 1 is one-sided.
  const oneToMany = (keyed = false) =>
    comparisonOf([
      pair('related', contract, unit(0, '1.推行合同签订线上办理，缩短合同签订时间。', '1.', '一/1')),
      pair('right_only', null, unit(1, '2.开发政府采购交易移动掌上办理业务。', '2.', '一/2')),
      pair('related', contract, unit(2, '3.加快资金支付，采购单位应当自收到发票后5个工作日内完成支付。', '3.', '二/3'), null, keyed ? [deadline] : []),
      pair('related', contract, unit(3, '4.推行政府采购合同信用融资业务。', '4.', '二/4'), null, keyed ? [deadline] : []),
    ]);
  const cell = (root: HTMLElement, i: number, side: 'left' | 'right') => row(root, i).querySelector<HTMLElement>(`[data-side="${side}"]`)!;

  it('shows it whole on its first row and folded to its heading on the others, each saying which of its rows it is', async () => {
    const { container } = await mount(oneToMany());
    const first = cell(container, 0, 'left');
    expect(first.querySelector('.text')!.textContent).toContain('合理缩短合同签订时间');
    expect(first.querySelector('[data-testid="clause-repeat"]')!.textContent).toBe('↑同一条款 1/3↓');
    expect(first.querySelector('[data-testid="clause-folded"]')).toBeNull();
    for (const [i, k] of [[2, 2], [3, 3]] as const) {
      const c = cell(container, i, 'left');
      expect(c.querySelector('.text')).toBeNull();
      const folded = c.querySelector('[data-testid="clause-folded"]')!;
      expect(folded.querySelector('.gist')!.textContent).toBe(heading);
      expect(folded.textContent).toContain('同上，全文见第 1 处');
      expect(c.querySelector('[data-testid="clause-repeat"]')!.textContent).toBe(`↑同一条款 ${k}/3↓`);
      // the other side, each clause once, reads as always
      expect(cell(container, i, 'right').querySelector('[data-testid="clause-repeat"]')).toBeNull();
      expect(cell(container, i, 'right').querySelector('.text')).not.toBeNull();
    }
    expect(cell(container, 1, 'right').querySelector('[data-testid="clause-repeat"]')).toBeNull();
  });

  it('steps between the clause\'s rows with ↑ and ↓ (the ends disabled)', async () => {
    const { container, session } = await mount(oneToMany());
    const step = (i: number, which: 'prev' | 'next') => cell(container, i, 'left').querySelector<HTMLButtonElement>(`[data-testid="repeat-${which}"]`)!;
    expect(step(0, 'prev').disabled).toBe(true);
    expect(step(3, 'next').disabled).toBe(true);
    await fireEvent.click(step(0, 'next'));
    await settle();
    expect(session.view.current).toBe(2);
    await fireEvent.click(step(3, 'prev'));
    await settle();
    expect(session.view.current).toBe(2);
    await fireEvent.click(step(2, 'prev'));
    await settle();
    expect(session.view.current).toBe(0);
    expect(step(0, 'next').getAttribute('aria-label')).toBe('同一条款的下一处');
  });

  it('unfolds a row on request and folds it again', async () => {
    const { container } = await mount(oneToMany());
    await fireEvent.click(cell(container, 2, 'left').querySelector('[data-testid="clause-unfold"]')!);
    await settle();
    expect(cell(container, 2, 'left').querySelector('.text')!.textContent).toContain('合理缩短合同签订时间');
    expect(cell(container, 3, 'left').querySelector('[data-testid="clause-folded"]')).not.toBeNull();
    await fireEvent.click(cell(container, 2, 'left').querySelector('[data-testid="clause-fold"]')!);
    await settle();
    expect(cell(container, 2, 'left').querySelector('[data-testid="clause-folded"]')).not.toBeNull();
  });

  it('counts only the rows the filter shows: the first shown is whole', async () => {
    const { container, session } = await mount(oneToMany(true));
    session.view.setFilter('key');
    await settle();
    expect([...container.querySelectorAll<HTMLElement>('[data-testid="pair-row"]')].map((r) => r.dataset.index)).toEqual(['2', '3']);
    expect(cell(container, 2, 'left').querySelector('.text')!.textContent).toContain('合理缩短合同签订时间');
    expect(cell(container, 2, 'left').querySelector('[data-testid="clause-repeat"]')!.textContent).toBe('↑同一条款 1/2↓');
    expect(cell(container, 3, 'left').querySelector('[data-testid="clause-folded"]')).not.toBeNull();
  });

  it('is what 仅两侧对应的 shows with the other correspondences, without the one-sided clauses', async () => {
    const { container } = await mount(oneToMany());
    const select = container.querySelector<HTMLSelectElement>('[data-testid="filter-select"]')!;
    const option = [...select.options].find((o) => o.value === 'paired')!;
    expect(option.textContent).toBe('仅两侧对应的');
    select.value = 'paired';
    await fireEvent.change(select);
    await settle();
    expect([...container.querySelectorAll<HTMLElement>('[data-testid="pair-row"]')].map((r) => r.dataset.index)).toEqual(['0', '2', '3']);
    expect(cell(container, 3, 'left').querySelector('[data-testid="clause-folded"]')).not.toBeNull();
  });

  it('puts its rows together in the left document\'s order (行序, remembered), where ↓ and n step as shown', async () => {
    const storage = new MemoryStorage();
    const { container, session } = await mount(oneToMany(), storage);
    const select = container.querySelector<HTMLSelectElement>('[data-testid="order-select"]')!;
    expect([...select.options].map((o) => o.textContent)).toEqual(['按对齐', '按左文顺序', '按右文顺序']);
    select.value = 'left';
    await fireEvent.change(select);
    await settle();
    const shown = () => [...container.querySelectorAll<HTMLElement>('[data-testid="pair-row"]')].map((r) => r.dataset.index);
    // Huizhou's clause's three rows together, Haikou's one-sided item after them
    expect(shown()).toEqual(['0', '2', '3', '1']);
    // the overview strip places and numbers them so: the one-sided item is the fourth
    const marks = [...container.querySelectorAll<HTMLElement>('nav.strip .mark')];
    expect(marks.map((m) => m.title)).toEqual(['跳到第 1 组：主题相关', '跳到第 4 组：新增', '跳到第 2 组：主题相关', '跳到第 3 组：主题相关']);
    expect(cell(container, 2, 'left').querySelector('[data-testid="clause-repeat"]')!.textContent).toBe('↑同一条款 2/3↓');
    session.view.focus(3);
    expect(session.view.next()).toBe(true);
    expect(session.view.current).toBe(1);
    expect(session.view.next()).toBe(false);
    expect(JSON.parse(storage.getItem('policydiff.settings.v1')!).rowOrder).toBe('left');
    // the next start opens in that order
    cleanup();
    const again = await mount(oneToMany(), storage);
    await settle();
    expect(again.session.view.order).toBe('left');
    expect([...again.container.querySelectorAll<HTMLElement>('[data-testid="pair-row"]')].map((r) => r.dataset.index)).toEqual(['0', '2', '3', '1']);
  });

  it('shows it whole where the find bar matches it', async () => {
    const { container, session } = await mount(oneToMany());
    session.view.openFind();
    session.view.setFindText('缩短合同');
    await settle();
    for (const i of [0, 2, 3]) expect(cell(container, i, 'left').querySelector('[data-testid="find-mark"]')).not.toBeNull();
    session.view.closeFind();
    await settle();
    expect(cell(container, 2, 'left').querySelector('[data-testid="clause-folded"]')).not.toBeNull();
  });

  it('keeps it whole on a row whose contrast value it gives (the value marked in its text)', async () => {
    const c = oneToMany();
    c.pairs[2] = { ...c.pairs[2]!, key_diffs: [{ ...deadline, parts: [{ label: 'duration', left: '20日内', right: '5个工作日内', contrast: true }] }] };
    const { container } = await mount(c);
    expect(cell(container, 2, 'left').querySelector('[data-testid="clause-folded"]')).toBeNull();
    const marks = [...cell(container, 2, 'left').querySelectorAll('[data-testid="contrast-value"]')].map((m) => m.textContent).join('');
    expect(marks).toBe('20日内');
    expect(cell(container, 3, 'left').querySelector('[data-testid="clause-folded"]')).not.toBeNull();
  });

  it('keeps a short clause whole on every row (folding would leave out little)', async () => {
    const notice = unit(0, '市直各部门（单位）：\n现印发给你们，请遵照执行。', '', '印发通知');
    const { container } = await mount(
      comparisonOf([
        pair('related', notice, unit(0, '各区财政局：', '', '印发通知')),
        pair('related', notice, unit(1, '为进一步优化营商环境，结合我市实际，制定本措施。', '', '序言')),
      ]),
    );
    expect(cell(container, 1, 'left').querySelector('[data-testid="clause-folded"]')).toBeNull();
    expect(cell(container, 1, 'left').querySelector('.text')!.textContent).toContain('请遵照执行');
    expect(cell(container, 1, 'left').querySelector('[data-testid="clause-repeat"]')!.textContent).toBe('↑同一条款 2/2↓');
  });

  it('keeps a split\'s whole clause on every row (each row\'s diff differs), numbered among its rows', async () => {
    const { container } = await mount(everyKind());
    for (const [i, k] of [[3, 1], [4, 2]] as const) {
      const c = cell(container, i, 'left');
      expect(c.querySelector('[data-testid="clause-folded"]')).toBeNull();
      expect(c.querySelector('.text')).not.toBeNull();
      expect(c.querySelector('[data-testid="clause-repeat"]')!.textContent).toBe(`↑同一条款 ${k}/2↓`);
    }
  });
});
