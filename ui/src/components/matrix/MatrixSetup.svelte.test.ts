/**
 * The matrix's document pickers name each document by its 文号 first: plans of one office share
 * the start of their titles, so a select cut at the end showed three plans alike.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render } from '@testing-library/svelte';
import { tick } from 'svelte';
import { MockBackend } from '$lib/backend/mock';
import { Session } from '$lib/app/session.svelte';
import { I18n } from '$lib/i18n/i18n.svelte';
import { Settings } from '$lib/settings/settings.svelte';
import { storedDoc } from '$lib/compare/testing';
import Harness from './MatrixHarness.test.svelte';

afterEach(cleanup);

const TITLE = '广东省人民政府办公厅关于印发广东省进一步强化市场主体诉求响应服务工作方案的通知';
const library = () => [
  storedDoc(1, { title: TITLE, doc_number: '粤办函〔2023〕41号', date: '2023-03-01' }),
  storedDoc(2, { title: TITLE, doc_number: '粤办函〔2023〕45号', date: '2023-03-02' }),
  storedDoc(3, { title: TITLE, doc_number: '粤办函〔2023〕12号', date: '2023-03-03' }),
  storedDoc(4, { title: '广州市网上办事管理办法', date: '2023-03-04' }),
];

async function mount(lang: 'zh-CN' | 'en' = 'zh-CN') {
  const session = new Session(new MockBackend(library()), new Settings(null));
  await session.start();
  session.showMatrix();
  session.matrix.setBase(2);
  const r = render(Harness, { props: { session, i18n: new I18n(lang) } });
  const select = await vi.waitFor(() => {
    const s = r.container.querySelector<HTMLSelectElement>('[data-testid="matrix-base"]');
    expect(s).not.toBeNull();
    expect(s!.options.length).toBe(5);
    return s!;
  });
  await tick();
  return { ...r, session, select };
}

describe('the matrix setup', () => {
  it('starts each document option with its 文号, so a cut label still tells the plans apart', async () => {
    const { select } = await mount();
    const docs = [...select.options].filter((o) => o.value !== '');
    const byId = new Map(docs.map((o) => [o.value, o.textContent!]));
    expect(byId.get('1')).toBe(`粤办函〔2023〕41号 · ${TITLE}`);
    expect(byId.get('2')).toBe(`粤办函〔2023〕45号 · ${TITLE}`);
    expect(byId.get('3')).toBe(`粤办函〔2023〕12号 · ${TITLE}`);
    // No 文号: the title alone.
    expect(byId.get('4')).toBe('广州市网上办事管理办法');
    // The first characters (what a narrow closed select shows) differ for each plan.
    const starts = docs.slice(0, 3).map((o) => o.textContent!.slice(0, 12));
    expect(new Set(starts).size).toBe(starts.length);
  });

  it('shows the chosen base in full in the tooltip', async () => {
    const { select } = await mount('en');
    expect(select.value).toBe('2');
    expect(select.title).toBe(`粤办函〔2023〕45号 · ${TITLE}`);
  });

  it('names the documents to compare with by 文号 first too', async () => {
    const { container } = await mount();
    const labels = [...container.querySelectorAll<HTMLInputElement>('[data-testid="matrix-other"]')].map((i) => i.closest('label')!.textContent!.trim());
    expect(labels).toContain(`粤办函〔2023〕41号 · ${TITLE}`);
    expect(labels).toContain(`粤办函〔2023〕12号 · ${TITLE}`);
  });
});
