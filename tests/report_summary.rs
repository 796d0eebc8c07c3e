//! The summary of issue 12 in every export: the ranked key points (要点摘要)
//! with their clauses and directions at the top of the text, HTML,
//! Markdown, DOCX and PDF reports, the folded localisation line, the counts;
//! localisation as one line under its pair and out of the key-difference
//! table; topic-level pairs labelled with their strength. Checked on
//! hand-made comparisons (the engine's own results are tested with the
//! engine).

mod report_common;
mod support;

use report_common::*;

use policydiff_report::{export_to_file, Format, ReportOptions};

/// The formats that carry the summary, as text with whitespace removed
/// (DOCX read back through LibreOffice, PDF through pdftotext); a format
/// whose reader is missing is left out (CI fails instead).
fn exports(c: &policydiff_model::Comparison, opts: &ReportOptions) -> Vec<(Format, String)> {
    let dir = tempfile::tempdir().unwrap();
    let mut out = Vec::new();
    for f in [
        Format::Text,
        Format::Html,
        Format::Markdown,
        Format::Docx,
        Format::Pdf,
    ] {
        let path = dir.path().join(format!("简报.{}", f.extension()));
        export_to_file(&path, f, c, &[], opts).unwrap();
        let text = match f {
            Format::Docx => docx_text_via_libreoffice(&path),
            Format::Pdf => support::tool_available("pdftotext", "-v")
                .then(|| squash(&poppler("pdftotext", &["-raw"], &path))),
            _ => Some(squash(&std::fs::read_to_string(&path).unwrap())),
        };
        if let Some(t) = text {
            out.push((f, t));
        }
    }
    out
}

/// `s` with the markup of HTML and Markdown that may sit inside a sentence
/// removed (`<strong>…</strong>`, escapes).
fn plain(s: &str) -> String {
    s.replace("<strong>", "")
        .replace("</strong>", "")
        .replace('\\', "")
}

#[test]
fn key_points_open_every_export_in_rank_order_with_their_clauses_and_directions() {
    let c = briefing();
    for (f, text) in exports(&c, &ReportOptions::default()) {
        let text = plain(&text);
        let summary = at(&text, "要点摘要");
        // At the top: before the documents' metadata and the summary.
        assert!(summary < at(&text, "概况"), "{f:?}");
        if !matches!(f, Format::Text) {
            assert!(summary < at(&text, "比较文件"), "{f:?}");
        }
        // Every point, one sentence each, in rank order.
        let mut last = summary;
        for p in BRIEFING_POINTS {
            let here = at(&text, &squash(p));
            assert!(here > last, "{f:?}: {p} out of order");
            last = here;
        }
        // Then the folded localisation line and the counts.
        let local = at(&text, "本地化替换2处（涉及1项）");
        let counts = at(
            &text,
            "共5项对照：修改2，主题相关1，删除（仅左）1，新增（仅右）1；重点差异4条，其中实质性3条。",
        );
        assert!(last < local && local < counts, "{f:?}");
        assert!(counts < at(&text, "概况"), "{f:?}");
    }
}

#[test]
fn localisation_is_one_line_under_its_pair_and_out_of_the_key_difference_table() {
    let c = briefing();
    let opts = ReportOptions::default();
    for (f, text) in exports(&c, &opts) {
        let line = at(&text, &squash(BRIEFING_LOCALISATION));
        // Under the first pair, before the second one.
        let pairs = at(&text, "逐条对比");
        let first = pairs + at(&text[pairs..], "1.");
        assert!(first < line, "{f:?}");
        assert!(line < first + at(&text[first..], "2."), "{f:?}");
        // The table holds the three substantive differences; the folded one
        // is said apart.
        assert!(
            text.contains("另有非实质差异1条（涉及1项，其中本地化替换2处）"),
            "{f:?}"
        );
        assert_eq!(
            text.matches("约束力度·更宽松").count(),
            2,
            "{f:?}: table and pair"
        );
        assert!(text.contains("数量·更严"), "{f:?}");
    }
    // In HTML the key-difference table has exactly the substantive rows.
    let html = render_str(Format::Html, &c, &[], &opts);
    let table = &html[at(&html, "<table class=\"keydiffs\">")..];
    let table = &table[..at(table, "</table>")];
    assert_eq!(table.matches("<tr><td>").count(), 3, "{table}");
    assert!(!table.contains("本地化替换"));
    // CSV: the folded line in the pair's key-difference cell, the direction
    // of the substantive one beside its detail.
    let csv = render(Format::Csv, &c, &[], &opts);
    let mut r = csv::Reader::from_reader(&csv[3..]);
    let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
    assert_eq!(
        &rows[0][9],
        format!("办结时限：5个工作日 → 3个工作日（更严）；{BRIEFING_LOCALISATION}")
    );
}

