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

const TEXT = ['k-same', 'k-modified', 'k-moved', 'k-split', 'k-merged', 'k-left_only', 'k-right_only', 'muted'];
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
