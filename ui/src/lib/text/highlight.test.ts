import { describe, expect, it } from 'vitest';
import { byteToIndex, findByteRanges, highlightByteRanges } from './highlight';

// Real clause from the Foshan plan (corpus line 2005), as the store returns it.
const text = '1.推进诉求服务标准化。按照省有关部署，结合“一网统管”治理事项标准化工作';

describe('byteToIndex', () => {
  it('maps UTF-8 byte offsets of CJK text (3 bytes each) to string indices', () => {
    // "1." is 2 bytes; each Han character 3 bytes.
    expect(byteToIndex(text, [0, 2, 5, 2 + 3 * 9])).toEqual([0, 2, 3, 11]);
  });
  it('handles characters outside the BMP (4 bytes, 2 UTF-16 units)', () => {
    const s = 'a𠀀b';
    expect(byteToIndex(s, [0, 1, 5, 6])).toEqual([0, 1, 3, 4]);
  });
  it('clamps offsets past the end and moves mid-character offsets to the character start', () => {
    expect(byteToIndex('标准', [4, 99])).toEqual([1, 2]);
  });
});

describe('highlightByteRanges', () => {
  it('marks the matched words and keeps the rest as plain text', () => {
    const ranges = findByteRanges(text, '标准化');
    expect(ranges).toEqual([[20, 29], [92, 101]]);
    const segs = highlightByteRanges(text, ranges);
    expect(segs.map((s) => s.text).join('')).toBe(text);
    expect(segs.filter((s) => s.hit).map((s) => s.text)).toEqual(['标准化', '标准化']);
    expect(segs[0]).toEqual({ text: '1.推进诉求服务', hit: false });
  });
  it('merges overlapping and unordered ranges and ignores empty ones', () => {
    const segs = highlightByteRanges('诉求响应服务', [[6, 12], [0, 9], [3, 3]]);
    expect(segs).toEqual([
      { text: '诉求响应', hit: true },
      { text: '服务', hit: false },
    ]);
  });
  it('returns the text unmarked without ranges', () => {
    expect(highlightByteRanges('文本', [])).toEqual([{ text: '文本', hit: false }]);
  });
});
