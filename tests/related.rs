//! Related documents and similar clauses on the corpus: the application
//! layer's ranking and the CLI's JSON contract (`policydiff related`,
//! `policydiff similar`).

use std::path::Path;
use std::process::Command;

use policydiff::model::{OpTag, Relation};
use policydiff::{related, similar, Segmenter, SqliteStore, Store};
use serde_json::Value;

const GD_NUMBER: &str = "粤办函〔2023〕41号";
const FS_NUMBER: &str = "佛府办函〔2023〕75号";
const HN_PATENT_NUMBER: &str = "琼知规〔2023〕1号";

/// The bundled corpus in an in-memory library.
fn library() -> SqliteStore {
    let mut store = SqliteStore::open_in_memory().unwrap();
    policydiff::import::import_bundled_corpus(&mut store, Segmenter::shared(), |_, _| {}).unwrap();
    store
}

/// The id of the one document whose metadata `is` says is meant (`what` names it).
fn only_id(
    store: &SqliteStore,
    what: &str,
    is: impl Fn(&policydiff::model::DocMeta) -> bool,
) -> i64 {
    let ids: Vec<i64> = store
        .list(&Default::default())
        .unwrap()
        .into_iter()
        .filter(|r| is(&r.meta))
        .map(|r| r.id)
        .collect();
    assert_eq!(ids.len(), 1, "{what}: {ids:?}");
    ids[0]
}

fn id_of(store: &SqliteStore, number: &str) -> i64 {
    only_id(store, number, |m| m.doc_number.as_deref() == Some(number))
}

#[test]
fn foshans_plan_ranks_guangdongs_first_as_cited_with_the_citing_sentence() {
    let store = library();
    let (gd, fs) = (id_of(&store, GD_NUMBER), id_of(&store, FS_NUMBER));
    let got = related::related(&store, Segmenter::shared(), fs, 10).unwrap();
    let first = &got[0];
    assert_eq!(first.id, gd);
    assert_eq!(first.relation, Relation::Cites);
    assert_eq!(first.doc_number.as_deref(), Some(GD_NUMBER));
    assert!(first.reasons.contains(&Relation::SharesClauses));
    assert!(
        first.evidence.contains("粤办函〔2023〕41号"),
        "{}",
        first.evidence
    );
    // Foshan's plan takes up most of Guangdong's items (the matrix's Foshan column).
    assert!(first.shared_units >= 10, "{}", first.shared_units);
    assert!(got.iter().all(|r| r.id != fs), "never the document itself");
    for w in got.windows(2) {
        assert!(w[0].score >= w[1].score, "best first");
    }
    for r in &got[1..] {
        assert!(r.score < first.score);
        assert!(!r.reasons.is_empty());
    }
}

/// The units of a stored document, as the comparison pairs them.
fn units(store: &SqliteStore, id: i64) -> Vec<String> {
    let doc = policydiff::compare::load_stored(store, id).unwrap();
    doc.tree.units().into_iter().map(|(_, t)| t).collect()
}

#[test]
fn shared_clauses_are_evidenced_by_the_related_documents_own_text() {
    // Shanwei's and Foshan's engineering-approval reforms share many
    // clauses, reworded; neither cites the other.
    let store = library();
    let sw = id_of(&store, "汕建规字〔2023〕2号");
    let got = related::related(&store, Segmenter::shared(), sw, 10).unwrap();
    let fs = got
        .iter()
        .find(|r| {
            r.title
                .contains("佛山市工程建设项目分级分类审批管理实施方案")
        })
        .expect("Foshan's reform is related");
    assert_eq!(fs.relation, Relation::SharesClauses, "{fs:#?}");
    assert!(fs.shared_units >= 5, "{fs:#?}");
    // The evidence is Foshan's side of the closest shared pair (the user is
    // reading Shanwei's): each of its units, clipped, begins one of
    // Foshan's units and none of Shanwei's.
    let (theirs, ours) = (units(&store, fs.id), units(&store, sw));
    let pieces: Vec<&str> = fs.evidence.trim_end_matches('…').split(" … ").collect();
    for piece in pieces {
        assert!(!piece.is_empty(), "{fs:#?}");
        assert!(
            theirs.iter().any(|u| u.trim().starts_with(piece)),
            "{piece}"
        );
        assert!(!ours.iter().any(|u| u.trim().starts_with(piece)), "{piece}");
    }
}

