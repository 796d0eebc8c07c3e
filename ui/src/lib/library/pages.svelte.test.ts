import { describe, expect, it } from 'vitest';
import type { DocPage, DocRow, ListFilter } from '$lib/bindings';
import { docInfo } from '$lib/compare/testing';
import { DocPages, PAGE_SIZE } from './pages.svelte';

const row = (id: number, title: string): DocRow => ({ ...docInfo(id, title), id, clause_count: 1, chars: 10, title_shared: false });

/** A library of `titles` whose answers wait until released. */
function library(titles: string[]) {
  let docs = titles.map((t, i) => row(i + 1, t));
  const waiting: Array<() => void> = [];
  const fetch = (f: ListFilter, offset: number, limit: number): Promise<DocPage> =>
    new Promise((resolve) =>
      waiting.push(() => {
        const rows = docs.filter((d) => f.text == null || d.title.includes(f.text));
        resolve({ rows: rows.slice(offset, offset + limit), total: rows.length });
      }),
    );
  const release = async () => {
    while (waiting.length) waiting.shift()!();
    await new Promise((r) => setTimeout(r, 0));
  };
  return { fetch, release, set: (t: string[]) => (docs = t.map((x, i) => row(i + 1, x))) };
}

const ALL: ListFilter = { region: null, level: null, year: null, sort: 'id' };

describe('DocPages', () => {
  it('keeps the rows shown while the library changes under the same filter, until their page arrives', async () => {
    const lib = library(['甲', '乙', '丙']);
    const pages = new DocPages(lib.fetch);
    const first = pages.reset(ALL);
    await lib.release();
    await first;
    expect(pages.row(1)?.title).toBe('乙');
    // The library changed (a document renamed): same filter, fetched again.
    lib.set(['甲', '乙（修订）', '丙']);
    const again = pages.reset();
    expect(pages.row(1)?.title, 'the old row while the page is on its way').toBe('乙');
    expect(pages.loaded).toBe(true);
    await lib.release();
    await again;
    expect(pages.row(1)?.title).toBe('乙（修订）');
  });

  it('drops the rows of another filter at once', async () => {
    const lib = library(['营商环境甲', '采购乙', '营商环境丙']);
    const pages = new DocPages(lib.fetch);
    const first = pages.reset(ALL);
    await lib.release();
    await first;
    const narrowed = pages.reset({ ...ALL, text: '营商环境' });
    expect(pages.row(0), 'no row of the old filter').toBeUndefined();
    expect(pages.loaded).toBe(false);
    await lib.release();
    await narrowed;
    expect([pages.row(0)?.title, pages.row(1)?.title]).toEqual(['营商环境甲', '营商环境丙']);
  });

  it('fetches each page once while it is on its way, and ensure waits for it', async () => {
    const lib = library(Array.from({ length: PAGE_SIZE + 5 }, (_, i) => `文件${i}`));
    let asked = 0;
    const pages = new DocPages((f, o, l) => {
      asked++;
      return lib.fetch(f, o, l);
    });
    const first = pages.reset(ALL);
    const both = pages.ensure(0, PAGE_SIZE + 1);
    expect(asked).toBe(2);
    await lib.release();
    await Promise.all([first, both]);
    expect(pages.row(PAGE_SIZE + 4)?.title).toBe(`文件${PAGE_SIZE + 4}`);
  });
});

describe('DocPages after the library changed', () => {
  it('fetches again a list that was empty (the first import fills it)', async () => {
    const lib = library([]);
    const pages = new DocPages(lib.fetch);
    const first = pages.reset(ALL);
    await lib.release();
    await first;
    expect(pages.total).toBe(0);
    lib.set(['甲', '乙']);
    const again = pages.reset();
    await lib.release();
    await again;
    expect([pages.total, pages.row(1)?.title]).toEqual([2, '乙']);
  });
});
