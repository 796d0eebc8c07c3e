import { describe, expect, it } from 'vitest';
import { en, zh, type MessageKey } from './messages';
import { I18n, format } from './i18n.svelte';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/gu)].map((m) => m[1]).sort();

describe('messages', () => {
  it('have the same keys in both languages, none empty', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zh).sort());
    for (const [k, v] of [...Object.entries(zh), ...Object.entries(en)]) {
      expect(v.trim(), k).not.toBe('');
    }
  });
  it('use the same placeholders in both languages', () => {
    for (const k of Object.keys(zh) as MessageKey[]) {
      expect(placeholders(en[k]), k).toEqual(placeholders(zh[k]));
    }
  });
  it('Chinese messages are Chinese', () => {
    const latinOnly = (Object.keys(zh) as MessageKey[]).filter((k) => !/[\u4e00-\u9fff]/u.test(zh[k]));
    // Only the app name mix and pure-symbol entries may lack Han characters.
    expect(latinOnly).toEqual([]);
  });
});

describe('I18n', () => {
  it('formats placeholders and switches language', () => {
    const i = new I18n();
    expect(i.t('library.count', { n: 37 })).toBe('共 37 篇');
    i.lang = 'en';
    expect(i.t('library.count', { n: 37 })).toBe('37 documents');
    expect(i.percent(0.853)).toBe('85%');
  });
  it("joins lists and puts asides in the language's punctuation", () => {
    const i = new I18n();
    expect(i.list(['范围', '条件'])).toBe('范围、条件');
    expect(i.paren(60)).toBe('（60）');
    i.lang = 'en';
    expect(i.list(['Scope', 'Condition'])).toBe('Scope, Condition');
    expect(`Same${i.paren('adopted unchanged')}`).toBe('Same (adopted unchanged)');
  });
  it('leaves unknown placeholders alone', () => {
    expect(format('{a} {b}', { a: 1 })).toBe('1 {b}');
  });
});

describe('terminology', () => {
  it('uses one word for notes (批注) and one for manual pairings (手动配对)', () => {
    for (const [k, v] of Object.entries(zh)) {
      expect(v, k).not.toContain('备注');
      expect(v, k).not.toContain('人工配对');
    }
  });
  it('names the library settings the same on the button, the dialog and the banner, and not like the library pane', () => {
    for (const d of [zh, en]) {
      expect(d['team.button'].replace('…', '')).toBe(d['team.title']);
      expect(d['team.openSettings'].replace('…', '')).toBe(d['team.title']);
      expect(d['team.button']).not.toBe(d['library.title']);
    }
  });
  it('gives export failures their own words for a full disk', () => {
    expect(zh['export.error.disk_full']).not.toContain('文库');
    expect(en['export.error.disk_full']).not.toContain('library');
  });
});
