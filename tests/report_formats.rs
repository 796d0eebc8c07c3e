//! Reports in every format: the same pairs on standard output and in a file,
//! the pair selection, JSON as the wire format, atomic export.

mod report_common;
mod support;

use report_common::*;

use policydiff_model::{ClauseKind, Comparison, OpTag, Pair, PairKind, UnitView, WordOp};
use policydiff_report::{
    export_to_file, write_file_atomically, Error, Format, Note, PairSelection, ReportOptions,
};

#[test]
fn every_format_renders_the_real_pair() {
    let c = real();
    let notes = real_notes();
    let opts = ReportOptions::default();
    for f in Format::ALL {
        let out = render(f, c, &notes, &opts);
        assert!(out.len() > 1000, "{f:?}: {} bytes", out.len());
        if !matches!(f, Format::Docx | Format::Csv | Format::Pdf) {
            let s = String::from_utf8(out).unwrap();
            for title in [&c.left.meta.title, &c.right.meta.title] {
                assert!(s.contains(title.as_str()), "{f:?} lacks {title}");
            }
        }
    }
}

#[test]
fn json_is_the_model_and_round_trips() {
    let c = real();
    let s = render_str(Format::Json, c, &[], &ReportOptions::default());
    let back: Comparison = serde_json::from_str(&s).unwrap();
    assert_eq!(&back, c);
    let v: serde_json::Value = serde_json::from_str(&s).unwrap();
    // The 二、重点任务 heading is the same in both plans; point 1 is modified,
    // with its word operations and key differences in the wire format.
    let heading = c
        .pairs
        .iter()
        .position(|p| p.left.as_ref().is_some_and(|u| u.text == "二、重点任务"))
        .unwrap();
    assert_eq!(v["pairs"][heading]["kind"], "same");
    let p = &v["pairs"][point_index()];
    assert_eq!(p["kind"], "modified");
    let ops = p["ops"].as_array().unwrap();
    assert!(ops
        .iter()
        .any(|o| o["tag"] == "delete" && o["text"] == DELETED));
    assert!(ops
        .iter()
        .any(|o| o["tag"] == "insert" && o["text"] == INSERTED));
    assert!(p["key_diffs"]
        .as_array()
        .unwrap()
        .iter()
        .any(|k| k["kind"] == "responsibility"));
    assert_eq!(v["left"]["doc_number"], "粤办函〔2023〕41号");
    assert_eq!(v["right"]["doc_number"], "佛府办函〔2023〕75号");
    assert!(s.ends_with("}\n"));
}

#[test]
fn changed_only_hides_same_pairs_unless_they_carry_a_note() {
    let mut c = tiny();
    let same = |path: &str| {
        let u = UnitView {
            clause: 9,
            kind: ClauseKind::Item,
            path: path.into(),
            label: String::new(),
            heading: None,
            text: format!("相同条款{path}。"),
        };
        Pair {
            ops: vec![WordOp {
                tag: OpTag::Equal,
                text: u.text.clone(),
                renumbered: false,
            }],
            ..Pair::new(PairKind::Same, 1.0, Some(u.clone()), Some(u.clone()))
        }
    };
    c.pairs.push(same("四"));
    c.pairs.push(same("五"));
    let notes = vec![Note {
        left_path: Some("五".into()),
        right_path: Some("五".into()),
        tag: None,
        text: "保留".into(),
    }];
    let opts = ReportOptions {
        pairs: PairSelection::ChangedOnly,
        ..Default::default()
    };
    let s = render_str(Format::Text, &c, &notes, &opts);
    assert!(!s.contains("相同条款四"), "{s}");
    assert!(
        s.contains("5. 【相同】"),
        "numbering stays that of the whole comparison"
    );
    assert!(s.contains("相同条款五"));
    // CSV: header + the 3 changed pairs + the noted same pair.
    let csv = render(Format::Csv, &c, &notes, &opts);
    let mut r = csv::Reader::from_reader(&csv[3..]);
    assert_eq!(r.records().count(), 4);
    // PDF: the same selection.
    if let Some(pdf) = pdf_text(&c, &notes, &opts) {
        assert!(!pdf.contains("相同条款四") && pdf.contains("相同条款五"));
        assert!(pdf.contains("5.【相同】") && !pdf.contains("4.【相同】"));
    }
}

