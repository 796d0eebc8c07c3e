//! The library (`policydiff::store`) on the real corpus, on both backends:
//! a SQLite file and a team library on PostgreSQL (see `support::pg`).
//!
//! Documents come from the importer (`support::corpus_docs`: the 37 titled
//! documents and the untitled leading fragment), trees from
//! `policydiff::import::prepare`, as `policydiff::library` imports the corpus.

use std::sync::LazyLock;

use policydiff_model::ClauseTree;
use policydiff_model::{HitKind, ListFilter, SortBy, Stats};
use policydiff_model::{Level, SourceDoc};
use policydiff_segment::Segmenter;
use policydiff_store::Error;
use policydiff_store::{title_sort_key, SqliteStore as Library, Store, SCHEMA_VERSION};
use support::pg::{Backend, Lib};

mod support;

/// The corpus documents with their trees, built once.
static DOCS: LazyLock<Vec<(SourceDoc, ClauseTree)>> =
    LazyLock::new(|| policydiff::import::prepare(support::corpus_docs().to_vec()));

fn seg() -> &'static Segmenter {
    Segmenter::shared()
}

/// A library holding the whole corpus.
fn full_library(backend: Backend) -> Lib {
    let mut lib = backend.library();
    let report = lib.add(seg(), &DOCS).unwrap();
    assert_eq!(report.added.len(), DOCS.len());
    lib
}

fn total_clauses() -> usize {
    DOCS.iter().map(|(_, t)| t.clauses.len()).sum()
}

/// Index in DOCS of the document whose title contains `needle` (exactly one).
fn doc_index(needle: &str) -> usize {
    let found: Vec<usize> = (0..DOCS.len())
        .filter(|&i| DOCS[i].0.meta.title.contains(needle))
        .collect();
    assert_eq!(found.len(), 1, "{needle}: {found:?}");
    found[0]
}

