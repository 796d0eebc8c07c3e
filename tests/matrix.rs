//! The coverage matrix (one base document against many): cells from the
//! engine's pairs, on synthetic city versions with known edits and on real
//! corpus documents; its exports read back with real readers; the CLI
//! contract of `policydiff matrix`.

mod support;

use std::collections::BTreeSet;
use std::io::Cursor;
use std::path::Path;
use std::process::Command;

use policydiff::compare::{compare_stored, StoredOptions};
use policydiff::matrix::{self, assemble, matrix_stored, sort_rows};
use policydiff::model::{
    CellKind, Direction, Doc, KeyDiffKind, Matrix, MatrixFormat, PairKind, ReportLang, RowOrder,
    SourceDoc,
};
use policydiff::{Segmenter, SqliteStore, Store};
use serde_json::Value;

/// Guangdong's complaint-response plan (粤办函〔2023〕41号).
const GD_TITLE: &str = "广东省进一步强化市场主体诉求响应服务工作方案";
const GD_NUMBER: &str = "粤办函〔2023〕41号";
/// Foshan's version of it (佛府办函〔2023〕75号).
const FS_NUMBER: &str = "佛府办函〔2023〕75号";
/// Hainan's patent-award rules (海南省专利奖评奖办法), unrelated.
const HN_PATENT_NUMBER: &str = "琼知规〔2023〕1号";
/// Hainan's business-environment tasks, unrelated.
const HN_TASKS_TITLE: &str = "海南省2023年营商环境制度集成创新重点任务";

/// `d` with each `(from, to)` replaced once; panics when `from` is not in
/// the text (the corpus changed and the edit would silently not happen).
fn edited(d: &SourceDoc, city: &str, edits: &[(&str, &str)]) -> Doc {
    let mut d = d.clone();
    for (from, to) in edits {
        assert!(d.text.contains(from), "{from} is not in the base text");
        d.text = d.text.replacen(from, to, 1);
    }
    d.meta.city = Some(city.to_owned());
    support::to_compare(d)
}

/// The cell of the row with base path `path` in column `col`.
fn cell<'m>(m: &'m Matrix, path: &str, col: usize) -> &'m policydiff::model::MatrixCell {
    let row = m
        .rows
        .iter()
        .find(|r| r.unit.path == path)
        .unwrap_or_else(|| panic!("no row {path}"));
    &row.cells[col]
}

/// The four synthetic cities: each one known edit of Guangdong's plan.
fn synthetic_cities(base: &SourceDoc) -> Vec<Doc> {
    // 甲市 drops item 5 and renumbers the items after it.
    let item5 = {
        let start = base.text.find("5.动态完善知识库").expect("item 5");
        let end = base.text.find("6.提升诉求办理实效").expect("item 6");
        base.text[start..end].to_owned()
    };
    let a = edited(
        base,
        "甲市",
        &[
            (&item5, ""),
            ("6.提升诉求办理实效", "5.提升诉求办理实效"),
            ("7.持续加强检查复核", "6.持续加强检查复核"),
            ("8.完善挂点联系工作机制", "7.完善挂点联系工作机制"),
            ("9.加强涉企问题总结梳理", "8.加强涉企问题总结梳理"),
            ("10.强化政策供给数据支撑", "9.强化政策供给数据支撑"),
        ],
    );
    // 乙市 moves the deadline of the goals earlier.
    let b = edited(base, "乙市", &[("在2023年底前", "在2023年9月底前")]);
    // 丙市 adds a lead unit to item 6.
    let c = edited(
        base,
        "丙市",
        &[(
            "协同联动中心。（省有关单位及各地级以上市政府按职责分工负责）",
            "协同联动中心。（省政务服务数据管理局牵头，省有关单位及各地级以上市政府按职责分工负责）",
        )],
    );
    // 丁市 adds an item of its own after item 10.
    let own = "11.建立诉求响应专家咨询制度。邀请行业协会、商会和法律服务机构专家组成咨询团队，为疑难诉求提供专业意见。（市工商联负责）";
    let d = edited(
        base,
        "丁市",
        &[("形成主动治理标本兼治的政策方法“工具箱”。（省政务服务数据管理局、发展改革委负责）\n", &format!("形成主动治理标本兼治的政策方法“工具箱”。（省政务服务数据管理局、发展改革委负责）\n{own}\n"))],
    );
    vec![a, b, c, d]
}

/// The matrix written in `format` (a text format), in Chinese.
fn written(m: &policydiff::model::Matrix, format: MatrixFormat) -> String {
    let mut out = Vec::new();
    policydiff::stages::report::matrix::write_matrix(&mut out, format, m, ReportLang::Zh).unwrap();
    String::from_utf8(out).unwrap()
}

