/**
 * Builds src/lib/backend/fixtures/gd-foshan.comparison.json: the Guangdong (粤办函〔2023〕41号)
 * vs Foshan (佛府办函〔2023〕75号) complaint-response plans, pair by pair, from the real
 * corpus lines (205–263 and 1979–2035). The pairing and the key differences are written by
 * hand (checked against /work/shared/gold/gd-fs-complaints.json); the word ops come from the
 * mock token diff, not from the Rust core. Run: npx vite-node scripts/make-gd-fs-fixture.ts
 */
import { readFileSync, writeFileSync } from 'node:fs';
import type { ClauseKind, Comparison, KeyDiff, Pair, Summary, UnitView } from '../src/lib/bindings.tmp';
import { similarity, tokenDiff } from '../src/lib/backend/mock/diff';
import { tidy } from '../src/lib/backend/mock/corpus';

const raw = readFileSync(new URL('../../assets/corpus/south-china-2023-business-environment.txt', import.meta.url), 'utf8');
const lines = raw.split('\n');
/** Corpus lines (1-based), tidied; `+` joins a broken paragraph, `,` a new paragraph. */
const L = (...ns: Array<number | string>) => {
  let out = '';
  for (const n of ns) {
    if (typeof n === 'string') out += n;
    else out += tidy(lines[n - 1]!);
  }
  return out;
};

type Side = [number, ClauseKind, string, string, string | null, string]; // clause, kind, path, label, heading, text
type Row = [Side, Side, KeyDiff[]];