#[test]
fn export_writes_each_format_like_the_writer() {
    let dir = tempfile::tempdir().unwrap();
    let opts = ReportOptions {
        color: true,
        ..Default::default()
    };
    for f in Format::ALL {
        let path = dir.path().join(format!("对比.{}", f.extension()));
        export_to_file(&path, f, real(), &real_notes(), &opts).unwrap();
        let written = std::fs::read(&path).unwrap();
        match f {
            // Files never get colours.
            Format::Text => {
                let plain = ReportOptions {
                    color: false,
                    ..opts.clone()
                };
                assert_eq!(written, render(f, real(), &real_notes(), &plain));
            }
            Format::Docx => assert_eq!(&written[..2], b"PK"),
            // The others (PDF included: no dates or random ids in it) are
            // byte for byte what the writer gives.
            _ => assert_eq!(written, render(f, real(), &real_notes(), &opts)),
        }
    }
    assert_eq!(
        dir_entries(dir.path()).len(),
        Format::ALL.len(),
        "no temp files left"
    );
    // Replacing an existing file works.
    let path = dir.path().join("对比.json");
    export_to_file(&path, Format::Json, &tiny(), &[], &opts).unwrap();
    let back: Comparison = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    assert_eq!(back, tiny());
}

#[test]
fn export_into_missing_directory_fails_and_creates_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("no-such-dir");
    let path = missing.join("report.html");
    let err = export_to_file(&path, Format::Html, real(), &[], &Default::default()).unwrap_err();
    match &err {
        Error::Write { path: p, .. } => assert_eq!(p, &path),
        other => panic!("unexpected error {other:?}"),
    }
    assert!(err.to_string().contains("report.html"));
    assert!(!missing.exists());
    assert!(dir_entries(dir.path()).is_empty());
}

#[test]
fn failed_write_leaves_no_file_and_keeps_the_old_one() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("report.md");
    // Fails midway, after writing part of the output.
    let fail = |f: &mut std::fs::File| {
        use std::io::Write;
        f.write_all(&[b'x'; 100_000])?;
        Err(std::io::Error::other("disk full (simulated)"))
    };
    let err = write_file_atomically(&path, fail).unwrap_err();
    assert!(matches!(err, Error::Write { .. }));
    assert!(
        dir_entries(dir.path()).is_empty(),
        "{:?}",
        dir_entries(dir.path())
    );
    // With an old file in place, a failed write leaves it untouched.
    std::fs::write(&path, "old").unwrap();
    write_file_atomically(&path, fail).unwrap_err();
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "old");
    assert_eq!(dir_entries(dir.path()), ["report.md"]);
    // A directory in the way: the rename fails, the temp file goes.
    let blocked = dir.path().join("blocked.csv");
    std::fs::create_dir(&blocked).unwrap();
    export_to_file(&blocked, Format::Csv, real(), &[], &Default::default()).unwrap_err();
    let mut names = dir_entries(dir.path());
    names.sort();
    assert_eq!(names, ["blocked.csv", "report.md"]);
}

