/**
 * Search hits highlight the query in their snippet, a quoted query (`"营商环境"`, `“营商环境”`)
 * as well as a plain one: the quotation marks are not part of what is looked for (the store's
 * `unquote`, crates/store/src/search.rs; the mock does the same).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render } from '@testing-library/svelte';
import type { StoredDoc } from '$lib/bindings';
import { MockBackend } from '$lib/backend/mock';
import { roughTree } from '$lib/backend/mock/parse';
import { Settings } from '$lib/settings/settings.svelte';
import Harness from '../app/ShellHarness.test.svelte';

afterEach(cleanup);

const doc = (id: number, title: string, paras: string[]): StoredDoc => ({
  id,
  meta: { title, issuer: null, date: '2023-01-01', doc_number: null, province: '广东', city: null, level: 'province', source_url: null, source_file: null, fragment: false, excerpt: false, warnings: [] },
  original: paras.join('\n'),
  text: paras.join('\n'),
  tree: roughTree([title, ...paras], title),
});

const docs = () => [
  doc(1, '广东省优化营商环境方案', ['一、持续优化营商环境，便利企业开办。']),
  doc(2, '广州市网上办事管理办法', ['第一条 为了规范网上办事，制定本办法。']),
];

async function searchFor(query: string) {
  const { container } = render(Harness, { props: { backend: new MockBackend(docs()), settings: new Settings(null) } });
  const input = await vi.waitFor(() => {
    const el = container.querySelector<HTMLInputElement>('[data-testid="search-input"]');
    expect(el).not.toBeNull();
    return el!;
  });
  await fireEvent.input(input, { target: { value: query } });
  const hits = await vi.waitFor(
    () => {
      const h = [...container.querySelectorAll<HTMLElement>('[data-testid="search-hit"]')];
      expect(h.length).toBeGreaterThan(0);
      return h;
    },
    { timeout: 3000 },
  );
  return hits;
}

describe('search hits', () => {
  for (const query of ['企业开办', '"企业开办"', '“企业开办”', '「企业开办」', '"企业开办']) {
    it(`highlight the query in the snippet: ${query}`, async () => {
      const hits = await searchFor(query);
      expect(hits.map((h) => h.dataset.docId)).toEqual(['1']);
      const marks = [...hits[0]!.querySelectorAll('mark')].map((m) => m.textContent);
      expect(marks).toEqual(['企业开办']);
    });
  }

  it('keep untrusted text as text in the highlighted snippet', async () => {
    const { container } = render(Harness, {
      props: { backend: new MockBackend([doc(3, '测试', ['<b>企业开办</b> 便利化'])]), settings: new Settings(null) },
    });
    const input = await vi.waitFor(() => {
      const el = container.querySelector<HTMLInputElement>('[data-testid="search-input"]');
      expect(el).not.toBeNull();
      return el!;
    });
    await fireEvent.input(input, { target: { value: '"企业开办"' } });
    const hit = await vi.waitFor(
      () => {
        const h = container.querySelector<HTMLElement>('[data-testid="search-hit"]');
        expect(h).not.toBeNull();
        return h!;
      },
      { timeout: 3000 },
    );
    expect(hit.querySelector('b')).toBeNull();
    expect(hit.querySelector('mark')!.textContent).toBe('企业开办');
    expect(hit.textContent).toContain('<b>');
  });
});
