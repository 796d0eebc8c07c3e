/**
 * The two slots: each document named with its 文号 beside its title (a cut title alone reads the
 * same for plans of one office), and one document on both sides not compared (the 比较 button
 * disabled, a note saying why).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render } from '@testing-library/svelte';
import type { StoredDoc } from '$lib/bindings';
import { MockBackend } from '$lib/backend/mock';
import { Session } from '$lib/app/session.svelte';
import { Settings } from '$lib/settings/settings.svelte';
import { storedDoc } from '$lib/compare/testing';
import Harness from './ShellHarness.test.svelte';

afterEach(cleanup);

const TITLE = '广东省人民政府办公厅关于印发广东省进一步强化市场主体诉求响应服务工作方案的通知';
const library = (): StoredDoc[] => [
  storedDoc(1, { title: TITLE, doc_number: '粤办函〔2023〕41号', date: '2023-03-01' }),
  storedDoc(2, { title: TITLE, doc_number: '粤办函〔2023〕45号', date: '2023-03-02' }),
];

async function find<T extends Element = HTMLElement>(c: HTMLElement, sel: string): Promise<T> {
  return vi.waitFor(() => {
    const el = c.querySelector<T>(sel);
    expect(el, sel).not.toBeNull();
    return el!;
  });
}

function mount(lang: 'zh-CN' | 'en' = 'zh-CN') {
  const backend = new MockBackend(library());
  const compare = vi.spyOn(backend, 'compareDocuments');
  const r = render(Harness, { props: { backend, settings: new Settings(null), lang } });
  return { ...r, backend, compare };
}

describe('the side picker', () => {
  it('shows each slot\'s 文号 beside its title, the whole name in the tooltip', async () => {
    const { container } = mount();
    await fireEvent.click(await find(container, '[data-testid="doc-row"][data-doc-id="1"] [data-testid="set-left"]'));
    await fireEvent.click(await find(container, '[data-testid="doc-row"][data-doc-id="2"] [data-testid="set-right"]'));
    const left = await find(container, '[data-testid="slot-left"] [data-testid="slot-number"]');
    const right = await find(container, '[data-testid="slot-right"] [data-testid="slot-number"]');
    expect(left.textContent).toBe('粤办函〔2023〕41号');
    expect(right.textContent).toBe('粤办函〔2023〕45号');
    // Before the title, which is what an ellipsis cuts.
    expect(left.nextElementSibling!.classList.contains('title')).toBe(true);
    expect(left.nextElementSibling!.getAttribute('title')).toBe(`粤办函〔2023〕41号 · ${TITLE}`);
    expect(container.querySelector('[data-testid="same-doc-note"]')).toBeNull();
    expect(container.querySelector<HTMLButtonElement>('[data-testid="compare-button"]')!.disabled).toBe(false);
  });

  for (const [lang, note] of [
    ['zh-CN', '左右为同一文件'],
    ['en', 'Both sides hold the same document'],
  ] as const) {
    it(`does not compare a document with itself: 比较 disabled, a note says why (${lang})`, async () => {
      const { container, compare } = mount(lang);
      await fireEvent.click(await find(container, '[data-testid="doc-row"][data-doc-id="1"] [data-testid="set-left"]'));
      await fireEvent.click(await find(container, '[data-testid="doc-row"][data-doc-id="1"] [data-testid="set-right"]'));
      const button = await find<HTMLButtonElement>(container, '[data-testid="compare-button"]');
      await vi.waitFor(() => expect(button.disabled).toBe(true));
      const said = await find(container, '[data-testid="same-doc-note"]');
      expect(said.textContent).toContain(note);
      expect(said.getAttribute('role')).toBe('status');
      expect(button.title).toBe(said.textContent);
      expect(button.getAttribute('aria-describedby')).toBe(said.id);
      // The library row says both sides, not only the first.
      const badges = [...container.querySelectorAll('[data-testid="doc-row"][data-doc-id="1"] [data-testid="row-side"]')];
      expect(badges.map((b) => b.textContent)).toEqual(lang === 'en' ? ['Left', 'Right'] : ['左', '右']);
      await fireEvent.click(button);
      // Another document on one side: the note goes and 比较 compares.
      await fireEvent.click(await find(container, '[data-testid="doc-row"][data-doc-id="2"] [data-testid="set-right"]'));
      await vi.waitFor(() => expect(container.querySelector('[data-testid="same-doc-note"]')).toBeNull());
      expect(compare).not.toHaveBeenCalled();
      expect(button.disabled).toBe(false);
      expect(button.title).toBe('');
    });
  }
});

describe('Session.compare', () => {
  it('does not compare a document with itself, whatever asks (swap, a rerun)', async () => {
    const backend = new MockBackend(library());
    const compare = vi.spyOn(backend, 'compareDocuments');
    const session = new Session(backend, new Settings(null));
    await session.start();
    session.left = 1;
    session.right = 1;
    expect(session.sameSides).toBe(true);
    await session.compare();
    session.swap();
    await session.compare();
    expect(compare).not.toHaveBeenCalled();
    expect(session.view.comparison).toBeNull();
    session.right = 2;
    expect(session.sameSides).toBe(false);
    await session.compare();
    expect(compare).toHaveBeenCalledTimes(1);
  });
});