fn strip_ws(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn importer_finds_the_corpus_documents() {
    // 37 titled documents per shared/tools/seeddocs.py --list, after the
    // untitled fragment that opens the corpus (lines 1-16).
    assert_eq!(DOCS.len(), 38);
    assert!(DOCS[0].0.meta.fragment);
    assert!(DOCS[1..].iter().all(|(d, _)| !d.meta.fragment));
    let gd = &DOCS[doc_index("广东省进一步强化市场主体诉求响应服务工作方案")].0;
    assert_eq!(gd.meta.date.as_deref(), Some("2023-03-11"));
    assert_eq!(gd.meta.province.as_deref(), Some("广东"));
    assert_eq!(gd.meta.level, Level::Province);
    let fs = &DOCS[doc_index("佛山市进一步强化市场主体诉求响应服务工作方案")].0;
    assert_eq!(fs.meta.city.as_deref(), Some("佛山"));
    assert_eq!(fs.meta.date.as_deref(), Some("2023-06-15"));
    // The wrapped title (corpus lines 315-317) and the wrapped date (line 493).
    assert_eq!(
        DOCS[doc_index("培育扶持个体工商户若干措施")]
            .0
            .meta
            .date
            .as_deref(),
        Some("2023-01-12")
    );
    assert_eq!(
        DOCS[doc_index("涉税服务业创新发展十八条措施")]
            .0
            .meta
            .date
            .as_deref(),
        Some("2023-05-11")
    );
    // Region headings are not left at the end of a document.
    let last_gd = &DOCS[doc_index("云浮市")].0;
    assert!(!last_gd.text.ends_with("广西"), "{}", last_gd.text);
    assert_eq!(
        DOCS[doc_index("北海市")].0.meta.province.as_deref(),
        Some("广西")
    );
    assert!(DOCS.iter().all(|(_, t)| !t.clauses.is_empty()));
}

both_backends! {
fn stores_the_whole_corpus(backend) {
    let lib = full_library(backend);
    assert_eq!(lib.count().unwrap(), DOCS.len());
    let n = total_clauses();
    assert!(n > 1000, "{n} clauses");
    assert_eq!(
        lib.stats().unwrap(),
        Stats {
            documents: DOCS.len(),
            clauses: n,
            indexed: n
        }
    );
    let rows = lib.list(&ListFilter::default()).unwrap();
    assert_eq!(rows.len(), DOCS.len());
    for (row, (doc, tree)) in rows.iter().zip(DOCS.iter()) {
        assert_eq!(row.meta, doc.meta);
        assert_eq!(row.clause_count, tree.clauses.len());
        assert_eq!(row.chars, doc.text.chars().count());
    }
    assert!(rows.windows(2).all(|w| w[0].id < w[1].id));
}
}

/// Filters and sorts of the library pane, each listing some of [`full_library`]'s
/// documents or (the year) none.
fn list_filters() -> Vec<ListFilter> {
    vec![
        ListFilter::default(),
        ListFilter {
            region: Some("广东".into()),
            sort: SortBy::DateDesc,
            ..Default::default()
        },
        ListFilter {
            region: Some("广东".into()),
            sort: SortBy::DateAsc,
            ..Default::default()
        },
        ListFilter {
            level: Some(Level::City),
            sort: SortBy::Title,
            ..Default::default()
        },
        ListFilter {
            year: Some(1999),
            ..Default::default()
        },
        ListFilter {
            text: Some("营商环境".into()),
            ..Default::default()
        },
        ListFilter {
            text: Some("营商环境".into()),
            sort: SortBy::Title,
            ..Default::default()
        },
    ]
}

both_backends! {
/// Pages of any size, read one after the other, are the whole list; each
/// says how many documents match in all.
fn list_pages_make_up_the_list_and_count_it(backend) {
    let lib = full_library(backend);
    for filter in &list_filters() {
        let all = lib.list(filter).unwrap();
        for size in [1, 7, 50] {
            let mut paged = Vec::new();
            let mut offset = 0;
            loop {
                let page = lib.list_page(filter, offset, size).unwrap();
                assert_eq!(page.total, all.len(), "{filter:?}");
                assert!(page.rows.len() <= size);
                if page.rows.is_empty() {
                    break;
                }
                offset += page.rows.len();
                paged.extend(page.rows);
            }
            assert_eq!(paged, all, "{filter:?} in pages of {size}");
        }
    }
    let past = lib.list_page(&ListFilter::default(), 10_000, 20).unwrap();
    assert!(past.rows.is_empty());
    assert_eq!(past.total, DOCS.len());
    assert_eq!(
        lib.list_page(&ListFilter::default(), 0, 0).unwrap().total,
        DOCS.len()
    );
}
}

both_backends! {
/// A document's list position is its index in the list of that filter and
/// order, so the page at that offset holds it; a document the filter leaves
/// out, or none stored, has none.
fn a_documents_list_position_is_where_the_list_holds_it(backend) {
    let lib = full_library(backend);
    let everything = lib.list(&ListFilter::default()).unwrap();
    let mut listed = 0;
    for filter in &list_filters() {
        let all = lib.list(filter).unwrap();
        listed += usize::from(!all.is_empty());
        for (k, row) in all.iter().enumerate() {
            assert_eq!(lib.list_position(filter, row.id).unwrap(), Some(k), "{filter:?}");
            let page = lib.list_page(filter, k, 1).unwrap();
            assert_eq!(page.rows[0].id, row.id);
        }
        let left_out: Vec<i64> = everything
            .iter()
            .map(|r| r.id)
            .filter(|id| all.iter().all(|r| r.id != *id))
            .collect();
        if filter.region.is_some() || filter.level.is_some() || filter.text.is_some() {
            assert!(!left_out.is_empty(), "{filter:?} leaves some out");
        }
        for id in left_out {
            assert_eq!(lib.list_position(filter, id).unwrap(), None, "{filter:?} {id}");
        }
    }
    assert!(listed >= 5, "most of the filters list something");
    let none = everything.iter().map(|r| r.id).max().unwrap() + 1000;
    assert_eq!(lib.list_position(&ListFilter::default(), none).unwrap(), None);
}
}

both_backends! {
/// The filter choices are the provinces and cities, levels and years of the
/// listed documents, each counted, in a fixed order; a level's or a year's
/// count is what the list filtered by it holds.
fn facets_count_the_documents_of_each_filter_choice(backend) {
    let lib = full_library(backend);
    let facets = lib.facets().unwrap();
    let rows = lib.list(&ListFilter::default()).unwrap();

    let mut regions = std::collections::BTreeMap::new();
    for r in &rows {
        *regions.entry((r.meta.province.clone(), r.meta.city.clone())).or_insert(0) += 1;
    }
    let got: Vec<_> = facets
        .regions
        .iter()
        .map(|f| ((f.province.clone(), f.city.clone()), f.count))
        .collect();
    assert_eq!(got, regions.into_iter().collect::<Vec<_>>());
    assert!(facets
        .regions
        .iter()
        .any(|f| f.province.as_deref() == Some("广东") && f.city.is_none()));
    assert!(facets.regions.iter().any(|f| f.city.as_deref() == Some("佛山")));

    let levels: Vec<Level> = facets.levels.iter().map(|f| f.level).collect();
    assert!(levels.contains(&Level::Province) && levels.contains(&Level::City), "{levels:?}");
    assert!(levels.windows(2).all(|w| (w[0] as u8) < (w[1] as u8)), "{levels:?}");
    for f in &facets.levels {
        let filter = ListFilter { level: Some(f.level), ..Default::default() };
        assert_eq!(lib.list_page(&filter, 0, 1).unwrap().total, f.count, "{f:?}");
    }

    // The corpus's documents are all of 2023, but for its undated leading fragment.
    assert_eq!(facets.years.iter().map(|f| f.year).collect::<Vec<_>>(), [2023]);
    for f in &facets.years {
        let filter = ListFilter { year: Some(f.year), ..Default::default() };
        assert_eq!(lib.list_page(&filter, 0, 1).unwrap().total, f.count, "{f:?}");
    }
    let dated = rows.iter().filter(|r| r.meta.date.is_some()).count();
    assert_eq!(facets.years.iter().map(|f| f.count).sum::<usize>(), dated);
    assert_eq!(facets.levels.iter().map(|f| f.count).sum::<usize>(), DOCS.len());
    assert_eq!(facets.regions.iter().map(|f| f.count).sum::<usize>(), DOCS.len());

    let empty = backend.library();
    assert_eq!(empty.facets().unwrap(), Default::default());
}
}

both_backends! {
fn get_rebuilds_documents_and_trees_exactly(backend) {
    let lib = full_library(backend);
    let rows = lib.list(&ListFilter::default()).unwrap();
    for (row, (doc, tree)) in rows.iter().zip(DOCS.iter()) {
        let stored = lib.get(row.id).unwrap();
        assert_eq!(stored.id, row.id);
        assert_eq!(&stored.meta, &doc.meta);
        assert_eq!(stored.original, doc.original);
        assert_eq!(stored.text, doc.text);
        assert_eq!(&stored.tree, tree, "{}", doc.meta.title);
    }
    assert!(matches!(lib.get(9999), Err(Error::NoSuchDocument(9999))));
}
}

both_backends! {
fn get_round_trips_a_nested_tree(backend) {
    // The Guangdong plan nests 二、 → （一） → 1. (corpus lines 225-235), so
    // parents, children and depth all have to survive the store.
    let (doc, tree) = &DOCS[doc_index("广东省进一步强化市场主体诉求响应服务工作方案")];
    let point = tree
        .clauses
        .iter()
        .find(|c| c.text.starts_with("1.推进诉求服务标准化"))
        .expect("point 1 of the plan");
    assert!(point.depth >= 2, "{}: depth {}", point.path, point.depth);
    let sub = &tree.clauses[point.parent.unwrap()];
    assert!(sub.text.starts_with("（一）加强用户侧服务"));
    let item = &tree.clauses[sub.parent.unwrap()];
    assert_eq!(item.text, "二、重点任务");
    assert!(item.children.contains(&sub.index) && sub.children.contains(&point.index));
    assert!(tree.clauses.iter().filter(|c| c.depth >= 2).count() >= 10);

    let mut lib = backend.library();
    let id = lib
        .add(seg(), &[(doc.clone(), tree.clone())])
        .unwrap()
        .added[0];
    let stored = lib.get(id).unwrap();
    assert_eq!(&stored.tree, tree);
    assert_eq!(stored.text, doc.text);
}
}

both_backends! {
fn list_filters_and_sorts(backend) {
    let lib = full_library(backend);
    let list = |f: ListFilter| lib.list(&f).unwrap();

    let foshan = list(ListFilter {
        region: Some("佛山".into()),
        ..Default::default()
    });
    assert_eq!(foshan.len(), 4, "corpus documents 19-22");
    assert!(foshan
        .iter()
        .all(|r| r.meta.city.as_deref() == Some("佛山")));

    let guangdong = list(ListFilter {
        region: Some("广东".into()),
        ..Default::default()
    });
    assert_eq!(guangdong.len(), 27, "corpus section （一）广东");

    let hainan_cities = list(ListFilter {
        region: Some("海南".into()),
        level: Some(Level::City),
        ..Default::default()
    });
    let titles: Vec<&str> = hainan_cities
        .iter()
        .map(|r| r.meta.title.as_str())
        .collect();
    assert_eq!(hainan_cities.len(), 2, "{titles:?}"); // 三亚, 海口
    assert!(titles.iter().any(|t| t.starts_with("三亚市")));

    assert_eq!(
        list(ListFilter {
            year: Some(2023),
            ..Default::default()
        })
        .len(),
        DOCS.len() - 1,
        "every document but the undated fragment"
    );
    assert!(list(ListFilter {
        year: Some(2022),
        ..Default::default()
    })
    .is_empty());

    let newest = list(ListFilter {
        sort: SortBy::DateDesc,
        ..Default::default()
    });
    // The undated fragment comes last in either order.
    assert!(newest.last().unwrap().meta.fragment);
    let dates: Vec<&str> = newest[..newest.len() - 1]
        .iter()
        .map(|r| r.meta.date.as_deref().unwrap())
        .collect();
    assert!(dates.windows(2).all(|w| w[0] >= w[1]), "{dates:?}");
    assert_eq!(dates[0], "2023-06-30"); // 海南省 2023 年营商环境制度集成创新重点任务
    let oldest = list(ListFilter {
        sort: SortBy::DateAsc,
        ..Default::default()
    });
    assert_eq!(oldest[0].meta.date.as_deref(), Some("2023-01-05"));
    assert!(oldest.last().unwrap().meta.fragment);
    let by_title = list(ListFilter {
        sort: SortBy::Title,
        ..Default::default()
    });
    // Pinyin order, as a Chinese reader expects: exactly the order of the
    // titles' sort keys, ties by the title, then the id.
    let keys: Vec<(String, &str, i64)> = by_title
        .iter()
        .map(|r| (title_sort_key(&r.meta.title), r.meta.title.as_str(), r.id))
        .collect();
    assert!(keys.is_sorted(), "{keys:#?}");
    // The real titles: 东莞 d…, 佛山 f…, 广东 g…, 广州 g…, 海南 h…, 三亚 s…,
    // 深圳 s…, 云浮 y… (code points would put 三亚 first and 广州 after 海南).
    let first = |start: &str| {
        by_title
            .iter()
            .position(|r| r.meta.title.starts_with(start))
            .unwrap_or_else(|| panic!("no title starts with {start}: {keys:#?}"))
    };
    let cities = ["东莞", "佛山", "广东", "广西", "广州", "海南", "三亚", "深圳", "云浮"];
    let at = cities.map(first);
    assert!(at.is_sorted(), "{cities:?} at {at:?}: {keys:#?}");
    let mut by_code_point = cities;
    by_code_point.sort();
    assert_ne!(by_code_point, cities);
}
}

both_backends! {
/// Titles of the same sort key are ordered by the title (code points),
/// then by id: 众庆 and 重庆 both sort as `zhong4qing4` (重's default
/// reading), and two documents may share a title.
fn titles_of_one_key_sort_by_title_then_id(backend) {
    let mut lib = backend.library();
    let titled = |i: usize, title: &str| {
        let (mut doc, tree) = DOCS[i].clone();
        doc.meta.title = title.into();
        (doc, tree)
    };
    let docs = [
        titled(1, "重庆市方案"),
        titled(2, "众庆方案"),
        titled(3, "重庆市方案"),
        titled(4, "中国方案"),
        titled(5, "长沙方案"),
    ];
    let ids = lib.add(seg(), &docs).unwrap().added;
    assert_eq!(ids.len(), 5);
    assert_eq!(title_sort_key("众庆方案")[..11], title_sort_key("重庆市方案")[..11]);
    let listed: Vec<(i64, String)> = lib
        .list(&ListFilter {
            sort: SortBy::Title,
            ..Default::default()
        })
        .unwrap()
        .into_iter()
        .map(|r| (r.id, r.meta.title))
        .collect();
    let want = [
        (ids[4], "长沙方案"), // zhang3sha1
        (ids[3], "中国方案"), // zhong1guo2
        (ids[1], "众庆方案"), // zhong4qing4, 众 U+4F17
        (ids[0], "重庆市方案"), // zhong4qing4, 重 U+91CD
        (ids[2], "重庆市方案"),
    ]
    .map(|(id, t)| (id, t.to_string()));
    assert_eq!(listed, want);
}
}

/// A team library lists by title in the SQLite library's order: the same
/// documents (the same ids: both number imports alike) in the same order,
/// whole, filtered and in pages.
#[test]
fn the_title_order_is_the_same_on_both_backends() {
    if support::pg::server_url().is_none() {
        return;
    }
    let file = full_library(Backend::Sqlite);
    let team = full_library(Backend::Postgres);
    let by_title = |region: Option<&str>, text: Option<&str>| ListFilter {
        region: region.map(Into::into),
        text: text.map(Into::into),
        sort: SortBy::Title,
        ..Default::default()
    };
    for filter in [
        by_title(None, None),
        by_title(Some("广东"), None),
        by_title(None, Some("营商环境")),
    ] {
        let ids =
            |lib: &Lib| -> Vec<i64> { lib.list(&filter).unwrap().iter().map(|r| r.id).collect() };
        let all = ids(&file);
        assert!(all.len() > 3, "{filter:?}");
        assert_eq!(all, ids(&team), "{filter:?}");
        let page = |lib: &Lib| -> Vec<i64> {
            lib.list_page(&filter, 2, 5)
                .unwrap()
                .rows
                .iter()
                .map(|r| r.id)
                .collect()
        };
        assert_eq!(page(&file), all[2..all.len().min(7)], "{filter:?}");
        assert_eq!(page(&team), all[2..all.len().min(7)], "{filter:?}");
    }
}

both_backends! {
/// The text filter finds documents by a part of the title or of the 文号,
/// with the other filters, paged like any list.
fn list_filters_by_title_or_document_number(backend) {
    let lib = full_library(backend);
    let with_text = |text: &str| ListFilter {
        text: Some(text.into()),
        ..Default::default()
    };
    // A whole 文号 finds its document only.
    for number in ["粤办函〔2023〕41号", "佛府办函〔2023〕75号"] {
        let found = lib.list(&with_text(number)).unwrap();
        assert_eq!(found.len(), 1, "{number}: {found:?}");
        assert_eq!(found[0].meta.doc_number.as_deref(), Some(number));
        assert!(found[0].meta.title.contains("诉求响应服务工作方案"), "{number}: {found:?}");
    }
    // A part of a title: every document whose title or 文号 holds it, as
    // the importer read them.
    for text in ["诉求响应", "营商环境", "海南", "〔2023〕", "办法"] {
        let want: Vec<&str> = DOCS
            .iter()
            .filter(|(d, _)| {
                d.meta.title.contains(text)
                    || d.meta.doc_number.as_deref().is_some_and(|n| {
                        ListFilter::doc_number_key(n).contains(&ListFilter::doc_number_key(text))
                    })
            })
            .map(|(d, _)| d.meta.title.as_str())
            .collect();
        assert!(!want.is_empty(), "{text}");
        let got = lib.list(&with_text(text)).unwrap();
        let got: Vec<&str> = got.iter().map(|r| r.meta.title.as_str()).collect();
        assert_eq!(got, want, "{text}");
        let page = lib.list_page(&with_text(text), 0, 1).unwrap();
        assert_eq!(page.total, want.len(), "{text}");
    }
    // A 文号 is found whatever its spacing and brackets.
    for variant in ["粤办函(2023)41 号", "粤办函（2023）41号", " 粤办函[2023]41号"] {
        let found = lib.list(&with_text(variant)).unwrap();
        assert_eq!(found.len(), 1, "{variant}: {found:?}");
        assert_eq!(found[0].meta.doc_number.as_deref(), Some("粤办函〔2023〕41号"));
    }
    // Combined with a region; surrounding spaces do not count, an empty text is no filter.
    let foshan = lib
        .list(&ListFilter {
            region: Some("佛山".into()),
            text: Some(" 诉求响应 ".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(foshan.len(), 1);
    assert_eq!(foshan[0].meta.city.as_deref(), Some("佛山"));
    assert_eq!(lib.list(&with_text("")).unwrap().len(), DOCS.len());
    assert!(lib.list(&with_text("没有这样的标题")).unwrap().is_empty());
}
}

both_backends! {
/// A 文号 stored with other brackets and spaces (as another importer may
/// write it) is found by any spelling, and a part of it too.
fn the_text_filter_matches_a_document_number_however_stored(backend) {
    let (doc, tree) = &DOCS[doc_index("广东省进一步强化市场主体诉求响应服务工作方案")];
    let mut odd = doc.clone();
    odd.meta.doc_number = Some("粤办函（2023） 41　号".into());
    let mut lib = backend.library();
    lib.add(seg(), &[(odd, tree.clone())]).unwrap();
    for text in ["粤办函〔2023〕41号", "粤办函(2023)41号", "[2023]41", "41号"] {
        let found = lib
            .list(&ListFilter {
                text: Some(text.into()),
                ..Default::default()
            })
            .unwrap();
        assert_eq!(found.len(), 1, "{text}");
        assert_eq!(found[0].meta.doc_number.as_deref(), Some("粤办函（2023） 41　号"));
    }
    let none = lib
        .list(&ListFilter {
            text: Some("粤办函〔2023〕42号".into()),
            ..Default::default()
        })
        .unwrap();
    assert!(none.is_empty());
}
}

both_backends! {
/// Rows by id come in the order asked, once each, without deleted ids;
/// they are the rows the list gives.
fn rows_by_id_gives_the_rows_asked_for(backend) {
    let mut lib = full_library(backend);
    let rows = lib.list(&ListFilter::default()).unwrap();
    let (a, b, c) = (rows[5].id, rows[0].id, rows[20].id);
    let got = lib.rows_by_id(&[a, b, a, c]).unwrap();
    assert_eq!(got, vec![rows[5].clone(), rows[0].clone(), rows[20].clone()]);
    assert!(lib.rows_by_id(&[]).unwrap().is_empty());
    lib.delete(b).unwrap();
    let missing = rows.iter().map(|r| r.id).max().unwrap() + 1000;
    let ids: Vec<i64> = lib.rows_by_id(&[b, c, missing]).unwrap().iter().map(|r| r.id).collect();
    assert_eq!(ids, [c]);
}
}

both_backends! {
fn search_finds_the_complaint_plans_of_guangdong_and_foshan(backend) {
    let lib = full_library(backend);
    let hits = lib.search(seg(), "诉求响应", 200).unwrap();
    let gd = lib.list(&ListFilter::default()).unwrap()
        [doc_index("广东省进一步强化市场主体诉求响应服务工作方案")]
    .id;
    let fs = lib.list(&ListFilter::default()).unwrap()
        [doc_index("佛山市进一步强化市场主体诉求响应服务工作方案")]
    .id;
    assert!(hits.iter().any(|h| h.doc_id == gd));
    assert!(hits.iter().any(|h| h.doc_id == fs));
    for h in &hits {
        assert_eq!(h.kind, HitKind::Phrase);
        assert!(!h.matches.is_empty(), "{}", h.text);
        for &(a, b) in &h.matches {
            assert_eq!(strip_ws(&h.text[a..b]), "诉求响应", "{}", h.text);
        }
    }
    assert!(hits.windows(2).all(|w| w[0].rank <= w[1].rank));
    // Recall: every clause with the literal phrase is found.
    let rows = lib.list(&ListFilter::default()).unwrap();
    for (row, (_, tree)) in rows.iter().zip(DOCS.iter()) {
        for c in tree.clauses.iter().filter(|c| c.text.contains("诉求响应")) {
            assert!(
                hits.iter()
                    .any(|h| h.doc_id == row.id && h.clause == c.index && h.path == c.path),
                "missed {}",
                c.text
            );
        }
    }
}
}

both_backends! {
fn phrase_hits_rank_above_clauses_with_the_words_apart(backend) {
    let lib = full_library(backend);
    let hits = lib.search(seg(), "企业诉求", 100).unwrap();
    let first_apart = hits
        .iter()
        .position(|h| h.kind == HitKind::AllWords)
        .expect("some clause has 企业 and 诉求 apart");
    assert!(first_apart > 0, "phrase hits first");
    assert!(hits[..first_apart]
        .iter()
        .all(|h| h.kind == HitKind::Phrase && strip_ws(&h.text).contains("企业诉求")));
    assert!(hits[first_apart..]
        .iter()
        .all(|h| h.kind == HitKind::AllWords
            && h.text.contains("企业")
            && h.text.contains("诉求")));
    // A clause without the phrase is ranked below all those with it.
    assert!(hits[first_apart..]
        .iter()
        .any(|h| !strip_ws(&h.text).contains("企业诉求")));
}
}

both_backends! {
/// 专班 (a task force) is a whole word in the 汕尾 and 三亚 plans; inside
/// 大专班 (a junior-college class, 深圳 special-education plan) it is part of
/// an unrelated word and must not be found.
fn two_character_word_matches_whole_words_only(backend) {
    let lib = full_library(backend);
    let hits = lib.search(seg(), "专班", 50).unwrap();
    assert!(hits.len() >= 2, "{hits:?}");
    for h in &hits {
        assert_eq!(h.kind, HitKind::Phrase);
        assert!(!h.text.contains("大专班"), "{}", h.text);
        for &(a, b) in &h.matches {
            assert_eq!(&h.text[a..b], "专班");
        }
    }
    let titles: Vec<&str> = hits.iter().map(|h| h.title.as_str()).collect();
    assert!(titles.iter().any(|t| t.starts_with("汕尾市")), "{titles:?}");
    assert!(titles.iter().any(|t| t.starts_with("三亚市")), "{titles:?}");
    // The 大专班 clause is in the library: its own word finds it.
    let other = lib.search(seg(), "大专班", 10).unwrap();
    assert_eq!(other.len(), 1);
    assert!(other[0].title.starts_with("深圳市"));
}
}

both_backends! {
fn one_character_query_searches_substrings(backend) {
    let lib = full_library(backend);
    let hits = lib.search(seg(), "法", 1000).unwrap();
    let truth: usize = DOCS
        .iter()
        .flat_map(|(_, t)| &t.clauses)
        .filter(|c| c.text.contains('法'))
        .count();
    assert_eq!(hits.len(), truth);
    assert!(truth > 100);
    for h in &hits {
        assert_eq!(h.kind, HitKind::Substring);
        assert_eq!(h.rank, -(h.text.matches('法').count() as f64));
        assert!(h.matches.iter().all(|&(a, b)| &h.text[a..b] == "法"));
    }
    assert!(hits.windows(2).all(|w| w[0].rank <= w[1].rank));
}
}

both_backends! {
fn phrase_without_token_hits_falls_back_to_substrings(backend) {
    // 府采 straddles 政府|采购: no clause has it as words, many as characters.
    let lib = full_library(backend);
    let hits = lib.search(seg(), "府采", 20).unwrap();
    assert!(!hits.is_empty());
    for h in &hits {
        assert_eq!(h.kind, HitKind::Substring);
        assert!(h.matches.iter().all(|&(a, b)| &h.text[a..b] == "府采"));
    }
    assert!(lib.search(seg(), "  ", 20).unwrap().is_empty());
    assert!(lib.search(seg(), "量子引力", 20).unwrap().is_empty());
}
}

both_backends! {
fn search_handles_quotes_and_operators(backend) {
    let lib = full_library(backend);
    for q in [
        "\"诉求响应",
        "诉求响应 OR",
        "NEAR(营商",
        "营商环境*",
        "a\"b",
    ] {
        lib.search(seg(), q, 10).unwrap();
    }
    let hits = lib.search(seg(), "\"诉求响应\"", 10).unwrap();
    assert_eq!(hits.len(), 10);
}
}

both_backends! {
fn duplicates_are_reported_not_added(backend) {
    let mut lib = full_library(backend);
    let before = lib.stats().unwrap();
    let ids: Vec<i64> = lib
        .list(&ListFilter::default())
        .unwrap()
        .iter()
        .map(|r| r.id)
        .collect();
    let report = lib.add(seg(), &DOCS).unwrap();
    assert!(report.added.is_empty());
    assert_eq!(report.duplicates.len(), DOCS.len());
    for ((title, id), ((doc, _), want)) in report.duplicates.iter().zip(DOCS.iter().zip(&ids)) {
        assert_eq!(title, &doc.meta.title);
        assert_eq!(id, want);
    }
    assert_eq!(lib.stats().unwrap(), before);

    // Twice in one batch: the second is a duplicate of the first.
    let mut lib = backend.library();
    let d = DOCS[0].clone();
    let report = lib.add(seg(), &[d.clone(), d]).unwrap();
    assert_eq!(report.added.len(), 1);
    assert_eq!(
        report.duplicates,
        vec![(DOCS[0].0.meta.title.clone(), report.added[0])]
    );
}
}

both_backends! {
fn a_failing_document_rolls_back_the_whole_import(backend) {
    let mut lib = backend.library();
    // The 个体工商户 plan and the document after it make the failing batch.
    let a = doc_index("培育扶持个体工商户若干措施");
    let b = a + 1;
    lib.add(seg(), &DOCS[..a]).unwrap();
    let before = lib.stats().unwrap();
    let rows_before = lib.list(&ListFilter::default()).unwrap();

    // 1. An inconsistent tree in the second document of a batch.
    let mut broken = DOCS[b].clone();
    broken.1.clauses[0].children.push(1);
    let err = lib.add(seg(), &[DOCS[a].clone(), broken]).unwrap_err();
    assert!(matches!(err, Error::InvalidTree { .. }), "{err}");
    assert_eq!(lib.stats().unwrap(), before);
    assert_eq!(lib.list(&ListFilter::default()).unwrap(), rows_before);

    // 2. The database fails in the middle of the second document's clauses
    //    (a test-only trigger, added through a second connection).
    let victim = &DOCS[b].0.meta.title;
    let place = &lib.place;
    match backend {
        Backend::Sqlite => rusqlite::Connection::open(&place.location)
            .unwrap()
            .execute_batch(&format!(
                "CREATE TRIGGER fail_test BEFORE INSERT ON clauses
                 WHEN NEW.idx = 3 AND (SELECT title FROM documents WHERE id = NEW.doc_id) = '{victim}'
                 BEGIN SELECT RAISE(ABORT, 'test failure'); END;"
            ))
            .unwrap(),
        Backend::Postgres => {
            place.sql(&format!(
                "CREATE FUNCTION fail_test() RETURNS trigger LANGUAGE plpgsql AS $$
                 BEGIN
                   IF NEW.idx = 3 AND (SELECT title FROM documents WHERE id = NEW.doc_id) = '{victim}'
                   THEN RAISE EXCEPTION 'test failure'; END IF;
                   RETURN NEW;
                 END $$"
            ));
            place.sql(
                "CREATE TRIGGER fail_test BEFORE INSERT ON clauses
                 FOR EACH ROW EXECUTE FUNCTION fail_test()",
            );
        }
    }
    let err = lib
        .add(seg(), &[DOCS[a].clone(), DOCS[b].clone()])
        .unwrap_err();
    match backend {
        Backend::Sqlite => assert!(matches!(err, Error::Db(_)), "{err}"),
        Backend::Postgres => assert!(matches!(err, Error::Server(_)), "{err}"),
    }
    assert!(err.to_string().contains("test failure"), "{err}");
    assert_eq!(lib.stats().unwrap(), before);
    assert_eq!(lib.list(&ListFilter::default()).unwrap(), rows_before);
    // The first document of the failed batch (个体工商户 plan) left no index rows.
    assert!(DOCS[a].0.text.contains("个体工商户"));
    let known: Vec<i64> = rows_before.iter().map(|r| r.id).collect();
    let hits = lib.search(seg(), "个体工商户", 500).unwrap();
    assert!(hits.iter().all(|h| known.contains(&h.doc_id)));

    // Nothing half-stored: without the trigger both documents go in, not as duplicates.
    match backend {
        Backend::Sqlite => rusqlite::Connection::open(&lib.place.location)
            .unwrap()
            .execute_batch("DROP TRIGGER fail_test")
            .unwrap(),
        Backend::Postgres => {
            lib.place.sql("DROP TRIGGER fail_test ON clauses");
        }
    }
    let report = lib.add(seg(), &[DOCS[a].clone(), DOCS[b].clone()]).unwrap();
    assert_eq!(report.added.len(), 2);
    assert!(report.duplicates.is_empty());
}
}

both_backends! {
fn delete_removes_clauses_index_rows_and_recent_comparisons(backend) {
    let mut lib = full_library(backend);
    let rows = lib.list(&ListFilter::default()).unwrap();
    let gd = rows[doc_index("广东省进一步强化市场主体诉求响应服务工作方案")].id;
    let fs_i = doc_index("佛山市进一步强化市场主体诉求响应服务工作方案");
    let fs = rows[fs_i].id;
    lib.remember_comparison(gd, fs).unwrap();
    lib.remember_comparison(rows[0].id, rows[1].id).unwrap();
    let before = lib.stats().unwrap();

    lib.delete(fs).unwrap();
    let n = DOCS[fs_i].1.clauses.len();
    assert_eq!(
        lib.stats().unwrap(),
        Stats {
            documents: before.documents - 1,
            clauses: before.clauses - n,
            indexed: before.indexed - n
        }
    );
    assert!(matches!(lib.get(fs), Err(Error::NoSuchDocument(_))));
    assert!(matches!(lib.delete(fs), Err(Error::NoSuchDocument(_))));
    let hits = lib.search(seg(), "诉求响应", 200).unwrap();
    assert!(hits.iter().any(|h| h.doc_id == gd));
    assert!(hits.iter().all(|h| h.doc_id != fs));
    let recent = lib.recent(10).unwrap();
    assert_eq!(recent.len(), 1);
    assert_eq!((recent[0].left, recent[0].right), (rows[0].id, rows[1].id));
}
}

both_backends! {
/// An id is never given twice in a library: after the newest document (or
/// every document) is deleted, the next import gets a higher id, so an id a
/// user or a script kept never comes to name another document. Notes too.
/// Also after the library is closed and opened again.
fn deleted_ids_are_never_given_again(backend) {
    let mut lib = backend.library();
    let first = lib.add(seg(), &DOCS[..3]).unwrap().added;
    assert_eq!(first.len(), 3);
    let newest = first[2];
    lib.delete(newest).unwrap();
    let next = lib.add(seg(), &DOCS[3..4]).unwrap().added;
    assert!(next[0] > newest, "{next:?} after deleting {newest}");
    // The deleted document imported again is a new document, with a new id.
    let back = lib.add(seg(), &DOCS[2..3]).unwrap().added;
    assert!(back[0] > next[0], "{back:?} after {next:?}");

    // A note deleted, another added: a new id.
    let path = |i: usize| {
        let unit = DOCS[i].1.clauses.iter().find(|c| !c.in_article).unwrap();
        unit.path.clone()
    };
    let a = lib
        .add_note(first[0], first[1], Some(&path(0)), None, None, "一")
        .unwrap();
    lib.delete_note(a).unwrap();
    let b = lib
        .add_note(first[0], first[1], Some(&path(0)), None, None, "二")
        .unwrap();
    assert!(b > a, "note {b} after deleting note {a}");

    // Every document deleted, the library opened again: still higher.
    for id in [first[0], first[1], next[0], back[0]] {
        lib.delete(id).unwrap();
    }
    lib.delete_note(b).unwrap();
    let place = lib.place;
    drop(lib.store);
    let mut lib = place.open().unwrap();
    assert_eq!(lib.count().unwrap(), 0);
    let again = lib.add(seg(), &DOCS[4..5]).unwrap().added;
    assert!(again[0] > back[0], "{again:?} after {back:?}");
    let c = lib
        .add_note(again[0], again[0], Some(&path(4)), None, None, "三")
        .unwrap();
    assert!(c > b, "note {c} after deleting note {b}");
}
}

both_backends! {
fn recent_comparisons_keep_one_row_per_pair(backend) {
    let mut lib = full_library(backend);
    let ids: Vec<i64> = lib
        .list(&ListFilter::default())
        .unwrap()
        .iter()
        .map(|r| r.id)
        .collect();
    let (a, b, c, d) = (ids[0], ids[1], ids[2], ids[3]);
    lib.remember_comparison(a, b).unwrap();
    lib.remember_comparison(c, d).unwrap();
    lib.remember_comparison(b, a).unwrap();
    lib.remember_comparison(a, b).unwrap();
    let pairs: Vec<(i64, i64)> = lib
        .recent(10)
        .unwrap()
        .iter()
        .map(|r| (r.left, r.right))
        .collect();
    assert_eq!(pairs, vec![(a, b), (b, a), (c, d)]);
    assert_eq!(lib.recent(1).unwrap().len(), 1);
    let when = &lib.recent(1).unwrap()[0].opened_at;
    assert!(when.starts_with("20") && when.ends_with('Z'), "{when}");
    assert!(matches!(
        lib.remember_comparison(a, 9999),
        Err(Error::NoSuchDocument(9999))
    ));
}
}

both_backends! {
fn a_reopened_library_keeps_everything(backend) {
    let place = backend.place().unwrap();
    let path = std::path::Path::new(&place.location)
        .parent()
        .unwrap()
        .join("nested/dir/library.sqlite3");
    let (stats, rows, recent) = {
        let mut lib = match backend {
            Backend::Sqlite => {
                let lib = Library::open(&path).unwrap();
                assert_eq!(lib.path(), Some(path.as_path()));
                Box::new(lib)
            }
            Backend::Postgres => place.open().unwrap(),
        };
        lib.add(seg(), &DOCS).unwrap();
        let rows = lib.list(&ListFilter::default()).unwrap();
        lib.remember_comparison(rows[3].id, rows[18].id).unwrap();
        (lib.stats().unwrap(), rows, lib.recent(10).unwrap())
    };
    let lib: Box<dyn Store> = match backend {
        Backend::Sqlite => {
            let raw = rusqlite::Connection::open(&path).unwrap();
            let mode: String = raw
                .query_row("PRAGMA journal_mode", [], |r| r.get(0))
                .unwrap();
            assert_eq!(mode, "wal");
            drop(raw);
            Box::new(Library::open(&path).unwrap())
        }
        Backend::Postgres => place.open().unwrap(),
    };
    assert_eq!(lib.stats().unwrap(), stats);
    assert_eq!(lib.list(&ListFilter::default()).unwrap(), rows);
    assert_eq!(lib.recent(10).unwrap(), recent);
    let i = doc_index("佛山市进一步强化市场主体诉求响应服务工作方案");
    assert_eq!(lib.get(rows[i].id).unwrap().tree, DOCS[i].1);
    assert!(!lib.search(seg(), "诉求响应", 5).unwrap().is_empty());
}
}

both_backends! {
fn a_library_from_a_newer_build_is_refused(backend) {
    let place = backend.place().unwrap();
    drop(place.open().unwrap());
    let supported = match backend {
        Backend::Sqlite => {
            let raw = rusqlite::Connection::open(&place.location).unwrap();
            raw.pragma_update(None, "user_version", SCHEMA_VERSION as i64 + 1)
                .unwrap();
            SCHEMA_VERSION
        }
        Backend::Postgres => {
            let v = policydiff_store_pg::SCHEMA_VERSION;
            place.sql(&format!("UPDATE policydiff_schema SET version = {}", v + 1));
            v
        }
    };
    let Err(err) = place.open() else {
        panic!("a library of a newer schema was opened")
    };
    assert!(
        matches!(err, Error::SchemaTooNew { found, supported: s }
            if found == supported + 1 && s == supported),
        "{err}"
    );
    assert!(err.to_string().contains("newer PolicyDiff"), "{err}");
    // Refused, not changed: the stored version is still the newer one.
    if backend == Backend::Postgres {
        let v: i32 = place.sql("SELECT version FROM policydiff_schema")[0].get(0);
        assert_eq!(v as usize, supported + 1);
    }
}
}

/// A team library of schema version 4 (ids numbered from the largest
/// held, as SQLite numbers rows) is upgraded keeping its documents, and
/// from then on the newest document's id, deleted, is not given again.
/// (The SQLite upgrade: tests/store_upgrade.rs.)
#[test]
fn a_team_library_of_version_4_never_gives_a_deleted_id_again() {
    let Some(place) = Backend::Postgres.place() else {
        return;
    };
    let newest = {
        let mut lib = place.open().unwrap();
        let added = lib.add(seg(), &DOCS[..3]).unwrap().added;
        *added.last().unwrap()
    };
    // What version 4 had: no record of the ids given.
    place.sql("DELETE FROM library_state WHERE key IN ('last_document_id', 'last_note_id')");
    // Nor title sort keys (version 6).
    place.sql("ALTER TABLE documents DROP COLUMN title_key");
    place.sql("CREATE INDEX documents_by_title ON documents (title, id)");
    place.sql("UPDATE policydiff_schema SET version = 4");
    let mut lib = place.open().unwrap();
    let v: i32 = place.sql("SELECT version FROM policydiff_schema")[0].get(0);
    assert_eq!(v as usize, policydiff_store_pg::SCHEMA_VERSION);
    assert_eq!(lib.count().unwrap(), 3);
    lib.delete(newest).unwrap();
    let added = lib.add(seg(), &DOCS[3..4]).unwrap().added;
    assert!(added[0] > newest, "{added:?} after deleting {newest}");
}

#[test]
fn default_path_is_in_the_data_dir() {
    let p = Library::default_path().unwrap();
    assert_eq!(p.file_name().unwrap(), "library.sqlite3");
    assert!(p.to_string_lossy().to_lowercase().contains("policydiff"));
}

both_backends! {
/// Editing a document's metadata changes the fields given and no other, in
/// every read of the library (the document, its row, the list's filters and
/// order, the facets, search hits' titles, the revision), and leaves its
/// text, clauses and index entries as they were.
fn editing_metadata_changes_the_fields_given_everywhere_the_library_shows_them(backend) {
    let mut lib = full_library(backend);
    let rows = lib.list(&ListFilter::default()).unwrap();
    let fs = rows[doc_index("佛山市进一步强化市场主体诉求响应服务工作方案")].id;
    let before = lib.get(fs).unwrap();
    let stats = lib.stats().unwrap();
    let revision = lib.revision().unwrap();
    let edit = policydiff_model::MetaEdit {
        title: Some(" 佛山市诉求响应方案（修订稿） ".into()),
        date: Some("2024-02-29".into()),
        doc_number: Some("佛府办函 (2024) 9号".into()),
        province: Some("广西".into()),
        city: Some("".into()),
        level: Some(Level::District),
        source_url: Some("https://www.foshan.gov.cn/x.html".into()),
        ..Default::default()
    };
    let meta = lib.edit_meta(fs, &edit).unwrap();
    assert_eq!(meta.title, "佛山市诉求响应方案（修订稿）");
    assert_eq!(meta.doc_number.as_deref(), Some("佛府办函〔2024〕9号"));
    assert_eq!(meta.city, None);
    // Not given: kept.
    assert_eq!(meta.issuer, before.meta.issuer);
    assert_eq!(meta.source_file, before.meta.source_file);
    assert_eq!(meta.warnings, before.meta.warnings);
    assert!(lib.revision().unwrap() > revision);

    let after = lib.get(fs).unwrap();
    assert_eq!(after.meta, meta);
    assert_eq!((&after.text, &after.tree), (&before.text, &before.tree));
    assert_eq!(lib.stats().unwrap(), stats);
    assert_eq!(lib.rows_by_id(&[fs]).unwrap()[0].meta, meta);

    let find = |lib: &Lib, f: ListFilter| -> Vec<i64> {
        lib.list(&f).unwrap().iter().map(|r| r.id).collect()
    };
    let text = |t: &str| ListFilter { text: Some(t.into()), ..ListFilter::default() };
    assert_eq!(find(&lib, text("修订稿")), [fs]);
    assert_eq!(find(&lib, text("佛府办函〔2024〕9号")), [fs]);
    assert!(!find(&lib, text("佛府办函〔2023〕75号")).contains(&fs));
    let district = ListFilter { level: Some(Level::District), ..ListFilter::default() };
    assert!(find(&lib, district).contains(&fs));
    let gx = ListFilter { region: Some("广西".into()), year: Some(2024), ..ListFilter::default() };
    assert_eq!(find(&lib, gx), [fs]);
    let dated = ListFilter { sort: SortBy::DateDesc, ..ListFilter::default() };
    assert_eq!(find(&lib, dated)[0], fs, "the newest date now");
    let facets = lib.facets().unwrap();
    assert!(facets.years.iter().any(|y| y.year == 2024 && y.count == 1));
    assert!(facets
        .regions
        .iter()
        .any(|r| r.province.as_deref() == Some("广西") && r.city.is_none()));
    let hits = lib.search(seg(), "诉求响应", 200).unwrap();
    let mine: Vec<_> = hits.iter().filter(|h| h.doc_id == fs).collect();
    assert!(!mine.is_empty());
    assert!(mine.iter().all(|h| h.title == meta.title));

    // Nothing to change: nothing written.
    let revision = lib.revision().unwrap();
    assert_eq!(lib.edit_meta(fs, &edit).unwrap(), meta);
    assert_eq!(lib.revision().unwrap(), revision);
}
}

both_backends! {
/// A metadata edit with one bad field changes nothing, and says which
/// field; an unknown document is named.
fn a_bad_metadata_edit_changes_nothing_and_names_the_field(backend) {
    let mut lib = backend.library();
    let id = lib.add(seg(), &DOCS[1..2]).unwrap().added[0];
    let before = lib.get(id).unwrap().meta;
    let revision = lib.revision().unwrap();
    let cases = [
        ("date", policydiff_model::MetaEdit {
            title: Some("新标题".into()),
            date: Some("2023-02-30".into()),
            ..Default::default()
        }),
        ("title", policydiff_model::MetaEdit {
            title: Some("  ".into()),
            issuer: Some("新机关".into()),
            ..Default::default()
        }),
        ("issuer", policydiff_model::MetaEdit {
            issuer: Some("机关\u{202E}".into()),
            ..Default::default()
        }),
    ];
    for (field, edit) in cases {
        match lib.edit_meta(id, &edit) {
            Err(e @ Error::InvalidMeta { .. }) => {
                assert!(matches!(e, Error::InvalidMeta { field: f, .. } if f == field), "{e}");
                assert!(e.to_string().contains(field), "{e}");
            }
            other => panic!("{field}: {other:?}"),
        }
        assert_eq!(lib.get(id).unwrap().meta, before);
    }
    assert_eq!(lib.revision().unwrap(), revision);
    let edit = policydiff_model::MetaEdit { title: Some("x".into()), ..Default::default() };
    assert!(matches!(lib.edit_meta(9999, &edit), Err(Error::NoSuchDocument(9999))));
}
}

both_backends! {
/// A document whose title an earlier one has, but another text, is added
/// and reported beside it (two rows of one title); the same text again is
/// a duplicate, not a clash.
fn an_import_reports_a_title_the_library_already_has(backend) {
    let mut lib = backend.library();
    let first = lib.add(seg(), &DOCS[1..3]).unwrap();
    assert!(first.same_title.is_empty());
    let mut twin = DOCS[2].clone();
    twin.0.text.push_str("\n附件：修订说明。");
    twin.0.original.push_str("\n附件：修订说明。");
    twin.1 = policydiff_parse::parse(&twin.0.text);
    let report = lib.add(seg(), &[twin.clone(), DOCS[3].clone()]).unwrap();
    assert_eq!(report.added.len(), 2);
    assert_eq!(
        report.same_title,
        [policydiff_model::SameTitle {
            title: DOCS[2].0.meta.title.clone(),
            id: report.added[0],
            existing: first.added[1],
        }]
    );
    let again = lib.add(seg(), &[twin]).unwrap();
    assert!(again.added.is_empty() && again.same_title.is_empty());
    // The rows say which titles the library holds twice, in a list and by id.
    let shared: Vec<i64> = lib
        .list(&ListFilter::default())
        .unwrap()
        .iter()
        .filter(|r| r.title_shared)
        .map(|r| r.id)
        .collect();
    assert_eq!(shared, [first.added[1], report.added[0]]);
    let rows = lib.rows_by_id(&[report.added[0], report.added[1]]).unwrap();
    assert_eq!((rows[0].title_shared, rows[1].title_shared), (true, false));
    // An edit that makes the titles differ tells them apart.
    let edit = policydiff_model::MetaEdit { title: Some("修订稿".into()), ..Default::default() };
    lib.edit_meta(report.added[0], &edit).unwrap();
    assert!(lib.list(&ListFilter::default()).unwrap().iter().all(|r| !r.title_shared));
}
}
