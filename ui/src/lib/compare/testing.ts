/**
 * Comparison builders for tests and measurements (not used by the app).
 */
import { tick } from 'svelte';
import type { Comparison, DocInfo, DocMeta, KeyDiff, Pair, PairKind, StoredDoc, UnitView } from '$lib/bindings';
import { similarity, tokenDiff } from '$lib/backend/mock/diff';

/** Lets pending timers, promises and Svelte updates run (a few rounds of each). */
export async function settle(rounds = 6): Promise<void> {
  for (let k = 0; k < rounds; k++) {
    await new Promise((r) => setTimeout(r, 0));
    await tick();
  }
}

/** A stored document with no text: a province-level document without details, `meta` laid over. */
export function storedDoc(id: number, meta: Partial<DocMeta> = {}): StoredDoc {
  return {
    id,
    meta: {
      title: `文件 ${id}`,
      issuer: null,
      date: null,
      doc_number: null,
      province: null,
      city: null,
      level: 'province',
      source_url: null,
      source_file: null,
      fragment: false,
      excerpt: false,
      warnings: [],
      ...meta,
    },
    original: '',
    text: '',
    tree: { clauses: [] },
  };
}

/** A unit view with a clause number and text. */
export function unit(clause: number, text: string, label = '', path = `¶${clause + 1}`): UnitView {
  return { clause, kind: label ? 'point' : 'paragraph', path, label, heading: null, text };
}

/** A pair built from two (optional) units, with ops from the mock diff. */
export function pair(kind: PairKind, left: UnitView | null, right: UnitView | null, group: number | null = null, key_diffs: KeyDiff[] = []): Pair {
  const ops = left && right ? tokenDiff(left.text, right.text) : [];
  return { kind, similarity: left && right ? similarity(ops) : 0, left, right, ops, key_diffs, group, manual: false };
}

export function docInfo(id: number, title: string): DocInfo {
  return {
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
  };
}

/** A comparison of the given pairs with a summary counted from them. */
export function comparisonOf(pairs: Pair[]): Comparison {
  const count = (k: PairKind) => pairs.filter((p) => p.kind === k).length;
  return {
    left: docInfo(1, '左'),
    right: docInfo(2, '右'),
    summary: {
      same: count('same'),
      modified: count('modified'),
      moved: count('moved'),
      split: count('split'),
      merged: count('merged'),
      left_only: count('left_only'),
      right_only: count('right_only'),
      related: count('related'),
      key_diffs: pairs.reduce((n, p) => n + p.key_diffs.length, 0),
      localisation: 0,
      left_reused: 0.8,
      right_reused: 0.7,
      left_units: { units: 0, matched: 0, related: 0 },
      right_units: { units: 0, matched: 0, related: 0 },
    },
    pairs,
    key_points: [],
  };
}

/**
 * Ten pairs, one of every kind, texts adapted from the Guangdong/Foshan plans:
 * 0 same, 1 modified (key diff), 2 left_only, 3–4 split (group 1), 5 moved (left clause 6
 * stands between left clauses 3 and 4), 6–7 merged (group 2), 8 same, 9 right_only.
 */
export function everyKind(): Comparison {
  const deadline: KeyDiff = { kind: 'deadline', left: '2023年底前', right: '2023年9月底前', detail: '时限：2023年底前 → 2023年9月底前', substantive: true, direction: 'stricter' };
  return comparisonOf([
    pair('same', unit(0, '一、工作目标'), unit(0, '一、工作目标')),
    pair('modified', unit(1, '在2023年底前，全面建成省、市、县三级联动的诉求响应机制。'), unit(1, '在2023年9月底前，全面建成市、区两级联动的诉求响应机制。'), null, [deadline]),
    pair('left_only', unit(2, '各地级以上市要抓紧制定本地区工作方案，并报省政务服务数据管理局备案。'), null),
    pair('split', unit(3, '动态完善知识库。构建完善平台知识库，强化智能客服机器人训练。'), unit(2, '动态完善知识库。构建完善平台知识库。')),
    pair('split', unit(3, '动态完善知识库。构建完善平台知识库，强化智能客服机器人训练。'), unit(3, '强化智能客服机器人训练。')),
    pair('moved', unit(6, '完善挂点联系工作机制。'), unit(4, '完善挂点联系工作机制。')),
    pair('merged', unit(4, '提升诉求办理实效。'), unit(5, '提升诉求办理实效，持续加强检查复核。'), 2),
    pair('merged', unit(5, '持续加强检查复核。'), unit(5, '提升诉求办理实效，持续加强检查复核。'), 2),
    pair('same', unit(7, '三、保障措施'), unit(6, '三、保障措施')),
    pair('right_only', null, unit(7, '由市行政服务中心统筹每季度向省政务服务数据管理局报送情况。')),
  ].map((p, i) => (i === 3 || i === 4 ? { ...p, group: 1 } : p)));
}
