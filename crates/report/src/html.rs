//! HTML output: one self-contained page that opens offline and prints on A4.
//!
//! Takes a [`Comparison`] and writes a complete `lang="zh-CN"` document with
//! inline CSS only: no scripts, no external fonts, images or style sheets, so
//! it can be mailed, archived and opened anywhere. Sections (those of
//! [`Document`]): title, the key points (each linking to its pair), a
//! metadata table for both documents, the summary, the key-differences table,
//! then the comparison table (left | right) with one `<tbody>` per pair, its
//! deleted words in `<del>` (red, struck through) and inserted words in
//! `<ins>` (blue, underlined) — strike and underline keep the meaning when
//! printed in black and white — and notes under their pairs.
//!
//! Every piece of document or note text is HTML-escaped (`& < > " '`), so a
//! clause that contains markup is shown as text, never run.
//!
//! Printing (`@media print`): A4 with margins, the table header repeats on
//! every page, a pair is kept on one page when it fits, background tints are
//! printed.

use std::io::{self, Write};

use crate::document::{
    legend, Document, Figures, KeyDiffTable, KeyPoints, Mark, MetaRow, PairView, RemarkKind,
    Section, Span,
};
use crate::words::Words;
use crate::{Note, ReportOptions};
use policydiff_model::Comparison;

