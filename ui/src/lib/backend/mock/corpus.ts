/**
 * Mock library built from the bundled corpus text (the same file the shell imports on first
 * run): splits the compilation into documents by their numbered, dated title lines and
 * guesses metadata with simple rules. For the mock/web backend only; the product imports in
 * the Rust core.
 */
import type { DocRow, Level, StoredDoc } from '$lib/bindings';
import { roughTree } from './parse';

const TITLE = /^[0-9]+\s*\.\s*(\S.*?)\s*[（(]\s*(20[0-9]{2})\s*年\s*([0-9]{1,2})\s*月\s*([0-9]{1,2})\s*日\s*[）)]\s*$/u;
const NUMBERED = /^[0-9]+\s*\.\s*\S/u;
const DOC_NUMBER = /([\u4e00-\u9fff]{1,8})\s*[〔（(［[]\s*(20[0-9]{2})\s*[〕）)］\]]\s*([0-9]+)\s*号/u;
const CITIES = ['深圳', '广州', '汕尾', '汕头', '佛山', '东莞', '惠州', '江门', '云浮', '北海', '三亚', '海口'];
const PROVINCES: Array<[string, string[]]> = [
  ['广东', ['广东', '深圳', '广州', '汕尾', '汕头', '佛山', '东莞', '惠州', '江门', '云浮']],
  ['广西', ['广西', '北海']],
  ['海南', ['海南', '三亚', '海口']],
  ['湖北', ['湖北']],
];

/** Normalise CJK spacing the way the cleaner does (drop spaces next to CJK characters). */
export function tidy(s: string): string {
  return s
    .replace(/\s+/gu, ' ')
    .replace(/ ?([\u3000-\u303f\u4e00-\u9fff\uff00-\uffef“”]) ?/gu, '$1')
    .trim();
}

/** Split the corpus into documents (title line + following paragraphs). */
export function splitCorpus(raw: string): Array<{ line: number; title: string; date: string; paragraphs: string[] }> {
  const lines = raw.split(/\r?\n/u);
  const docs: Array<{ line: number; title: string; date: string; paragraphs: string[] }> = [];
  let cur: (typeof docs)[number] | null = null;
  for (let i = 0; i < lines.length; i++) {
    let ln = lines[i]!.trim();
    if (!ln) continue;
    let consumed = i;
    if (NUMBERED.test(ln) && !TITLE.test(ln)) {
      // Wrapped title: the date is on the next non-blank line (within 3 lines).
      for (let k = i + 1; k <= i + 3 && k < lines.length; k++) {
        const next = lines[k]!.trim();
        if (!next) continue;
        if (next.length < 60 && TITLE.test(`${ln}${next}`)) {
          ln = `${ln}${next}`;
          consumed = k;
        }
        break;
      }
    }
    const m = TITLE.exec(ln);
    if (m) {
      const date = `${m[2]}-${m[3]!.padStart(2, '0')}-${m[4]!.padStart(2, '0')}`;
      cur = { line: i + 1, title: tidy(m[1]!), date, paragraphs: [] };
      docs.push(cur);
      i = consumed;
      continue;
    }
    cur?.paragraphs.push(tidy(ln));
  }
  return docs;
}

/** Library rows and documents of the corpus, ids from 1 in corpus order. */
export function corpusLibrary(raw: string): StoredDoc[] {
  return splitCorpus(raw).map((d, n) => {
    const head = d.paragraphs.slice(0, 6).join('\n');
    const num = DOC_NUMBER.exec(head);
    const docNumber = num ? `${num[1]}〔${num[2]}〕${num[3]}号` : null;
    const city = CITIES.find((c) => d.title.startsWith(c) || d.title.includes(`${c}市`)) ?? null;
    const province = PROVINCES.find(([, keys]) => keys.some((k) => d.title.includes(k)))?.[0] ?? null;
    const level: Level = city ? 'city' : province ? 'province' : 'other';
    const issuerEnd = d.title.indexOf('关于');
    const issuer = issuerEnd > 0 ? d.title.slice(0, issuerEnd) : null;
    const paragraphs = [d.title, ...d.paragraphs.filter((p) => !/^https?:\/\//u.test(p))];
    const text = paragraphs.join('\n');
    return {
      id: n + 1,
      meta: {
        title: d.title,
        issuer,
        date: d.date,
        doc_number: docNumber,
        province,
        city,
        level,
        source_url: d.paragraphs.find((p) => /^https?:\/\//u.test(p)) ?? null,
        source_file: 'south-china-2023-business-environment.txt',
        fragment: false,
        excerpt: text.includes('省略部分内容'),
        warnings: [],
      },
      original: text,
      text,
      tree: roughTree(paragraphs, d.title),
    };
  });
}

/** The library row of a stored document. */
export function toRow(d: StoredDoc): DocRow {
  return { id: d.id, ...d.meta, clause_count: d.tree.clauses.length, chars: [...d.text].length, title_shared: false };
}
