//! Sentence vectors in the application layer (`policydiff::vectors`):
//! computed for what the library is missing, recomputed when the model
//! changes, used by comparisons of stored documents and of files, and a
//! fallback to wording alone when they cannot be had.

use std::sync::Arc;

use policydiff::compare::{self, StoredOptions};
use policydiff::vectors::{self, Model};
use policydiff_embed::{Pooling, StaticEncoder};
use policydiff_model::{ClauseKind, Comparison, PairKind};
use policydiff_segment::Segmenter;
use policydiff_store::{SqliteStore, Store};

mod support;

const GD: &str = "广东省进一步强化市场主体诉求响应服务工作方案";
const FS: &str = "佛山市进一步强化市场主体诉求响应服务工作方案";
/// Independently written on one subject (the reference hn-sy-bizenv).
const HN: &str = "海南省 2023 年营商环境制度集成创新重点任务";
const SY: &str = "三亚市创建一流营商环境 2023 年实施方案";

fn seg() -> &'static Segmenter {
    Segmenter::shared()
}

fn model() -> Model {
    Model::bundled().unwrap()
}

/// A library with the corpus documents whose titles contain these words.
fn library(titles: &[&str]) -> (SqliteStore, Vec<i64>) {
    let mut lib = SqliteStore::open_in_memory().unwrap();
    let docs = policydiff::import::prepare(titles.iter().map(|t| support::doc(t)).collect());
    let ids = lib.add(seg(), &docs).unwrap().added;
    (lib, ids)
}

fn with_vectors() -> StoredOptions {
    StoredOptions {
        vectors: Some(model()),
        ..StoredOptions::default()
    }
}

/// Pairs as (kind, left path, right path), to compare comparisons.
fn pairs(c: &Comparison) -> Vec<(PairKind, Option<String>, Option<String>)> {
    c.pairs
        .iter()
        .map(|p| {
            (
                p.kind,
                p.left.as_ref().map(|u| u.path.clone()),
                p.right.as_ref().map(|u| u.path.clone()),
            )
        })
        .collect()
}

#[test]
fn missing_vectors_are_computed_once_with_progress() {
    let (mut lib, ids) = library(&[GD, FS, HN]);
    let m = model();
    let mut calls = Vec::new();
    let filled =
        vectors::fill_missing(&mut lib, &m, |done, total| calls.push((done, total))).unwrap();
    assert_eq!(calls, vec![(0, 3), (1, 3), (2, 3), (3, 3)]);
    assert_eq!(filled.documents, 3);
    let units: usize = ids
        .iter()
        .map(|&id| lib.get(id).unwrap().tree.units().len())
        .sum();
    assert_eq!(filled.units, units);
    for &id in &ids {
        let stored = lib.vectors(id, m.id()).unwrap().unwrap();
        assert_eq!(stored.len(), lib.get(id).unwrap().tree.units().len());
    }
    // Nothing left to do: the second run encodes nothing.
    let again = vectors::fill_missing(&mut lib, &m, |_, _| {}).unwrap();
    assert_eq!(again, vectors::Filled::default());
}

#[test]
fn a_new_model_recomputes_every_document() {
    let (mut lib, ids) = library(&[GD, FS]);
    vectors::fill_missing(&mut lib, &model(), |_, _| {}).unwrap();
    let table = std::fs::read(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("crates/embed/data/e5-static-zh.bin"),
    )
    .unwrap();
    let other = Model::new(Arc::new(
        StaticEncoder::from_bytes(&table)
            .unwrap()
            .with_pooling(Pooling::Mean),
    ));
    assert_ne!(other.id(), model().id());
    assert_eq!(lib.missing_vectors(other.id(), 10).unwrap(), ids);
    let filled = vectors::fill_missing(&mut lib, &other, |_, _| {}).unwrap();
    assert_eq!(filled.documents, 2);
    assert!(lib.missing_vectors(other.id(), 10).unwrap().is_empty());
    // The old model's vectors were replaced, not kept beside.
    assert_eq!(lib.missing_vectors(model().id(), 10).unwrap(), ids);
}

#[test]
fn stored_vectors_and_vectors_computed_on_the_fly_give_the_same_comparison() {
    let (mut lib, ids) = library(&[HN, SY]);
    // Not computed yet: the comparison computes them.
    let before = compare::compare_stored(&lib, seg(), ids[0], ids[1], &with_vectors()).unwrap();
    vectors::fill_missing(&mut lib, &model(), |_, _| {}).unwrap();
    let stored = compare::compare_stored(&lib, seg(), ids[0], ids[1], &with_vectors()).unwrap();
    assert_eq!(pairs(&before), pairs(&stored));
    // Two documents not in the library: the same again.
    let (l, r) = (support::parsed(HN), support::parsed(SY));
    let files = compare::compare_docs(None, seg(), &l, &r, &with_vectors()).unwrap();
    assert_eq!(files.warning, None);
    assert_eq!(pairs(&files.comparison), pairs(&stored));
    // And the vectors change the result of this independently written pair.
    let lexical =
        compare::compare_stored(&lib, seg(), ids[0], ids[1], &Default::default()).unwrap();
    assert_ne!(pairs(&lexical), pairs(&stored));
}

