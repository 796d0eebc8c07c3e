//! HTML output: one self-contained page that opens offline and prints on A4.
//!
//! Takes a [`Comparison`] and writes a complete `lang="zh-CN"` document with
//! inline CSS only: no scripts, no external fonts, images or style sheets, so
//! it can be mailed, archived and opened anywhere. Sections: title and a
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

use super::{
    key_diff_entries, key_diff_label, meta_rows, note_line, note_target, pair_heading, percent1,
    selected, side_path, side_runs, subtitle, summary_items, Note, NoteIndex, ReportOptions, Side,
    KEY_DIFF_HEAD, REPORT_TITLE,
};
use policydiff_model::{Comparison, OpTag};

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
    let notes = NoteIndex::new(c, notes, opts.notes);
    writeln!(w, "<!DOCTYPE html>")?;
    writeln!(w, r#"<html lang="zh-CN">"#)?;
    writeln!(w, "<head>")?;
    writeln!(w, r#"<meta charset="utf-8">"#)?;
    writeln!(
        w,
        r#"<meta name="viewport" content="width=device-width, initial-scale=1">"#
    )?;
    writeln!(w, "<title>{}：{}</title>", REPORT_TITLE, esc(&subtitle(c)))?;
    writeln!(w, "<style>{CSS}</style>")?;
    writeln!(w, "</head>")?;
    writeln!(w, "<body>")?;
    writeln!(w, "<h1>{REPORT_TITLE}</h1>")?;
    writeln!(w, r#"<p class="subtitle">{}</p>"#, esc(&subtitle(c)))?;

    // Metadata of both documents.
    writeln!(w, "<h2>比较文件</h2>")?;
    writeln!(w, r#"<table class="meta">"#)?;
    writeln!(
        w,
        "<thead><tr><th>项目</th><th>左（原文件）</th><th>右（对照文件）</th></tr></thead><tbody>"
    )?;
    for ((label, l), (_, r)) in meta_rows(&c.left).into_iter().zip(meta_rows(&c.right)) {
        if l.is_empty() && r.is_empty() {
            continue;
        }
        writeln!(
            w,
            "<tr><th>{label}</th><td>{}</td><td>{}</td></tr>",
            esc(&l),
            esc(&r)
        )?;
    }
    writeln!(w, "</tbody></table>")?;

    if opts.summary {
        writeln!(w, "<h2>概况</h2>")?;
        writeln!(w, r#"<ul class="summary">"#)?;
        for (k, v) in summary_items(&c.summary) {
            writeln!(w, "<li>{k}：{}</li>", esc(&v))?;
        }
        writeln!(w, "</ul>")?;
        writeln!(
            w,
            "<p>左文 {} 的文字在右文中保留；右文 {} 的文字沿用左文。</p>",
            percent1(c.summary.left_reused),
            percent1(c.summary.right_reused)
        )?;
    }

    if opts.key_diffs {
        writeln!(w, "<h2>关键差异</h2>")?;
        let rows: Vec<_> = key_diff_entries(c).collect();
        if rows.is_empty() {
            writeln!(w, r#"<p class="none">未发现关键差异。</p>"#)?;
        } else {
            writeln!(w, r#"<table class="keydiffs">"#)?;
            let head: String = KEY_DIFF_HEAD
                .iter()
                .map(|h| format!("<th>{h}</th>"))
                .collect();
            writeln!(w, "<thead><tr>{head}</tr></thead><tbody>")?;
            for (n, (number, p, k)) in rows.into_iter().enumerate() {
                writeln!(
                    w,
                    "<tr><td>{}</td><td>{}</td><td><a href=\"#pair-{number}\">第{number}项</a><br>左 {}<br>右 {}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                    n + 1,
                    key_diff_label(k.kind),
                    esc(&side_path(p, Side::Left)),
                    esc(&side_path(p, Side::Right)),
                    esc(&k.left),
                    esc(&k.right),
                    esc(&k.detail)
                )?;
            }
            writeln!(w, "</tbody></table>")?;
        }
    }

    writeln!(w, "<h2>逐条对比</h2>")?;
    writeln!(
        w,
        r#"<p class="legend">说明：<del>删除线（红色）</del>为左文有、右文删去的文字；<ins>下划线（蓝色）</ins>为右文新增的文字。</p>"#
    )?;
    let pairs = selected(c, &notes, opts);
    if pairs.is_empty() {
        writeln!(w, r#"<p class="none">没有需要显示的条款。</p>"#)?;
    } else {
        writeln!(w, r#"<table class="compare">"#)?;
        writeln!(
            w,
            "<thead><tr><th>左：{}</th><th>右：{}</th></tr></thead>",
            esc(&c.left.meta.title),
            esc(&c.right.meta.title)
        )?;
        for (number, p) in pairs {
            writeln!(
                w,
                r#"<tbody id="pair-{number}" class="{}">"#,
                kind_class(p.kind)
            )?;
            writeln!(
                w,
                r#"<tr class="pair-head"><th colspan="2">{}</th></tr>"#,
                esc(&pair_heading(number, p))
            )?;
            write!(w, "<tr>")?;
            for side in [Side::Left, Side::Right] {
                let runs = side_runs(p, side);
                let class = if side == Side::Left { "left" } else { "right" };
                if runs.is_empty() {
                    write!(w, r#"<td class="{class} empty"></td>"#)?;
                    continue;
                }
                write!(w, r#"<td class="{class}">"#)?;
                for (tag, text) in runs {
                    match tag {
                        OpTag::Equal => write!(w, "{}", esc(&text))?,
                        OpTag::Delete => write!(w, "<del>{}</del>", esc(&text))?,
                        OpTag::Insert => write!(w, "<ins>{}</ins>", esc(&text))?,
                    }
                }
                write!(w, "</td>")?;
            }
            writeln!(w, "</tr>")?;
            if opts.key_diffs {
                for k in &p.key_diffs {
                    writeln!(
                        w,
                        r#"<tr class="keydiff"><td colspan="2">关键差异〔{}〕：{}</td></tr>"#,
                        key_diff_label(k.kind),
                        esc(&k.detail)
                    )?;
                }
            }
            for n in &notes.by_pair[number - 1] {
                writeln!(
                    w,
                    r#"<tr class="note"><td colspan="2">备注：{}</td></tr>"#,
                    esc(&note_line(n))
                )?;
            }
            writeln!(w, "</tbody>")?;
        }
        writeln!(w, "</table>")?;
    }

    if !notes.unmatched.is_empty() {
        writeln!(w, "<h2>未对应条款的备注</h2>")?;
        writeln!(w, "<ul>")?;
        for n in &notes.unmatched {
            writeln!(
                w,
                "<li>{}：{}</li>",
                esc(&note_target(n)),
                esc(&note_line(n))
            )?;
        }
        writeln!(w, "</ul>")?;
    }

    writeln!(w, "</body>")?;
    writeln!(w, "</html>")
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
fn esc(s: &str) -> String {
    let s = super::clean_text(s);
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
