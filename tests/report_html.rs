//! Reports as HTML: escaped markup, a self-contained printable page.

mod report_common;
mod support;

use report_common::*;

use policydiff_model::{OpTag, PairKind};
use policydiff_report::{Format, ReportOptions};

#[test]
fn html_escapes_hostile_markup() {
    let (c, notes) = hostile();
    let s = render_str(Format::Html, &c, &notes, &ReportOptions::default());
    let lower = s.to_lowercase();
    assert!(!lower.contains("<script"), "no script element at all");
    assert!(!lower.contains("<img"));
    assert!(s.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(s.contains("&lt;img src=x onerror=alert(1)&gt;"));
    assert!(
        s.contains("&lt;script&gt;alert(2)&lt;/script&gt;"),
        "note escaped"
    );
    assert!(s.contains("〔&lt;b&gt;标签&lt;/b&gt;〕"), "tag escaped");
    assert!(!lower.contains("<b>"));
    // Markup inside a modified pair's word operations is escaped too.
    assert!(
        s.contains("&lt;i&gt;斜体&lt;/i&gt;"),
        "markup in ops escaped"
    );
    assert!(!lower.contains("<i>"));
    assert!(!s.contains('\u{1}') && !s.contains('\u{b}'));
}

#[test]
fn html_is_self_contained_and_printable() {
    let s = render_str(
        Format::Html,
        real(),
        &real_notes(),
        &ReportOptions::default(),
    );
    assert!(s.starts_with("<!DOCTYPE html>"));
    assert!(s.contains(r#"<html lang="zh-CN">"#));
    let lower = s.to_lowercase();
    for external in [
        "<script",
        "<link",
        "@import",
        "url(",
        "src=",
        "http-equiv",
        "<iframe",
    ] {
        assert!(!lower.contains(external), "{external}");
    }
    // The only links are in-page anchors: each key difference links to its pair.
    let hrefs: Vec<&str> = s.split("href=\"").skip(1).collect();
    assert!(!hrefs.is_empty(), "key differences link to their pairs");
    assert!(hrefs.iter().all(|h| h.starts_with("#pair-")), "{hrefs:?}");
    assert!(s.contains(&format!("href=\"#pair-{}\"", point_index() + 1)));
    // Key difference details, e.g. the lead unit of point 1.
    for k in &point().key_diffs {
        assert!(s.contains(&k.detail), "{}", k.detail);
    }
    assert!(s.contains("@media print") && s.contains("size: A4"));
    assert!(s.contains("display: table-header-group"));
    // The documents table keeps its columns: a long source URL wraps in its
    // cell instead of squeezing the row labels (seen at 1100 px in Chromium).
    assert!(s.contains("table.meta { table-layout: fixed; }"));
    assert!(s.contains("table.meta td, table.keydiffs td { overflow-wrap: anywhere; }"));
    assert!(s.contains("仿宋") && s.contains("Noto Serif CJK SC"));
    // Both titles in the metadata block, every pair once.
    assert!(s.contains(&real().left.meta.title) && s.contains(&real().right.meta.title));
    assert_eq!(s.matches("<tbody id=\"pair-").count(), real().pairs.len());
    // Real changed words: deletions in <del>, insertions in <ins>.
    assert!(s.contains(&format!("<del>{DELETED}</del>")));
    assert!(s.contains(&format!("<ins>{INSERTED}</ins>")));
    assert!(s.contains(&format!("<ins>{INSERTED_CLAUSE}</ins>")));
    for d in op_texts(OpTag::Delete) {
        assert!(s.contains(&format!("<del>{}</del>", d)), "{d}");
    }
    for i in op_texts(OpTag::Insert) {
        assert!(s.contains(&format!("<ins>{}</ins>", i)), "{i}");
    }
    // Every modified pair shows its changes; same pairs show none.
    for (i, p) in real().pairs.iter().enumerate() {
        let start = at(&s, &format!("<tbody id=\"pair-{}\"", i + 1));
        let body = &s[start..start + at(&s[start..], "</tbody>")];
        let marked = body.contains("<del>") || body.contains("<ins>");
        match p.kind {
            PairKind::Same => assert!(!marked, "pair {}", i + 1),
            PairKind::Modified => assert!(marked, "pair {}", i + 1),
            _ => {}
        }
    }
    // The note sits inside its pair's tbody.
    let note = at(&s, NOTE);
    let pair_start = s[..note].rfind("<tbody").unwrap();
    let pair_end = pair_start + at(&s[pair_start..], "</tbody>");
    assert!(note < pair_end);
    assert!(s[pair_start..].starts_with(&format!("<tbody id=\"pair-{}\"", point_index() + 1)));
    assert!(s.contains("未对应条款的备注") && s.contains("孤立备注"));
}

/// Huizhou and Haikou wrote their procurement measures independently: a
/// related pair's texts stay plain (no rewrite), but the values its contrast
/// names are set off in each text, as the app marks them, and the contrast
/// is printed under the pair.
#[test]
fn a_related_pair_sets_off_its_contrast_values() {
    let hz = support::parsed("惠州市财政局关于进一步优化政府采购营商环境的通知");
    let hk = support::parsed("海口市优化政府采购营商环境若干措施");
    let c = policydiff_engine::compare(
        policydiff_segment::Segmenter::shared(),
        &hz,
        &hk,
        &policydiff_model::CompareOptions::default(),
    );
    let s = render_str(Format::Html, &c, &[], &ReportOptions::default());
    let (i, pair) = c
        .pairs
        .iter()
        .enumerate()
        .find(|(_, p)| {
            p.kind == PairKind::Related && p.key_diffs.iter().any(|k| k.right == "5个工作日内")
        })
        .expect("a related pair with a contrast");
    let row = &s[at(&s, &format!("id=\"pair-{}\"", i + 1))..];
    let row = &row[..at(row, "</tbody>")];
    assert!(row.contains("<strong>20日内</strong>"), "{row}");
    assert!(row.contains("<strong>5个工作日内</strong>"), "{row}");
    // Nothing else is marked: no deletion or insertion in a related pair.
    assert!(!row.contains("<del>") && !row.contains("<ins>"), "{row}");
    assert_eq!(row.matches("<strong>").count(), 2, "{row}");
    assert!(pair.key_diffs[0].detail.starts_with("时长对比："));
    assert!(s.contains("时长对比：20日内 ↔ 5个工作日内"));
}
