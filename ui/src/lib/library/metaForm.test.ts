import { describe, expect, it } from 'vitest';
import type { DocMeta } from '$lib/bindings';
import { check, editOf, fieldsOf } from './metaForm';

const meta: DocMeta = {
  title: '广州市网上办事管理办法',
  issuer: '广州市人民政府',
  date: '2023-01-01',
  doc_number: null,
  province: '广东',
  city: '广州',
  level: 'city',
  source_url: null,
  source_file: null,
  fragment: false,
  excerpt: false,
  warnings: [],
};

describe('metadata form', () => {
  it('sends only the fields changed, trimmed, a cleared one blank', () => {
    const f = { ...fieldsOf(meta), title: ' 广州市网上办事管理办法（修订） ', city: '', level: 'district' as const };
    expect(editOf(meta, f)).toEqual({ title: '广州市网上办事管理办法（修订）', city: '', level: 'district' });
    expect(editOf(meta, fieldsOf(meta))).toEqual({});
    // Spaces around an unchanged value change nothing.
    expect(editOf(meta, { ...fieldsOf(meta), issuer: ' 广州市人民政府 ' })).toEqual({});
  });

  it('names the field of each problem as the library would', () => {
    const f = fieldsOf(meta);
    expect(check(f)).toEqual({});
    expect(check({ ...f, title: ' \u3000' })).toEqual({ title: 'titleBlank' });
    expect(check({ ...f, date: '2023/05/10' })).toEqual({ date: 'dateFormat' });
    expect(check({ ...f, date: '2023-5-10' })).toEqual({ date: 'dateFormat' });
    expect(check({ ...f, date: '2023-02-29' })).toEqual({ date: 'dateInvalid' });
    expect(check({ ...f, date: '2023-13-01' })).toEqual({ date: 'dateInvalid' });
    expect(check({ ...f, date: '2024-02-29' })).toEqual({});
    expect(check({ ...f, date: '' })).toEqual({});
    expect(check({ ...f, issuer: '广州\u202e市' })).toEqual({ issuer: 'hidden' });
    expect(check({ ...f, level: 'county' as never })).toEqual({ level: 'level' });
  });
});
