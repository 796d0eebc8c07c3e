import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render } from '@testing-library/svelte';
import { MockBackend } from '$lib/backend/mock';
import { Settings } from '$lib/settings/settings.svelte';
import { storedDoc } from '$lib/compare/testing';
import { SHORTCUTS } from '$lib/app/shortcuts';
import Harness from './ShellHarness.test.svelte';

afterEach(cleanup);

async function find<T extends Element = HTMLElement>(c: HTMLElement, sel: string): Promise<T> {
  return vi.waitFor(() => {
    const el = c.querySelector<T>(sel);
    expect(el, sel).not.toBeNull();
    return el!;
  });
}

function mount(lang: 'zh-CN' | 'en' = 'zh-CN') {
  const backend = new MockBackend([storedDoc(1, { title: '测试文件' })]);
  return render(Harness, { props: { backend, settings: new Settings(null), lang } });
}

const dialogOf = (c: HTMLElement) => c.querySelector<HTMLElement>('[data-testid="shortcuts-dialog"]');

describe('the keyboard shortcuts dialog', () => {
  it('opens with ?, takes the focus, lists every section, closes with Esc and gives the focus back', async () => {
    const { container } = mount();
    const button = await find<HTMLButtonElement>(container, '[data-testid="shortcuts-button"]');
    button.focus();
    await fireEvent.keyDown(button, { key: '?', shiftKey: true });
    const dialog = await find(container, '[data-testid="shortcuts-dialog"]');
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    expect(document.getElementById(dialog.getAttribute('aria-labelledby')!)!.textContent).toBe('键盘快捷键');
    await vi.waitFor(() => expect(document.activeElement).toBe(dialog.querySelector('[data-testid="shortcuts-close"]')));
    const sections = [...dialog.querySelectorAll('[data-testid="shortcuts-section"] caption')].map((c) => c.textContent);
    expect(sections).toHaveLength(SHORTCUTS.length);
    expect(sections).toContain('比较视图');
    const text = dialog.textContent!;
    for (const k of ['F7', 'Shift', 'Ctrl', 'Home', 'End', 'Page Up', 'F1', '空格']) expect(text).toContain(k);
    expect(text).toContain('下一处差异');
    expect(text).toContain('查找与基准文件本条相似的条款');
    // Tab stays inside the dialog.
    const close = dialog.querySelector<HTMLButtonElement>('[data-testid="shortcuts-close"]')!;
    await fireEvent.keyDown(close, { key: 'Tab' });
    expect(document.activeElement).toBe(close);
    await fireEvent.keyDown(close, { key: 'Escape' });
    expect(dialogOf(container)).toBeNull();
    expect(document.activeElement).toBe(button);
  });

  it('opens from the top bar\'s button and with F1, in English too, and closes with its button', async () => {
    const { container } = mount('en');
    const button = await find<HTMLButtonElement>(container, '[data-testid="shortcuts-button"]');
    expect(button.textContent!.trim()).toBe('Shortcuts');
    expect(button.title).toBe('Keyboard shortcuts (? or F1)');
    button.focus();
    await fireEvent.click(button);
    const dialog = await find(container, '[data-testid="shortcuts-dialog"]');
    expect(dialog.textContent).toContain('Next difference');
    expect(dialog.textContent).toContain('Space');
    await fireEvent.click(dialog.querySelector('[data-testid="shortcuts-close"]')!);
    expect(dialogOf(container)).toBeNull();
    expect(document.activeElement).toBe(button);
    await fireEvent.keyDown(document.body, { key: 'F1' });
    await find(container, '[data-testid="shortcuts-dialog"]');
  });

  it('lets ? be typed in a text box (F1 still opens it there)', async () => {
    const { container } = mount();
    const input = await find<HTMLInputElement>(container, '[data-testid="search-input"]');
    input.focus();
    await fireEvent.keyDown(input, { key: '?', shiftKey: true });
    expect(dialogOf(container)).toBeNull();
    await fireEvent.keyDown(input, { key: 'F1' });
    await find(container, '[data-testid="shortcuts-dialog"]');
  });
});
