//! Reports in English (`ReportOptions::lang`): every format of the real
//! Guangdong/Foshan comparison says its own words in English and quotes the
//! documents as written; the Chinese report is the default and unchanged
//! (the snapshots of the other report tests).

mod report_common;
mod support;

use report_common::*;
use support::{assert_only_documents_in_chinese, comparison_texts};

use policydiff_model::{Comparison, KeyLabel, Note};
use policydiff_report::{Format, ReportLang, ReportOptions};

fn en() -> ReportOptions {
    ReportOptions {
        lang: ReportLang::En,
        ..Default::default()
    }
}

/// What a reader sees of a report in `format`: the text formats as they
/// are (HTML without its style sheet, which names Chinese fonts), the
/// text runs of a DOCX, the text of a PDF (`None` without pdftotext).
fn visible(format: Format, c: &Comparison, notes: &[Note], opts: &ReportOptions) -> Option<String> {
    match format {
        Format::Docx => {
            let (xml, _) = docx_parts(&render(format, c, notes, opts));
            let run = regex::Regex::new(r"<w:t(?: [^>]*)?>([^<]*)</w:t>").unwrap();
            let out: Vec<&str> = run
                .captures_iter(&xml)
                .map(|c| c.get(1).unwrap().as_str())
                .collect();
            Some(out.join("\n"))
        }
        Format::Pdf => {
            if !support::tool_available("pdftotext", "-v") {
                return None;
            }
            let dir = tempfile::tempdir().unwrap();
            let pdf = dir.path().join("r.pdf");
            policydiff_report::export_to_file(&pdf, format, c, notes, opts).unwrap();
            Some(poppler("pdftotext", &["-raw"], &pdf))
        }
        Format::Html => {
            let s = render_str(format, c, notes, opts);
            let (head, rest) = s.split_once("<style>").unwrap();
            Some(format!("{head}{}", rest.split_once("</style>").unwrap().1))
        }
        _ => Some(render_str(format, c, notes, opts)),
    }
}

/// The texts of the comparison and of its notes.
fn texts(c: &Comparison, notes: &[Note]) -> Vec<String> {
    let mut t = comparison_texts(c);
    for n in notes {
        t.extend([n.text.clone()]);
        t.extend(n.tag.clone());
        t.extend(n.left_path.clone());
        t.extend(n.right_path.clone());
    }
    t
}

#[test]
fn every_format_in_english_keeps_only_the_documents_in_chinese() {
    let (c, notes) = (real(), real_notes());
    assert!(
        !c.key_points.is_empty(),
        "the real comparison has key points"
    );
    let texts = texts(c, &notes);
    for format in [
        Format::Text,
        Format::Markdown,
        Format::Html,
        Format::Csv,
        Format::Docx,
        Format::Pdf,
    ] {
        let Some(zh) = visible(format, c, &notes, &ReportOptions::default()) else {
            eprintln!("skipped {format:?}: pdftotext is not installed");
            continue;
        };
        let en = visible(format, c, &notes, &en()).unwrap();
        assert_only_documents_in_chinese(&format!("{format:?}"), &zh, &en, &texts, 50);
        let squashed = squash(&en);
        let labels: &[&str] = match format {
            Format::Csv => &["No.,Kind,Similarity,Left path", "Modified", "Key"],
            _ => &[
                "Key points",
                "Key differences",
                "Lead unit",
                "similarity",
                "localisation substitution",
            ],
        };
        for l in labels {
            assert!(squashed.contains(&squash(l)), "{format:?} lacks {l}");
        }
        // The parser's names of un-numbered units are said in English, as in the UI.
        assert!(squashed.contains("Signature"), "{format:?}: unit names");
        assert!(!en.contains("落款"), "{format:?}: 落款 left untranslated");
        assert!(
            zh.contains("落款"),
            "{format:?}: the Chinese report names 落款"
        );
        if format != Format::Csv {
            assert!(squashed.contains("Comparisonreport"), "{format:?}: title");
        }
        if !matches!(format, Format::Csv | Format::Text) {
            // The text lays the pairs out under the header, without a title.
            assert!(squashed.contains("Clausebyclause"), "{format:?}: pairs");
        }
    }
}

#[test]
fn english_key_points_word_the_parts_as_the_ui_does() {
    let c = real();
    let md = render_str(Format::Markdown, c, &[], &en());
    let lead = c
        .key_points
        .iter()
        .find(|p| {
            p.parts
                .first()
                .is_some_and(|q| q.label == KeyLabel::LeadUnit && !q.right.is_empty())
        })
        .expect("a new lead unit among the key points");
    let mut sentence = format!("Lead unit added: {}", lead.parts[0].right);
    if lead.parts.len() == 1 && lead.count > 1 {
        sentence.push_str(&format!(" ({} places)", lead.count));
    }
    assert!(md.contains(&sentence), "{sentence}");
    // A point the user pinned is marked so.
    let mut pinned = c.clone();
    pinned.key_points[0].pinned = true;
    let md = render_str(Format::Markdown, &pinned, &[], &en());
    assert!(md.contains(r"1. \[Pinned\] "), "pinned mark");
}

#[test]
fn findings_without_parts_keep_their_chinese_sentence() {
    let mut c = real().clone();
    let point = &mut c.key_points[0];
    point.parts.clear();
    let detail = point.detail.clone();
    let md = render_str(Format::Markdown, &c, &[], &en());
    assert!(
        md.contains(&detail),
        "old JSON: the engine's sentence {detail}"
    );
}

#[test]
fn json_is_the_same_in_every_language() {
    let c = real();
    let zh = render(Format::Json, c, &[], &ReportOptions::default());
    assert_eq!(render(Format::Json, c, &[], &en()), zh);
}

#[test]
fn english_is_an_option_chinese_the_default() {
    assert_eq!(ReportOptions::default().lang, ReportLang::Zh);
    // Options written before the language existed still read, as Chinese.
    let old =
        r#"{"summary":true,"key_diffs":true,"pairs":"all","notes":true,"color":false,"width":100}"#;
    let opts: ReportOptions = serde_json::from_str(old).unwrap();
    assert_eq!(opts, ReportOptions::default());
    let c = real();
    let zh = render_str(Format::Markdown, c, &[], &ReportOptions::default());
    assert!(zh.starts_with("# 对比分析报告"));
    assert!(render_str(Format::Markdown, c, &[], &en()).starts_with("# Comparison report"));
}