#[test]
fn a_copy_pairs_the_same_with_and_without_vectors() {
    let (mut lib, ids) = library(&[GD, FS]);
    vectors::fill_missing(&mut lib, &model(), |_, _| {}).unwrap();
    let with = compare::compare_stored(&lib, seg(), ids[0], ids[1], &with_vectors()).unwrap();
    let without =
        compare::compare_stored(&lib, seg(), ids[0], ids[1], &Default::default()).unwrap();
    assert_eq!(pairs(&with), pairs(&without));
    assert_eq!(with.summary, without.summary);
}

#[test]
fn damaged_stored_vectors_fall_back_to_wording_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("lib.sqlite3");
    let mut lib = SqliteStore::open(&path).unwrap();
    let docs = policydiff::import::prepare(vec![support::doc(HN), support::doc(SY)]);
    let ids = lib.add(seg(), &docs).unwrap().added;
    vectors::fill_missing(&mut lib, &model(), |_, _| {}).unwrap();
    drop(lib);
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute(
        "UPDATE unit_vectors SET scale = -1 WHERE doc_id = ?1 AND idx = (SELECT max(idx) FROM unit_vectors WHERE doc_id = ?1)",
        [ids[1]],
    )
    .unwrap();
    drop(conn);
    let lib = SqliteStore::open(&path).unwrap();
    let pair = compare::load_pair(&lib, ids[0], ids[1], &with_vectors()).unwrap();
    let warning = pair.vectors.warning.clone().expect("a warning");
    assert!(
        warning.contains("wording alone") && warning.contains("damaged"),
        "{warning}"
    );
    let fallback = pair.compare(seg(), Default::default());
    let lexical =
        compare::compare_stored(&lib, seg(), ids[0], ids[1], &Default::default()).unwrap();
    assert_eq!(pairs(&fallback), pairs(&lexical));
}

#[test]
fn a_model_file_that_cannot_be_loaded_is_an_error_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("none.bin");
    let e = Model::open(&missing).unwrap_err().to_string();
    assert!(e.contains("none.bin"), "{e}");
    let junk = dir.path().join("junk.bin");
    std::fs::write(&junk, b"not a model at all").unwrap();
    let e = Model::open(&junk).unwrap_err().to_string();
    assert!(e.contains("junk.bin"), "{e}");
    // A truncated static table.
    let table = std::fs::read(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("crates/embed/data/e5-static-zh.bin"),
    )
    .unwrap();
    let cut = dir.path().join("cut.bin");
    std::fs::write(&cut, &table[..table.len() / 2]).unwrap();
    let e = Model::open(&cut).unwrap_err().to_string();
    assert!(e.contains("cut.bin"), "{e}");
}

/// The paths of a pair's two units.
fn pair_paths(p: &policydiff_model::Pair) -> (Option<&str>, Option<&str>) {
    (
        p.left.as_ref().map(|u| u.path.as_str()),
        p.right.as_ref().map(|u| u.path.as_str()),
    )
}

/// A library of Huizhou's and Haikou's procurement measures with their
/// vectors: the library, Huizhou's id and Haikou's.
fn procurement() -> (SqliteStore, i64, i64) {
    let (mut lib, ids) = library(&[
        "惠州市财政局关于进一步优化政府采购营商环境的通知",
        "海口市优化政府采购营商环境若干措施",
    ]);
    vectors::fill_missing(&mut lib, &model(), |_, _| {}).unwrap();
    (lib, ids[0], ids[1])
}