#[test]
fn topic_level_pairs_are_labelled_with_their_strength() {
    let c = briefing();
    for (f, text) in exports(&c, &ReportOptions::default()) {
        assert!(text.contains("4.【主题相关】关联度42%"), "{f:?}");
    }
    let s = render_str(Format::Text, &c, &[], &ReportOptions::default());
    assert!(
        s.contains("4. 【主题相关】 关联度 42% · 左 四 ↔ 右 五"),
        "{s}"
    );
    assert!(s.contains("主题相关 1"), "the summary counts them: {s}");
    // No rewrite: neither side of the pair is struck through or inserted,
    // while the modified pairs around it are.
    let html = render_str(Format::Html, &c, &[], &ReportOptions::default());
    let pair = &html[at(&html, "id=\"pair-4\"")..];
    let pair = &pair[..at(pair, "id=\"pair-5\"")];
    assert!(pair.contains("优化营商环境。"), "{pair}");
    assert!(pair.contains("在省的统筹下打造一流营商环境。"), "{pair}");
    assert!(!pair.contains("<del>") && !pair.contains("<ins>"), "{pair}");
    assert!(html.contains("<del>省商务厅</del>"), "{html}");
}

#[test]
fn no_key_points_no_summary_section() {
    for (f, text) in exports(&tiny(), &ReportOptions::default()) {
        assert!(!text.contains("要点摘要"), "{f:?}");
        assert!(!text.contains("本地化替换"), "{f:?}");
        assert!(
            !text.contains("主题相关"),
            "{f:?}: no topic-level pairs, no count"
        );
    }
}

#[test]
fn key_points_follow_the_report_options() {
    let c = briefing();
    // Without key differences, no key points either.
    let opts = ReportOptions {
        key_diffs: false,
        ..Default::default()
    };
    for (f, text) in exports(&c, &opts) {
        assert!(!text.contains("要点摘要"), "{f:?}");
        assert!(!text.contains(&squash(BRIEFING_POINTS[1])), "{f:?}");
        assert!(!text.contains(&squash(BRIEFING_LOCALISATION)), "{f:?}");
        assert!(!text.contains("非实质差异"), "{f:?}");
    }
    // Without the summary, the points stay and the counts go.
    let opts = ReportOptions {
        summary: false,
        ..Default::default()
    };
    for (f, text) in exports(&c, &opts) {
        assert!(text.contains("要点摘要"), "{f:?}");
        assert!(
            text.contains(&squash(BRIEFING_POINTS[2])) || text.contains("更宽松"),
            "{f:?}"
        );
        assert!(!text.contains("其中实质性3条"), "{f:?}");
        assert!(!text.contains("概况"), "{f:?}");
    }
}

/// In HTML each point links to its pair; a point whose pair a filter hides
/// has no link (no link without a target).
#[test]
fn html_key_points_link_to_shown_pairs_only() {
    let mut c = briefing();
    let html = render_str(Format::Html, &c, &[], &ReportOptions::default());
    let points = &html[at(&html, "<ol class=\"points\">")..];
    let points = &points[..at(points, "</ol>")];
    for n in [4, 1, 5, 3] {
        assert!(points.contains(&format!("href=\"#pair-{n}\"")), "{points}");
    }
    c.pairs[0].kind = policydiff_model::PairKind::Same;
    let opts = ReportOptions {
        pairs: policydiff_report::PairSelection::ChangedOnly,
        ..Default::default()
    };
    let html = render_str(Format::Html, &c, &[], &opts);
    assert!(!html.contains("href=\"#pair-1\""));
    assert!(!html.contains("id=\"pair-1\""));
}

#[test]
fn markdown_report_of_a_briefing_comparison() {
    let s = render_str(
        Format::Markdown,
        &briefing(),
        &[],
        &ReportOptions::default(),
    );
    insta::assert_snapshot!(s);
}

/// A task item Foshan-style edits drop (the engine's real result on
/// Guangdong's plan with item 9 removed): every export says it in the
/// summary with its left clause and no right one, and HTML links it to the
/// left-only pair.
#[test]
fn a_removed_duty_is_a_key_point_of_every_export() {
    let original = support::doc(GD);
    let mut edited = original.clone();
    let item9 = original
        .text
        .split('\n')
        .find(|l| l.starts_with("9.加强涉企问题总结梳理"))
        .expect("item 9")
        .to_string();
    edited.text = edited.text.replace(&format!("{item9}\n"), "");
    let c = policydiff_engine::compare(
        policydiff_segment::Segmenter::shared(),
        &support::to_compare(original),
        &support::to_compare(edited),
        &Default::default(),
    );
    let point = c
        .key_points
        .iter()
        .find(|p| p.kind == policydiff_model::KeyDiffKind::DutyRemoved)
        .unwrap_or_else(|| panic!("{:#?}", c.key_points));
    assert_eq!(point.detail, "删除任务：加强涉企问题总结梳理");
    for (f, text) in exports(&c, &ReportOptions::default()) {
        let text = plain(&text);
        let summary = at(&text, "要点摘要");
        let here = at(&text, "删除任务：加强涉企问题总结梳理（左二/（三）/9↔右—）");
        assert!(summary < here && here < at(&text, "概况"), "{f:?}");
    }
    let html = render_str(Format::Html, &c, &[], &ReportOptions::default());
    let pair = c
        .pairs
        .iter()
        .position(|p| p.kind == policydiff_model::PairKind::LeftOnly)
        .expect("the removed item's pair");
    let points = &html[at(&html, "<ol class=\"points\">")..];
    let points = &points[..at(points, "</ol>")];
    assert!(
        points.contains(&format!("href=\"#pair-{}\"", pair + 1)),
        "{points}"
    );
}
