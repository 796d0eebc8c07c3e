//! The matrix briefing note as one self-contained HTML page (inline CSS, no
//! scripts, no external resources; prints on A4).
//!
//! Sections: 对照文件 (each document with its coverage), 覆盖矩阵 (the
//! legend, then one table per group of at most `GROUP` documents:
//! a row per base unit, each cell its symbol and word, similarity, paired
//! paths and badges, tinted by kind), 重点差异 (per document), 地方新增 (per
//! document). Every piece of document text is escaped.

use std::io::{self, Write};

use policydiff_model::CellKind;

use super::report::{DocAdditions, DocKeyDiffs};
use super::MatrixReport;
use crate::html::esc;
use crate::words::{MatrixWords, Words};

const CSS: &str = r#"
:root { --rule: #999; --head: #eef1f5; }
* { box-sizing: border-box; }
body { margin: 2em auto; max-width: 64em; padding: 0 1em; color: #111; background: #fff;
  font-family: "FangSong", "仿宋", "STFangsong", "SimSun", "宋体", "Songti SC",
    "Noto Serif CJK SC", "Source Han Serif SC", serif;
  font-size: 12pt; line-height: 1.6; }
h1, h2, h3, th { font-family: "SimHei", "黑体", "Heiti SC", "Noto Sans CJK SC",
    "Source Han Sans SC", "Microsoft YaHei", sans-serif; font-weight: normal; }
h1 { text-align: center; font-size: 20pt; margin: 0.2em 0; }
p.subtitle { text-align: center; margin: 0 0 1.5em; }
h2 { font-size: 15pt; border-bottom: 1px solid var(--rule); margin: 1.5em 0 0.6em; }
h3 { font-size: 12pt; margin: 1em 0 0.4em; }
table { border-collapse: collapse; width: 100%; margin-bottom: 1em; }
th, td { border: 1px solid var(--rule); padding: 0.25em 0.4em; vertical-align: top; text-align: left; }
thead th { background: var(--head); }
table.matrix { table-layout: fixed; font-size: 10pt; }
table.matrix th.unit { width: 11em; }
table.matrix th.adopted, table.matrix td.adopted { width: 3.5em; }
td.cell { word-break: break-all; }
td.same { background: #c6efce; }
td.modified { background: #ffeb9c; }
td.related { background: #ddebf7; }
td.missing { background: #ffc7ce; }
span.badge { display: inline-block; border: 1px solid #555; border-radius: 3px; padding: 0 0.2em;
  margin: 0.1em 0.1em 0 0; font-size: 9pt; background: #fff; }
p.legend, p.folded, p.none { font-size: 10.5pt; color: #333; }
ol.additions li { white-space: pre-wrap; margin: 0.2em 0; }
@page { size: A4; margin: 20mm 15mm; }
@media print {
  body { margin: 0; max-width: none; padding: 0; font-size: 11pt; }
  thead { display: table-header-group; }
  tr { break-inside: avoid; page-break-inside: avoid; }
  h2, h3 { break-after: avoid; page-break-after: avoid; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"#;

/// Lay out `r` as HTML.
pub(crate) fn render(w: &mut dyn Write, r: &MatrixReport) -> io::Result<()> {
    writeln!(w, "<!DOCTYPE html>")?;
    let m = &r.words.matrix;
    writeln!(w, r#"<html lang="{}">"#, r.words.tag)?;
    writeln!(w, "<head>")?;
    writeln!(w, r#"<meta charset="utf-8">"#)?;
    writeln!(
        w,
        r#"<meta name="viewport" content="width=device-width, initial-scale=1">"#
    )?;
    writeln!(
        w,
        "<title>{}{}{}</title>",
        m.title,
        r.words.colon,
        esc(&r.base_title)
    )?;
    writeln!(w, "<style>{CSS}</style>")?;
    writeln!(w, "</head>")?;
    writeln!(w, "<body>")?;
    writeln!(w, "<h1>{}</h1>", m.title)?;
    writeln!(w, r#"<p class="subtitle">{}</p>"#, esc(&r.subtitle))?;

    writeln!(w, "<h2>{}</h2>", r.words.numbered(1, m.sections[0]))?;
    writeln!(w, "<p>{}</p>", esc(&r.base_line))?;
    writeln!(w, "<table class=\"docs\"><thead><tr>")?;
    for h in m.docs_head {
        write!(w, "<th>{h}</th>")?;
    }
    writeln!(w, "</tr></thead><tbody>")?;
    for c in &r.columns {
        writeln!(
            w,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            c.number,
            esc(&c.title),
            esc(&c.doc_number),
            esc(&c.coverage),
            esc(&c.counts)
        )?;
    }
    writeln!(w, "</tbody></table>")?;

    writeln!(w, "<h2>{}</h2>", r.words.numbered(2, m.sections[1]))?;
    writeln!(w, r#"<p class="legend">{}</p>"#, esc(&r.legend))?;
    if r.rows.is_empty() {
        writeln!(w, r#"<p class="none">{}</p>"#, m.no_rows)?;
    }
    for (first, group) in r.groups() {
        if r.rows.is_empty() {
            break;
        }
        writeln!(w, r#"<table class="matrix"><thead><tr>"#)?;
        write!(
            w,
            r#"<th class="unit">{}</th><th class="adopted">{}</th>"#,
            m.unit_head, m.adopted_head
        )?;
        for c in group {
            write!(
                w,
                r#"<th title="{}">{}<br>{}</th>"#,
                esc(&c.heading),
                esc(&c.head),
                esc(&r.words.coverage(&c.coverage))
            )?;
        }
        writeln!(w, "</tr></thead><tbody>")?;
        for row in &r.rows {
            write!(
                w,
                r#"<tr><th class="unit" title="{}">{}</th><td class="adopted">{}</td>"#,
                esc(&row.text),
                esc(&row.name),
                esc(&row.adopted_text)
            )?;
            for cell in &row.cells[first..first + group.len()] {
                write!(
                    w,
                    r#"<td class="cell {}">{}"#,
                    if cell.blank {
                        "blank"
                    } else {
                        kind_class(cell.kind)
                    },
                    esc(&cell.head)
                )?;
                if let Some(p) = &cell.paths {
                    write!(w, "<br>{}", esc(p))?;
                }
                if !cell.badges.is_empty() {
                    write!(w, "<br>")?;
                    for b in &cell.badges {
                        write!(w, r#"<span class="badge">{}</span>"#, esc(b))?;
                    }
                }
                write!(w, "</td>")?;
            }
            writeln!(w, "</tr>")?;
        }
        writeln!(w, "</tbody></table>")?;
    }

    writeln!(w, "<h2>{}</h2>", r.words.numbered(3, m.sections[2]))?;
    for k in &r.key_diffs {
        key_diffs(w, r.words, k)?;
    }
    writeln!(w, "<h2>{}</h2>", r.words.numbered(4, m.sections[3]))?;
    for a in &r.additions {
        additions(w, m, a)?;
    }
    writeln!(w, "</body>")?;
    writeln!(w, "</html>")
}

fn key_diffs(w: &mut dyn Write, words: &Words, k: &DocKeyDiffs) -> io::Result<()> {
    let m = &words.matrix;
    writeln!(w, "<h3>{}</h3>", esc(&k.heading))?;
    if k.rows.is_empty() {
        writeln!(w, r#"<p class="none">{}</p>"#, words.no_key_diffs)?;
    } else {
        write!(w, "<table><thead><tr>")?;
        for h in m.key_diff_head {
            write!(w, "<th>{h}</th>")?;
        }
        writeln!(w, "</tr></thead><tbody>")?;
        for l in &k.rows {
            writeln!(
                w,
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                esc(&l.base_path),
                esc(&l.doc_paths),
                esc(&l.category),
                esc(&l.detail)
            )?;
        }
        writeln!(w, "</tbody></table>")?;
    }
    if let Some(f) = &k.folded {
        writeln!(w, r#"<p class="folded">{}</p>"#, esc(f))?;
    }
    Ok(())
}

fn additions(w: &mut dyn Write, m: &MatrixWords, a: &DocAdditions) -> io::Result<()> {
    writeln!(w, "<h3>{}</h3>", esc(&a.heading))?;
    if let Some(s) = &a.summary {
        return writeln!(w, r#"<p class="none">{}</p>"#, esc(s));
    }
    if a.units.is_empty() {
        return writeln!(w, r#"<p class="none">{}</p>"#, m.no_additions);
    }
    writeln!(w, r#"<ol class="additions">"#)?;
    for (path, _, text) in &a.units {
        writeln!(w, "<li><strong>{}</strong> {}</li>", esc(path), esc(text))?;
    }
    writeln!(w, "</ol>")
}

fn kind_class(k: CellKind) -> &'static str {
    match k {
        CellKind::Same => "same",
        CellKind::Modified => "modified",
        CellKind::Related => "related",
        CellKind::Missing => "missing",
    }
}