/// Huizhou's and Haikou's procurement measures, written independently,
/// compared with vectors: a one-sided unit lists the units of the other
/// document it may correspond to (可能对应), likeliest first, at most three,
/// each once, with the strength of the topic match; paired rows list none.
/// Haikou's 加强合同管理 item (contract management) is one-sided and is
/// offered Huizhou's section on signing and paying contracts. Confirmed in
/// the library, the pair is related at that strength and the section keeps
/// its other related pairs (a topic-level pair is one-to-many); forbidden,
/// it is never suggested again.
#[test]
fn one_sided_units_offer_their_possible_counterparts() {
    let (mut lib, hz, hk) = procurement();
    let run =
        |lib: &SqliteStore| compare::compare_stored(lib, seg(), hz, hk, &with_vectors()).unwrap();
    let c = run(&lib);
    let units = |id: i64| -> Vec<String> {
        let d = lib.get(id).unwrap();
        d.tree
            .units()
            .iter()
            .map(|(i, _)| d.tree.clauses[*i].path.clone())
            .collect()
    };
    let (hz_paths, hk_paths) = (units(hz), units(hk));
    let mut offered = 0;
    for p in &c.pairs {
        let other = match pair_paths(p) {
            (Some(_), Some(_)) => {
                assert!(p.suggestions.is_empty(), "{p:#?}");
                continue;
            }
            (Some(_), None) => &hk_paths,
            _ => &hz_paths,
        };
        assert!(p.suggestions.len() <= 3, "{p:#?}");
        offered += usize::from(!p.suggestions.is_empty());
        for (k, s) in p.suggestions.iter().enumerate() {
            assert!(other.contains(&s.path), "{s:?}");
            assert!(s.strength > 0.0 && s.strength < 1.0, "{s:?}");
            assert!(p.suggestions[..k]
                .iter()
                .all(|t| t.path != s.path && t.strength >= s.strength));
        }
    }
    assert!(offered >= 3, "{offered} one-sided rows with suggestions");

    let section = |c: &Comparison| -> String {
        c.pairs
            .iter()
            .filter_map(|p| p.left.as_ref())
            .find(|u| u.text.contains("加快合同签订及支付"))
            .expect("Huizhou's section on contracts")
            .path
            .clone()
    };
    let contracts = section(&c);
    let item = c
        .pairs
        .iter()
        .find(|p| p.left.is_none() && p.right.as_ref().unwrap().text.contains("加强合同管理"))
        .expect("Haikou's contract-management item is one-sided");
    let management = item.right.as_ref().unwrap().path.clone();
    let offer = item
        .suggestions
        .iter()
        .find(|s| s.path == contracts)
        .unwrap_or_else(|| panic!("{:?}", item.suggestions))
        .clone();
    let partners = |c: &Comparison| -> Vec<String> {
        c.pairs
            .iter()
            .filter(|p| p.kind == PairKind::Related && pair_paths(p).0 == Some(contracts.as_str()))
            .filter_map(|p| p.right.as_ref().map(|u| u.path.clone()))
            .collect()
    };
    let before = partners(&c);
    assert!(!before.is_empty());

    lib.force_pair(hz, hk, &contracts, &management).unwrap();
    let forced = run(&lib);
    assert_eq!(
        forced.pairs.len(),
        c.pairs.len(),
        "the one-sided row became the pair"
    );
    let made = forced
        .pairs
        .iter()
        .find(|p| pair_paths(p) == (Some(contracts.as_str()), Some(management.as_str())))
        .expect("the forced pair");
    assert!(made.manual);
    assert_eq!(made.kind, PairKind::Related);
    assert_eq!(made.similarity, offer.strength);
    let mut after = partners(&forced);
    after.retain(|p| *p != management);
    assert_eq!(after, before, "the section keeps its other related pairs");
    assert_eq!(forced.summary.related, c.summary.related + 1);

    lib.forbid_pair(hz, hk, &contracts, &management).unwrap();
    let forbidden = run(&lib);
    let item = forbidden
        .pairs
        .iter()
        .find(|p| pair_paths(p) == (None, Some(management.as_str())))
        .expect("one-sided again");
    assert!(
        item.suggestions.iter().all(|s| s.path != contracts),
        "{:?}",
        item.suggestions
    );
}

