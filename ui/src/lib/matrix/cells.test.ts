import { describe, expect, it } from 'vitest';
import type { Matrix, MatrixCell } from '$lib/bindings';
import gd from '$lib/backend/fixtures/gd.matrix.json';
import { adopted, badges, gist, showsRow, visibleRows } from './cells';

// The core's matrix of Guangdong's plan against Foshan's and two unrelated Hainan documents.
const m = gd as Matrix;

describe('matrix cells', () => {
  it('the fixture is Guangdong against Foshan and two unrelated documents', () => {
    expect(m.documents.map((d) => d.doc_number)).toEqual(['佛府办函〔2023〕75号', '琼知规〔2023〕1号', null]);
    expect(m.documents[0]!.coverage).toBe(1);
    expect(m.documents[1]!.coverage).toBeLessThan(0.1);
  });

  it('filters: rows some document leaves out, rows some document changed', () => {
    const missing = visibleRows(m, 'missing', 'reading');
    const changed = visibleRows(m, 'changed', 'reading');
    expect(missing.length).toBeGreaterThan(0);
    expect(missing.every((i) => m.rows[i]!.cells.some((c) => c.kind === 'missing'))).toBe(true);
    expect(changed.every((i) => m.rows[i]!.cells.some((c) => c.kind === 'modified' || c.kind === 'related'))).toBe(true);
    // A row that every document took over unchanged is in neither.
    const allSame = { unit: m.rows[0]!.unit, cells: m.rows[0]!.cells.map((c) => ({ ...c, kind: 'same' as const })) };
    expect(showsRow('missing', allSame)).toBe(false);
    expect(showsRow('changed', allSame)).toBe(false);
    expect(visibleRows(m, 'all', 'reading')).toEqual(m.rows.map((_, i) => i));
  });

  it('sorting by adoption puts the most adopted first and keeps reading order among equals', () => {
    // Each item of the fixture is Foshan's alone; here the last one is every document's too.
    const last = m.rows.length - 1;
    expect(m.rows[last]!.unit.structural).toBe(false);
    const rows = m.rows.map((r, i) => (i === last ? { ...r, cells: r.cells.map((c) => ({ ...c, kind: 'modified' as const })) } : r));
    const order = visibleRows({ ...m, rows }, 'all', 'adoption');
    expect(order[0]).toBe(last);
    // The title, cover letter, signature and bare headings are not counted: last, in reading order.
    const roles = order.filter((i) => rows[i]!.unit.structural);
    expect(roles.length).toBeGreaterThan(0);
    expect(order.slice(-roles.length)).toEqual(roles);
    expect(roles.every((i) => adopted(rows[i]!) === null)).toBe(true);
    expect([...roles].sort((a, b) => a - b)).toEqual(roles);
    const counts = order.slice(0, -roles.length).map((i) => adopted(rows[i]!)!);
    expect([...counts].sort((a, b) => b - a)).toEqual(counts);
    for (let k = 1; k < order.length; k++) {
      if (counts[k] === counts[k - 1]) expect(order[k]!).toBeGreaterThan(order[k - 1]!);
    }
    expect(counts[0]).toBeGreaterThan(counts[counts.length - 1]!);
  });

  it('badges: substantive key differences, each kind and direction once', () => {
    const item4 = m.rows.find((r) => r.unit.path === '二/（二）/4')!;
    const fs = item4.cells[0]!;
    expect(fs.paths).toEqual(['二/（二）/1']);
    const kinds = badges(fs).map((b) => b.kind);
    expect(kinds).toContain('responsibility');
    expect(new Set(kinds.map((k, i) => `${k}:${badges(fs)[i]!.direction}`)).size).toBe(kinds.length);
    const cell: MatrixCell = {
      doc: 1,
      kind: 'modified',
      similarity: 0.8,
      paths: ['一'],
      key_diffs: [
        { kind: 'deadline', left: '2023年底前', right: '2023年9月底前', detail: '', substantive: true, direction: 'stricter' },
        { kind: 'deadline', left: '2023年底前', right: '2023年9月底前', detail: '', substantive: true, direction: 'stricter' },
        { kind: 'localisation', left: '省', right: '市', detail: '', substantive: false },
      ],
    };
    expect(badges(cell)).toEqual([{ kind: 'deadline', direction: 'stricter' }]);
  });

  it("names: the core's column names and the gist of a unit", () => {
    // Two Hainan documents are told apart by their subjects.
    expect(m.documents.map((d) => d.name)).toEqual(['佛山', '海南 · 专利奖评奖办法', '海南 · 营商环境制度集成创新…']);
    const item4 = m.rows.find((r) => r.unit.path === '二/（二）/4')!;
    expect(gist(item4.unit)).toBe('完善诉求响应协调机制');
    expect(gist({ label: '一、', heading: null, text: '一、为了规范网上办事，提高政务服务效率，制定本办法。' })).toBe('为了规范网上办事，提高政务服务效…');
  });
});
