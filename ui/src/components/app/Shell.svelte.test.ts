import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render } from '@testing-library/svelte';
import type { Comparison, StoredDoc } from '$lib/bindings';
import gdfs from '$lib/backend/fixtures/gd-foshan.comparison.json';
import { MockBackend } from '$lib/backend/mock';
import { Settings } from '$lib/settings/settings.svelte';
import Harness from './ShellHarness.test.svelte';

afterEach(cleanup);

describe('Shell on a read-only library', () => {
  it('says why in a banner and disables importing', async () => {
    const backend = new MockBackend([]);
    backend.readOnly = 'the folder /mnt/usb is not writable';
    const { container } = render(Harness, { props: { backend, settings: new Settings(null) } });
    const banner = await vi.waitFor(() => {
      const b = container.querySelector('[data-testid="read-only-banner"]');
      expect(b).not.toBeNull();
      return b!;
    });
    expect(banner.textContent).toContain('文库为只读');
    expect(banner.textContent).toContain('the folder /mnt/usb is not writable');
    expect(container.querySelector<HTMLButtonElement>('[data-testid="import-button"]')!.disabled).toBe(true);
  });

  it('shows no banner and allows importing when the library can be written', async () => {
    const backend = new MockBackend([]);
    const { container } = render(Harness, { props: { backend, settings: new Settings(null) } });
    await vi.waitFor(() => expect(container.querySelector('[data-testid="import-button"]')).not.toBeNull());
    await new Promise((r) => setTimeout(r, 20));
    expect(container.querySelector('[data-testid="read-only-banner"]')).toBeNull();
    expect(container.querySelector<HTMLButtonElement>('[data-testid="import-button"]')!.disabled).toBe(false);
  });
});

describe('Shell library settings', () => {
  it('says in a banner that the saved team server could not be opened, and opens the settings from it', async () => {
    const backend = new MockBackend([]);
    backend.startWithFallback('postgres://zhang@db.example/policy');
    const { container } = render(Harness, { props: { backend, settings: new Settings(null) } });
    const banner = await vi.waitFor(() => {
      const b = container.querySelector('[data-testid="library-fallback-banner"]');
      expect(b).not.toBeNull();
      return b!;
    });
    expect(banner.textContent).toContain('无法打开团队服务器 postgres://zhang@db.example/policy，已改用本机文库。');
    expect(banner.textContent).toContain('无法连接文库服务器');
    expect(banner.textContent).toContain('connection refused');
    const open = [...banner.querySelectorAll('button')].find((b) => b.textContent === '文库设置…')!;
    await fireEvent.click(open);
    const dialog = container.querySelector('[data-testid="library-settings"]')!;
    expect(dialog).not.toBeNull();
    expect(container.querySelector<HTMLInputElement>('[data-testid="library-kind-server"]')!.checked).toBe(true);
    expect(container.querySelector<HTMLInputElement>('[data-testid="library-url"]')!.value).toBe('postgres://zhang@db.example/policy');
  });

  it('tests a connection and switches to the team server from the dialog', async () => {
    const backend = new MockBackend([]);
    const { container } = render(Harness, { props: { backend, settings: new Settings(null) } });
    const button = await vi.waitFor(() => {
      const b = container.querySelector<HTMLButtonElement>('[data-testid="library-settings-button"]');
      expect(b).not.toBeNull();
      return b!;
    });
    expect(button.textContent?.trim()).toBe('文库设置…');
    await fireEvent.click(button);
    await fireEvent.click(container.querySelector('[data-testid="library-kind-server"]')!);
    const url = container.querySelector<HTMLInputElement>('[data-testid="library-url"]')!;
    await fireEvent.input(url, { target: { value: 'postgres://zhang@db.example/policy' } });
    await fireEvent.click(container.querySelector('[data-testid="library-test"]')!);
    const result = await vi.waitFor(() => {
      const r = container.querySelector('[data-testid="library-test-result"]');
      expect(r).not.toBeNull();
      return r!;
    });
    expect(result.textContent).toContain('连接成功：文库中有 0 篇文档，服务器版本 16.4');
    await fireEvent.click(container.querySelector('[data-testid="library-save"]')!);
    await vi.waitFor(() => expect(container.querySelector('[data-testid="library-settings"]')).toBeNull());
    expect((await backend.libraryLocation()).kind).toBe('server');
  });
});

