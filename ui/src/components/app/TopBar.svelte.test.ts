import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render } from '@testing-library/svelte';
import { MockBackend } from '$lib/backend/mock';
import { Settings } from '$lib/settings/settings.svelte';
import { storedDoc } from '$lib/compare/testing';
import Harness from './ShellHarness.test.svelte';

afterEach(cleanup);

describe('the import button', () => {
  for (const [lang, name] of [
    ['zh-CN', '政策文件'],
    ['en', 'Policy documents'],
  ] as const) {
    it(`opens the file dialog with its file types named in the UI's language (${lang})`, async () => {
      const backend = new MockBackend([storedDoc(1, { title: '测试文件' })]);
      const pick = vi.spyOn(backend, 'pickFiles').mockResolvedValue([]);
      const { container } = render(Harness, { props: { backend, settings: new Settings(null), lang } });
      const button = await vi.waitFor(() => {
        const b = container.querySelector<HTMLButtonElement>('[data-testid="import-button"]');
        expect(b).not.toBeNull();
        return b!;
      });
      await fireEvent.click(button);
      expect(pick).toHaveBeenCalledWith(name);
    });
  }
});
