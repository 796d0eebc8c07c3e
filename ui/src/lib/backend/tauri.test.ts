import { afterEach, describe, expect, it, vi } from 'vitest';

const open = vi.fn(async (_opts: unknown): Promise<string[] | null> => ['/tmp/a.docx']);
vi.mock('@tauri-apps/plugin-dialog', () => ({ open: (opts: unknown) => open(opts), save: vi.fn() }));
vi.mock('@tauri-apps/api/event', () => ({ listen: vi.fn() }));
vi.mock('@tauri-apps/api/webview', () => ({ getCurrentWebview: vi.fn() }));

const { pickFiles } = await import('./tauri');
const { IMPORT_EXTENSIONS } = await import('./backend');

afterEach(() => open.mockClear());

describe('the native open dialog', () => {
  for (const name of ['政策文件', 'Policy documents']) {
    it(`names its file types as asked, in the UI's language (${name})`, async () => {
      expect(await pickFiles(name)).toEqual(['/tmp/a.docx']);
      expect(open).toHaveBeenCalledWith({ multiple: true, directory: false, filters: [{ name, extensions: IMPORT_EXTENSIONS }] });
    });
  }
});
