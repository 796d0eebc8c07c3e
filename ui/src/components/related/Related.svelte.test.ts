import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render } from '@testing-library/svelte';
import { tick } from 'svelte';
import type { Comparison, StoredDoc } from '$lib/bindings';
import gdfs from '$lib/backend/fixtures/gd-foshan.comparison.json';
import { MockBackend } from '$lib/backend/mock';
import { BackendError } from '$lib/backend/backend';
import { roughTree } from '$lib/backend/mock/parse';
import { storedFromSide } from '$lib/backend/mock/fromComparison';
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
  return storedFromSide(fixture, id, side, extra);
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

  it("puts only the current row's 相似 buttons on the Tab path (the table is one tab stop)", async () => {
    const { container, session } = await mount({ compare: true });
    const rows = [...container.querySelectorAll<HTMLElement>('[data-testid="pair-row"]')];
    expect(rows.length).toBeGreaterThan(3);
    const tabbable = () => [...container.querySelectorAll<HTMLButtonElement>('[data-testid="similar-open"]')].filter((b) => b.tabIndex >= 0);
    session.view.current = 2;
    await tick();
    const row = rows[2]!;
    expect(tabbable().length).toBeGreaterThan(0);
    for (const b of tabbable()) expect(b.closest('[data-testid="pair-row"]')).toBe(row);
    // Another row becomes current: its buttons join the Tab path, the previous row's leave it.
    session.view.current = 3;
    await tick();
    for (const b of tabbable()) expect(b.closest('[data-testid="pair-row"]')).toBe(rows[3]);
    // Every button still opens with a click.
    const other = rows[0]!.querySelector<HTMLButtonElement>('[data-testid="similar-open"]')!;
    expect(other.tabIndex).toBe(-1);
    await fireEvent.click(other);
    await vi.waitFor(() => expect(container.querySelector('[data-testid="similar-panel"]')).not.toBeNull());
  });

  it("names un-numbered units in the UI's language (标题 → Title in English), numbered ones by their labels", async () => {
    const { container } = await mount({ compare: true, lang: 'en' });
    const paths = [...container.querySelectorAll('[data-side="left"] [data-testid="clause-path"]')].map((e) => e.textContent);
    expect(paths).toContain('Title');
    expect(paths).toContain('二/（二）/4');
    expect(paths.some((p) => /标题|印发通知|落款|序言/u.test(p ?? ''))).toBe(false);
    const zh = await mount({ compare: true });
    const zhPaths = [...zh.container.querySelectorAll('[data-side="left"] [data-testid="clause-path"]')].map((e) => e.textContent);
    expect(zhPaths).toContain('标题');
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

  /** Open the similar clauses of the comparison's left clause at `path`; the first result. */
  async function similarOf(container: HTMLElement, path: string) {
    const row = [...container.querySelectorAll('[data-testid="pair-row"]')].find(
      (r) => r.querySelector('[data-side="left"] [data-testid="clause-path"]')?.textContent === path,
    )!;
    const opener = row.querySelector<HTMLButtonElement>('[data-side="left"] [data-testid="similar-open"]')!;
    opener.focus();
    await fireEvent.click(opener);
    const first = await vi.waitFor(() => {
      const li = container.querySelector('[data-testid="similar-item"]');
      expect(li).not.toBeNull();
      return li!;
    });
    return { opener, first };
  }

  it('gives the keyboard back to the clause it was opened on (close button, Esc)', async () => {
    const { container } = await mount({ compare: true });
    const summary = () => container.querySelector('[data-testid="summary-body"]')!;
    expect(summary().hasAttribute('data-compact')).toBe(false);
    let { opener } = await similarOf(container, '二/（二）/4');
    // The summary gives back height to the table while the panel is open.
    expect(summary().hasAttribute('data-compact')).toBe(true);
    const close = container.querySelector<HTMLButtonElement>('[data-testid="similar-close"]')!;
    close.focus();
    await fireEvent.click(close);
    expect(summary().hasAttribute('data-compact')).toBe(false);
    expect(container.querySelector('[data-testid="similar-panel"]')).toBeNull();
    expect(document.activeElement).toBe(opener);

    ({ opener } = await similarOf(container, '二/（二）/5'));
    container.querySelector<HTMLButtonElement>('[data-testid="similar-compare"]')!.focus();
    await fireEvent.keyDown(document.activeElement!, { key: 'Escape' });
    expect(container.querySelector('[data-testid="similar-panel"]')).toBeNull();
    expect(document.activeElement).toBe(opener);
  }, 15_000);

  it('compares the two documents at the two clauses from a result', async () => {
    const { container, session } = await mount({ compare: true });
    const { first } = await similarOf(container, '二/（二）/4');
    expect(first.getAttribute('data-doc')).toBe(String(FS));
    const compare = first.querySelector<HTMLButtonElement>('[data-testid="similar-compare"]')!;
    expect(compare.textContent).toBe('逐条比较');
    await fireEvent.click(compare);
    await vi.waitFor(() => expect(session.comparing).toBe(false));
    await vi.waitFor(() => {
      const current = session.view.pairs[session.view.current ?? -1];
      expect(current?.left?.path).toBe('二/（二）/4');
      expect(current?.right?.path).toBe('二/（二）/1');
    });
    expect([session.left, session.right]).toEqual([GD, FS]);
    // The panel gave way to the pair.
    expect(container.querySelector('[data-testid="similar-panel"]')).toBeNull();
  }, 15_000);

  it("opens a result's document at its clause, from a document opened from the library", async () => {
    const { container, session, backend } = await mount({ doc: GD, lang: 'en' });
    const gd = await backend.getDocument(GD);
    const index = gd.tree.clauses.find((c) => c.path === '二/（二）/4')!.index;
    await fireEvent.click(container.querySelector(`[data-clause="${index}"] [data-testid="clause-similar"]`)!);
    const first = await vi.waitFor(() => {
      const li = container.querySelector('[data-testid="similar-item"]');
      expect(li).not.toBeNull();
      return li!;
    });
    const open = first.querySelector<HTMLButtonElement>('[data-testid="similar-open-doc"]')!;
    expect(open.textContent).toBe('Open document');
    // The document's title is said once, above its clauses; each button names it still.
    const title = first.closest('[data-testid="similar-doc"]')!.querySelector('[data-testid="similar-title"]')!.textContent;
    expect(open.getAttribute('aria-label')).toBe(`Open “${title}” at 二/（二）/1`);
    expect(first.querySelector('[data-testid="similar-compare"]')!.textContent).toBe('Compare');
    await fireEvent.click(open);
    await vi.waitFor(() => expect(session.openDoc?.id).toBe(FS));
    const fs = session.openDoc!;
    expect(fs.tree.clauses.find((c) => c.index === session.openClause)?.path).toBe('二/（二）/1');
  }, 15_000);

  it("joins a pair's key-difference kinds with the language's separator", async () => {
    const { container } = await mount({ compare: true, lang: 'en' });
    const badges = [...container.querySelectorAll('[data-testid="pair-row"] .badge.key')].map((b) => b.textContent!);
    const several = badges.find((b) => b.includes(','))!;
    expect(several).toMatch(/^★ [A-Z][a-z ]+(, [A-Z][a-z ]+)+/u);
    expect(badges.join('')).not.toContain('、');
  }, 15_000);

  it('reports an unknown clause as not found', async () => {
    const backend = new MockBackend(library());
    await expect(backend.similarClauses(GD, '九/（九）/9', 5)).rejects.toMatchObject({ code: 'not_found' });
  });
});