#[cfg(unix)]
#[test]
fn what_is_at_the_output_path_is_respected_as_a_shell_redirect_would() {
    use std::os::unix::fs::FileTypeExt;
    let dir = tempfile::tempdir().unwrap();
    let opts = Default::default();
    // A symbolic link: the file it points to gets the report, the link stays a link.
    let target = dir.path().join("target.json");
    std::fs::write(&target, "old").unwrap();
    let link = dir.path().join("link.json");
    std::os::unix::fs::symlink("target.json", &link).unwrap();
    export_to_file(&link, Format::Json, &tiny(), &[], &opts).unwrap();
    assert!(std::fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
    let written = std::fs::read_to_string(&target).unwrap();
    assert!(written.starts_with('{'), "{written}");
    // A link to a file not there yet creates that file.
    let dangling = dir.path().join("later.json");
    std::os::unix::fs::symlink("made.json", &dangling).unwrap();
    export_to_file(&dangling, Format::Json, &tiny(), &[], &opts).unwrap();
    assert!(dir.path().join("made.json").is_file());
    assert!(std::fs::symlink_metadata(&dangling)
        .unwrap()
        .file_type()
        .is_symlink());
    // A device is written into, not replaced by a regular file.
    export_to_file(
        std::path::Path::new("/dev/null"),
        Format::Text,
        &tiny(),
        &[],
        &opts,
    )
    .unwrap();
    assert!(std::fs::metadata("/dev/null")
        .unwrap()
        .file_type()
        .is_char_device());
    // A folder, and a folder that does not exist: said so, with no temporary file's name.
    let err = export_to_file(dir.path(), Format::Text, &tiny(), &[], &opts)
        .unwrap_err()
        .to_string();
    assert!(err.contains("it is a folder"), "{err}");
    let missing = dir.path().join("nope").join("r.txt");
    let err = export_to_file(&missing, Format::Text, &tiny(), &[], &opts)
        .unwrap_err()
        .to_string();
    assert!(err.contains("does not exist"), "{err}");
    assert!(!err.contains(".policydiff-"), "{err}");
    let mut names = dir_entries(dir.path());
    names.sort();
    assert_eq!(
        names,
        ["later.json", "link.json", "made.json", "target.json"]
    );
}

#[cfg(unix)]
#[test]
fn exported_file_is_not_private_to_the_temp_file_mode() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("r.txt");
    export_to_file(&path, Format::Text, &tiny(), &[], &Default::default()).unwrap();
    let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
    // 0666 & !umask: whatever the umask, the owner can read and write, and it
    // is not the 0600 of a fresh temp file unless the umask itself says so.
    assert_eq!(mode & 0o600, 0o600);
    let umask_allows_group_read = {
        let probe = dir.path().join("probe");
        std::fs::write(&probe, "").unwrap();
        std::fs::metadata(&probe).unwrap().permissions().mode() & 0o040 != 0
    };
    assert_eq!(mode & 0o040 != 0, umask_allows_group_read);
}

