/**
 * A document's name in a picker (a select's option, a slot, a check box): its 文号 first, then
 * its title. Plans of one office share the start of their titles
 * (广东省人民政府办公厅关于印发广东省…), so a name cut at the end would read the same for
 * each; the 文号 (粤办函〔2023〕41号) tells them apart and is short enough to stay in view.
 */
export function docLabel(d: { title: string; doc_number: string | null }): string {
  return d.doc_number ? `${d.doc_number} · ${d.title}` : d.title;
}