#[test]
fn synthetic_city_versions_show_exactly_their_edits() {
    let seg = Segmenter::shared();
    let base_src = support::doc(GD_TITLE);
    let base = support::to_compare(base_src.clone());
    let cities = synthetic_cities(&base_src);
    let m = matrix::compute(None, seg, &base, &cities, &StoredOptions::default()).unwrap();

    assert_eq!(m.documents.len(), 4);
    assert_eq!(m.rows.len(), base.tree.units().len());
    // Every row has one cell per city, files have no library id.
    assert!(m.rows.iter().all(|r| r.cells.len() == 4));
    assert!(m
        .rows
        .iter()
        .flat_map(|r| &r.cells)
        .all(|c| c.doc.is_none()));

    // The cells that are not `same` are exactly the edits.
    let changed: BTreeSet<(String, usize, CellKind)> = m
        .rows
        .iter()
        .flat_map(|r| {
            r.cells
                .iter()
                .enumerate()
                .filter(|(_, c)| c.kind != CellKind::Same)
                .map(|(j, c)| (r.unit.path.clone(), j, c.kind))
        })
        .collect();
    let expected: BTreeSet<(String, usize, CellKind)> = [
        ("二/（二）/5".to_owned(), 0, CellKind::Missing),
        ("一".to_owned(), 1, CellKind::Modified),
        ("二/（二）/6".to_owned(), 2, CellKind::Modified),
    ]
    .into_iter()
    .collect();
    assert_eq!(changed, expected);

    // Renumbered items still pair with their counterparts.
    assert_eq!(cell(&m, "二/（二）/6", 0).paths, ["二/（二）/5"]);
    assert_eq!(cell(&m, "二/（三）/10", 0).paths, ["二/（三）/9"]);

    // Badges: the key differences are exactly the edits.
    let kinds = |path: &str, col: usize| -> Vec<KeyDiffKind> {
        cell(&m, path, col)
            .key_diffs
            .iter()
            .map(|k| k.kind)
            .collect()
    };
    let deadline = &cell(&m, "一", 1).key_diffs;
    assert_eq!(kinds("一", 1), [KeyDiffKind::Deadline], "{deadline:?}");
    assert!(deadline[0].substantive);
    // An earlier deadline is stricter. Until the key-difference engine sets
    // directions on deadlines it may have none; it must never say looser.
    assert!(
        matches!(deadline[0].direction, None | Some(Direction::Stricter)),
        "{deadline:?}"
    );
    let lead = &cell(&m, "二/（二）/6", 2).key_diffs;
    assert_eq!(kinds("二/（二）/6", 2), [KeyDiffKind::Responsibility]);
    assert!(lead[0].right.contains("省政务服务数据管理局"), "{lead:?}");
    assert!(lead[0].detail.contains("新增"), "{lead:?}");
    let with_key_diffs = m
        .rows
        .iter()
        .flat_map(|r| &r.cells)
        .filter(|c| !c.key_diffs.is_empty())
        .count();
    assert_eq!(
        with_key_diffs, 2,
        "key differences only in the edited cells"
    );

    // Coverage and additions, over the plan's items: its title, cover
    // letter and signature are rows but not counted, nor are its bare
    // headings.
    let content = support::item_units(&base).len();
    assert!(content + 2 < m.rows.len(), "{content} of {}", m.rows.len());
    let headings: Vec<&str> = m
        .rows
        .iter()
        .filter(|r| r.unit.structural && !r.unit.label.is_empty())
        .map(|r| r.unit.path.as_str())
        .collect();
    assert_eq!(
        headings,
        ["二", "二/（一）", "二/（二）", "二/（三）", "三"]
    );
    let n = content as f64;
    assert!((m.documents[0].coverage - (n - 1.0) / n).abs() < 1e-9);
    for d in &m.documents {
        let k = &d.counts;
        assert_eq!(k.same + k.modified + k.related + k.missing, content);
    }
    for d in &m.documents[1..] {
        assert_eq!(d.coverage, 1.0);
    }
    assert_eq!(m.documents[0].counts.missing, 1);
    let added: Vec<usize> = m.additions.iter().map(|a| a.units.len()).collect();
    assert_eq!(added, [0, 0, 0, 1]);
    let own = &m.additions[3].units[0];
    assert_eq!(own.path, "二/（三）/11");
    assert!(own.text.contains("专家咨询制度"), "{own:?}");
    assert_eq!(m.documents[3].counts.additions, 1);

    // Sorted by adoption, the dropped item comes last of the content units,
    // then the uncounted title, cover letter, signature and headings; ties
    // keep reading order.
    let mut sorted = m.clone();
    sort_rows(&mut sorted, RowOrder::Adoption);
    let structural = m.rows.len() - content;
    let (counted, uncounted) = sorted.rows.split_at(content);
    assert!(uncounted
        .iter()
        .all(|r| r.unit.structural && r.adopted().is_none()));
    assert!(counted.iter().all(|r| !r.unit.structural));
    assert_eq!(uncounted.len(), structural);
    assert_eq!(counted.last().unwrap().unit.path, "二/（二）/5");
    assert_eq!(counted.last().unwrap().adopted(), Some(3));
    let paths = |rows: &[&policydiff::model::MatrixRow]| -> Vec<String> {
        rows.iter().map(|r| r.unit.path.clone()).collect()
    };
    let reading: Vec<_> = m
        .rows
        .iter()
        .filter(|r| !r.unit.structural && r.unit.path != "二/（二）/5")
        .collect();
    let after: Vec<_> = counted[..content - 1].iter().collect();
    assert_eq!(paths(&reading), paths(&after));
    let roles: Vec<_> = m.rows.iter().filter(|r| r.unit.structural).collect();
    assert_eq!(paths(&roles), paths(&uncounted.iter().collect::<Vec<_>>()));
}

/// The bundled corpus in an in-memory library.
fn library() -> SqliteStore {
    let mut store = SqliteStore::open_in_memory().unwrap();
    policydiff::import::import_bundled_corpus(&mut store, Segmenter::shared(), |_, _| {}).unwrap();
    store
}

fn id_where(store: &SqliteStore, f: impl Fn(&policydiff::model::DocRow) -> bool) -> i64 {
    let ids: Vec<i64> = store
        .list(&Default::default())
        .unwrap()
        .into_iter()
        .filter(|r| f(r))
        .map(|r| r.id)
        .collect();
    assert_eq!(ids.len(), 1, "{ids:?}");
    ids[0]
}

fn id_of(store: &SqliteStore, number: &str) -> i64 {
    id_where(store, |r| r.meta.doc_number.as_deref() == Some(number))
}

