//! Reports as terminal text: columns within the width, exact lines of a
//! tiny comparison, colours, the width bound, every character kept.

mod report_common;
mod support;

use report_common::*;

use policydiff_model::OpTag;
use policydiff_report::{Format, ReportOptions, MAX_TEXT_WIDTH, MIN_TEXT_WIDTH};
use unicode_width::UnicodeWidthStr;

#[test]
fn text_columns_fit_the_width_on_the_real_pair() {
    for width in [60, 100, 160] {
        let opts = ReportOptions {
            width,
            ..Default::default()
        };
        let s = render_str(Format::Text, real(), &real_notes(), &opts);
        let col = (width - 3) / 2;
        let mut rows = 0;
        for line in s.lines().filter(|l| l.contains(" | ")) {
            rows += 1;
            assert!(line.width() <= width, "{width}: {line:?}");
            // The separator sits right after the left column.
            let sep = line.find(" | ").unwrap();
            assert_eq!(line[..sep].width(), col, "{line:?}");
        }
        assert!(rows > real().pairs.len(), "every pair has at least one row");
        for (i, p) in real().pairs.iter().enumerate() {
            let heading = format!("{}. 【{}】", i + 1, policydiff_report::kind_label(p.kind));
            assert!(s.contains(&heading), "{heading}");
        }
        assert!(s.contains(&format!("[-{DELETED}-]")), "{width}");
        assert!(s.contains(&format!("{{+{INSERTED}+}}")), "{width}");
        assert!(!s.contains('\x1b'));
        assert!(s.contains(&format!("备注：〔需关注〕{NOTE}")));
        assert!(s.contains("未对应条款的备注"));
    }
}

#[test]
fn text_exact_lines_for_tiny_comparison() {
    // width 40 → columns of (40 - 3) / 2 = 18; a CJK character takes 2.
    let opts = ReportOptions {
        width: 40,
        ..Default::default()
    };
    let s = render_str(Format::Text, &tiny(), &[], &opts);
    let expected = [
        "对比分析报告",
        "《甲方案》与《乙方案》",
        "=======================================",
        "左：甲方案",
        "    甲办〔2023〕1号 · 2023-03-11",
        "右：乙方案",
        "    乙办〔2023〕2号 · 2023-03-11",
        "",
        "概况：相同 0，修改 1，移动 0，拆分 0，合并 0，删除（仅左） 1，新增（仅右） 1，重点差异 1（实质性 1），左文保留 50.0%，右文沿用 50.0%",
        "",
        "重点差异：",
        "  1. [数量] 第1项（左 一 ↔ 右 一）：办结时限：5个工作日 → 3个工作日",
        "",
        "1. 【修改】 相似度 80% · 左 一 ↔ 右 一",
        // 在[-5个-]工作日内 is 17 columns; 办 would make 19 > 18.
        "在[-5个-]工作日内  | 在{+3个+}工作日内",
        "办结。             | 办结。",
        "  重点差异：[数量] 办结时限：5个工作日 → 3个工作日",
        "",
        "2. 【删除（仅左）】 · 左 二 ↔ 右 —",
        "建立联络员制度。   |",
        "",
        "3. 【新增（仅右）】 · 左 — ↔ 右 三",
        "                   | 加强督办考核。",
    ];
    let got: Vec<&str> = s.lines().collect();
    assert_eq!(got, expected, "\n{s}");
}

#[test]
fn text_colour_uses_ansi_instead_of_markers() {
    let opts = ReportOptions {
        width: 40,
        color: true,
        ..Default::default()
    };
    let s = render_str(Format::Text, &tiny(), &[], &opts);
    assert!(s.contains("在\x1b[31;9m5个\x1b[0m工作日内"), "{s}");
    assert!(s.contains("在\x1b[34;4m3个\x1b[0m工作日内"), "{s}");
    assert!(!s.contains("[-") && !s.contains("{+"));
}