#[test]
fn guangdongs_plan_ranks_foshans_first_as_citing_it() {
    let store = library();
    let (gd, fs) = (id_of(&store, GD_NUMBER), id_of(&store, FS_NUMBER));
    let got = related::related(&store, Segmenter::shared(), gd, 3).unwrap();
    assert!(got.len() <= 3);
    assert_eq!(got[0].id, fs);
    assert_eq!(got[0].relation, Relation::CitedBy);
    assert!(got[0].evidence.contains("粤办函〔2023〕41号"));
}

#[test]
fn an_unrelated_document_is_not_related_to_the_plans() {
    let store = library();
    let (gd, fs, hn) = (
        id_of(&store, GD_NUMBER),
        id_of(&store, FS_NUMBER),
        id_of(&store, HN_PATENT_NUMBER),
    );
    let got = related::related(&store, Segmenter::shared(), hn, 10).unwrap();
    assert!(got.iter().all(|r| r.id != gd && r.id != fs), "{got:#?}");
    let got = related::related(&store, Segmenter::shared(), fs, 10).unwrap();
    assert!(got.iter().all(|r| r.id != hn), "{got:#?}");
}

#[test]
fn similar_clauses_of_guangdongs_item_start_with_foshans_rewrite() {
    let store = library();
    let (gd, fs) = (id_of(&store, GD_NUMBER), id_of(&store, FS_NUMBER));
    let seg = Segmenter::shared();
    let chosen = store.get(gd).unwrap();
    let chosen_text = chosen
        .tree
        .units()
        .into_iter()
        .find(|(i, _)| chosen.tree.clauses[*i].path == "二/（二）/4")
        .unwrap()
        .1;
    let got = similar::similar(&store, seg, gd, "二/（二）/4", 10).unwrap();
    assert_eq!(got.len(), 10);
    assert_eq!((got[0].doc_id, got[0].path.as_str()), (fs, "二/（二）/1"));
    assert!(
        got.iter().all(|s| s.doc_id != gd),
        "never from the document itself"
    );
    for w in got.windows(2) {
        assert!(w[0].similarity >= w[1].similarity);
    }
    // The similarity is the one the pairwise comparison reports for that pair.
    let c = policydiff::compare::compare_stored(&store, seg, gd, fs, &Default::default()).unwrap();
    let pair = c
        .pairs
        .iter()
        .find(|p| {
            p.left.as_ref().is_some_and(|u| u.path == "二/（二）/4")
                && p.right.as_ref().is_some_and(|u| u.path == "二/（二）/1")
        })
        .unwrap();
    assert!((pair.similarity - got[0].similarity).abs() < 1e-9);
    // Foshan's item is numbered 1 where Guangdong's is 4: a renumbering, as in the comparison.
    let renumbered: Vec<(OpTag, &str)> = got[0]
        .diff
        .iter()
        .filter(|o| o.renumbered)
        .map(|o| (o.tag, o.text.as_str()))
        .collect();
    assert_eq!(renumbered, [(OpTag::Delete, "4"), (OpTag::Insert, "1")]);
    // The word diff turns the chosen clause into the similar one.
    for s in &got {
        let side = |keep: OpTag| -> String {
            s.diff
                .iter()
                .filter(|o| o.tag == OpTag::Equal || o.tag == keep)
                .map(|o| o.text.as_str())
                .collect()
        };
        assert_eq!(side(OpTag::Delete), chosen_text);
        assert_eq!(side(OpTag::Insert), s.text);
    }
}

fn id_by_title(store: &SqliteStore, title: &str) -> i64 {
    only_id(store, title, |m| m.title.contains(title))
}