/// With a sentence-vector model the matrix pairs by meaning as well as by
/// wording, as a pairwise comparison does: Hainan's tasks against Sanya's
/// plan (written independently, many topic-level pairs), vectors stored in
/// the library first. Each row's cell lists exactly the paths the
/// comparison pairs that unit with, and the vectors change the column.
#[test]
fn with_vectors_a_column_is_the_comparison_with_vectors() {
    let seg = Segmenter::shared();
    let mut store = library();
    let model = policydiff::vectors::Model::bundled().unwrap();
    policydiff::vectors::fill_missing(&mut store, &model, |_, _| {}).unwrap();
    let hn = id_where(&store, |r| r.meta.title.contains(HN_TASKS_TITLE));
    let sy = id_where(&store, |r| r.meta.title.contains("三亚市创建一流营商环境"));
    let fused = StoredOptions {
        vectors: Some(model),
        ..StoredOptions::default()
    };
    let columns = |opts: &StoredOptions| {
        let m = matrix_stored(&store, seg, hn, &[sy], opts).unwrap();
        let c = compare_stored(&store, seg, hn, sy, opts).unwrap();
        let mut from_pairs: BTreeSet<(String, String)> = BTreeSet::new();
        for p in &c.pairs {
            if let (Some(l), Some(r)) = (&p.left, &p.right) {
                from_pairs.insert((l.path.clone(), r.path.clone()));
            }
        }
        let from_cells: BTreeSet<(String, String)> = m
            .rows
            .iter()
            .flat_map(|row| {
                row.cells[0]
                    .paths
                    .iter()
                    .map(|p| (row.unit.path.clone(), p.clone()))
            })
            .collect();
        (from_cells, from_pairs)
    };
    let (cells, pairs) = columns(&fused);
    assert_eq!(cells, pairs, "the column is the comparison with vectors");
    let (lexical, _) = columns(&StoredOptions::default());
    assert_ne!(cells, lexical, "the vectors do not reach the matrix");

    // A missing cell carries the possible counterparts of the base unit's
    // one-sided row (可能对应), and no other cell has any.
    let m = matrix_stored(&store, seg, hn, &[sy], &fused).unwrap();
    let c = compare_stored(&store, seg, hn, sy, &fused).unwrap();
    let mut offered = 0;
    for row in &m.rows {
        let cell = &row.cells[0];
        let lone = c.pairs.iter().find(|p| {
            p.right.is_none() && p.left.as_ref().is_some_and(|u| u.path == row.unit.path)
        });
        match lone {
            Some(p) => {
                assert_eq!(cell.kind, CellKind::Missing);
                assert_eq!(cell.suggestions, p.suggestions, "{}", row.unit.path);
                offered += usize::from(!cell.suggestions.is_empty());
            }
            None => assert!(cell.suggestions.is_empty(), "{}", row.unit.path),
        }
    }
    assert!(
        offered >= 2,
        "{offered} missing cells with possible counterparts"
    );
}

#[test]
fn the_foshan_column_is_the_pairwise_comparison_pair_for_pair() {
    let seg = Segmenter::shared();
    let store = library();
    let (gd, fs, hn) = (
        id_of(&store, GD_NUMBER),
        id_of(&store, FS_NUMBER),
        id_of(&store, HN_PATENT_NUMBER),
    );
    let opts = StoredOptions::default();
    let m = matrix_stored(&store, seg, gd, &[fs, hn], &opts).unwrap();
    let c = compare_stored(&store, seg, gd, fs, &opts).unwrap();
    assert_eq!(m.base.id, Some(gd));
    assert_eq!(m.documents[0].info.id, Some(fs));
    assert_eq!(m.documents[1].info.id, Some(hn));

    // Every pair of the comparison is in the Foshan column, and nothing else.
    let mut seen = 0;
    let mut structural_keys = 0;
    for p in &c.pairs {
        match (&p.left, &p.right) {
            (Some(l), right) => {
                let cell = cell(&m, &l.path, 0);
                assert_eq!(cell.doc, Some(fs));
                let expected = match p.kind {
                    PairKind::Same => CellKind::Same,
                    PairKind::Modified | PairKind::Split | PairKind::Merged => CellKind::Modified,
                    PairKind::Moved if p.similarity >= 1.0 => CellKind::Same,
                    PairKind::Moved => CellKind::Modified,
                    PairKind::Related => CellKind::Related,
                    PairKind::LeftOnly => CellKind::Missing,
                    PairKind::RightOnly => unreachable!(),
                };
                assert_eq!(cell.kind, expected, "{}", l.path);
                match right {
                    Some(r) => {
                        assert!(cell.paths.contains(&r.path), "{} ↔ {}", l.path, r.path);
                        assert!(cell.similarity >= p.similarity);
                        // A content row's cell carries its pairs' key
                        // differences; a structural row's (the cover letter
                        // addressed to 各区) none.
                        let structural = m
                            .rows
                            .iter()
                            .any(|r| r.unit.path == l.path && r.unit.structural);
                        for k in &p.key_diffs {
                            assert_eq!(
                                cell.key_diffs.contains(k),
                                !structural,
                                "{}: {k:?}",
                                l.path
                            );
                        }
                        if structural {
                            assert!(cell.key_diffs.is_empty(), "{}", l.path);
                            structural_keys += p.key_diffs.len();
                        }
                    }
                    None => assert!(cell.paths.is_empty()),
                }
                seen += 1;
            }
            (None, Some(r)) => {
                assert!(
                    m.additions[0].units.iter().any(|u| u.path == r.path),
                    "addition {}",
                    r.path
                );
            }
            (None, None) => unreachable!(),
        }
    }
    let paired: usize = m.rows.iter().map(|r| r.cells[0].paths.len()).sum();
    let right_sides = c
        .pairs
        .iter()
        .filter(|p| p.left.is_some() && p.right.is_some())
        .count();
    assert_eq!(
        paired, right_sides,
        "no path in the column that no pair has"
    );
    assert!(seen >= m.rows.len());
    assert!(structural_keys > 0, "the cover letters differ in scope");
    // The Foshan plan is Guangdong's, localised: every unit is taken up.
    assert_eq!(m.documents[0].coverage, 1.0);
    assert_eq!(m.documents[0].counts.missing, 0);
    // Foshan reworded every item (scope words, lead units); what it kept
    // word for word are the section headings, which are not counted.
    let items = m.rows.iter().filter(|r| !r.unit.structural).count();
    assert_eq!(m.documents[0].counts.modified, items);
    assert!(m.rows.iter().any(|r| r.unit.structural
        && r.unit.path == "二/（一）"
        && r.cells[0].kind == CellKind::Same));
    assert_eq!(cell(&m, "二/（二）/4", 0).paths, ["二/（二）/1"]);

    // Hainan's patent-award rules take up nothing: no unit of the plan's
    // body. Its title, cover letter and signature pair with the plan's by
    // their role, and count for nothing.
    let patent = &m.documents[1];
    assert_eq!(patent.coverage, 0.0, "{:?}", patent.counts);
    for r in &m.rows {
        let body = r.unit.path.starts_with('二') || r.unit.path.starts_with('三');
        if body {
            assert_eq!(r.cells[1].kind, CellKind::Missing, "{}", r.unit.path);
        }
    }
    assert!(m.additions[1].units.len() > 20, "the rules are all its own");
}