const title = (s: string) => s.replace(/^\d+\.\s*/u, '').replace(/[（(][^（(]*日[）)]$/u, '');
const pt = (t: string) => t.slice(t.indexOf('.') + 1).split('。')[0]!;
const head = (t: string) => t.replace(/^[（(][一二三]+[）)]|^[一二三]、/u, '').split('。')[0]!;
const resp = (left: string, right: string, detail: string): KeyDiff => ({ kind: 'responsibility', left, right, detail });

const rows: Row[] = [];
const add = (l: Side, r: Side, k: KeyDiff[] = []) => rows.push([l, r, k]);

add([0, 'title', '¶1', '', null, title(L(205))], [0, 'title', '¶1', '', null, title(L(1979))]);
add([1, 'cover', '¶2', '', null, L(211)], [1, 'cover', '¶2', '', null, L(1985)]);
add([2, 'cover', '¶3', '', null, L(213)], [2, 'cover', '¶3', '', null, L(1987)]);
add([3, 'signature', '¶4', '', null, L(215, '\n', 217)], [3, 'signature', '¶4', '', null, L(1989, '\n', 1991)]);
add([4, 'title', '¶5', '', null, L(219)], [4, 'title', '¶5', '', null, L(1993)]);
add([5, 'preamble', '¶6', '', null, L(221)], [5, 'preamble', '¶6', '', null, L(1995)]);
add([6, 'item', '一', '一、', '工作目标', L(223, '\n', 225)], [6, 'item', '一', '一、', '工作目标', L(1997, '\n', 1999)], [
  { kind: 'scope', left: '省、市、县（市、区）', right: '省、市、区', detail: '层级范围：省、市、县（市、区） → 省、市、区' },
]);
add([7, 'item', '二', '二、', '重点任务', L(227)], [7, 'item', '二', '二、', '重点任务', L(2001)]);
const sub = (c: number, path: string, label: string, n: number): Side => [c, 'sub_item', path, label, head(L(n)), L(n)];
const point = (c: number, path: string, label: string, ...n: Array<number | string>): Side => [c, 'point', path, label, pt(L(...n)), L(...n)];
add(sub(8, '二/（一）', '（一）', 229), sub(8, '二/（一）', '（一）', 2003));
add(point(9, '二/（一）/1', '1.', 231), point(9, '二/（一）/1', '1.', 2005), [
  resp('省政务服务数据管理局牵头', '市行政服务中心、政务服务数据管理局牵头', '牵头单位：删除 省政务服务数据管理局；新增 市行政服务中心、市政务服务数据管理局'),
]);
add(point(10, '二/（一）/2', '2.', 233), point(10, '二/（一）/2', '2.', 2007), [
  resp('省政务服务数据管理局牵头', '市政务服务数据管理局牵头', '牵头单位：删除 省政务服务数据管理局；新增 市政务服务数据管理局'),
]);
add(point(11, '二/（一）/3', '3.', 235, 237), point(11, '二/（一）/3', '3.', 2009), [
  resp('省政务服务数据管理局牵头', '市政务服务数据管理局、行政服务中心牵头', '牵头单位：删除 省政务服务数据管理局；新增 市政务服务数据管理局、市行政服务中心'),
]);
add(sub(12, '二/（二）', '（二）', 239), sub(11, '二/（二）', '（二）', 2011));
add(point(13, '二/（二）/4', '4.', 241), point(12, '二/（二）/1', '1.', 2013), [
  { kind: 'scope', left: '省、市、县（市、区）', right: '市、区', detail: '层级范围：省、市、县（市、区） → 市、区' },
  resp('省政务服务数据管理局、发展改革委、工业和信息化厅、市场监管局、商务厅、农业农村厅牵头', '市行政服务中心、政务服务数据管理局、发展改革委、工业和信息化局、市场监管局、商务局、农业农村局、投资促进局牵头', '牵头单位：省级六部门 → 市级八部门（新增 市行政服务中心、投资促进局）'),
]);
add(point(14, '二/（二）/5', '5.', 243), point(13, '二/（二）/2', '2.', 2015), [
  resp('省政务服务数据管理局牵头', '市行政服务中心牵头', '牵头单位：删除 省政务服务数据管理局；新增 市行政服务中心'),
]);
add(point(15, '二/（二）/6', '6.', 245), point(14, '二/（二）/3', '3.', 2017), [
  { kind: 'scope', left: '有条件的地市', right: '各区各部门', detail: '适用范围：有条件的地市 → 各区各部门' },
]);
add(point(16, '二/（二）/7', '7.', 247), point(15, '二/（二）/4', '4.', 2019), [
  resp('省政务服务数据管理局、发展改革委、工业和信息化厅、市场监管局、商务厅、农业农村厅牵头', '市行政服务中心、发展改革局、工业和信息化局、市场监管局、商务局、农业农村局、投资促进局、市政府督查室牵头', '牵头单位：新增 投资促进局、市政府督查室；省级部门 → 市级部门'),
]);
add(point(17, '二/（二）/8', '8.', 249), point(16, '二/（二）/5', '5.', 2021), [
  resp('省政务服务数据管理局、发展改革委、工业和信息化厅、市场监管局、商务厅、农业农村厅牵头', '市工业和信息化局、发展改革局、市场监管局、商务局、农业农村局、投资促进局牵头', '牵头单位：删除 省政务服务数据管理局；新增 市工业和信息化局、投资促进局'),
]);
add(sub(18, '二/（三）', '（三）', 251), sub(17, '二/（三）', '（三）', 2023));
add(point(19, '二/（三）/9', '9.', 253), point(18, '二/（三）/1', '1.', 2025), [
  resp('省政务服务数据管理局、发展改革委负责', '市行政服务中心、发展改革局负责', '负责单位：省政务服务数据管理局、发展改革委 → 市行政服务中心、发展改革局'),
]);
add(point(20, '二/（三）/10', '10.', 255), point(19, '二/（三）/2', '2.', 2027), [
  { kind: 'scope', left: '国家和省层面', right: '国家、省、市层面', detail: '层级范围：国家和省层面 → 国家、省、市层面' },
  resp('省政务服务数据管理局、发展改革委负责', '市行政服务中心、发展改革局、工业和信息化局负责', '负责单位：新增 工业和信息化局；省级 → 市级'),
]);
add([21, 'item', '三', '三、', '保障措施', L(257)], [20, 'item', '三', '三、', '保障措施', L(2029)]);
add(sub(22, '三/（一）', '（一）', 259), sub(21, '三/（一）', '（一）', 2031));
add(sub(23, '三/（二）', '（二）', 261), sub(22, '三/（二）', '（二）', 2033), [
  { kind: 'obligation', left: '要予以通报并及时督促整改', right: '', detail: '约束：删除 “对工作进度滞后的，要予以通报并及时督促整改”' },
]);
add(sub(24, '三/（三）', '（三）', 263), sub(23, '三/（三）', '（三）', 2035));

const unit = ([clause, kind, path, label, heading, text]: Side): UnitView => ({ clause, kind, path, label, heading, text });
const pairs: Pair[] = rows.map(([l, r, key_diffs]) => {
  const ops = tokenDiff(l[5], r[5]);
  const same = l[5] === r[5];
  for (const k of key_diffs) {
    if (k.left && !l[5].includes(k.left)) throw new Error(`key diff left not in text: ${k.left}`);
    if (k.right && !r[5].includes(k.right)) throw new Error(`key diff right not in text: ${k.right}`);
  }
  return {
    kind: same ? 'same' : 'modified',
    similarity: Math.round(similarity(ops) * 1000) / 1000,
    left: unit(l),
    right: unit(r),
    ops,
    key_diffs,
    group: null,
  };
});

const nonSpace = (s: string) => [...s].filter((c) => !/\s/u.test(c)).length;
let kept = 0;
let lt = 0;
let rt = 0;
for (const p of pairs) {
  for (const op of p.ops) if (op.tag === 'equal') kept += nonSpace(op.text);
  lt += nonSpace(p.left!.text);
  rt += nonSpace(p.right!.text);
}
const summary: Summary = {
  same: pairs.filter((p) => p.kind === 'same').length,
  modified: pairs.filter((p) => p.kind === 'modified').length,
  moved: 0,
  split: 0,
  merged: 0,
  left_only: 0,
  right_only: 0,
  key_diffs: pairs.reduce((n, p) => n + p.key_diffs.length, 0),
  left_reused: Math.round((kept / lt) * 1000) / 1000,
  right_reused: Math.round((kept / rt) * 1000) / 1000,
};

const meta = {
  source_file: 'south-china-2023-business-environment.txt',
  fragment: false,
  excerpt: false,
  warnings: [] as string[],
};
const comparison: Comparison = {
  left: {
    id: 4,
    title: title(L(205)),
    issuer: '广东省人民政府办公厅',
    date: '2023-03-11',
    doc_number: '粤办函〔2023〕41号',
    province: '广东',
    city: null,
    level: 'province',
    source_url: L(207),
    ...meta,
  },
  right: {
    id: 19,
    title: title(L(1979)),
    issuer: '佛山市人民政府办公室',
    date: '2023-06-15',
    doc_number: '佛府办函〔2023〕75号',
    province: '广东',
    city: '佛山',
    level: 'city',
    source_url: L(1981),
    ...meta,
  },
  summary,
  pairs,
};
const out = new URL('../src/lib/backend/fixtures/gd-foshan.comparison.json', import.meta.url);
writeFileSync(out, JSON.stringify(comparison, null, 1) + '\n');
console.log(`${pairs.length} pairs`, summary);
