/**
 * A small token diff for the mock backend and fixture generation (NOT the product's diff,
 * which is the Rust core's). Tokens: one CJK character, or a run of ASCII letters/digits.
 * Hands on `WordOp[]` with adjacent runs of the same tag merged, and a similarity figure.
 */
import type { WordOp } from '$lib/bindings';

const TOKEN = /[A-Za-z0-9.%]+|\s+|./gsu;

/** Split text into diff tokens. */
export function tokenize(text: string): string[] {
  return text.match(TOKEN) ?? [];
}

/** LCS diff of two texts, token by token (O(n·m); keep inputs to a few thousand tokens). */
export function tokenDiff(left: string, right: string): WordOp[] {
  const a = tokenize(left);
  const b = tokenize(right);
  const n = a.length;
  const m = b.length;
  const w = m + 1;
  const dp = new Uint16Array((n + 1) * w);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      dp[i * w + j] =
        a[i] === b[j] ? dp[(i + 1) * w + j + 1]! + 1 : Math.max(dp[(i + 1) * w + j]!, dp[i * w + j + 1]!);
    }
  }
  const ops: WordOp[] = [];
  const push = (tag: WordOp['tag'], text: string) => {
    const last = ops[ops.length - 1];
    if (last && last.tag === tag) last.text += text;
    else ops.push({ tag, text });
  };
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) {
      push('equal', a[i]!);
      i++;
      j++;
    } else if (i < n && (j >= m || dp[(i + 1) * w + j]! >= dp[i * w + j + 1]!)) {
      push('delete', a[i]!);
      i++;
    } else {
      push('insert', b[j]!);
      j++;
    }
  }
  return ops;
}

/** Share of non-space characters kept: 2·equal / (left + right), 0–1. */
export function similarity(ops: WordOp[]): number {
  let eq = 0;
  let l = 0;
  let r = 0;
  for (const op of ops) {
    const n = [...op.text].filter((c) => !/\s/u.test(c)).length;
    if (op.tag === 'equal') {
      eq += n;
      l += n;
      r += n;
    } else if (op.tag === 'delete') l += n;
    else r += n;
  }
  return l + r === 0 ? 1 : (2 * eq) / (l + r);
}