/// With any pair selection, a report on standard output ([`write_report`])
/// and in a file ([`export_to_file`]) are the same, and every format holds
/// the same pairs: JSON's `pairs`, CSV's rows, HTML's pair bodies, the text's
/// and Markdown's pair headings, DOCX's and PDF's pair rows.
#[test]
fn every_format_holds_the_same_pairs_on_stdout_and_in_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let notes = real_notes();
    for opts in [
        ReportOptions::default(),
        ReportOptions {
            pairs: PairSelection::ChangedOnly,
            ..Default::default()
        },
        ReportOptions {
            pairs: PairSelection::ChangedOnly,
            notes: false,
            summary: false,
            key_diffs: false,
            ..Default::default()
        },
    ] {
        let shown: Vec<usize> = {
            let json = render_str(Format::Json, real(), &notes, &opts);
            let v: serde_json::Value = serde_json::from_str(&json).unwrap();
            v["pairs"]
                .as_array()
                .unwrap()
                .iter()
                .map(|p| {
                    let c: Pair = serde_json::from_value(p.clone()).unwrap();
                    1 + real().pairs.iter().position(|q| *q == c).unwrap()
                })
                .collect()
        };
        if opts.pairs == PairSelection::ChangedOnly {
            assert!(shown.len() < real().pairs.len(), "same pairs are hidden");
        }
        for f in Format::ALL {
            let path = dir.path().join(format!("r.{}", f.extension()));
            export_to_file(&path, f, real(), &notes, &opts).unwrap();
            let file = std::fs::read(&path).unwrap();
            let written = render(f, real(), &notes, &opts);
            match f {
                Format::Docx => assert_eq!(docx_parts(&file).0, docx_parts(&written).0),
                _ => assert_eq!(file, written, "{f:?}"),
            }
            // The numbers of the pair headings (`3. 【修改】…`) in reading order.
            let headings = |s: &str, re: &str| -> Vec<usize> {
                regex::Regex::new(re)
                    .unwrap()
                    .captures_iter(s)
                    .map(|c| c[1].parse().unwrap())
                    .collect()
            };
            match f {
                Format::Json => {}
                Format::Csv => {
                    let mut r = csv::Reader::from_reader(&file[3..]);
                    let numbers: Vec<usize> = r
                        .records()
                        .map(|r| r.unwrap()[0].parse().unwrap())
                        .collect();
                    assert_eq!(numbers, shown);
                }
                Format::Html => {
                    let s = String::from_utf8(file).unwrap();
                    assert_eq!(headings(&s, r#"<tbody id="pair-(\d+)""#), shown);
                }
                Format::Text => {
                    let s = String::from_utf8(file).unwrap();
                    assert_eq!(headings(&s, r"(?m)^(\d+)\. 【"), shown);
                }
                Format::Markdown => {
                    let s = String::from_utf8(file).unwrap();
                    assert_eq!(headings(&s, r"(?m)^### (\d+)\. 【"), shown);
                }
                Format::Docx => {
                    let doc = docx_parts(&file).0;
                    assert_eq!(headings(&doc, r">(\d+)\. 【"), shown);
                }
                Format::Pdf => {
                    if !support::tool_available("pdftotext", "-v") {
                        continue;
                    }
                    let s = poppler("pdftotext", &["-raw"], &path);
                    assert_eq!(headings(&s, r"(?m)^(\d+)\. ?【"), shown);
                }
            }
        }
    }
}

/// Huizhou and Haikou wrote their procurement measures independently, and
/// one Huizhou clause relates to several Haikou items. A report prints such
/// a clause in full once; on its other related pairs it gives the clause's
/// number and heading and the pair that has it in full. A side whose
/// contrast value is set off stays whole; every format says it, in the
/// report's language.
#[test]
fn a_clause_related_to_several_is_printed_in_full_once() {
    let hz = support::parsed("惠州市财政局关于进一步优化政府采购营商环境的通知");
    let hk = support::parsed("海口市优化政府采购营商环境若干措施");
    let c = with_vectors(&hz, &hk);
    // Huizhou's clause on the most pairs without a contrast value set off.
    let contrast = |i: usize| {
        c.pairs[i]
            .key_diffs
            .iter()
            .flat_map(|k| &k.parts)
            .any(|x| x.contrast && !x.left.is_empty())
    };
    let mut rows: std::collections::BTreeMap<usize, Vec<usize>> = Default::default();
    for (i, p) in c.pairs.iter().enumerate() {
        if let Some(u) = &p.left {
            rows.entry(u.clause).or_default().push(i);
        }
    }
    let at = rows
        .into_values()
        .max_by_key(|v| v.iter().filter(|&&i| !contrast(i)).count())
        .unwrap();
    assert!(at.len() >= 4, "{at:?}");
    let unit = c.pairs[at[0]].left.as_ref().unwrap();
    let heading = unit.heading.as_deref().expect("a headed clause");
    // A piece of the clause's body, which only a whole print holds.
    let body: String = unit.text.lines().nth(1).unwrap().chars().take(16).collect();
    let folded_line = format!("{}{heading}（同上，全文见第{}项）", unit.label, at[0] + 1);

    let md = render_str(Format::Markdown, &c, &[], &ReportOptions::default());
    let pair_md = |i: usize| {
        let from = at_or_panic(&md, &format!("### {}. ", i + 1));
        let rest = &md[from..];
        let to = rest[4..].find("\n### ").map_or(rest.len(), |e| e + 4);
        rest[..to].to_string()
    };
    assert!(pair_md(at[0]).contains(&body), "{}", pair_md(at[0]));
    let mut folded = 0;
    for &i in &at[1..] {
        let row = pair_md(i);
        if contrast(i) {
            assert!(row.contains(&body) && !row.contains("同上"), "{row}");
        } else {
            assert!(row.contains(&folded_line) && !row.contains(&body), "{row}");
            folded += 1;
        }
    }
    assert!(folded >= 3, "{folded} folded");
    // The whole clause appears in the table once per unfolded pair.
    assert_eq!(md.matches(body.as_str()).count(), at.len() - folded);

    // Every other format says it too.
    for f in [Format::Text, Format::Html] {
        let s = render_str(f, &c, &[], &ReportOptions::default());
        assert!(squash(&s).contains(&folded_line), "{f:?}");
        assert_eq!(
            squash(&s).matches(body.as_str()).count(),
            at.len() - folded,
            "{f:?}"
        );
    }
    let (docx, _) = docx_parts(&render(Format::Docx, &c, &[], &ReportOptions::default()));
    assert!(docx.contains(&format!("（同上，全文见第{}项）", at[0] + 1)));
    let en = ReportOptions {
        lang: policydiff_model::ReportLang::En,
        ..ReportOptions::default()
    };
    let s = render_str(Format::Markdown, &c, &[], &en);
    assert!(s.contains(&format!(" (as above; in full under Pair {})", at[0] + 1)));
}

fn at_or_panic(hay: &str, needle: &str) -> usize {
    hay.find(needle).unwrap_or_else(|| panic!("no {needle}"))
}

/// `a` against `b` as the app compares them: with the static encoder's
/// sentence vectors (the committed table).
fn with_vectors(a: &policydiff_model::Doc, b: &policydiff_model::Doc) -> Comparison {
    use policydiff_embed::{Encoder, StaticEncoder};
    let p =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("crates/embed/data/e5-static-zh.bin");
    let enc = StaticEncoder::open(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
    let vectors = |d: &policydiff_model::Doc| -> std::collections::HashMap<usize, Vec<f32>> {
        let units = d.tree.units();
        let texts: Vec<&str> = units.iter().map(|(_, t)| t.as_str()).collect();
        units
            .iter()
            .map(|(i, _)| *i)
            .zip(enc.encode(&texts).into_vecs())
            .collect()
    };
    let (va, vb) = (vectors(a), vectors(b));
    policydiff_engine::compare_with(
        policydiff_segment::Segmenter::shared(),
        a,
        b,
        &policydiff_model::CompareOptions::default(),
        Some(policydiff_engine::Semantic {
            left: &va,
            right: &vb,
        }),
    )
}

/// In the left document's order (`--order left`, the app's 行序) a report
/// numbers its pairs as it lists them: Huizhou's clauses in turn, each
/// clause's related Haikou items together under it (the clause whole once,
/// then folded), Haikou's added items after the clause they followed. The
/// key points and the key-difference table cite the new numbers; JSON lists
/// the pairs in the same order.
#[test]
fn a_report_in_the_left_documents_order_groups_each_clauses_pairs() {
    let hz = support::parsed("惠州市财政局关于进一步优化政府采购营商环境的通知");
    let hk = support::parsed("海口市优化政府采购营商环境若干措施");
    let c = with_vectors(&hz, &hk);
    let opts = ReportOptions {
        order: policydiff_model::PairOrder::Left,
        ..ReportOptions::default()
    };
    let order = c.row_order(opts.order);
    assert_ne!(
        order,
        (0..c.pairs.len()).collect::<Vec<_>>(),
        "as aligned, Haikou's order"
    );
    // Huizhou's clauses come in turn.
    let lefts: Vec<usize> = order
        .iter()
        .filter_map(|&i| c.pairs[i].left.as_ref().map(|u| u.clause))
        .collect();
    assert!(lefts.windows(2).all(|w| w[0] <= w[1]), "{lefts:?}");

    let md = render_str(Format::Markdown, &c, &[], &opts);
    // Headings numbered 1..n in the order listed, each pair as `order` puts it.
    let headings: Vec<&str> = md.lines().filter(|l| l.starts_with("### ")).collect();
    assert_eq!(headings.len(), c.pairs.len());
    for (k, (h, &i)) in headings.iter().zip(&order).enumerate() {
        assert!(h.starts_with(&format!("### {}. ", k + 1)), "{h}");
        let p = &c.pairs[i];
        let left = p.left.as_ref().map_or("—".to_string(), |u| u.path.clone());
        assert!(h.contains(&format!("左 {left} ↔")), "{h} is pair {i}");
    }
    // The rows of Huizhou's 八 are consecutive, and its folded rows cite the first of them.
    let rows: Vec<usize> = headings
        .iter()
        .enumerate()
        .filter(|(_, h)| h.contains("左 八 ↔"))
        .map(|(k, _)| k + 1)
        .collect();
    assert!(
        rows.len() >= 4 && rows.windows(2).all(|w| w[1] == w[0] + 1),
        "{rows:?}"
    );
    assert!(md.contains(&format!(
        "八、加快合同签订及支付（同上，全文见第{}项）",
        rows[0]
    )));
    // The contrast's key point and table row cite its pair's new number.
    let (i, _) = c
        .pairs
        .iter()
        .enumerate()
        .find(|(_, p)| p.key_diffs.iter().any(|k| k.right == "5个工作日内"))
        .unwrap();
    let number = order.iter().position(|&j| j == i).unwrap() + 1;
    assert!(rows.contains(&number), "the contrast is one of 八's pairs");
    let table = &md[at(&md, "## 重点差异")..at(&md, "## 逐条对比")];
    assert!(table.contains(&format!("第{number}项")), "{table}");

    let json: serde_json::Value =
        serde_json::from_str(&render_str(Format::Json, &c, &[], &opts)).unwrap();
    let paths: Vec<Option<&str>> = json["pairs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["left"]["path"].as_str())
        .collect();
    let expected: Vec<Option<&str>> = order
        .iter()
        .map(|&i| c.pairs[i].left.as_ref().map(|u| u.path.as_str()))
        .collect();
    assert_eq!(paths, expected);
}

/// Between documents written apart the text reuse is near zero while many
/// clauses correspond in topic: the summary counts each side's items by
/// their strongest counterpart, each once, the title, cover letter,
/// signature and bare headings left out, and every report says so.
#[test]
fn the_summary_counts_each_sides_clauses_by_their_counterparts() {
    use policydiff_model::SideCounts;
    let hz = support::parsed("惠州市财政局关于进一步优化政府采购营商环境的通知");
    let hk = support::parsed("海口市优化政府采购营商环境若干措施");
    let c = with_vectors(&hz, &hk);
    let items = [support::item_units(&hz), support::item_units(&hk)];
    // Recount from the pairs: each item once, by its strongest pair.
    let recount = |left: bool| {
        let mut best = std::collections::BTreeMap::<usize, u8>::new();
        for p in &c.pairs {
            let Some(u) = (if left { &p.left } else { &p.right }) else {
                continue;
            };
            if !items[usize::from(!left)].contains(&u.clause) {
                continue;
            }
            let s = match p.kind {
                PairKind::LeftOnly | PairKind::RightOnly => 0,
                PairKind::Related => 1,
                _ => 2,
            };
            let e = best.entry(u.clause).or_default();
            *e = (*e).max(s);
        }
        SideCounts {
            units: best.len(),
            matched: best.values().filter(|&&s| s == 2).count(),
            related: best.values().filter(|&&s| s == 1).count(),
        }
    };
    let (l, r) = (c.summary.left_units, c.summary.right_units);
    assert_eq!((l, r), (recount(true), recount(false)));
    // Huizhou's items are its units less the roles and headings; most relate to Haikou's
    // items, fewer than its related pairs (one clause relates to several).
    assert_eq!(l.units, items[0].len());
    assert!(l.related * 2 > l.units, "{l:?}");
    assert!(
        l.related < c.summary.related,
        "{l:?} vs {} related pairs",
        c.summary.related
    );
    assert!(
        r.units - r.matched - r.related > r.units / 3,
        "Haikou adds much: {r:?}"
    );

    let md = render_str(Format::Markdown, &c, &[], &ReportOptions::default());
    let none = l.units - l.matched - l.related;
    assert!(
        md.contains(&format!(
            "- 左文条款：{} 条（沿用或修改 {}，主题相关 {}，无对应 {none}）",
            l.units, l.matched, l.related
        )),
        "{md}"
    );
    let (docx, _) = docx_parts(&render(Format::Docx, &c, &[], &ReportOptions::default()));
    assert!(docx.contains(&format!("左文 {} 条条款中", l.units)));

    // A copy: every clause of Guangdong's plan is taken over by Foshan's.
    let gd = support::parsed("广东省进一步强化市场主体诉求响应服务工作方案");
    let fs = support::parsed("佛山市进一步强化市场主体诉求响应服务工作方案");
    let copy = with_vectors(&gd, &fs);
    let g = copy.summary.left_units;
    assert!(g.units > 10 && g.matched == g.units, "{g:?}");

    // Hainan's task list: its section headings and its own policy
    // interpretation (附件1) are not items, as in the coverage matrix.
    let hn = support::parsed("海南省2023年营商环境制度集成创新重点任务");
    let sy = support::parsed("三亚市创建一流营商环境2023年实施方案");
    let tasks = with_vectors(&hn, &sy).summary.left_units;
    let items = support::item_units(&hn)
        .into_iter()
        .filter(|i| !hn.tree.clauses[*i].path.starts_with("附件1"))
        .count();
    assert_eq!(tasks.units, items, "{tasks:?}");
    assert!(tasks.units + 8 < hn.tree.units().len(), "{tasks:?}");
}
