/**
 * User settings kept in localStorage: language, theme, font size, comparison options, the
 * last comparison (restored on the next start), whether the compare summary is expanded and
 * the compare view's row order. Reads defensively: a missing or
 * damaged entry gives the defaults.
 */
import type { DiffOptions } from '$lib/bindings';
import type { Lang } from '$lib/i18n/messages';
import { PAIR_ORDERS, type PairOrder } from '$lib/compare/rows';

export type Theme = 'light' | 'dark';

/** Options that re-run the comparison: the shell's diff options. */
export const DEFAULT_OPTIONS: DiffOptions = { granularity: 'word', ignore_whitespace: true, ignore_punct_width: true };

/** Font sizes offered, px. */
export const FONT_SIZES = [13, 14, 15, 16, 18, 20, 22] as const;

interface Stored {
  lang: Lang;
  theme: Theme;
  fontSize: number;
  options: DiffOptions;
  last: { left: number; right: number } | null;
  /** Whether the compare view's summary (key points, key differences, notes) is expanded. */
  summaryOpen: boolean;
  /** The compare view's row order. */
  rowOrder: PairOrder;
}

const STORAGE_KEY = 'policydiff.settings.v1';

function defaults(): Stored {
  const dark = typeof matchMedia === 'function' && matchMedia('(prefers-color-scheme: dark)').matches;
  return { lang: 'zh-CN', theme: dark ? 'dark' : 'light', fontSize: 15, options: { ...DEFAULT_OPTIONS }, last: null, summaryOpen: true, rowOrder: 'aligned' };
}

/** Parse a stored value, keeping only well-formed fields. */
export function parseStored(raw: string | null): Stored {
  const d = defaults();
  if (!raw) return d;
  let v: Partial<Record<keyof Stored, unknown>>;
  try {
    v = JSON.parse(raw) as typeof v;
  } catch {
    return d;
  }
  if (typeof v !== 'object' || v === null) return d;
  const o = (v.options ?? {}) as Partial<DiffOptions>;
  const last = v.last as Stored['last'];
  return {
    lang: v.lang === 'en' || v.lang === 'zh-CN' ? v.lang : d.lang,
    theme: v.theme === 'dark' || v.theme === 'light' ? v.theme : d.theme,
    fontSize: typeof v.fontSize === 'number' && v.fontSize >= 10 && v.fontSize <= 32 ? v.fontSize : d.fontSize,
    options: {
      granularity: o.granularity === 'char' ? 'char' : 'word',
      ignore_whitespace: typeof o.ignore_whitespace === 'boolean' ? o.ignore_whitespace : d.options.ignore_whitespace,
      ignore_punct_width: typeof o.ignore_punct_width === 'boolean' ? o.ignore_punct_width : d.options.ignore_punct_width,
    },
    last: last && Number.isInteger(last.left) && Number.isInteger(last.right) ? { left: last.left, right: last.right } : null,
    summaryOpen: typeof v.summaryOpen === 'boolean' ? v.summaryOpen : d.summaryOpen,
    rowOrder: PAIR_ORDERS.find((o) => o === v.rowOrder) ?? d.rowOrder,
  };
}

export class Settings {
  lang = $state<Lang>('zh-CN');
  theme = $state<Theme>('light');
  fontSize = $state(15);
  options = $state<DiffOptions>({ ...DEFAULT_OPTIONS });
  last = $state<{ left: number; right: number } | null>(null);
  summaryOpen = $state(true);
  rowOrder = $state<PairOrder>('aligned');

  constructor(private readonly storage: Storage | null = typeof localStorage === 'undefined' ? null : localStorage) {
    const s = parseStored(this.storage?.getItem(STORAGE_KEY) ?? null);
    this.lang = s.lang;
    this.theme = s.theme;
    this.fontSize = s.fontSize;
    this.options = s.options;
    this.last = s.last;
    this.summaryOpen = s.summaryOpen;
    this.rowOrder = s.rowOrder;
  }

  /** Write the settings. */
  save(): void {
    const s: Stored = { lang: this.lang, theme: this.theme, fontSize: this.fontSize, options: { ...this.options }, last: this.last, summaryOpen: this.summaryOpen, rowOrder: this.rowOrder };
    try {
      this.storage?.setItem(STORAGE_KEY, JSON.stringify(s));
    } catch {
      // Storage full or disabled: settings last for this session only.
    }
  }

  /** One step up or down the font size list. */
  stepFont(dir: 1 | -1): void {
    const i = FONT_SIZES.findIndex((f) => f >= this.fontSize);
    const at = i < 0 ? FONT_SIZES.length - 1 : i;
    this.fontSize = FONT_SIZES[Math.min(FONT_SIZES.length - 1, Math.max(0, at + dir))]!;
    this.save();
  }
}
