import { describe, expect, it } from 'vitest';
import type { DocRow } from '$lib/bindings';
import { filterIsEmpty, findByDocNumber, matchesFilter, normalizeDocNumber, regionOptions, NO_FILTER, type LibraryFilter } from './filter';

const row = (id: number, title: string, over: Partial<DocRow>): DocRow => ({
  id,
  title,
  issuer: null,
  date: null,
  doc_number: null,
  province: null,
  city: null,
  level: 'other',
  source_url: null,
  source_file: null,
  fragment: false,
  excerpt: false,
  warnings: [],
  clause_count: 10,
  chars: 1000,
  title_shared: false,
  ...over,
});

// Metadata of real corpus documents.
const docs: DocRow[] = [
  row(4, '广东省进一步强化市场主体诉求响应服务工作方案', { date: '2023-03-11', province: '广东', level: 'province', doc_number: '粤办函〔2023〕41号' }),
  row(19, '佛山市进一步强化市场主体诉求响应服务工作方案', { date: '2023-06-15', province: '广东', city: '佛山', level: 'city', doc_number: '佛府办函〔2023〕75 号' }),
  row(33, '三亚市创建一流营商环境2023年实施方案', { date: '2023-03-29', province: '海南', city: '三亚', level: 'city' }),
  row(31, '海南省2023年营商环境制度集成创新重点任务', { date: '2023-06-30', province: '海南', level: 'province' }),
  row(40, '无日期的片段', { date: null }),
  row(12, '广州市网上办事管理办法', { date: '2022-05-05', province: '广东', city: '广州', level: 'city' }),
];

describe('options', () => {
  it('lists provinces with their cities after them', () => {
    const opts = regionOptions(docs);
    const gd = opts.findIndex((o) => o.value === '广东');
    expect(opts[gd]!.depth).toBe(0);
    expect(opts.slice(gd + 1, gd + 3).map((o) => o.value).sort()).toEqual(['佛山', '广州'].sort());
    expect(opts.filter((o) => o.depth === 0).map((o) => o.value).sort()).toEqual(['广东', '海南'].sort());
  });
});

describe('findByDocNumber', () => {
  it('finds the example documents whatever the spacing and brackets', () => {
    expect(findByDocNumber(docs, '粤办函〔2023〕41号')?.id).toBe(4);
    expect(findByDocNumber(docs, '佛府办函〔2023〕75号')?.id).toBe(19);
    expect(findByDocNumber(docs, '佛府办函(2023)75号')?.id).toBe(19);
    expect(findByDocNumber(docs, '粤办函〔2023〕42号')).toBeUndefined();
  });
  it('normalises brackets', () => {
    expect(normalizeDocNumber('粤办函（2023）41 号')).toBe('粤办函〔2023〕41号');
  });
});

describe('matchesFilter (search hits under the pane filters)', () => {
  const fs = row(1, '佛山市方案', { province: '广东', city: '佛山', level: 'city', date: '2023-06-15' });
  const gd = row(2, '广东省方案', { province: '广东', city: null, level: 'province', date: '2022-01-01' });
  const undated = row(3, '无日期', { province: '海南', level: 'province', date: null });
  it('matches the region as a part of the province or city, the level and the year of the date', () => {
    expect(matchesFilter(fs, { region: '佛山', level: null, year: null })).toBe(true);
    expect(matchesFilter(gd, { region: '佛山', level: null, year: null })).toBe(false);
    expect(matchesFilter(gd, { region: '广东', level: null, year: null })).toBe(true);
    expect(matchesFilter(fs, { region: null, level: 'province', year: null })).toBe(false);
    expect(matchesFilter(fs, { region: null, level: null, year: 2023 })).toBe(true);
    expect(matchesFilter(gd, { region: null, level: null, year: 2023 })).toBe(false);
    expect(matchesFilter(undated, { region: null, level: null, year: 2023 })).toBe(false);
    expect(matchesFilter(undated, { region: null, level: null, year: null })).toBe(true);
  });
  it('knows when no filter is set (the sort is not a filter)', () => {
    expect(filterIsEmpty(NO_FILTER)).toBe(true);
    const byTitle: LibraryFilter = { ...NO_FILTER, sort: 'title' };
    expect(filterIsEmpty(byTitle)).toBe(true);
    const in2023: LibraryFilter = { ...NO_FILTER, year: 2023 };
    expect(filterIsEmpty(in2023)).toBe(false);
  });
});
