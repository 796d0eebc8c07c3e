/**
 * The document metadata form: its fields as the user types them, the checks the library makes
 * too (so a mistake is named at the field before anything is sent), and the edit it sends: only
 * the fields the user changed, so a colleague's change to another field is not overwritten.
 */
import type { DocMeta, Level, MetaEdit } from '$lib/bindings';

/** The levels a document can have, in the order the form offers them. */
export const LEVELS: readonly Level[] = ['province', 'city', 'district', 'other'];

/** The form's fields (texts as typed; blank clears a field). */
export interface MetaFields {
  title: string;
  issuer: string;
  date: string;
  doc_number: string;
  province: string;
  city: string;
  level: Level;
  source_url: string;
}

/** The fields a form can name in an error. */
export type MetaField = keyof MetaFields;

/** Why a field cannot be saved: an i18n key (`meta.error.<reason>`). */
export type MetaProblem = 'titleBlank' | 'dateFormat' | 'dateInvalid' | 'level' | 'hidden';

/** The form's fields filled from stored metadata. */
export function fieldsOf(meta: DocMeta): MetaFields {
  return {
    title: meta.title,
    issuer: meta.issuer ?? '',
    date: meta.date ?? '',
    doc_number: meta.doc_number ?? '',
    province: meta.province ?? '',
    city: meta.city ?? '',
    level: meta.level,
    source_url: meta.source_url ?? '',
  };
}

/** Control, bidirectional and invisible characters, which the library refuses (import removes them). */
// eslint-disable-next-line no-control-regex
const HIDDEN = /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/u;

/** Whether `date` (trimmed, not empty) is a calendar date written YYYY-MM-DD. */
function dateProblem(date: string): MetaProblem | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/u.exec(date);
  if (!m) return 'dateFormat';
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mo - 1];
  return y >= 1000 && days !== undefined && d >= 1 && d <= days ? null : 'dateInvalid';
}

/** What is wrong with the form, field by field (empty when it can be saved). */
export function check(f: MetaFields): Partial<Record<MetaField, MetaProblem>> {
  const out: Partial<Record<MetaField, MetaProblem>> = {};
  for (const key of ['title', 'issuer', 'date', 'doc_number', 'province', 'city', 'source_url'] as const) {
    if (HIDDEN.test(f[key])) out[key] = 'hidden';
  }
  if (!out.title && f.title.trim() === '') out.title = 'titleBlank';
  const date = f.date.trim();
  if (!out.date && date !== '') {
    const p = dateProblem(date);
    if (p) out.date = p;
  }
  if (!LEVELS.includes(f.level)) out.level = 'level';
  return out;
}

/** The edit of the fields changed from `meta` (trimmed; a cleared field is sent blank). */
export function editOf(meta: DocMeta, f: MetaFields): MetaEdit {
  const before = fieldsOf(meta);
  const edit: MetaEdit = {};
  for (const key of ['title', 'issuer', 'date', 'doc_number', 'province', 'city', 'source_url'] as const) {
    const v = f[key].trim();
    if (v !== before[key]) edit[key] = v;
  }
  if (f.level !== meta.level) edit.level = f.level;
  return edit;
}
