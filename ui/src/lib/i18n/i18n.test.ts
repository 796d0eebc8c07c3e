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

describe('unit paths', () => {
  it("shows the parser's names of un-numbered units in the UI's language, the document's labels as they are", () => {
    const en = new I18n('en');
    expect(en.unitPath('标题')).toBe('Title');
    expect(en.unitPath('标题#2')).toBe('Title#2');
    expect(en.unitPath('印发通知')).toBe('Cover notice');
    expect(en.unitPath('落款')).toBe('Signature');
    expect(en.unitPath('序言')).toBe('Preamble');
    expect(en.unitPath('段3')).toBe('¶3');
    expect(en.unitPath('第三条/款2')).toBe('第三条/Para. 2');
    expect(en.unitPath('二/（二）/4')).toBe('二/（二）/4');
    // A heading that merely starts with such a word is the document's own.
    expect(en.unitPath('落款说明')).toBe('落款说明');
    const zh = new I18n('zh-CN');
    for (const p of ['标题', '标题#2', '印发通知', '落款', '序言', '段3', '第三条/款2', '二/（二）/4']) expect(zh.unitPath(p)).toBe(p);
  });
});
