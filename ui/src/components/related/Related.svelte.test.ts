import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render } from '@testing-library/svelte';
import { tick } from 'svelte';
import type { Comparison, DocInfo, StoredDoc, UnitView } from '$lib/bindings';
import gdfs from '$lib/backend/fixtures/gd-foshan.comparison.json';
import { MockBackend } from '$lib/backend/mock';
import { roughTree } from '$lib/backend/mock/parse';
import { Session } from '$lib/app/session.svelte';
import { I18n } from '$lib/i18n/i18n.svelte';
import { Settings } from '$lib/settings/settings.svelte';
import Harness from './RelatedHarness.test.svelte';

afterEach(cleanup);

const fixture = gdfs as Comparison;
const GD = 1;
const FS = 2;
const PATENT = 3;

/** A stored document with the fixture side's metadata, text and units (paths as in the comparison). */
function fromSide(id: number, side: 'left' | 'right', extra = ''): StoredDoc {
  const { id: _id, ...meta } = fixture[side] as DocInfo;
  const units = fixture.pairs.map((p) => p[side]).filter((u): u is UnitView => u !== null);
  const text = [extra, ...units.map((u) => u.text)].filter(Boolean).join('\n');
  return {
    id,
    meta: meta as StoredDoc['meta'],
    original: text,
    text,
    tree: {
      clauses: units.map((u, index) => ({
        index,
        parent: null,
        children: [],
        depth: 1,
        kind: 'point',
        label: u.label,
        path: u.path,
        heading: u.heading,
        text: u.text,
        original: u.text,
        in_article: false,
      })),
    },
  } as StoredDoc;
}

/** An unrelated document whose only clause is untrusted markup. */
function patent(): StoredDoc {
  const title = '海南省专利奖评奖办法';
  const text = '<img src=x onerror="alert(1)">第一条 为了鼓励发明创造，设立海南省专利奖。';
  return {
    id: PATENT,
    meta: { title, issuer: null, date: null, doc_number: '琼府〔2020〕1号', province: '海南', city: null, level: 'province', source_url: null, source_file: null, fragment: false, excerpt: false, warnings: [] },
    original: text,
    text,
    tree: roughTree([title, text], title),
  };
}

function library(): StoredDoc[] {
  const fs = fromSide(FS, 'right');
  // Foshan's plan cites Guangdong's by its 文号 in its first sentence, as the real one does.
  const cite = `根据《广东省人民政府办公厅关于印发广东省进一步强化市场主体诉求响应服务工作方案的通知》（${fixture.left.doc_number}）要求，制定本方案。`;
  return [fromSide(GD, 'left'), { ...fs, text: `${cite}\n${fs.text}` }, patent()];
}

async function mount(opts: { lang?: 'zh-CN' | 'en'; doc?: number; compare?: boolean; extra?: StoredDoc[] } = {}) {
  const backend = new MockBackend([...library(), ...(opts.extra ?? [])], { fixtures: [fixture] });
  const session = new Session(backend, new Settings(null));
  await session.start();
  if (opts.compare) {
    session.left = GD;
    session.right = FS;
    await session.compare();
  }
  const doc = opts.doc ? await backend.getDocument(opts.doc) : null;
  const r = render(Harness, { props: { session, i18n: new I18n(opts.lang ?? 'zh-CN'), doc } });
  await tick();
  return { ...r, session, backend };
}