describe('similar clauses from the document view', () => {
  /** The document view's 相似 button of the unit at `path`. */
  function buttonOf(container: HTMLElement, doc: StoredDoc, path: string): HTMLButtonElement {
    const index = doc.tree.clauses.find((c) => c.path === path)!.index;
    return container.querySelector<HTMLButtonElement>(`[data-clause="${index}"] [data-testid="clause-similar"]`)!;
  }

  it('opens from a unit of a document opened from the library and lists the city version first', async () => {
    const { container, backend } = await mount({ doc: GD });
    const spy = vi.spyOn(backend, 'similarClauses');
    const gd = await backend.getDocument(GD);
    // Every unit has its button, a real button named by its path, on the keyboard's path
    // through the outline (one tab stop, the arrow keys between the units: see below).
    expect(container.querySelectorAll('[data-testid="doc-view"] [data-testid="clause-similar"]')).toHaveLength(gd.tree.clauses.length);
    const button = buttonOf(container, gd, '二/（二）/4');
    expect(button.tagName).toBe('BUTTON');
    expect(button.tabIndex).toBe(-1);
    expect(container.querySelectorAll('[data-testid="doc-view"] [data-testid="clause-similar"][tabindex="0"]')).toHaveLength(1);
    expect(button.getAttribute('aria-label')).toBe('查找与 二/（二）/4 相似的条款');
    expect(container.querySelector('[data-testid="similar-panel"]')).toBeNull();
    // The view's ✕ says what it closes, to the mouse (tooltip) as to a screen reader.
    const close = container.querySelector<HTMLButtonElement>('[data-testid="doc-close"]')!;
    expect([close.textContent, close.title, close.getAttribute('aria-label')]).toEqual(['✕', '关闭此文件', '关闭此文件']);

    await fireEvent.click(button);
    expect(spy).toHaveBeenCalledWith(GD, '二/（二）/4', 10);
    const first = await vi.waitFor(() => {
      const li = container.querySelector('[data-testid="similar-item"]');
      expect(li).not.toBeNull();
      return li!;
    });
    const panel = container.querySelector('[data-testid="similar-panel"]')!;
    expect(panel.getAttribute('aria-label')).toBe('相似条款');
    expect(panel.querySelector('[data-testid="similar-subject"]')!.textContent).toContain('二/（二）/4');
    expect(first.getAttribute('data-doc')).toBe(String(FS));
    expect(first.getAttribute('data-path')).toBe('二/（二）/1');
    // Never a clause of the document itself; the related documents stay shown beside.
    expect([...container.querySelectorAll('[data-testid="similar-item"]')].map((li) => li.getAttribute('data-doc'))).not.toContain(String(GD));
    expect(container.querySelector('[data-testid="related-panel"]')).not.toBeNull();

    await fireEvent.click(container.querySelector('[data-testid="similar-close"]')!);
    expect(container.querySelector('[data-testid="similar-panel"]')).toBeNull();
  });

  it('is labelled in English, and closes when another document is opened', async () => {
    const { container, backend, rerender } = await mount({ doc: FS, lang: 'en' });
    const fs = await backend.getDocument(FS);
    const button = buttonOf(container, fs, '二/（二）/1');
    expect(button.textContent).toBe('Similar');
    expect(button.getAttribute('aria-label')).toBe('Similar: find clauses like 二/（二）/1');
    await fireEvent.click(button);
    const first = await vi.waitFor(() => {
      const li = container.querySelector('[data-testid="similar-item"]');
      expect(li).not.toBeNull();
      return li!;
    });
    expect(container.querySelector('[data-testid="similar-panel"] h3')!.textContent).toBe('Similar clauses');
    // Foshan's （二）1 is Guangdong's item 4 rewritten.
    expect(first.getAttribute('data-doc')).toBe(String(GD));
    expect(first.getAttribute('data-path')).toBe('二/（二）/4');

    await rerender({ doc: await backend.getDocument(GD) });
    await tick();
    expect(container.querySelector('[data-testid="similar-panel"]')).toBeNull();
  });

  it("reaches an article's parts through their article: one button per unit, none on the title", async () => {
    const title = '某省优化营商环境条例';
    const article = '第一条　为了持续优化营商环境，制定本条例。';
    const part = '（一）建立健全市场主体诉求响应服务机制。';
    const withArticles: StoredDoc = {
      id: 7,
      meta: { ...patent().meta, title, doc_number: null },
      original: [title, article, part].join('\n'),
      text: [title, article, part].join('\n'),
      tree: {
        clauses: [
          { index: 0, parent: null, children: [], depth: 0, kind: 'title', label: '', path: '标题', heading: null, text: title, original: title, in_article: false },
          { index: 1, parent: null, children: [2], depth: 1, kind: 'article', label: '第一条', path: '第一条', heading: null, text: article, original: article, in_article: false },
          { index: 2, parent: 1, children: [], depth: 2, kind: 'item', label: '（一）', path: '第一条/（一）', heading: null, text: part, original: part, in_article: true },
        ],
      },
    };
    const { container, backend } = await mount({ doc: 7, extra: [withArticles] });
    const spy = vi.spyOn(backend, 'similarClauses');
    expect(container.querySelector('[data-clause="0"] [data-testid="clause-similar"]')).toBeNull();
    expect(container.querySelector('[data-clause="2"] [data-testid="clause-similar"]')).toBeNull();
    await fireEvent.click(container.querySelector('[data-clause="1"] [data-testid="clause-similar"]')!);
    expect(spy).toHaveBeenCalledWith(7, '第一条', 10);
    await vi.waitFor(() => expect(container.querySelector('[data-testid="similar-item"]')).not.toBeNull());
    // The part alone is no unit: the backend refuses it, as the store does.
    await expect(backend.similarClauses(7, '第一条/（一）', 5)).rejects.toMatchObject({ code: 'not_found' });
  });
});