#[test]
fn absurd_widths_are_clamped_to_the_documented_bound() {
    let at = |width| {
        let opts = ReportOptions {
            width,
            ..Default::default()
        };
        render_str(Format::Text, real(), &real_notes(), &opts)
    };
    let huge = at(100_000_000);
    assert_eq!(huge, at(MAX_TEXT_WIDTH), "wider requests are clamped");
    assert!(huge.lines().all(|l| l.width() <= MAX_TEXT_WIDTH));
    assert!(
        huge.len() < 4_000_000,
        "{} bytes for a 24-pair comparison",
        huge.len()
    );
    // Below the least width, the columns keep the least width.
    assert_eq!(at(0), at(MIN_TEXT_WIDTH));
    assert!(at(0)
        .lines()
        .filter(|l| l.contains(" | "))
        .all(|l| l.width() <= MIN_TEXT_WIDTH));
}

/// The left column of every pair, read back from the output, is the left
/// text (markers and line breaks aside), every character once and in order;
/// likewise on the right.
#[test]
fn text_columns_keep_every_character_in_order() {
    for width in [40, 61, 100] {
        let opts = ReportOptions {
            width,
            ..Default::default()
        };
        let s = render_str(Format::Text, real(), &[], &opts);
        let col = (width - 3) / 2;
        let mut blocks: Vec<(String, String)> = Vec::new();
        for line in s.lines() {
            if line.starts_with(|c: char| c.is_ascii_digit()) && line.contains(". 【") {
                blocks.push((String::new(), String::new()));
            } else if let Some(b) = blocks.last_mut() {
                // `left | right`, or `left |` when the right column is empty.
                let sep = line
                    .find(" | ")
                    .or_else(|| line.strip_suffix(" |").map(str::len));
                let Some(sep) = sep else { continue };
                assert_eq!(line[..sep].width(), col, "{line}");
                b.0.push_str(&line[..sep]);
                b.1.push_str(line.get(sep + 3..).unwrap_or(""));
            }
        }
        assert_eq!(blocks.len(), real().pairs.len());
        let strip = |s: &str| {
            squash(
                &s.replace("[-", "")
                    .replace("-]", "")
                    .replace("{+", "")
                    .replace("+}", ""),
            )
        };
        let side = |p: &policydiff_model::Pair, skip: OpTag, left: bool| -> String {
            let unit = if left { &p.left } else { &p.right };
            match unit {
                None => String::new(),
                Some(u) if p.ops.is_empty() || p.left.is_none() || p.right.is_none() => {
                    squash(&u.text)
                }
                Some(_) => squash(
                    &p.ops
                        .iter()
                        .filter(|o| o.tag != skip)
                        .map(|o| o.text.as_str())
                        .collect::<String>(),
                ),
            }
        };
        for (p, (l, r)) in real().pairs.iter().zip(&blocks) {
            assert_eq!(strip(l), side(p, OpTag::Insert, true), "{width}");
            assert_eq!(strip(r), side(p, OpTag::Delete, false), "{width}");
        }
    }
}

/// The key points open the text report, then the header's documents; the
/// whole report of the hand-made briefing comparison, reviewed by eye.
#[test]
fn text_report_of_a_briefing_comparison() {
    let opts = ReportOptions {
        width: 60,
        ..Default::default()
    };
    let s = render_str(Format::Text, &briefing(), &[], &opts);
    insta::assert_snapshot!(s);
}

/// A renumbered item (Guangdong's `4.`, Foshan's `1.`) reads plain in both
/// columns: its label is no deletion or insertion.
#[test]
fn renumbered_labels_are_not_marked_as_edits() {
    let s = render_str(Format::Text, real(), &[], &ReportOptions::default());
    let row = s
        .lines()
        .find(|l| l.starts_with("4.完善诉求响应协调机制"))
        .unwrap_or_else(|| panic!("no plain row for item 4:\n{s}"));
    let right = row.split(" | ").nth(1).expect("two columns");
    assert!(right.starts_with("1.完善诉求响应协调机制"), "{row}");
    assert!(
        !s.contains("[-4-]") && !s.contains("{+1+}."),
        "label marked"
    );
    // The real changes of the pair are still marked.
    assert!(s.contains("{+市行政服务中心、+}"));
}
