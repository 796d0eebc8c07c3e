/**
 * Turn the search index's UTF-8 byte ranges into pieces of a JS string to render as text
 * nodes (some marked). Byte offsets come from Rust `str` indices; JS strings index UTF-16
 * code units, so every offset is converted by walking the string once.
 */

/** A run of text, `hit` when it is part of a match. */
export interface Segment {
  text: string;
  hit: boolean;
}

/** UTF-8 length of one code point. */
function utf8Len(cp: number): number {
  return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
}

/**
 * Map byte offsets to UTF-16 indices. Offsets inside a character are moved to its start;
 * offsets past the end map to `text.length`.
 */
export function byteToIndex(text: string, offsets: readonly number[]): number[] {
  const sorted = [...new Set(offsets)].sort((a, b) => a - b);
  const map = new Map<number, number>();
  let byte = 0;
  let idx = 0;
  let k = 0;
  while (k < sorted.length && idx < text.length) {
    const cp = text.codePointAt(idx)!;
    const len = utf8Len(cp);
    while (k < sorted.length && sorted[k]! < byte + len) {
      map.set(sorted[k]!, idx);
      k++;
    }
    byte += len;
    idx += cp > 0xffff ? 2 : 1;
  }
  for (; k < sorted.length; k++) map.set(sorted[k]!, text.length);
  return offsets.map((o) => map.get(o)!);
}

/** Split `text` into plain and matched segments from byte ranges `[start, end)` (any order, may overlap). */
export function highlightByteRanges(text: string, ranges: ReadonlyArray<readonly [number, number]>): Segment[] {
  const valid = ranges.filter(([s, e]) => e > s && s >= 0);
  const idx = byteToIndex(text, valid.flat());
  const spans = valid
    .map((_, i) => [idx[2 * i]!, idx[2 * i + 1]!] as [number, number])
    .filter(([s, e]) => e > s)
    .sort((a, b) => a[0] - b[0]);
  // Merge overlapping spans.
  const merged: Array<[number, number]> = [];
  for (const s of spans) {
    const last = merged[merged.length - 1];
    if (last && s[0] <= last[1]) last[1] = Math.max(last[1], s[1]);
    else merged.push([s[0], s[1]]);
  }
  const out: Segment[] = [];
  let pos = 0;
  for (const [s, e] of merged) {
    if (s > pos) out.push({ text: text.slice(pos, s), hit: false });
    out.push({ text: text.slice(s, e), hit: true });
    pos = e;
  }
  if (pos < text.length) out.push({ text: text.slice(pos), hit: false });
  return out;
}

/** UTF-8 byte ranges of every occurrence of `needle` in `text` (used by the mock search). */
export function findByteRanges(text: string, needle: string): Array<[number, number]> {
  if (!needle) return [];
  const enc = new TextEncoder();
  const out: Array<[number, number]> = [];
  let from = 0;
  for (;;) {
    const i = text.indexOf(needle, from);
    if (i < 0) break;
    const start = enc.encode(text.slice(0, i)).length;
    out.push([start, start + enc.encode(needle).length]);
    from = i + needle.length;
  }
  return out;
}