describe('similar clauses and related documents that fail', () => {
  it('says in a sentence why the similar clauses could not be found, the raw message only behind 详情', async () => {
    for (const [lang, sentence] of [
      ['zh-CN', '未能查找相似条款：文库中找不到这一条（所在文件可能已被删除或重新导入）。'],
      ['en', 'Could not look for similar clauses: This clause is not in the library (its document may have been deleted or imported again).'],
    ] as const) {
      const { container, backend } = await mount({ compare: true, lang });
      backend.similarClauses = async () => {
        throw new BackendError('not_found', `document ${GD} has no clause 标题`, 'similar_clauses');
      };
      const row = container.querySelector('[data-testid="pair-row"]')!;
      const opener = row.querySelector<HTMLButtonElement>('[data-side="left"] [data-testid="similar-open"]')!;
      // The cell's button is named by its side and clause as well.
      expect(opener.getAttribute('aria-label')).toBe(lang === 'en' ? 'Similar: find clauses like Title (Left)' : '查找与左侧 标题 相似的条款');
      await fireEvent.click(opener);
      const alert = await vi.waitFor(() => {
        const el = container.querySelector<HTMLElement>('[data-testid="similar-error"]');
        expect(el).not.toBeNull();
        return el!;
      });
      expect(alert.getAttribute('role')).toBe('alert');
      expect(alert.querySelector('p')!.textContent).toBe(sentence);
      const details = alert.querySelector('details')!;
      expect(details.open).toBe(false);
      expect(details.querySelector('summary')!.textContent).toBe(lang === 'en' ? 'Details' : '详情');
      expect(details.textContent).toContain('has no clause 标题');
      cleanup();
    }
  });

  it('says in a sentence why the related documents could not be found', async () => {
    const backend = new MockBackend(library(), { fixtures: [fixture] });
    backend.relatedDocuments = async () => {
      throw new BackendError('db', 'database disk image is malformed (code 11)', 'related_documents');
    };
    const session = new Session(backend, new Settings(null));
    await session.start();
    const { container } = render(Harness, { props: { session, i18n: new I18n('zh-CN'), doc: await backend.getDocument(GD) } });
    const alert = await vi.waitFor(() => {
      const el = container.querySelector<HTMLElement>('[data-testid="related-error"]');
      expect(el).not.toBeNull();
      return el!;
    });
    expect(alert.querySelector('p')!.textContent).toBe('未能查找相关文件：文库数据库出错。');
    expect(alert.querySelector('details')!.textContent).toContain('malformed');
  });
});