#[test]
fn manual_pairings_apply_in_the_matrix() {
    let seg = Segmenter::shared();
    let mut store = library();
    let (gd, fs) = (id_of(&store, GD_NUMBER), id_of(&store, FS_NUMBER));
    // Forbid the pairing of Guangdong's item 4 with Foshan's （二）1.
    store
        .forbid_pair(gd, fs, "二/（二）/4", "二/（二）/1")
        .unwrap();
    let m = matrix_stored(&store, seg, gd, &[fs], &StoredOptions::default()).unwrap();
    assert_eq!(cell(&m, "二/（二）/4", 0).kind, CellKind::Missing);
    assert!(m.additions[0].units.iter().any(|u| u.path == "二/（二）/1"));
    // Without the manual pairings, the aligner's pair is back.
    let opts = StoredOptions {
        ignore_manual_pairs: true,
        ..Default::default()
    };
    let m = matrix_stored(&store, seg, gd, &[fs], &opts).unwrap();
    assert_eq!(cell(&m, "二/（二）/4", 0).paths, ["二/（二）/1"]);

    // Item 4 paired by hand with Foshan's （二）1 (replacing the forbid) and
    // also with （二）2: its cell names both; （二）2's own counterpart,
    // Guangdong's item 5, is left with none.
    store
        .force_pair(gd, fs, "二/（二）/4", "二/（二）/1")
        .unwrap();
    store
        .force_pair(gd, fs, "二/（二）/4", "二/（二）/2")
        .unwrap();
    let m = matrix_stored(&store, seg, gd, &[fs], &StoredOptions::default()).unwrap();
    let mut both = cell(&m, "二/（二）/4", 0).paths.clone();
    both.sort();
    assert_eq!(both, ["二/（二）/1", "二/（二）/2"]);
    assert_eq!(cell(&m, "二/（二）/5", 0).kind, CellKind::Missing);
}

#[test]
fn assemble_keeps_column_order_and_one_entry_per_document() {
    let seg = Segmenter::shared();
    let base = support::parsed(GD_TITLE);
    let others = [support::parsed(HN_TASKS_TITLE), base.clone()];
    let comparisons: Vec<_> = others
        .iter()
        .map(|o| policydiff::stages::engine::compare(seg, &base, o, &Default::default()))
        .collect();
    let m = assemble(&base, &others.iter().collect::<Vec<_>>(), &comparisons);
    assert_eq!(m.documents[0].info.meta.title, others[0].meta.title);
    assert_eq!(m.additions.len(), 2);
    // The base against itself: every cell same, nothing added.
    assert!(m.rows.iter().all(|r| r.cells[1].kind == CellKind::Same));
    assert!(m.additions[1].units.is_empty());
    // The parallel computation gives the same matrix.
    let computed = matrix::compute(None, seg, &base, &others, &StoredOptions::default()).unwrap();
    assert_eq!(computed, m);
}

// ---------------------------------------------------------------------------
// Exports, read back

fn gd_matrix() -> Matrix {
    let seg = Segmenter::shared();
    let store = library();
    let (gd, fs, hn) = (
        id_of(&store, GD_NUMBER),
        id_of(&store, FS_NUMBER),
        id_of(&store, HN_PATENT_NUMBER),
    );
    matrix_stored(&store, seg, gd, &[fs, hn], &StoredOptions::default()).unwrap()
}

/// A file of an XLSX package, as text.
fn zip_entry(bytes: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut s = String::new();
    std::io::Read::read_to_string(&mut zip.by_name(name).unwrap(), &mut s).unwrap();
    s
}

