import { describe, expect, it } from 'vitest';
import type { KeyDiff, Pair, SimilarClause, UnitView } from '$lib/bindings';
import { contrastRuns, contrastValues, similarRuns } from './contrast';

const unit = (text: string, clause: number): UnitView => ({ clause, kind: 'item', path: String(clause), label: '', heading: null, text });

const left = '各采购单位原则上在中标（成交）通知书发出之日起20日内签订政府采购合同，采购单位应当自收到发票后15日内完成资金支付。';
const right = '采购人应当在中标、成交通知书发出之日起5个工作日内签订政府采购合同，并在合同签订的1个工作日内公告。';

function contrast(l: string, r: string): KeyDiff {
  return {
    kind: 'quantity',
    left: l,
    right: r,
    detail: `时长对比：${l} ↔ ${r}`,
    substantive: true,
    direction: 'changed',
    parts: [{ label: 'duration', left: l, right: r, context: '通知书发出之日起', contrast: true }],
  };
}

function pair(kind: Pair['kind'], keys: KeyDiff[]): Pair {
  return {
    kind,
    similarity: 0.61,
    left: unit(left, 1),
    right: unit(right, 2),
    ops: [
      { tag: 'delete', text: left },
      { tag: 'insert', text: right },
    ],
    key_diffs: keys,
    group: null,
    manual: false,
  };
}

const marked = (runs: { text: string; contrast?: boolean }[]) => runs.filter((r) => r.contrast).map((r) => r.text);

describe('contrast values in a related pair’s texts', () => {
  it('marks the left value on the left and the right value on the right, the text unchanged', () => {
    const p = pair('related', [contrast('20日内', '5个工作日内')]);
    const l = contrastRuns(p, 'left');
    const r = contrastRuns(p, 'right');
    expect(marked(l)).toEqual(['20日内']);
    expect(marked(r)).toEqual(['5个工作日内']);
    expect(l.map((x) => x.text).join('')).toBe(left);
    expect(r.map((x) => x.text).join('')).toBe(right);
  });

  it('marks nothing in a pair that is no related pair, nor a value a key difference only changes', () => {
    const p = pair('modified', [contrast('20日内', '5个工作日内')]);
    expect(contrastValues(p, 'left')).toEqual([]);
    expect(marked(contrastRuns(p, 'left'))).toEqual([]);
    const changed: KeyDiff = { ...contrast('15日内', '1个工作日内'), parts: [{ label: 'duration', left: '15日内', right: '1个工作日内' }] };
    expect(marked(contrastRuns(pair('related', [changed]), 'right'))).toEqual([]);
  });

  it('matches full- and half-width alike and leaves a value the text spells otherwise unmarked', () => {
    const p = pair('related', [contrast('２０日内', '五个工作日内')]);
    expect(marked(contrastRuns(p, 'left'))).toEqual(['20日内']);
    expect(marked(contrastRuns(p, 'right'))).toEqual([]);
  });
});

describe('contrast values in a similar clause shown as it reads', () => {
  it('marks the similar clause’s own values, the chosen clause’s runs left out', () => {
    const c: SimilarClause = {
      doc_id: 24,
      title: '惠州',
      path: '八',
      label: '八、',
      text: left,
      similarity: 0.28,
      diff: [
        { tag: 'delete', text: '采购人应当在5个工作日内签订合同。' },
        { tag: 'insert', text: left },
      ],
      contrasts: [contrast('5个工作日内', '20日内')],
    };
    const runs = similarRuns(c);
    expect(runs.map((r) => r.text).join('')).toBe(left);
    expect(runs.filter((r) => r.hit).map((r) => r.text)).toEqual(['20日内']);
    // Without contrasts, nothing is marked.
    expect(similarRuns({ ...c, contrasts: undefined }).some((r) => r.hit)).toBe(false);
  });
});