describe('a document\'s clause outline', () => {
  const similarButtons = (c: HTMLElement) => [...c.querySelectorAll<HTMLButtonElement>('[data-testid="doc-view"] [data-testid="clause-similar"]')];

  it('is one tab stop: Tab passes one 相似 button, the arrow keys move between them', async () => {
    const { container } = await mount({ doc: FS });
    const buttons = similarButtons(container);
    expect(buttons.length).toBeGreaterThan(5);
    // Exactly one of the clauses' buttons is on the Tab path: the first.
    expect(buttons.filter((b) => b.tabIndex >= 0)).toEqual([buttons[0]]);
    buttons[0]!.focus();
    await fireEvent.keyDown(buttons[0]!, { key: 'ArrowDown' });
    expect(document.activeElement).toBe(buttons[1]);
    // The tab stop follows: Tab comes back to the clause last used.
    expect(buttons.filter((b) => b.tabIndex >= 0)).toEqual([buttons[1]]);
    await fireEvent.keyDown(buttons[1]!, { key: 'End' });
    expect(document.activeElement).toBe(buttons.at(-1));
    await fireEvent.keyDown(buttons.at(-1)!, { key: 'Home' });
    expect(document.activeElement).toBe(buttons[0]);
    // Every button still opens the panel with a click.
    await fireEvent.click(buttons[3]!);
    await vi.waitFor(() => expect(container.querySelector('[data-testid="similar-panel"]')).not.toBeNull());
  });
});
