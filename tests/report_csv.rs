//! Reports as CSV: BOM, header, one row per pair, formula injection.

mod report_common;
mod support;

use report_common::*;

use policydiff_model::UnitView;
use policydiff_report::{Format, ReportOptions};

#[test]
fn csv_has_bom_header_and_one_row_per_pair() {
    let c = real();
    let notes = real_notes();
    let bytes = render(Format::Csv, c, &notes, &ReportOptions::default());
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "UTF-8 BOM");
    let mut r = csv::Reader::from_reader(&bytes[3..]);
    let header: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(
        header,
        [
            "序号",
            "类型",
            "相似度",
            "左文位置",
            "左文编号",
            "左文内容",
            "右文位置",
            "右文编号",
            "右文内容",
            "重点差异",
            "备注",
            "标签"
        ]
    );
    let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), c.pairs.len());
    for (i, (row, p)) in rows.iter().zip(&c.pairs).enumerate() {
        assert_eq!(row.len(), 12);
        assert_eq!(row[0], (i + 1).to_string());
        assert_eq!(row[1], *policydiff_report::kind_label(p.kind));
        let text = |u: &Option<UnitView>| u.as_ref().map(|u| u.text.clone()).unwrap_or_default();
        assert_eq!(row[5], text(&p.left));
        assert_eq!(row[8], text(&p.right));
        assert_eq!(row[2].is_empty(), p.left.is_none() || p.right.is_none());
    }
    let noted: Vec<_> = rows.iter().filter(|r| !r[10].is_empty()).collect();
    assert_eq!(noted.len(), 1);
    assert_eq!(&noted[0][10], NOTE);
    assert_eq!(&noted[0][11], "需关注");
    // The point's row: similarity with three decimals, every key difference.
    let row = &rows[point_index()];
    assert_eq!(row[0], (point_index() + 1).to_string());
    let sim: f64 = row[2].parse().unwrap();
    assert!((sim - point().similarity).abs() < 5e-4, "{}", &row[2]);
    assert_eq!(row[2].split('.').nth(1).map(str::len), Some(3));
    assert!(!point().key_diffs.is_empty());
    for k in &point().key_diffs {
        assert!(row[9].contains(&k.detail), "{}", &row[9]);
    }
    assert_eq!(&row[10], NOTE);
    // Pairs without key differences have an empty cell.
    for (row, p) in rows.iter().zip(&c.pairs) {
        assert_eq!(row[9].is_empty(), p.key_diffs.is_empty());
    }
}

#[test]
fn csv_guards_against_formulas_and_keeps_newlines() {
    let mut c = tiny();
    c.pairs[1].left.as_mut().unwrap().text = "=HYPERLINK(\"x\")\n第二行".into();
    let bytes = render(Format::Csv, &c, &[], &ReportOptions::default());
    let mut r = csv::Reader::from_reader(&bytes[3..]);
    let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
    assert_eq!(&rows[1][5], "'=HYPERLINK(\"x\")\n第二行");
    assert_eq!(&rows[0][9], "办结时限：5个工作日 → 3个工作日");
}

#[test]
fn csv_neutralises_formulas_behind_tabs_and_line_breaks() {
    let mut c = tiny();
    let texts = ["\t=HYPERLINK(\"x\")", "\n+1", "\r\n@SUM(A1)"];
    for (p, t) in c.pairs.iter_mut().zip(texts) {
        let u = p.left.as_mut().or(p.right.as_mut()).unwrap();
        u.text = t.into();
    }
    let bytes = render(Format::Csv, &c, &[], &ReportOptions::default());
    let mut r = csv::Reader::from_reader(&bytes[3..]);
    let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
    let texts: Vec<&str> = rows
        .iter()
        .map(|r| if r[5].is_empty() { &r[8] } else { &r[5] })
        .collect();
    // Each keeps its text, behind a quote Excel hides (CR LF is kept as LF).
    assert_eq!(
        texts,
        ["'\t=HYPERLINK(\"x\")", "'\n+1", "'\n@SUM(A1)"],
        "{rows:?}"
    );
}