/// A topic-level correspondence recorded by hand is one-to-many too: two of
/// Haikou's one-sided items that are each offered the same Huizhou section,
/// confirmed one after the other, are both related to it (each at the
/// strength it was offered, both kept in the library), and the section keeps
/// its other related pairs. Clearing one leaves the other.
#[test]
fn a_unit_confirmed_with_two_counterparts_keeps_both() {
    let (mut lib, hz, hk) = procurement();
    let run =
        |lib: &SqliteStore| compare::compare_stored(lib, seg(), hz, hk, &with_vectors()).unwrap();
    let c = run(&lib);
    // Haikou's one-sided items, by the Huizhou unit each is offered first.
    let mut offered = std::collections::BTreeMap::<String, Vec<(String, f64)>>::new();
    for p in c.pairs.iter().filter(|p| p.left.is_none()) {
        if let Some(s) = p.suggestions.first() {
            let item = p.right.as_ref().unwrap().path.clone();
            offered
                .entry(s.path.clone())
                .or_default()
                .push((item, s.strength));
        }
    }
    let (section, items) = offered
        .into_iter()
        .find(|(_, items)| items.len() >= 2)
        .expect("a Huizhou unit offered to two of Haikou's items");
    let related = |c: &Comparison| -> Vec<(String, f64, bool)> {
        c.pairs
            .iter()
            .filter(|p| p.kind == PairKind::Related && pair_paths(p).0 == Some(section.as_str()))
            .map(|p| {
                (
                    p.right.as_ref().unwrap().path.clone(),
                    p.similarity,
                    p.manual,
                )
            })
            .collect()
    };
    let before = related(&c);
    for (item, _) in &items[..2] {
        lib.force_pair(hz, hk, &section, item).unwrap();
    }
    assert_eq!(lib.pairing_overrides(hz, hk).unwrap().force.len(), 2);
    let both = run(&lib);
    let after = related(&both);
    for (item, strength) in &items[..2] {
        assert!(
            after.contains(&(item.clone(), *strength, true)),
            "{item} at {strength}: {after:?}"
        );
    }
    let mut others: Vec<_> = after.iter().filter(|r| !r.2).cloned().collect();
    others.sort_by(|a, b| a.0.cmp(&b.0));
    let mut was = before.clone();
    was.sort_by(|a, b| a.0.cmp(&b.0));
    assert_eq!(others, was, "the section keeps its other related pairs");
    assert_eq!(
        both.pairs.len(),
        c.pairs.len(),
        "each one-sided row became a pair"
    );
    assert_eq!(both.summary.related, c.summary.related + 2);

    assert!(lib.clear_pairing(hz, hk, &section, &items[0].0).unwrap());
    let one = related(&run(&lib));
    assert!(
        one.contains(&(items[1].0.clone(), items[1].1, true)),
        "{one:?}"
    );
    assert!(!one.iter().any(|r| r.0 == items[0].0), "{one:?}");
}

/// Two unrelated documents (Guangdong's complaint-response plan and
/// Hainan's patent-award rules) have units that stand out from their
/// ordinary pair too, but nothing close in absolute terms: no possible
/// counterparts, with vectors or by wording alone.
#[test]
fn unrelated_documents_offer_no_possible_counterparts() {
    let (mut lib, ids) = library(&[GD, "海南省专利奖评奖办法"]);
    vectors::fill_missing(&mut lib, &model(), |_, _| {}).unwrap();
    for opts in [with_vectors(), StoredOptions::default()] {
        let c = compare::compare_stored(&lib, seg(), ids[0], ids[1], &opts).unwrap();
        let one_sided = c
            .pairs
            .iter()
            .filter(|p| p.left.is_none() || p.right.is_none())
            .count();
        assert!(one_sided > 40, "{one_sided}");
        let offered: Vec<_> = c
            .pairs
            .iter()
            .filter(|p| !p.suggestions.is_empty())
            .collect();
        assert!(offered.is_empty(), "{offered:#?}");
    }
}

/// Items of documents on different subjects share a few rare words by
/// chance, and against two documents so far apart such an item stands out by
/// wording; its meaning does not. Hainan's patent-award rules against
/// Sanya's business-environment plan and Guangdong's measures for
/// individual businesses relate at most two of their items, while Sanya's
/// plan keeps its topic links with Hainan's business-environment tasks.
#[test]
fn documents_on_different_subjects_relate_few_items() {
    const PATENTS: &str = "海南省专利奖评奖办法";
    const SHOPS: &str = "广东省培育扶持个体工商户若干措施";
    let (mut lib, ids) = library(&[PATENTS, SY, SHOPS, HN]);
    vectors::fill_missing(&mut lib, &model(), |_, _| {}).unwrap();
    let related_items = |l: i64, r: i64| {
        let c = compare::compare_stored(&lib, seg(), l, r, &with_vectors()).unwrap();
        c.pairs
            .iter()
            .filter(|p| p.kind == PairKind::Related)
            .filter_map(|p| Some((p.left.as_ref()?, p.right.as_ref()?)))
            // Front matter: the title, cover letter, signature and preamble.
            .filter(|(l, r)| {
                [l, r]
                    .iter()
                    .all(|u| !u.kind.is_role() && u.kind != ClauseKind::Preamble)
            })
            .map(|(l, r)| (l.path.clone(), r.path.clone()))
            .collect::<Vec<_>>()
    };
    for other in [ids[1], ids[2]] {
        let found = related_items(ids[0], other);
        assert!(found.len() <= 2, "{found:?}");
    }
    let (hn, sy) = (ids[3], ids[1]);
    let kept = related_items(hn, sy);
    assert!(kept.len() >= 20, "{}: {kept:?}", kept.len());
}
