/**
 * A rough clause outline for the mock backend only (the product parses in the Rust core):
 * one clause per non-empty paragraph, depth from the Chinese numbering label.
 */
import type { Clause, ClauseKind, ClauseTree } from '$lib/bindings';

const LABELS: Array<[RegExp, ClauseKind, number]> = [
  [/^(第[一二三四五六七八九十百]+章)\s*/u, 'chapter', 0],
  [/^(第[一二三四五六七八九十百]+条)\s*/u, 'article', 1],
  [/^([一二三四五六七八九十]+、)\s*/u, 'item', 0],
  [/^([（(][一二三四五六七八九十]+[）)])\s*/u, 'sub_item', 1],
  [/^(\d+[.．、])\s*/u, 'point', 2],
  [/^([（(]\d+[）)])\s*/u, 'sub_point', 3],
];

/** Parse paragraphs (already split) into a flat clause tree with parents by depth. */
export function roughTree(paragraphs: string[], title: string): ClauseTree {
  const clauses: Clause[] = [];
  const stack: number[] = [];
  let body = false;
  paragraphs.forEach((p, index) => {
    let kind: ClauseKind = body ? 'paragraph' : 'cover';
    let label = '';
    let depth = 0;
    if (index === 0 || p === title) {
      kind = 'title';
    } else {
      for (const [re, k, d] of LABELS) {
        const m = re.exec(p);
        if (m) {
          kind = k;
          label = m[1]!;
          depth = d;
          body = true;
          break;
        }
      }
    }
    if (label === '' && kind !== 'title') {
      // Un-numbered paragraph: child of the last numbered clause, if any.
      depth = stack.length;
    }
    while (stack.length > depth) stack.pop();
    const parent = stack.length ? stack[stack.length - 1]! : null;
    const path = [...stack.map((s) => clauses[s]!.label), label || `¶${index + 1}`]
      .map((l) => l.replace(/[、.．]/gu, ''))
      .join('/');
    const heading = label ? (/^[^。；]{2,30}。?$/u.exec(p.slice(label.length))?.[0] ?? null) : null;
    clauses.push({
      index,
      parent,
      children: [],
      depth,
      kind,
      label,
      path,
      heading,
      text: p,
      original: p,
      in_article: false,
    });
    if (parent !== null) clauses[parent]!.children.push(index);
    if (label) stack.push(index);
  });
  return { clauses };
}