describe('related documents panel', () => {
  it('ranks the cited provincial plan first with its reason, and compares with it on click', async () => {
    const { container, session } = await mount({ doc: FS });
    const items = await vi.waitFor(() => {
      const li = container.querySelectorAll('[data-testid="related-item"]');
      expect(li.length).toBeGreaterThan(0);
      return li;
    });
    expect(items[0]!.getAttribute('data-id')).toBe(String(GD));
    const reasons = [...items[0]!.querySelectorAll('[data-testid="related-reason"]')].map((b) => b.getAttribute('data-reason'));
    expect(reasons[0]).toBe('cites');
    expect(items[0]!.textContent).toContain('本文引用');
    expect(items[0]!.textContent).toContain(fixture.left.doc_number!);
    // The unrelated patent rules are not listed.
    expect([...items].map((li) => li.getAttribute('data-id'))).not.toContain(String(PATENT));

    await fireEvent.click(items[0]!.querySelector('[data-testid="related-compare"]')!);
    await vi.waitFor(() => expect(session.view.comparison).not.toBeNull());
    expect(session.left).toBe(FS);
    expect(session.right).toBe(GD);
  });

  it('shows its reasons in English', async () => {
    const { container } = await mount({ doc: GD, lang: 'en' });
    const item = await vi.waitFor(() => {
      const li = container.querySelector(`[data-testid="related-item"][data-id="${FS}"]`);
      expect(li).not.toBeNull();
      return li!;
    });
    expect(container.textContent).toContain('Related documents');
    expect(item.querySelector('[data-testid="related-reason"]')!.getAttribute('data-reason')).toBe('cited_by');
    expect(item.textContent).toContain('cites this');
  });
});

describe('similar clauses panel', () => {
  it('opens from a clause of the comparison and lists the city version first with its word diff', async () => {
    const { container, backend } = await mount({ compare: true });
    const spy = vi.spyOn(backend, 'similarClauses');
    const row = [...container.querySelectorAll('[data-testid="pair-row"]')].find(
      (r) => r.querySelector('[data-side="left"] [data-testid="clause-path"]')?.textContent === '二/（二）/4',
    )!;
    await fireEvent.click(row.querySelector('[data-side="left"] [data-testid="similar-open"]')!);
    expect(spy).toHaveBeenCalledWith(GD, '二/（二）/4', 10);
    const first = await vi.waitFor(() => {
      const li = container.querySelector('[data-testid="similar-item"]');
      expect(li).not.toBeNull();
      return li!;
    });
    const panel = container.querySelector('[data-testid="similar-panel"]')!;
    expect(panel.textContent).toContain('相似条款');
    expect(first.getAttribute('data-doc')).toBe(String(FS));
    expect(first.getAttribute('data-path')).toBe('二/（二）/1');
    const diff = first.querySelector('[data-testid="similar-diff"]')!;
    expect(diff.querySelectorAll('del').length + diff.querySelectorAll('ins').length).toBeGreaterThan(0);
    // Kept and inserted runs spell out the other clause.
    const right = fixture.pairs.find((p) => p.right?.path === '二/（二）/1')!.right!.text;
    const kept = [...diff.childNodes]
      .filter((n) => n.nodeName !== 'DEL')
      .map((n) => (n.nodeName === 'INS' ? n.lastChild!.textContent : n.textContent))
      .join('');
    expect(kept).toBe(right);

    await fireEvent.click(container.querySelector('[data-testid="similar-close"]')!);
    expect(container.querySelector('[data-testid="similar-panel"]')).toBeNull();
  });

  it('renders clause text as text, never as markup', async () => {
    const item4 = fixture.pairs.find((p) => p.left?.path === '二/（二）/4')!.left!.text;
    const hostile = '<img src=x onerror="alert(1)">' + item4;
    const copy: StoredDoc = { ...patent(), id: 4, meta: { ...patent().meta, title: '某市转发件', doc_number: null }, text: hostile, original: hostile, tree: roughTree(['某市转发件', hostile], '某市转发件') };
    const { container } = await mount({ compare: true, extra: [copy] });
    const row = [...container.querySelectorAll('[data-testid="pair-row"]')].find(
      (r) => r.querySelector('[data-side="left"] [data-testid="clause-path"]')?.textContent === '二/（二）/4',
    )!;
    await fireEvent.click(row.querySelector('[data-side="left"] [data-testid="similar-open"]')!);
    const items = await vi.waitFor(() => {
      const li = container.querySelectorAll('[data-testid="similar-item"]');
      expect(li.length).toBeGreaterThan(0);
      return li;
    });
    const shown = [...items].find((li) => li.getAttribute('data-doc') === '4')!;
    expect(shown.textContent).toContain('<img src=x onerror="alert(1)">');
    expect(container.querySelector('img')).toBeNull();
  });

  it('reports an unknown clause as not found', async () => {
    const backend = new MockBackend(library());
    await expect(backend.similarClauses(GD, '九/（九）/9', 5)).rejects.toMatchObject({ code: 'not_found' });
  });
});
