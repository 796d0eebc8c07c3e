/**
 * Small layout defects found by running the real window: the library's details line, the export
 * dialog's format label and the folded summary's one line. jsdom lays nothing out and does not
 * apply the components' styles, so the layout side is read from their rules.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render } from '@testing-library/svelte';
import type { StoredDoc } from '$lib/bindings';
import { MockBackend } from '$lib/backend/mock';
import { Settings } from '$lib/settings/settings.svelte';
import { storedDoc } from '$lib/compare/testing';
import Harness from './ShellHarness.test.svelte';

afterEach(cleanup);

/** The body of the first rule for exactly `selector` in a component's <style>. */
function rule(file: string, selector: string): string {
  const style = readFileSync(resolve(process.cwd(), 'src/components', file), 'utf8').split('<style>')[1]!;
  const esc = selector.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');
  return new RegExp(`(?:^|\\n)\\s*${esc}\\s*\\{([^}]*)\\}`, 'u').exec(style)?.[1] ?? '';
}
const decl = (body: string, prop: string) => new RegExp(`(?:^|;)\\s*${prop}\\s*:\\s*([^;]+)`, 'u').exec(body)?.[1]?.trim();

function doc(id: number, issuer: string | null): StoredDoc {
  return storedDoc(id, {
    title: `关于优化营商环境的若干措施（${id}）`,
    issuer,
    date: '2023-06-15',
    doc_number: `佛府办函〔2023〕${id}号`,
    province: '广东',
    city: '佛山',
    level: 'city',
  });
}

describe('a library row whose details do not fit', () => {
  it('keeps the 文号, date, level and clause count whole while they fit; the region and the issuer take what room is left', async () => {
    const { container } = render(Harness, { props: { backend: new MockBackend([doc(1, '佛山市人民政府办公室'), doc(2, null)]), settings: new Settings(null) } });
    const rows = () => [...container.querySelectorAll<HTMLElement>('[data-testid="library-list"] [data-testid="doc-row"]')];
    await vi.waitFor(() => expect(rows()).toHaveLength(2), { timeout: 5000 });
    const withIssuer = rows().find((r) => r.dataset.docId === '1')!;
    const meta = withIssuer.querySelector<HTMLElement>('.meta')!;
    // The important details first, then the region, the issuer last; the tooltip has every one.
    const order = [...meta.querySelectorAll('span[class^="d-"]')].map((c) => /d-(\w+)/u.exec(c.className)?.[1]);
    expect(order).toEqual(['number', 'date', 'level', 'clauses', 'region', 'issuer']);
    // The region and the issuer are one run after the four.
    expect([...meta.children].map((c) => c.className.replace(/\s*svelte-\S+/gu, ''))).toEqual(['d-number', 'd-date', 'd-level', 'd-clauses', 'rest']);
    expect(meta.querySelector('.d-issuer')!.textContent).toBe('佛山市人民政府办公室');
    expect(meta.lastElementChild!.lastElementChild!.classList.contains('d-issuer')).toBe(true);
    expect(meta.title).toContain('佛山市人民政府办公室');
    expect(meta.title).toContain('0 条');
    expect(rows().find((r) => r.dataset.docId === '2')!.querySelector('.d-issuer')).toBeNull();
    // One line, never a hidden second one that whole details would wrap to and vanish on.
    const line = rule('library/DocRowItem.svelte', '.row.clamp .meta');
    expect(decl(line, 'display')).toBe('flex');
    expect(decl(line, 'flex-wrap')).toBe('nowrap');
    expect(decl(line, 'overflow')).toBe('hidden');
    expect(decl(line, 'height')).toBeUndefined();
    // The region and the issuer take only the room the four leave (flex basis 0), so while the four
    // fit they never shrink: a shrink shared with a longer neighbour takes a fraction of a pixel from
    // each and draws its “…” (seen in WebKitGTK on nearly every row).
    const rest = rule('library/DocRowItem.svelte', '.row.clamp .meta > .rest');
    expect(decl(rest, 'flex')).toBe('1 1 0');
    // Each detail ends in an ellipsis of its own; on a line too narrow for the four, the level and the
    // count give way and the 文号 and the date stay whole (no shrink at all: no fraction of a pixel).
    const item = rule('library/DocRowItem.svelte', '.row.clamp .meta > span');
    expect(decl(item, 'text-overflow')).toBe('ellipsis');
    expect(decl(item, 'overflow')).toBe('hidden');
    expect(decl(item, 'min-width')).toBe('0');
    expect(decl(rule('library/DocRowItem.svelte', '.row.clamp .meta > .d-number, .row.clamp .meta > .d-date'), 'flex-shrink')).toBe('0');
  });
});

describe('the export dialog', () => {
  it("leaves room for the format select's focus ring beside its label", () => {
    const css = readFileSync(resolve(process.cwd(), 'src/app.css'), 'utf8');
    const focus = /(?:^|\n):focus-visible\s*\{([^}]*)\}/u.exec(css)![1]!;
    const ring = parseFloat(/outline:\s*([\d.]+)px/u.exec(focus)![1]!) + parseFloat(decl(focus, 'outline-offset')!);
    // The dialog's text is 0.92em of the 15 px default.
    const em = parseFloat(/font-size:\s*([\d.]+)em/u.exec(rule('export/ExportDialog.svelte', '.dialog'))![1]!) * 15;
    const gap = decl(rule('export/ExportDialog.svelte', '.format'), 'gap') ?? decl(rule('export/ExportDialog.svelte', 'label'), 'gap')!;
    expect(gap).toMatch(/^[\d.]+em$/u);
    // At least 4 px between the ring and the label's last letter.
    expect(parseFloat(gap) * em - ring).toBeGreaterThanOrEqual(4);
  });
});

describe('the import results panel', () => {
  it('keeps 关闭 in view at its foot however many files it lists', () => {
    const foot = rule('app/ImportPanel.svelte', '.foot');
    expect(decl(foot, 'position')).toBe('sticky');
    expect(decl(foot, 'bottom')).toBeDefined();
    expect(decl(foot, 'background')).toBe('var(--panel)');
    const markup = readFileSync(resolve(process.cwd(), 'src/components/app/ImportPanel.svelte'), 'utf8');
    expect(markup).toMatch(/<div class="foot"><button data-testid="import-dismiss"/u);
  });
});