/// Haikou signs procurement contracts within 5 working days of the award
/// notice; among the clauses like that item, Huizhou's says 20 days: the
/// similar clause carries the contrast, Haikou's value first. Haikou's
/// deposits refunded within 3 working days of the same notice are another
/// thing, no contrast with Huizhou's contract signing.
#[test]
fn similar_clauses_contrast_the_values_given_for_one_thing() {
    let store = library();
    let seg = Segmenter::shared();
    let hk = id_by_title(&store, "海口市优化政府采购营商环境若干措施");
    let hz = id_by_title(&store, "惠州市财政局关于进一步优化政府采购营商环境的通知");
    let got = similar::similar(&store, seg, hk, "三/11", 10).unwrap();
    let huizhou = got
        .iter()
        .find(|s| s.doc_id == hz && s.path == "八")
        .unwrap_or_else(|| panic!("{got:#?}"));
    let parts: Vec<(&str, &str, bool)> = huizhou
        .contrasts
        .iter()
        .flat_map(|k| &k.parts)
        .map(|p| (p.left.as_str(), p.right.as_str(), p.contrast))
        .collect();
    assert_eq!(
        parts,
        [("5个工作日内", "20日内", true)],
        "{:#?}",
        huizhou.contrasts
    );
    let back = similar::similar(&store, seg, hz, "八", 10).unwrap();
    let refund = back
        .iter()
        .find(|s| s.doc_id == hk && s.text.contains("退还未中标"))
        .unwrap_or_else(|| panic!("Haikou's refund clause among the similar: {back:#?}"));
    assert!(refund.contrasts.is_empty(), "{:#?}", refund.contrasts);
    let json = serde_json::to_value(huizhou).unwrap();
    assert_eq!(json["contrasts"][0]["parts"][0]["contrast"], true);
    // A clause with no contrast has no field in the JSON (older readers).
    assert!(serde_json::to_value(refund)
        .unwrap()
        .get("contrasts")
        .is_none());
}

#[test]
fn similar_refuses_a_path_that_is_no_unit() {
    let store = library();
    let gd = id_of(&store, GD_NUMBER);
    let err = similar::similar(&store, Segmenter::shared(), gd, "九/（九）", 5).unwrap_err();
    assert!(err.to_string().contains("九/（九）"), "{err}");
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
fn cli_related_and_similar_follow_the_contract() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lib.sqlite3");
    let (gd, fs) = (cli_id(&db, GD_NUMBER), cli_id(&db, FS_NUMBER));

    let v: Value = serde_json::from_str(&ok(&db, &["related", &fs, "--json"])).unwrap();
    let list = v.as_array().unwrap();
    assert!(!list.is_empty() && list.len() <= 10);
    for r in list {
        for k in [
            "id",
            "title",
            "doc_number",
            "score",
            "relation",
            "shared_units",
            "evidence",
        ] {
            assert!(r.get(k).is_some(), "related: {k} in {r}");
        }
        let relation = r["relation"].as_str().unwrap();
        assert!(
            ["cites", "cited_by", "shares_clauses", "same_topic"].contains(&relation),
            "{relation}"
        );
        assert_ne!(r["id"].to_string(), fs);
    }
    assert_eq!(list[0]["id"].to_string(), gd);
    assert_eq!(list[0]["relation"], "cites");
    assert_eq!(list[0]["doc_number"], GD_NUMBER);
    let v: Value =
        serde_json::from_str(&ok(&db, &["related", &fs, "--limit", "1", "--json"])).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 1);

    let v: Value = serde_json::from_str(&ok(
        &db,
        &["similar", &gd, "二/（二）/4", "--limit", "3", "--json"],
    ))
    .unwrap();
    let list = v.as_array().unwrap();
    assert_eq!(list.len(), 3);
    for s in list {
        for k in ["doc_id", "title", "path", "label", "text", "similarity"] {
            assert!(s.get(k).is_some(), "similar: {k} in {s}");
        }
        assert_ne!(s["doc_id"].to_string(), gd);
    }
    assert_eq!(list[0]["doc_id"].to_string(), fs);
    assert_eq!(list[0]["path"], "二/（二）/1");

    // Text output names the documents.
    let text = ok(&db, &["related", &fs]);
    assert!(text.contains(GD_NUMBER) && text.contains("cites"), "{text}");
    let text = ok(&db, &["similar", &gd, "二/（二）/4", "--limit", "1"]);
    assert!(text.contains("二/（二）/1"), "{text}");

    // Errors name the problem.
    let out = policydiff(&db, &["similar", &gd, "九/（九）"]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("九/（九）"), "{err}");
    let out = policydiff(&db, &["related", "9999"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("9999"));
}
