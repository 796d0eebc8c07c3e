import { describe, expect, it } from 'vitest';
import type { Comparison, KeyPart } from '$lib/bindings';
import gdfs from '$lib/backend/fixtures/gd-foshan.comparison.json';
import reportSentences from '$lib/backend/fixtures/gd-foshan.sentences.en.json';
import { I18n } from '$lib/i18n/i18n.svelte';
import { keyDiffText, keyPointText, partText } from './sentences';

const c = gdfs as Comparison;
const zh = new I18n('zh-CN');
const en = new I18n('en');
const HAN = /\p{Script=Han}/u;

/** The sentence with the quoted document text taken out: what the UI itself words. */
function frame(text: string, parts: KeyPart[]): string {
  const quoted = parts.flatMap((p) => [p.left, p.right, p.context ?? '']).filter((v) => v);
  // Longest first, so a value inside another is not cut out of it.
  return quoted.sort((a, b) => b.length - a.length).reduce((t, v) => t.split(v).join(''), text);
}

describe('key differences and key points in the UI language (Guangdong/Foshan)', () => {
  const diffs = c.pairs.flatMap((p) => p.key_diffs);

  it('says the engine’s own sentence in Chinese', () => {
    expect(c.key_points.length).toBeGreaterThan(5);
    for (const p of c.key_points) expect(keyPointText(p, zh)).toBe(p.detail);
    for (const k of diffs) expect(keyDiffText(k, zh)).toBe(k.detail);
  });

  it('words every point in English around the documents’ own values', () => {
    for (const p of c.key_points) {
      expect(p.parts?.length, p.detail).toBeGreaterThan(0);
      const text = keyPointText(p, en);
      for (const part of p.parts!) expect(text).toContain(part.left || part.right);
      expect(frame(text, p.parts!), text).not.toMatch(HAN);
      if (p.count > 1) expect(text).toContain(`(${p.count} places)`);
    }
    const lead = c.key_points.find((p) => p.parts?.[0]?.label === 'lead_unit' && p.parts[0].right);
    expect(lead, 'a new lead unit among the points').toBeDefined();
    expect(keyPointText(lead!, en)).toMatch(/^Lead unit added: /u);
  });

  it('words every key difference in English, localisation by its count', () => {
    const local = diffs.filter((k) => k.kind === 'localisation');
    expect(local.length).toBeGreaterThan(0);
    for (const k of local) {
      expect(keyDiffText(k, en)).toBe(k.count === 1 ? '1 localisation substitution' : `${k.count} localisation substitutions`);
    }
    expect(local.some((k) => k.count === 1) && local.some((k) => k.count! > 1)).toBe(true);
    const others = diffs.filter((k) => k.kind !== 'localisation');
    expect(others.length).toBeGreaterThan(0);
    for (const k of others) {
      expect(k.parts?.length, k.detail).toBeGreaterThan(0);
      expect(frame(keyDiffText(k, en), k.parts!), k.detail).not.toMatch(HAN);
    }
  });

  it('says a change, an addition and a removal each its own way, with the quoted context', () => {
    const part = (left: string, right: string, context?: string): KeyPart => ({ label: 'deadline', left, right, context });
    expect(partText(part('2023年6月底前', '2023年9月底前'), en)).toBe('Deadline: 2023年6月底前 → 2023年9月底前');
    expect(partText(part('', '2023年9月底前'), en)).toBe('Deadline added: 2023年9月底前');
    expect(partText(part('2023年6月底前', ''), en)).toBe('Deadline removed: 2023年6月底前');
    expect(partText({ label: 'obligation', left: '应当', right: '可以', context: '开展评估' }, en)).toBe('Obligation: 应当 → 可以 (开展评估)');
    // A hedge dropped, a duty laid: from or to none, not removed or added.
    expect(partText({ label: 'obligation', left: '探索', right: '', context: '' }, en)).toBe('Obligation: 探索 → none');
    expect(partText({ label: 'obligation', left: '', right: '应当', context: '' }, en)).toBe('Obligation: none → 应当');
    // A related pair's contrast: two independently written provisions' values side by side.
    const contrast: KeyPart = { label: 'duration', left: '20日内', right: '5个工作日内', context: '通知书发出之日起', contrast: true };
    expect(partText(contrast, en)).toBe('Duration compared: 20日内 ↔ 5个工作日内 (通知书发出之日起)');
  });

  it('says in English exactly what the English reports print (generated from the Rust wording)', () => {
    const rs = reportSentences as { key_points: string[]; key_diffs: string[]; labels: { parts: KeyPart[]; sentence: string }[] };
    expect(c.key_points.map((p) => keyPointText(p, en))).toEqual(rs.key_points);
    expect(diffs.map((k) => keyDiffText(k, en))).toEqual(rs.key_diffs);
    const base = diffs.find((k) => k.kind !== 'localisation')!;
    expect(rs.labels.length).toBeGreaterThan(10);
    for (const { parts, sentence } of rs.labels) expect(keyDiffText({ ...base, parts }, en)).toBe(sentence);
  });

  it('keeps the engine’s sentence for JSON written before the parts', () => {
    const p = { ...c.key_points[0]!, parts: undefined };
    expect(keyPointText(p, en)).toBe(p.detail);
  });
});
