/**
 * The theme's kind colours are also text (badges and count chips at 0.78–0.85em): each must
 * reach 4.5:1 (WCAG AA, normal text) on the panels it stands on, in both themes.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const css = readFileSync(resolve(process.cwd(), 'src/app.css'), 'utf8');

function vars(block: string): Record<string, string> {
  return Object.fromEntries([...block.matchAll(/--([\w-]+):\s*(#[0-9a-f]{6})\b/giu)].map((m) => [m[1]!, m[2]!.toLowerCase()]));
}
const light = vars(css.slice(css.indexOf(':root {'), css.indexOf("[data-theme='dark']")));
const dark = { ...light, ...vars(css.slice(css.indexOf("[data-theme='dark']"), css.indexOf('* {'))) };

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}
function contrast(a: string, b: string): number {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
  return (x! + 0.05) / (y! + 0.05);
}

const TEXT = ['k-same', 'k-modified', 'k-moved', 'k-split', 'k-merged', 'k-left_only', 'k-right_only', 'k-related', 'muted'];
const BACKGROUNDS = ['panel', 'panel-2', 'current'];

describe('theme contrast', () => {
  it('computes the WCAG ratio', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
  });
  for (const [name, theme] of [['light', light], ['dark', dark]] as const) {
    it(`keeps kind colours at 4.5:1 or more on the panels (${name})`, () => {
      const low: string[] = [];
      for (const fg of TEXT) {
        for (const bg of BACKGROUNDS) {
          const r = contrast(theme[fg]!, theme[bg]!);
          if (r < 4.5) low.push(`${fg} ${theme[fg]} on ${bg} ${theme[bg]}: ${r.toFixed(2)}`);
        }
      }
      expect(low).toEqual([]);
    });
  }
});

/**
 * The quiet “相似/Similar” buttons (document view, clause cells, matrix rows) are quiet by their
 * colour, never by a fade: at rest, their text colour on their own background keeps 4.5:1 in
 * both themes, and no opacity lowers it (a 60% fade left 4.4:1 in the light theme).
 */
describe('quiet Similar buttons', () => {
  const QUIET = ['components/library/DocView.svelte', 'components/compare/ClauseCell.svelte', 'components/matrix/MatrixGrid.svelte'];
  for (const file of QUIET) {
    const src = readFileSync(resolve(process.cwd(), 'src', file), 'utf8');
    const style = src.slice(src.indexOf('<style>'));
    const rule = /(?:^|\n)\s*\.similar\s*\{([^}]*)\}/u.exec(style)?.[1] ?? '';
    const decl = (prop: string) => new RegExp(`(?:^|;)\\s*${prop}\\s*:\\s*([^;]+)`, 'u').exec(rule)?.[1]?.trim();
    it(`${file}: no fade, muted text at 4.5:1 or more on its background (both themes)`, () => {
      expect(rule).not.toBe('');
      expect(style).not.toMatch(/\.similar[^{]*\{[^}]*opacity/u);
      const fg = /^var\(--([\w-]+)\)$/u.exec(decl('color') ?? '')?.[1];
      const bg = /^var\(--([\w-]+)\)$/u.exec(decl('background') ?? '')?.[1];
      expect(fg).toBeDefined();
      expect(bg).toBeDefined();
      for (const theme of [light, dark]) expect(contrast(theme[fg!]!, theme[bg!]!)).toBeGreaterThanOrEqual(4.5);
    });
  }
});

/** A related pair's shared words stand on a tint: the text stays at 4.5:1 or more on it (both themes). */
describe('shared words tint', () => {
  it('keeps the text readable on --shared-bg', () => {
    for (const theme of [light, dark]) {
      expect(theme['shared-bg']).toBeDefined();
      expect(contrast(theme['text']!, theme['shared-bg']!)).toBeGreaterThanOrEqual(4.5);
    }
    expect(dark['shared-bg']).not.toBe(light['shared-bg']);
  });
});
