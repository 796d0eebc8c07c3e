/**
 * The plain-browser mock: the bundled example (Guangdong/Foshan) is served from the fixture, so
 * the documents must have the fixture's unit paths: every row of the example can ask for its
 * similar clauses, notes and documents at the same paths.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { EXAMPLE } from '$lib/app/session.svelte';

// The corpus chunk lies outside the UI's folder (the build reads it; the test server may not).
vi.mock('../../../../../assets/corpus/south-china-2023-business-environment.txt?raw', () => ({ default: '' }));
const { exampleBackend } = await import('./web');
const corpus = readFileSync(resolve(process.cwd(), '../assets/corpus/south-china-2023-business-environment.txt'), 'utf8');

async function example() {
  const b = exampleBackend(corpus);
  const rows = (await b.listDocumentsPage({ region: null, level: null, year: null, sort: 'id' }, 0, 500)).rows;
  const left = rows.find((r) => r.doc_number === EXAMPLE.left)!;
  const right = rows.find((r) => r.doc_number === EXAMPLE.right)!;
  expect(left && right).toBeTruthy();
  const c = await b.compareDocuments({ left: left.id, right: right.id, diff: { granularity: 'word', ignore_punct_width: true, ignore_whitespace: true } });
  return { b, c, left: left.id, right: right.id };
}

describe('web mock: the bundled example', () => {
  it('finds similar clauses for every unit of both sides (标题 included)', async () => {
    const { b, c, left, right } = await example();
    expect(c.pairs[0]!.left!.path).toBe('标题');
    const failed: string[] = [];
    for (const p of c.pairs) {
      for (const [doc, u] of [[left, p.left], [right, p.right]] as const) {
        if (!u) continue;
        try {
          await b.similarClauses(doc, u.path, 3);
        } catch (e) {
          failed.push(`${doc} ${u.path}: ${(e as Error).message}`);
        }
      }
    }
    expect(failed).toEqual([]);
    const found = await b.similarClauses(left, '标题', 10);
    expect(found.length).toBeGreaterThan(0);
    expect(found.every((s) => s.doc_id !== left)).toBe(true);
  });

  it('gives the documents the comparison’s outline, nested by path, with its clause indices', async () => {
    const { b, c, left } = await example();
    const doc = await b.getDocument(left);
    expect(doc.tree.clauses[0]!.path).toBe('标题');
    expect(doc.tree.clauses.some((x) => x.path.startsWith('¶'))).toBe(false);
    for (const p of c.pairs) if (p.left) expect(doc.tree.clauses[p.left.clause]?.path).toBe(p.left.path);
    const point = doc.tree.clauses.find((x) => x.path === '二/（一）/1')!;
    expect(doc.tree.clauses[point.parent!]!.path).toBe('二/（一）');
    expect(point.depth).toBe(2);
  });
});