describe('Shell skip link', () => {
  it('offers 跳到条款对照 before the top bar once a comparison is open; it focuses a clause row', async () => {
    const fixture = gdfs as Comparison;
    const doc = (id: number, side: 'left' | 'right') =>
      ({ id, meta: { ...fixture[side], id }, text: '', tree: { clauses: [] } }) as unknown as StoredDoc;
    const backend = new MockBackend([doc(1, 'left'), doc(2, 'right')], { fixtures: [fixture] });
    const { container } = render(Harness, { props: { backend, settings: new Settings(null) } });
    expect(container.querySelector('[data-testid="skip-to-table"]')).toBeNull();
    const example = await vi.waitFor(() => {
      const b = container.querySelector<HTMLButtonElement>('[data-testid="compare-example"]');
      expect(b?.disabled).toBe(false);
      return b!;
    });
    await fireEvent.click(example);
    const skip = await vi.waitFor(() => {
      const a = container.querySelector<HTMLAnchorElement>('[data-testid="skip-to-table"]');
      expect(container.querySelector('[role="alert"]')?.textContent ?? null).toBeNull();
      expect(a).not.toBeNull();
      return a!;
    }, { timeout: 15000 });
    // The first focusable element of the window, named in the UI language.
    expect(container.querySelector('a[href], button, input, select, textarea, [tabindex="0"]')).toBe(skip);
    expect(skip.textContent).toBe('跳到条款对照');
    await fireEvent.click(skip);
    await vi.waitFor(() => expect((document.activeElement as HTMLElement | null)?.dataset.testid).toBe('pair-row'));
  }, 30000);
});

describe('the M shortcut', () => {
  it('opens 与…配对 on the current row when it is one-sided, not on a two-sided row nor while typing', async () => {
    const fixture = gdfs as Comparison;
    const doc = (id: number, side: 'left' | 'right') =>
      ({ id, meta: { ...fixture[side], id }, text: '', tree: { clauses: [] } }) as unknown as StoredDoc;
    const backend = new MockBackend([doc(1, 'left'), doc(2, 'right')], { fixtures: [fixture] });
    // Guangdong's item 4 and Foshan's item 1 of section （二） are no pair: each one-sided.
    await backend.forbidPair({ left: 1, right: 2, left_path: '二/（二）/4', right_path: '二/（二）/1' });
    const { container } = render(Harness, { props: { backend, settings: new Settings(null) } });
    const example = await vi.waitFor(() => {
      const b = container.querySelector<HTMLButtonElement>('[data-testid="compare-example"]');
      expect(b?.disabled).toBe(false);
      return b!;
    });
    await fireEvent.click(example);
    const rows = await vi.waitFor(() => {
      const r = [...container.querySelectorAll<HTMLElement>('[data-testid="pair-row"]')];
      expect(r.length).toBeGreaterThan(10);
      return r;
    }, { timeout: 15000 });
    const lone = rows.find((r) => r.dataset.kind === 'left_only')!;
    const paired = rows.find((r) => r.dataset.kind === 'modified')!;
    const picker = () => container.querySelector('[data-testid="pair-picker"]');
    // A two-sided row: M does nothing (its clauses take a further partner from their own buttons).
    paired.focus();
    await fireEvent.keyDown(paired, { key: 'm' });
    expect(picker()).toBeNull();
    // While typing in a text box, M is a letter.
    lone.focus();
    const search = container.querySelector<HTMLInputElement>('input[type="search"]')!;
    await fireEvent.keyDown(search, { key: 'm' });
    expect(picker()).toBeNull();
    await fireEvent.keyDown(lone, { key: 'm' });
    await vi.waitFor(() => expect(picker()).not.toBeNull());
    expect(lone.parentElement?.contains(picker()) || lone.contains(picker())).toBe(true);
    // The focus goes into the picker, on a candidate.
    await vi.waitFor(() => expect((document.activeElement as HTMLElement | null)?.dataset.testid).toBe('pair-candidate'));
  }, 30000);
});
