//! Reports as Markdown: escaped specials, marked deletions and insertions.

mod report_common;
mod support;

use report_common::*;

use policydiff_model::OpTag;
use policydiff_report::{Format, ReportOptions};

/// `|` not preceded by a backslash.
fn unescaped_pipes(line: &str) -> usize {
    let b = line.as_bytes();
    (0..b.len())
        .filter(|&i| b[i] == b'|' && (i == 0 || b[i - 1] != b'\\'))
        .count()
}

#[test]
fn markdown_escapes_pipes_and_specials() {
    let (c, notes) = hostile();
    let s = render_str(Format::Markdown, &c, &notes, &ReportOptions::default());
    assert!(s.contains(r"\<script\>alert(1)\</script\>"));
    assert!(s.contains(r"a\|b"));
    assert!(s.contains(r"c\|d"), "a pipe inside the word operations");
    assert!(s.contains(r"\*强调\*") && s.contains(r"\~\~x\~\~") && s.contains(r"\[链接\]"));
    // Every `<` that is not backslash-escaped opens one of our own tags.
    for (i, _) in s.match_indices('<') {
        let ours = ["<br>", "<del>", "</del>", "<ins>", "</ins>"];
        assert!(
            s[..i].ends_with('\\') || ours.iter().any(|t| s[i..].starts_with(t)),
            "unescaped: {}",
            s[i..].chars().take(20).collect::<String>()
        );
    }
    // Every row of a two-column pair table has exactly three real pipes.
    let mut in_pair_table = false;
    let mut rows = 0;
    for line in s.lines() {
        if line.starts_with("| 左：") {
            in_pair_table = true;
        } else if !line.starts_with('|') {
            in_pair_table = false;
        }
        if in_pair_table {
            rows += 1;
            assert_eq!(unescaped_pipes(line), 3, "{line}");
        }
    }
    assert_eq!(rows, 3 * c.pairs.len());
}

#[test]
fn markdown_marks_deletions_and_insertions() {
    let s = render_str(
        Format::Markdown,
        real(),
        &real_notes(),
        &ReportOptions::default(),
    );
    assert!(s.starts_with("# 对比分析报告\n"));
    assert!(s.contains("## 概况") && s.contains("## 重点差异") && s.contains("## 逐条对比"));
    let marked = |open: &str, close: &str, tag: &str, text: &str| {
        let body = text.trim().replace('\n', "<br>");
        s.contains(&format!("{open}{body}{close}")) || s.contains(&format!("<{tag}>{body}</{tag}>"))
    };
    assert!(marked("~~", "~~", "del", DELETED));
    assert!(marked("**", "**", "ins", INSERTED));
    for d in op_texts(OpTag::Delete) {
        assert!(marked("~~", "~~", "del", d), "{d}");
    }
    for i in op_texts(OpTag::Insert) {
        assert!(marked("**", "**", "ins", i), "{i}");
    }
    assert!(s.contains(&format!("> 备注：〔需关注〕{NOTE}")));
    for k in &point().key_diffs {
        assert!(s.contains(&k.detail), "{}", k.detail);
    }
}
