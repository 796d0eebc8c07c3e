/**
 * The sentence of a key difference or a key point in the UI's language. In Chinese it is the
 * engine's own sentence (`detail`, as every export prints it); in another language it is
 * worded here from the parts the engine hands on with it (what changed, the old and the new
 * value), the values themselves quoted as the documents have them. A difference without parts
 * (JSON written before they existed) keeps the engine's sentence.
 */
import type { KeyDiff, KeyPart, KeyPoint } from '$lib/bindings';
import type { I18n } from '$lib/i18n/i18n.svelte';

type Words = Pick<I18n, 'lang' | 't' | 'clauses'>;

/**
 * One part: `Deadline: 2023年6月底前 → 2023年9月底前`, `Lead unit added: 市商务局`; a contrast of
 * two independently written provisions (a related pair's) `Duration compared: 20日内 ↔ 5个工作日内`.
 * An obligation word is changed from or to none, never added or removed (`Obligation: 探索 → none`:
 * a hedge dropped is a stronger obligation, which `Obligation removed` would belie).
 */
export function partText(part: KeyPart, { t }: Words): string {
  const label = t(`keyLabel.${part.label}`);
  const none = t('keyPart.none');
  const text = part.contrast
    ? t('keyPart.contrast', { label, left: part.left, right: part.right })
    : part.label === 'obligation'
      ? t('keyPart.changed', { label, left: part.left || none, right: part.right || none })
      : part.left && part.right
        ? t('keyPart.changed', { label, left: part.left, right: part.right })
        : part.right
          ? t('keyPart.added', { label, right: part.right })
          : t('keyPart.removed', { label, left: part.left });
  return part.context ? t('keyPart.context', { text, context: part.context }) : text;
}

/** The parts in sentence form, run on as the language does. */
function partsText(parts: KeyPart[], words: Words): string {
  return words.clauses(parts.map((p) => partText(p, words)));
}

/** A pair's key difference in the UI's language. */
export function keyDiffText(k: KeyDiff, words: Words): string {
  if (words.lang === 'zh-CN') return k.detail;
  if (k.kind === 'localisation') {
    const n = k.count ?? k.substitutions?.length ?? 0;
    return n === 1 ? words.t('keyPart.localisationOne') : words.t('keyPart.localisation', { n });
  }
  return k.parts?.length ? partsText(k.parts, words) : k.detail;
}

/** A key point in the UI's language, with the number of pairs it was found in. */
export function keyPointText(p: KeyPoint, words: Words): string {
  if (words.lang === 'zh-CN' || !p.parts?.length) return p.detail;
  const text = partsText(p.parts, words);
  return p.count > 1 ? words.t('keyPart.count', { text, n: p.count }) : text;
}