const CSS: &str = r#"
:root { --del: #b3001b; --ins: #0040a8; --rule: #999; --head: #eef1f5; }
* { box-sizing: border-box; }
body { margin: 2em auto; max-width: 60em; padding: 0 1em; color: #111; background: #fff;
  font-family: "FangSong", "仿宋", "仿宋_GB2312", "STFangsong", "SimSun", "宋体", "Songti SC",
    "Noto Serif CJK SC", "Source Han Serif SC", "Noto Serif SC", serif;
  font-size: 12pt; line-height: 1.7; }
h1, h2, h3, th, .kind { font-family: "SimHei", "黑体", "Heiti SC", "Noto Sans CJK SC",
    "Source Han Sans SC", "Microsoft YaHei", sans-serif; }
h1 { text-align: center; font-size: 20pt; margin: 0.2em 0; font-weight: normal; }
p.subtitle { text-align: center; margin: 0 0 1.5em; }
h2 { font-size: 15pt; font-weight: normal; border-bottom: 1px solid var(--rule); margin: 1.5em 0 0.6em; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid var(--rule); padding: 0.3em 0.5em; vertical-align: top; text-align: left; }
th { background: var(--head); font-weight: normal; }
/* Fixed columns: a long source URL or title wraps inside its cell instead of
   widening the table and squeezing the row labels to one character a line. */
table.meta { table-layout: fixed; }
table.meta td, table.keydiffs td { overflow-wrap: anywhere; }
table.meta th { white-space: nowrap; }
table.meta th:first-child { width: 6em; }
table.keydiffs th:nth-child(1) { width: 3em; }
table.keydiffs th:nth-child(2) { width: 5.5em; }
table.keydiffs th:nth-child(3) { width: 8em; }
table.compare { table-layout: fixed; }
table.compare td { white-space: pre-wrap; word-break: break-all; overflow-wrap: anywhere; width: 50%; }
tr.pair-head th { background: #f7f7f7; font-size: 10.5pt; }
tbody.left_only td.left { background: #fff4f4; }
tbody.right_only td.right { background: #f3f7ff; }
td.empty { background: #fafafa; }
del { color: var(--del); text-decoration: line-through; text-decoration-thickness: 1px; }
ins { color: var(--ins); text-decoration: underline; text-underline-offset: 2px; }
ol.points li { margin: 0.2em 0; }
strong { font-family: "SimHei", "黑体", "Heiti SC", "Noto Sans CJK SC", sans-serif; font-weight: normal; }
p.folded { font-size: 10.5pt; color: #333; }
tr.note td, tr.keydiff td { font-size: 10.5pt; background: #fffbe6; white-space: pre-wrap; }
ul.summary { columns: 2; }
p.legend { font-size: 10.5pt; color: #333; }
p.none { color: #555; }
@page { size: A4; margin: 20mm 18mm 20mm 18mm; }
@media print {
  body { margin: 0; max-width: none; padding: 0; font-size: 11pt; }
  thead { display: table-header-group; }
  table.compare tbody { break-inside: avoid; page-break-inside: avoid; }
  tr { break-inside: avoid; page-break-inside: avoid; }
  h2 { break-after: avoid; page-break-after: avoid; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"#;

/// Write `c` as one self-contained HTML page.
pub fn write_html(
    w: &mut dyn Write,
    c: &Comparison,
    notes: &[Note],
    opts: &ReportOptions,
) -> io::Result<()> {
    render(w, &Document::build(c, notes, opts))
}

/// Lay out `doc` as HTML.
pub(crate) fn render(w: &mut dyn Write, doc: &Document<'_>) -> io::Result<()> {
    writeln!(w, "<!DOCTYPE html>")?;
    let words = doc.words;
    writeln!(w, r#"<html lang="{}">"#, words.tag)?;
    writeln!(w, "<head>")?;
    writeln!(w, r#"<meta charset="utf-8">"#)?;
    writeln!(
        w,
        r#"<meta name="viewport" content="width=device-width, initial-scale=1">"#
    )?;
    writeln!(
        w,
        "<title>{}{}{}</title>",
        words.report_title,
        words.colon,
        esc(&doc.subtitle)
    )?;
    writeln!(w, "<style>{CSS}</style>")?;
    writeln!(w, "</head>")?;
    writeln!(w, "<body>")?;
    writeln!(w, "<h1>{}</h1>", words.report_title)?;
    writeln!(w, r#"<p class="subtitle">{}</p>"#, esc(&doc.subtitle))?;
    for s in &doc.sections {
        writeln!(w, "<h2>{}</h2>", s.title(words))?;
        match s {
            Section::KeyPoints(k) => key_points(w, words, k)?,
            Section::Documents(rows) => meta_table(w, words, rows)?,
            Section::Summary(f) => summary(w, words, f)?,
            Section::KeyDiffs(k) => key_diffs(w, words, k)?,
            Section::Pairs(pairs) => compare_table(w, doc, pairs)?,
            Section::Notes(notes) => {
                writeln!(w, "<ul>")?;
                for n in notes {
                    writeln!(
                        w,
                        "<li>{}{}{}</li>",
                        esc(&n.target),
                        words.colon,
                        esc(&n.line)
                    )?;
                }
                writeln!(w, "</ul>")?;
            }
        }
    }
    writeln!(w, "</body>")?;
    writeln!(w, "</html>")
}

fn key_points(w: &mut dyn Write, words: &Words, k: &KeyPoints) -> io::Result<()> {
    writeln!(w, r#"<ol class="points">"#)?;
    for p in &k.points {
        let text = spans(&p.spans);
        match p.pair {
            Some(n) => writeln!(
                w,
                r##"<li>{text} <a href="#pair-{n}">{}</a></li>"##,
                words.pair_ref(n)
            )?,
            None => writeln!(w, "<li>{text}</li>")?,
        }
    }
    writeln!(w, "</ol>")?;
    for line in k.lines() {
        writeln!(w, "<p>{}</p>", esc(line))?;
    }
    Ok(())
}

fn meta_table(w: &mut dyn Write, words: &Words, rows: &[MetaRow]) -> io::Result<()> {
    writeln!(w, r#"<table class="meta">"#)?;
    let head: String = words
        .meta_head
        .iter()
        .map(|h| format!("<th>{h}</th>"))
        .collect();
    writeln!(w, "<thead><tr>{head}</tr></thead><tbody>")?;
    for r in rows {
        writeln!(
            w,
            "<tr><th>{}</th><td>{}</td><td>{}</td></tr>",
            r.label,
            esc(&r.left),
            esc(&r.right)
        )?;
    }
    writeln!(w, "</tbody></table>")
}

fn summary(w: &mut dyn Write, words: &Words, f: &Figures) -> io::Result<()> {
    writeln!(w, r#"<ul class="summary">"#)?;
    for (k, v) in f.items() {
        writeln!(w, "<li>{k}{}{}</li>", words.colon, esc(v))?;
    }
    writeln!(w, "</ul>")?;
    writeln!(w, "<p>{}</p>", esc(&f.reuse_sentence))
}

fn key_diffs(w: &mut dyn Write, words: &Words, k: &KeyDiffTable) -> io::Result<()> {
    if k.rows.is_empty() {
        writeln!(w, r#"<p class="none">{}</p>"#, words.no_key_diffs)?;
    } else {
        writeln!(w, r#"<table class="keydiffs">"#)?;
        let head: String = words
            .key_diff_head
            .iter()
            .map(|h| format!("<th>{h}</th>"))
            .collect();
        writeln!(w, "<thead><tr>{head}</tr></thead><tbody>")?;
        for (n, r) in k.rows.iter().enumerate() {
            let pair = if r.shown {
                format!(
                    r##"<a href="#pair-{}">{}</a>"##,
                    r.pair,
                    words.pair_ref(r.pair)
                )
            } else {
                words.pair_ref(r.pair)
            };
            writeln!(
                w,
                "<tr><td>{}</td><td>{}</td><td>{pair}<br>{} {}<br>{} {}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                n + 1,
                esc(&r.category),
                words.left,
                esc(&r.left_path),
                words.right,
                esc(&r.right_path),
                esc(&r.left),
                esc(&r.right),
                esc(&r.detail)
            )?;
        }
        writeln!(w, "</tbody></table>")?;
    }
    if let Some(f) = &k.folded {
        writeln!(w, r#"<p class="folded">{}</p>"#, esc(f))?;
    }
    Ok(())
}

fn compare_table(w: &mut dyn Write, doc: &Document<'_>, pairs: &[PairView<'_>]) -> io::Result<()> {
    let words = doc.words;
    writeln!(
        w,
        r#"<p class="legend">{}</p>"#,
        spans(&legend(words, words.looks))
    )?;
    if pairs.is_empty() {
        return writeln!(w, r#"<p class="none">{}</p>"#, words.no_pairs);
    }
    writeln!(w, r#"<table class="compare">"#)?;
    writeln!(
        w,
        "<thead><tr><th>{}</th><th>{}</th></tr></thead>",
        esc(&words.side_head(true, &doc.left_title)),
        esc(&words.side_head(false, &doc.right_title))
    )?;
    for p in pairs {
        writeln!(
            w,
            r#"<tbody id="pair-{}" class="{}">"#,
            p.number,
            kind_class(p.pair.kind)
        )?;
        writeln!(
            w,
            r#"<tr class="pair-head"><th colspan="2">{}</th></tr>"#,
            esc(&p.heading)
        )?;
        write!(w, "<tr>")?;
        for (side, class) in [(&p.left, "left"), (&p.right, "right")] {
            if side.is_empty() {
                write!(w, r#"<td class="{class} empty"></td>"#)?;
            } else {
                write!(w, r#"<td class="{class}">{}</td>"#, spans(side))?;
            }
        }
        writeln!(w, "</tr>")?;
        for r in &p.remarks {
            let class = match r.kind {
                RemarkKind::KeyDiff => "keydiff",
                RemarkKind::Folded => "keydiff folded",
                RemarkKind::Note => "note",
            };
            writeln!(
                w,
                r#"<tr class="{class}"><td colspan="2">{}</td></tr>"#,
                esc(&r.line(words))
            )?;
        }
        writeln!(w, "</tbody>")?;
    }
    writeln!(w, "</table>")
}

/// Spans as escaped HTML: `<del>`, `<ins>`, `<strong>`.
fn spans(spans: &[Span]) -> String {
    let mut out = String::new();
    for s in spans {
        let text = esc(&s.text);
        match s.mark {
            Mark::Plain => out.push_str(&text),
            Mark::Deleted => out.push_str(&format!("<del>{text}</del>")),
            Mark::Inserted => out.push_str(&format!("<ins>{text}</ins>")),
            Mark::Emphasis => out.push_str(&format!("<strong>{text}</strong>")),
        }
    }
    out
}

fn kind_class(k: policydiff_model::PairKind) -> &'static str {
    use policydiff_model::PairKind::*;
    match k {
        Same => "same",
        Modified => "modified",
        Moved => "moved",
        Split => "split",
        Merged => "merged",
        Related => "related",
        LeftOnly => "left_only",
        RightOnly => "right_only",
    }
}

/// Escape text for HTML element content and attribute values.
pub(crate) fn esc(s: &str) -> String {
    let s = crate::clean(s);
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    for ch in s.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn escapes_markup() {
        assert_eq!(
            super::esc(r#"<a href="x">'&'</a>"#),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;"
        );
    }
}
