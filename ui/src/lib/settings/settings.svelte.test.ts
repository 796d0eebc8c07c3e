import { describe, expect, it } from 'vitest';
import { Settings, parseStored } from './settings.svelte';
import { MemoryStorage } from './memoryStorage';

describe('Settings', () => {
  it('defaults to Chinese and no last comparison', () => {
    const s = new Settings(new MemoryStorage());
    expect(s.lang).toBe('zh-CN');
    expect(s.last).toBeNull();
    expect(s.options.granularity).toBe('word');
  });
  it('restores what was saved (last comparison, language, options)', () => {
    const store = new MemoryStorage();
    const a = new Settings(store);
    a.lang = 'en';
    a.theme = 'dark';
    a.last = { left: 4, right: 19 };
    a.options.granularity = 'char';
    a.save();
    const b = new Settings(store);
    expect([b.lang, b.theme, b.last, b.options.granularity]).toEqual(['en', 'dark', { left: 4, right: 19 }, 'char']);
  });
  it('steps the font size within bounds', () => {
    const s = new Settings(new MemoryStorage());
    s.fontSize = 15;
    s.stepFont(1);
    expect(s.fontSize).toBe(16);
    for (let i = 0; i < 20; i++) s.stepFont(-1);
    expect(s.fontSize).toBe(13);
  });
  it('ignores damaged entries', () => {
    expect(parseStored('{not json').lang).toBe('zh-CN');
    const p = parseStored(JSON.stringify({ lang: 'fr', fontSize: 900, last: { left: 'x', right: 2 } }));
    expect([p.lang, p.fontSize, p.last]).toEqual(['zh-CN', 15, null]);
  });
  it('remembers whether the compare summary is folded (expanded by default, junk ignored)', () => {
    const store = new MemoryStorage();
    expect(new Settings(store).summaryOpen).toBe(true);
    const a = new Settings(store);
    a.summaryOpen = false;
    a.save();
    expect(new Settings(store).summaryOpen).toBe(false);
    expect(parseStored(JSON.stringify({ summaryOpen: 'no' })).summaryOpen).toBe(true);
  });
  it('remembers the compare view\'s row order (as aligned by default, junk ignored)', () => {
    const store = new MemoryStorage();
    expect(new Settings(store).rowOrder).toBe('aligned');
    const a = new Settings(store);
    a.rowOrder = 'right';
    a.save();
    expect(new Settings(store).rowOrder).toBe('right');
    expect(parseStored(JSON.stringify({ rowOrder: 'sideways' })).rowOrder).toBe('aligned');
  });
});
