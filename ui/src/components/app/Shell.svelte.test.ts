import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render } from '@testing-library/svelte';
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