#[test]
fn xlsx_reads_back_with_a_real_reader() {
    use calamine::{open_workbook_from_rs, Data, Reader, Xlsx};
    let m = gd_matrix();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("矩阵.xlsx");
    matrix::export(&path, MatrixFormat::Xlsx, &m, ReportLang::Zh, None).unwrap();
    let bytes = std::fs::read(&path).unwrap();
    let mut wb: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes.clone())).unwrap();
    assert_eq!(
        wb.sheet_names(),
        ["覆盖矩阵", "地方新增", "重点差异", "文件"]
    );

    let text = |d: &Data| match d {
        Data::String(s) => s.clone(),
        Data::Float(f) => f.to_string(),
        Data::Empty => String::new(),
        other => format!("{other:?}"),
    };
    let sheet = wb.worksheet_range("覆盖矩阵").unwrap();
    let rows: Vec<Vec<String>> = sheet.rows().map(|r| r.iter().map(text).collect()).collect();
    // A header, then one row per base unit; one column per document.
    assert_eq!(rows.len(), m.rows.len() + 1);
    assert_eq!(rows[0][..3], ["条款路径", "基准条款", "采纳"]);
    assert!(rows[0][3].starts_with("1 佛山") && rows[0][3].contains(FS_NUMBER));
    assert!(rows[0][3].contains("覆盖 100.0%"), "{}", rows[0][3]);
    assert!(rows[0][4].starts_with("2 "), "{}", rows[0][4]);
    assert_eq!(rows[0][5], "条款内容");
    for (r, row) in m.rows.iter().zip(&rows[1..]) {
        assert_eq!(row[0], r.unit.path);
        let adopted = r.adopted().map_or("—".to_owned(), |a| format!("{a}/2"));
        assert_eq!(row[2], adopted);
        for (c, got) in r.cells.iter().zip(&row[3..5]) {
            let (symbol, word) = match c.kind {
                CellKind::Same => ("●", "相同"),
                CellKind::Modified => ("◐", "修改"),
                CellKind::Related => ("◇", "相关"),
                // A row not counted, with nothing in the document: a dash.
                CellKind::Missing if r.unit.structural => ("—", ""),
                CellKind::Missing => ("×", "缺失"),
            };
            assert!(
                got.starts_with(format!("{symbol} {word}").trim_end()),
                "{got}"
            );
            for p in &c.paths {
                assert!(got.contains(p.as_str()), "{got} lacks {p}");
            }
        }
    }
    let item4 = &rows[1..][m
        .rows
        .iter()
        .position(|r| r.unit.path == "二/（二）/4")
        .unwrap()];
    assert!(
        item4[3].contains("→ 二/（二）/1") && item4[3].contains("责任单位"),
        "{}",
        item4[3]
    );

    // The additions sheet lists every unit each document adds.
    let added = wb.worksheet_range("地方新增").unwrap();
    let total: usize = m.additions.iter().map(|a| a.units.len()).sum();
    assert_eq!(added.height(), total + 1);
    // The key differences sheet: one row per substantive key difference.
    let keys = wb.worksheet_range("重点差异").unwrap();
    let substantive = m
        .rows
        .iter()
        .flat_map(|r| &r.cells)
        .flat_map(|c| &c.key_diffs)
        .filter(|k| k.substantive)
        .count();
    assert_eq!(keys.height(), substantive + 1);
    // The documents sheet: coverage as a number.
    let docs = wb.worksheet_range("文件").unwrap();
    assert_eq!(docs.get_value((2, 3)), Some(&Data::Float(1.0)));

    // Frozen header row and unit columns; cells filled by kind.
    let sheet1 = zip_entry(&bytes, "xl/worksheets/sheet1.xml");
    assert!(
        sheet1.contains(r#"xSplit="3""#) && sheet1.contains(r#"ySplit="1""#),
        "frozen panes"
    );
    assert!(sheet1.contains(r#"state="frozen""#));
    let styles = zip_entry(&bytes, "xl/styles.xml");
    for fill in ["FFC6EFCE", "FFFFEB9C", "FFFFC7CE"] {
        assert!(styles.contains(fill), "fill {fill}");
    }
}

#[test]
fn xlsx_converts_with_libreoffice() {
    if !support::tool_available("soffice", "--version") {
        return;
    }
    let m = gd_matrix();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("matrix.xlsx");
    matrix::export(&path, MatrixFormat::Xlsx, &m, ReportLang::Zh, None).unwrap();
    let out = Command::new("soffice")
        .args([
            "--headless",
            "--convert-to",
            "csv:Text - txt - csv (StarCalc):44,34,76",
        ])
        .arg("--outdir")
        .arg(dir.path())
        .arg(&path)
        .env("HOME", dir.path())
        .output()
        .unwrap();
    let converted = dir.path().join("matrix.csv");
    assert!(
        out.status.success() && converted.exists(),
        "LibreOffice could not convert the workbook (is libreoffice-calc-nogui installed?): {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let csv = std::fs::read_to_string(converted).unwrap();
    let mut reader = csv::ReaderBuilder::new().from_reader(csv.as_bytes());
    let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    // The first sheet: one record per base unit.
    assert_eq!(records.len(), m.rows.len());
    assert_eq!(&records[0][0], m.rows[0].unit.path.as_str());
    assert!(records.iter().any(|r| r[3].starts_with("● 相同")));
    assert!(records.iter().any(|r| r[4].starts_with("× 缺失")));
}

#[test]
fn briefing_formats_hold_the_matrix_and_the_key_differences() {
    let m = gd_matrix();
    let dir = tempfile::tempdir().unwrap();

    let html = written(&m, MatrixFormat::Html);
    assert!(html.contains("<h2>二、覆盖矩阵</h2>") && html.contains("<h2>三、重点差异</h2>"));
    assert!(html.contains(r#"<td class="cell modified">◐ 修改"#));
    assert!(html.contains("→ 二/（二）/1"));
    assert!(html.contains("牵头单位"), "Foshan's lead units listed");

    let docx = dir.path().join("m.docx");
    matrix::export(&docx, MatrixFormat::Docx, &m, ReportLang::Zh, None).unwrap();
    let xml = zip_entry(&std::fs::read(&docx).unwrap(), "word/document.xml");
    for s in [
        "覆盖矩阵分析报告",
        "◐ 修改",
        "× 缺失",
        "二/（二）/4",
        "牵头单位",
        "C6EFCE",
    ] {
        assert!(xml.contains(s), "DOCX lacks {s}");
    }

    if support::tool_available("pdftotext", "-v") {
        let pdf = dir.path().join("m.pdf");
        matrix::export(&pdf, MatrixFormat::Pdf, &m, ReportLang::Zh, None).unwrap();
        let out = Command::new("pdftotext")
            .arg(&pdf)
            .arg("-")
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&out.stdout).replace(char::is_whitespace, "");
        for s in [
            "覆盖矩阵分析报告",
            "一、对照文件",
            "四、地方新增",
            "◐修改",
            "×缺失",
            "牵头单位",
        ] {
            assert!(text.contains(s), "PDF lacks {s}");
        }
    }
}

#[test]
fn document_text_is_never_markup_in_the_html() {
    let seg = Segmenter::shared();
    let base = support::parsed(GD_TITLE);
    let mut evil = support::doc(GD_TITLE);
    evil.text = evil.text.replacen(
        "4.完善诉求响应协调机制。",
        "4.完善诉求响应协调机制<script>alert(1)</script><img src=x onerror=alert(2)>。",
        1,
    );
    evil.meta.title = "<b>标题</b>".into();
    let m = matrix::compute(
        None,
        seg,
        &base,
        &[support::to_compare(evil)],
        &StoredOptions::default(),
    )
    .unwrap();
    let html = written(&m, MatrixFormat::Html);
    assert!(!html.contains("<script>") && !html.contains("<img") && !html.contains("<b>"));
    assert!(html.contains("&lt;b&gt;标题&lt;/b&gt;"));
}

// ---------------------------------------------------------------------------
// CLI

fn policydiff(db: &Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_policydiff"))
        .args(args)
        .env("POLICYDIFF_DB", db)
        .env_remove("POLICYDIFF_LOG")
        .output()
        .expect("run policydiff")
}

fn ok(db: &Path, args: &[&str]) -> String {
    let out = policydiff(db, args);
    assert!(
        out.status.success(),
        "policydiff {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn cli_id(db: &Path, number: &str) -> String {
    let rows: Value = serde_json::from_str(&ok(db, &["list", "--json"])).unwrap();
    rows.as_array()
        .unwrap()
        .iter()
        .find(|r| r["doc_number"] == number)
        .unwrap()["id"]
        .to_string()
}

#[test]
fn cli_json_follows_the_contract() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lib.sqlite3");
    let (gd, fs, hn) = (
        cli_id(&db, GD_NUMBER),
        cli_id(&db, FS_NUMBER),
        cli_id(&db, HN_PATENT_NUMBER),
    );
    // A file among the ids: Guangdong's text edited as 乙市's.
    let base = support::doc(GD_TITLE);
    let file = dir.path().join("乙市.txt");
    std::fs::write(
        &file,
        base.text.replacen("在2023年底前", "在2023年9月底前", 1),
    )
    .unwrap();
    let file = file.to_str().unwrap();
    let out = ok(&db, &["matrix", &gd, &fs, &hn, file, "--format", "json"]);
    let v: Value = serde_json::from_str(&out).unwrap();

    assert_eq!(v["base"]["doc_number"], GD_NUMBER);
    assert_eq!(v["base"]["id"].to_string(), gd);
    let docs = v["documents"].as_array().unwrap();
    assert_eq!(docs.len(), 3, "the compared documents, not the base");
    assert_eq!(docs[0]["doc_number"], FS_NUMBER);
    assert_eq!(docs[0]["coverage"], 1.0);
    assert!(docs[1]["coverage"].as_f64().unwrap() < 0.1);
    assert!(docs[2]["id"].is_null(), "a file has no id");
    let rows = v["rows"].as_array().unwrap();
    for r in rows {
        for k in ["path", "label", "heading", "text"] {
            assert!(r["unit"].get(k).is_some(), "unit.{k}");
        }
        let cells = r["cells"].as_array().unwrap();
        assert_eq!(cells.len(), 3);
        for (c, d) in cells.iter().zip(docs) {
            assert_eq!(c["doc"], d["id"], "cells in the order of documents");
            assert!(
                ["same", "modified", "related", "missing"].contains(&c["kind"].as_str().unwrap())
            );
            let s = c["similarity"].as_f64().unwrap();
            assert!((0.0..=1.0).contains(&s));
            assert!(c["paths"].is_array() && c["key_diffs"].is_array());
        }
    }
    let item4 = rows
        .iter()
        .find(|r| r["unit"]["path"] == "二/（二）/4")
        .unwrap();
    assert_eq!(item4["cells"][0]["paths"][0], "二/（二）/1");
    assert_eq!(item4["cells"][0]["kind"], "modified");
    let goals = rows.iter().find(|r| r["unit"]["path"] == "一").unwrap();
    assert_eq!(goals["cells"][2]["kind"], "modified");
    assert_eq!(goals["cells"][2]["key_diffs"][0]["kind"], "deadline");
    let additions = v["additions"].as_array().unwrap();
    assert_eq!(additions.len(), 3);
    assert_eq!(additions[1]["doc"].to_string(), hn);
    let unit = &additions[1]["units"][0];
    for k in ["path", "label", "text"] {
        assert!(unit.get(k).is_some(), "additions[].units[].{k}");
    }

    // Sorted by adoption: the counts never increase down the rows.
    let sorted: Value = serde_json::from_str(&ok(
        &db,
        &[
            "matrix", &gd, &fs, &hn, "--format", "json", "--sort", "adoption",
        ],
    ))
    .unwrap();
    let adopted: Vec<usize> = sorted["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            r["cells"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|c| c["kind"] == "same" || c["kind"] == "modified")
                .count()
        })
        .collect();
    assert!(adopted.windows(2).all(|w| w[0] >= w[1]), "{adopted:?}");
}

#[test]
fn cli_text_csv_and_files() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lib.sqlite3");
    let (gd, fs) = (cli_id(&db, GD_NUMBER), cli_id(&db, FS_NUMBER));
    let text = ok(&db, &["matrix", &gd, &fs]);
    assert!(
        text.contains("覆盖矩阵分析报告") && text.contains("覆盖 100.0%"),
        "{text}"
    );
    assert!(text.contains("二/（二）/4 完善诉求响应协调机制"), "{text}");

    let csv_out = ok(&db, &["matrix", &gd, &fs, "-f", "csv"]);
    assert!(csv_out.starts_with('\u{FEFF}'));
    let mut reader = csv::Reader::from_reader(csv_out.trim_start_matches('\u{FEFF}').as_bytes());
    let head = reader.headers().unwrap().clone();
    assert_eq!(&head[0], "条款路径");
    assert!(head[4].starts_with("1 佛山"));
    let n = reader.records().count();
    assert!(n > 20, "one record per base unit: {n}");

    // -o picks the format from the extension; binary formats need a file.
    let xlsx = dir.path().join("m.xlsx");
    ok(&db, &["matrix", &gd, &fs, "-o", xlsx.to_str().unwrap()]);
    assert!(std::fs::read(&xlsx).unwrap().starts_with(b"PK"));
    let out = policydiff(&db, &["matrix", &gd, &fs, "-f", "xlsx"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("-o FILE.xlsx"));
}

/// The bundled corpus in a library, the ids of Hainan's task list and of
/// Sanya's plan, and the matrix of the first against the second.
fn hainan_against_sanya() -> (SqliteStore, i64, i64, Matrix) {
    let store = library();
    let hn = id_where(&store, |r| r.meta.title.contains(HN_TASKS_TITLE));
    let sy = id_where(&store, |r| r.meta.title.contains("三亚市创建一流营商环境"));
    let m = matrix_stored(
        &store,
        Segmenter::shared(),
        hn,
        &[sy],
        &StoredOptions::default(),
    )
    .unwrap();
    (store, hn, sy, m)
}

/// Hainan's task list has section headings with no text of their own and
/// carries its own policy interpretation (附件1 关于《…》的政策解读): rows of
/// its matrix, but not items a city could take up, so neither counted in the
/// coverage nor drawn as missing in the reports; its tasks are counted. A
/// city's additions are likewise its items alone.
#[test]
fn a_plans_bare_headings_and_own_interpretation_are_not_counted_nor_a_citys_added() {
    let seg = Segmenter::shared();
    let (store, hn, sy, m) = hainan_against_sanya();
    let row = |path: &str| {
        m.rows
            .iter()
            .find(|r| r.unit.path == path)
            .unwrap_or_else(|| panic!("no row {path}"))
    };
    let annex: Vec<_> = m
        .rows
        .iter()
        .filter(|r| r.unit.path.starts_with("附件1"))
        .collect();
    assert!(
        annex.len() >= 4,
        "the interpretation and its sections are rows"
    );
    for r in &annex {
        assert!(
            r.unit.structural && r.adopted().is_none(),
            "{}",
            r.unit.path
        );
    }
    for path in ["一", "二", "二/（一）", "二/（二）", "三"] {
        assert!(row(path).unit.structural, "{path} is a bare heading");
    }
    for path in [
        "序言",
        "一/（一）",
        "二/（一）/1",
        "二/（二）/13",
        "三/（三）",
    ] {
        assert!(!row(path).unit.structural, "{path} is an item");
    }
    let items = m.rows.iter().filter(|r| !r.unit.structural).count();
    let k = &m.documents[0].counts;
    assert_eq!(k.same + k.modified + k.related + k.missing, items);
    // In the reports a row not counted that Sanya has nothing for is a
    // dash, not a missing item: Sanya has no interpretation annex.
    let text = written(&m, MatrixFormat::Text);
    let line = text
        .lines()
        .find(|l| l.starts_with("附件1 "))
        .expect("the annex row");
    assert!(
        line.trim_end().ends_with('—') && !line.contains('×'),
        "{line}"
    );
    let html = written(&m, MatrixFormat::Html);
    assert!(
        html.contains(r#"<td class="cell blank">—"#),
        "a blank cell in the HTML"
    );

    // Sanya's additions are its items the plan has nothing for: not its
    // title, cover letter, signature or section headings, though they pair
    // with nothing either.
    let sanya = support::parsed("三亚市创建一流营商环境2023年实施方案");
    let items: BTreeSet<String> = support::item_units(&sanya)
        .into_iter()
        .map(|i| sanya.tree.clauses[i].path.clone())
        .collect();
    let added: BTreeSet<String> = m.additions[0]
        .units
        .iter()
        .map(|u| u.path.clone())
        .collect();
    assert!(added.len() > 20 && added.is_subset(&items), "{added:?}");
    let c = compare_stored(&store, seg, hn, sy, &StoredOptions::default()).unwrap();
    let alone: Vec<&str> = c
        .pairs
        .iter()
        .filter(|p| p.left.is_none())
        .filter_map(|p| p.right.as_ref())
        .map(|r| r.path.as_str())
        .filter(|path| !items.contains(*path))
        .collect();
    assert!(alone.len() >= 5, "unpaired headings and roles: {alone:?}");
    assert_eq!(m.documents[0].counts.additions, added.len());
}

/// In the terminal an addition takes one line: its path and its text's
/// opening, cut with `…`; the briefing formats keep the whole text.
#[test]
fn text_output_cuts_each_addition_to_one_line() {
    let (_, _, _, m) = hainan_against_sanya();
    let long: Vec<&policydiff::model::AddedUnit> = m.additions[0]
        .units
        .iter()
        .filter(|u| u.text.chars().count() > 200)
        .collect();
    assert!(long.len() > 5, "Sanya adds long items of its own");
    let text = written(&m, MatrixFormat::Text);
    let html = written(&m, MatrixFormat::Html);
    for u in long {
        let line = text
            .lines()
            .find(|l| l.trim_start().starts_with(&format!("{}  ", u.path)))
            .unwrap_or_else(|| panic!("{} is listed", u.path));
        let shown = line.trim_start()[u.path.len() + 2..].to_string();
        assert!(shown.ends_with('…'), "{line}");
        let opening = shown.trim_end_matches('…');
        assert!(
            u.text.starts_with(opening) && opening.chars().count() >= 40,
            "{line}"
        );
        assert!(
            unicode_width::UnicodeWidthStr::width(shown.as_str()) <= 100,
            "{line}"
        );
        // The whole text is in the briefing formats.
        let tail: String = u
            .text
            .chars()
            .rev()
            .take(20)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        assert!(html.contains(tail.trim()), "{}", u.path);
    }
}

/// Two columns from one province: the heads say which document is which by
/// its subject, in the matrix the UI shows and in the exports' heads.
#[test]
fn columns_from_one_place_are_told_apart_by_their_subjects() {
    let seg = Segmenter::shared();
    let store = library();
    let gd = id_of(&store, GD_NUMBER);
    let fs = id_of(&store, FS_NUMBER);
    let patent = id_of(&store, HN_PATENT_NUMBER);
    let tasks = id_where(&store, |r| r.meta.title.contains(HN_TASKS_TITLE));
    let m = matrix_stored(
        &store,
        seg,
        gd,
        &[fs, patent, tasks],
        &StoredOptions::default(),
    )
    .unwrap();
    let names: Vec<&str> = m.documents.iter().map(|d| d.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "佛山",
            "海南 · 专利奖评奖办法",
            "海南 · 营商环境制度集成创新…"
        ]
    );

    let csv_out = written(&m, MatrixFormat::Csv);
    let mut reader = csv::Reader::from_reader(csv_out.trim_start_matches('\u{FEFF}').as_bytes());
    let head = reader.headers().unwrap().clone();
    let heads: Vec<&str> = head
        .iter()
        .filter(|h| h.starts_with(['1', '2', '3']))
        .collect();
    assert_eq!(heads.len(), 3, "{head:?}");
    assert!(heads[1].starts_with("2 海南 · 专利奖评奖办法"), "{head:?}");
    assert!(heads[2].starts_with("3 海南 · 营商环境"), "{head:?}");
}

#[test]
fn cli_errors_name_the_problem() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lib.sqlite3");
    let gd = cli_id(&db, GD_NUMBER);
    let out = policydiff(&db, &["matrix", &gd, "99999"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("99999"));
    let out = policydiff(&db, &["matrix", &gd, "no-such-file.txt"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("no-such-file.txt"));
    // The output is never the library.
    let out = policydiff(
        &db,
        &["matrix", &gd, &gd, "-f", "json", "-o", db.to_str().unwrap()],
    );
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("library"));
    // No other document: a usage error.
    let out = policydiff(&db, &["matrix", &gd]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn english_matrix_reports_keep_only_the_documents_in_chinese() {
    use calamine::{open_workbook_from_rs, Data, Reader, Xlsx};
    use policydiff::stages::report::matrix::write_matrix;
    use support::matrix_texts;
    let m = gd_matrix();
    let texts = matrix_texts(&m);
    let dir = tempfile::tempdir().unwrap();
    // What a reader sees of the matrix in `format` and `lang` (`None`: no pdftotext).
    let visible = |format: MatrixFormat, lang: ReportLang| -> Option<String> {
        let path = dir.path().join(format!("m.{}", format.extension()));
        matrix::export(&path, format, &m, lang, None).unwrap();
        let bytes = std::fs::read(&path).unwrap();
        Some(match format {
            MatrixFormat::Xlsx => {
                let mut wb: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes)).unwrap();
                let mut out = wb.sheet_names().join("\n");
                for name in wb.sheet_names() {
                    for row in wb.worksheet_range(&name).unwrap().rows() {
                        for c in row {
                            if let Data::String(s) = c {
                                out.push('\n');
                                out.push_str(s);
                            }
                        }
                    }
                }
                out
            }
            MatrixFormat::Docx => {
                let xml = zip_entry(&bytes, "word/document.xml");
                let run = regex::Regex::new(r"<w:t(?: [^>]*)?>([^<]*)</w:t>").unwrap();
                run.captures_iter(&xml)
                    .map(|c| c[1].to_owned())
                    .collect::<Vec<_>>()
                    .join("\n")
            }
            MatrixFormat::Pdf => {
                if !support::tool_available("pdftotext", "-v") {
                    return None;
                }
                let out = Command::new("pdftotext")
                    .args(["-raw"])
                    .arg(&path)
                    .arg("-")
                    .output()
                    .unwrap();
                String::from_utf8(out.stdout).unwrap()
            }
            MatrixFormat::Html => {
                let s = String::from_utf8(bytes).unwrap();
                let (head, rest) = s.split_once("<style>").unwrap();
                format!("{head}{}", rest.split_once("</style>").unwrap().1)
            }
            _ => String::from_utf8(bytes).unwrap(),
        })
    };
    for format in [
        MatrixFormat::Text,
        MatrixFormat::Csv,
        MatrixFormat::Xlsx,
        MatrixFormat::Html,
        MatrixFormat::Docx,
        MatrixFormat::Pdf,
    ] {
        let Some(zh) = visible(format, ReportLang::Zh) else {
            continue;
        };
        let en = visible(format, ReportLang::En).unwrap();
        support::assert_only_documents_in_chinese(&format!("{format:?}"), &zh, &en, &texts, 20);
        // The parser's names of un-numbered units (the base's title) in English, as in the UI.
        assert!(
            zh.contains("标题") && !en.contains("标题"),
            "{format:?}: 标题 in English"
        );
        let squashed: String = en.chars().filter(|c| !c.is_whitespace()).collect();
        assert!(
            squashed.contains("Title"),
            "{format:?}: the title's unit name"
        );
        // Badges name the category; the other formats list the details too.
        let mut labels = vec!["◐Modified", "×Missing", "Responsibleunits"];
        match format {
            MatrixFormat::Csv => labels.extend(["Clausepath", "Adopted"]),
            MatrixFormat::Xlsx => labels.extend(["Coveragematrix", "Localadditions", "Leadunit"]),
            _ => labels.extend([
                "Coveragematrixreport",
                "Localadditions",
                "Legend:",
                "Leadunit",
            ]),
        }
        for l in labels {
            assert!(
                squashed.to_lowercase().contains(&l.to_lowercase()),
                "{format:?} lacks {l}"
            );
        }
    }
    // JSON is the model, whatever the language.
    let json = |lang| {
        let mut out = Vec::new();
        write_matrix(&mut out, MatrixFormat::Json, &m, lang).unwrap();
        out
    };
    assert_eq!(json(ReportLang::En), json(ReportLang::Zh));
}
