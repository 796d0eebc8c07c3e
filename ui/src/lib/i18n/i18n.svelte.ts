/**
 * The UI language and the one function every shown string goes through: `t(key, vars)`.
 * Reactive: components re-render when `lang` changes.
 */
import { getContext, setContext } from 'svelte';
import type { ReportLang } from '$lib/bindings';
import { dictionaries, type Lang, type MessageKey } from './messages';

/** The language of an exported report for a UI language: its own words, as the UI's. */
export function reportLang(lang: Lang): ReportLang {
  return lang === 'zh-CN' ? 'zh' : 'en';
}

/** Values for `{name}` placeholders. */
export type Vars = Record<string, string | number>;

/** Fill `{name}` placeholders. Unknown names are left as they are. */
export function format(template: string, vars?: Vars): string {
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/gu, (m, name: string) => (name in vars ? String(vars[name]) : m));
}

/**
 * Separators of each language: a list's (`、` / `, `), a run of clauses' (`；` / `; `) and a
 * parenthesis's (`（…）` / ` (…)`).
 */
const PUNCTUATION: Record<Lang, { list: string; clauses: string; open: string; close: string }> = {
  'zh-CN': { list: '、', clauses: '；', open: '（', close: '）' },
  en: { list: ', ', clauses: '; ', open: ' (', close: ')' },
};

/** The parser's names of un-numbered units (crates/parse/src/tree.rs) and their messages. */
const UNIT_NAMES = { 标题: 'unit.title', 印发通知: 'unit.cover', 落款: 'unit.signature', 序言: 'unit.preamble' } as const;

/** Translator bound to a reactive language. */
export class I18n {
  lang = $state<Lang>('zh-CN');

  constructor(lang: Lang = 'zh-CN') {
    this.lang = lang;
  }

  /** The message for `key` in the current language. */
  t = (key: MessageKey, vars?: Vars): string => format(dictionaries[this.lang][key], vars);

  /** A share 0–1 as a whole percentage, e.g. `87%`. */
  percent = (share: number): string => `${Math.round(share * 100)}%`;

  /** Items joined as the language lists them: `范围、条件` / `Scope, Condition`. */
  list = (items: readonly string[]): string => items.join(PUNCTUATION[this.lang].list);

  /** Clauses joined as the language runs them on: `A；B` / `A; B`. */
  clauses = (items: readonly string[]): string => items.join(PUNCTUATION[this.lang].clauses);

  /**
   * A unit's path as shown: the names the parser gives un-numbered units (标题, 印发通知, 落款,
   * 序言, 段N, 款N, with a `#2` for a repeat) in the UI's language; the document's own labels
   * (一, （二）, 3) as they are. The path itself (an identifier) is never changed.
   */
  unitPath = (path: string): string =>
    path
      .split('/')
      .map((seg) => {
        const named = /^(标题|印发通知|落款|序言)(#\d+)?$/u.exec(seg);
        if (named) return `${this.t(UNIT_NAMES[named[1] as keyof typeof UNIT_NAMES])}${named[2] ?? ''}`;
        const numbered = /^(段|款)(\d+)(#\d+)?$/u.exec(seg);
        if (numbered) return `${this.t(numbered[1] === '段' ? 'unit.paragraph' : 'unit.kuan', { n: numbered[2]! })}${numbered[3] ?? ''}`;
        return seg;
      })
      .join('/');

  /**
   * The arguments of a hint naming possible counterparts (可能对应): their paths listed, and
   * the strongest match (the first) as a percentage.
   */
  counterparts = (found: readonly { path: string; strength: number }[]): { paths: string; pct: string } => ({
    paths: this.list(found.map((x) => this.unitPath(x.path))),
    pct: this.percent(found[0]?.strength ?? 0),
  });

  /** An aside after a word, in the language's parentheses: `（7）` / ` (7)` (with its space). */
  paren = (text: string | number): string => {
    const p = PUNCTUATION[this.lang];
    return `${p.open}${text}${p.close}`;
  };
}

const KEY = Symbol('i18n');
/** Provide the translator to the component tree. */
export function setI18n(i18n: I18n): I18n {
  return setContext(KEY, i18n);
}
/** The translator provided by an ancestor. */
export function getI18n(): I18n {
  return getContext<I18n>(KEY);
}
