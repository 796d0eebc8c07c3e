//! The team library's similar-clause postings (crates/store-pg/src/postings.rs):
//! the candidates stay those of the SQLite store through imports, deletes,
//! re-imports and the upgrade of a library that had none, and the postings
//! stay consistent with the search index (every list the first clauses of
//! its word, its count right). Run once with the default cap, once with a
//! cap of 3 (`$POLICYDIFF_PG_POSTINGS_CAP`: every common word's list
//! overflows, lookups longer than the lists go back to the search index
//! with the same answers, and deletes leave lists short that must be
//! refilled). One test in this program: the cap is the process's.

use std::sync::LazyLock;

use policydiff_model::{ClauseTree, SourceDoc};
use policydiff_segment::Segmenter;
use policydiff_store::Store;
use policydiff_store_pg::PgStore;
use support::pg::{Backend, Lib};

mod support;

static DOCS: LazyLock<Vec<(SourceDoc, ClauseTree)>> =
    LazyLock::new(|| policydiff::import::prepare(support::corpus_docs().to_vec()));

fn seg() -> &'static Segmenter {
    Segmenter::shared()
}

/// The candidates of both libraries are the same for the units of every
/// seventh document (each excluded from its own), and for a long unit with
/// nothing excluded. Returns how many units had candidates.
fn same_candidates(file: &dyn Store, team: &dyn Store) -> usize {
    let mut found = 0;
    for id in support::doc_ids(file).into_iter().step_by(7) {
        let doc = file.get(id).unwrap();
        for (_, text) in doc.tree.units() {
            let a = file.clauses_like(seg(), &text, Some(id), 200).unwrap();
            let b = team.clauses_like(seg(), &text, Some(id), 200).unwrap();
            assert_eq!(a, b, "document {id}: {text}");
            found += usize::from(!a.is_empty());
        }
        if let Some((_, text)) = doc.tree.units().into_iter().max_by_key(|(_, t)| t.len()) {
            let a = file.clauses_like(seg(), &text, None, 20).unwrap();
            assert_eq!(team.clauses_like(seg(), &text, None, 20).unwrap(), a);
        }
    }
    found
}

fn count(team: &Lib, sql: &str) -> i64 {
    team.place.sql(sql)[0].get(0)
}

/// The (word, clause) pairs of the search index the postings are made of.
const PAIRS: &str = "SELECT DISTINCT u.lexeme AS word, s.clause_id
     FROM clause_search s CROSS JOIN LATERAL unnest(s.terms) u
     WHERE 'A' = ANY(u.weights) AND char_length(u.lexeme) >= 2";

/// The postings as (word, clause) rows.
const POSTINGS: &str = "SELECT word, unnest(ids) AS clause_id FROM similar_blocks";

/// The postings agree with the search index.
fn consistent(team: &Lib) {
    // Each word's clauses ascend through its blocks, none repeated, at most
    // 128 to a block.
    assert_eq!(
        count(
            team,
            "SELECT count(*) FROM (
                 SELECT u.x, lag(u.x) OVER (PARTITION BY b.word ORDER BY b.block, u.o) AS prev
                 FROM similar_blocks b, unnest(b.ids) WITH ORDINALITY u(x, o)) t
             WHERE t.prev >= t.x"
        ),
        0
    );
    assert_eq!(
        count(
            team,
            "SELECT count(*) FROM similar_blocks WHERE cardinality(ids) > 128"
        ),
        0
    );
    // Each word's count is its number of postings.
    assert_eq!(
        count(
            team,
            "SELECT count(*) FROM similar_words w
             FULL JOIN (SELECT word, count(*) AS n FROM similar_blocks, unnest(ids) GROUP BY word) p
                  ON p.word = w.word
             WHERE coalesce(w.stored, -1) <> coalesce(p.n, 0)"
        ),
        0
    );
    // Every posting is of a clause holding its word.
    assert_eq!(
        count(
            team,
            &format!(
                "SELECT count(*) FROM ({POSTINGS}) p
                 WHERE NOT EXISTS (SELECT 1 FROM ({PAIRS}) x
                                   WHERE x.word = p.word AND x.clause_id = p.clause_id)"
            )
        ),
        0
    );
    // Every word of the index is known; a list that never overflowed holds
    // all of its word's clauses.
    assert_eq!(
        count(
            team,
            &format!(
                "SELECT count(*) FROM (SELECT word, count(*) AS n FROM ({PAIRS}) x GROUP BY word) t
                 LEFT JOIN similar_words w ON w.word = t.word
                 WHERE w.word IS NULL OR (NOT w.overflow AND w.stored <> t.n)"
            )
        ),
        0
    );
    // Every list holds all the clauses of its word up to its last one.
    assert_eq!(
        count(
            team,
            &format!(
                "SELECT count(*) FROM ({PAIRS}) x
                 JOIN (SELECT word, max(clause_id) AS last FROM ({POSTINGS}) q GROUP BY word) p
                      ON p.word = x.word AND x.clause_id <= p.last
                 WHERE NOT EXISTS (SELECT 1 FROM ({POSTINGS}) q
                                   WHERE q.word = x.word AND q.clause_id = x.clause_id)"
            )
        ),
        0
    );
}

fn imports_deletes_and_reimports(cap: Option<usize>) {
    let mut file = Backend::Sqlite.library();
    let mut team = Backend::Postgres.library();
    file.add(seg(), &DOCS).unwrap();
    team.add(seg(), &DOCS).unwrap();
    assert_eq!(support::doc_ids(&*file), support::doc_ids(&*team));
    consistent(&team);
    assert!(count(&team, &format!("SELECT count(*) FROM ({POSTINGS}) p")) > 10_000);
    let overflowed = count(&team, "SELECT count(*) FROM similar_words WHERE overflow");
    if cap.is_some() {
        assert!(overflowed > 1_000, "{overflowed} words overflowed");
    }
    assert!(same_candidates(&*file, &*team) > 100, "cap {cap:?}");

    // Delete the first documents (the first postings of the common
    // words), then import them again (new ids, at the end of the lists).
    let first: Vec<i64> = support::doc_ids(&*file).into_iter().take(6).collect();
    let again: Vec<(SourceDoc, ClauseTree)> = first
        .iter()
        .map(|&id| {
            let i = support::doc_ids(&*file)
                .iter()
                .position(|&x| x == id)
                .unwrap();
            DOCS[i].clone()
        })
        .collect();
    for &id in &first {
        file.delete(id).unwrap();
        team.delete(id).unwrap();
    }
    consistent(&team);
    if let Some(cap) = cap {
        // The deletes took the first postings of the common words; the lists
        // they left short were refilled: each overflowed list holds at least
        // half the cap, so a lookup reads the postings, not the search index.
        let short =
            format!("SELECT count(*) FROM similar_words WHERE overflow AND 2 * stored < {cap}");
        assert_eq!(count(&team, &short), 0);
    }
    assert_eq!(
        count(
            &team,
            &format!(
                "SELECT count(*) FROM ({POSTINGS}) p
                 WHERE NOT EXISTS (SELECT 1 FROM clauses c WHERE c.id = p.clause_id)"
            )
        ),
        0
    );
    same_candidates(&*file, &*team);
    let a = file.add(seg(), &again).unwrap();
    let b = team.add(seg(), &again).unwrap();
    assert_eq!(a.added, b.added);
    assert_eq!(a.added.len(), first.len());
    consistent(&team);
    same_candidates(&*file, &*team);
}

/// A library of schema version 2 (no postings) is upgraded: the postings
/// are made from the stored clauses (version 3, a row per word and
/// clause), then packed into blocks (version 4), and the candidates do not
/// change.
fn upgrade_fills_the_postings() {
    let mut file = Backend::Sqlite.library();
    let mut team = Backend::Postgres.library();
    file.add(seg(), &DOCS).unwrap();
    team.add(seg(), &DOCS).unwrap();
    team.place.sql("DROP TABLE similar_blocks, similar_words");
    // Nor title sort keys (version 6).
    team.place
        .sql("ALTER TABLE documents DROP COLUMN title_key");
    team.place
        .sql("CREATE INDEX documents_by_title ON documents (title, id)");
    team.place.sql("UPDATE policydiff_schema SET version = 2");
    let location = team.place.location.clone();
    team.store = Box::new(PgStore::open(&location).unwrap());
    assert_eq!(
        count(&team, "SELECT max(version)::bigint FROM policydiff_schema"),
        policydiff_store_pg::SCHEMA_VERSION as i64
    );
    consistent(&team);
    assert!(same_candidates(&*file, &*team) > 100);
}

/// A word's lookup cut at its limit inside a long list (150 clauses of a
/// list of three or more blocks of 128: the second block cut, the rest not
/// read) gives the first clauses in id order, as SQLite's index does: the
/// candidates of a text made of the words with the longest lists agree.
fn long_lists_are_cut_in_order() {
    let mut file = Backend::Sqlite.library();
    let mut team = Backend::Postgres.library();
    file.add(seg(), &DOCS).unwrap();
    team.add(seg(), &DOCS).unwrap();
    let words: Vec<String> = team
        .place
        .sql(
            "SELECT word FROM similar_words WHERE stored > 256 ORDER BY stored DESC, word LIMIT 12",
        )
        .iter()
        .map(|r| r.get(0))
        .collect();
    assert!(
        words.len() >= 6,
        "words in more than 256 clauses: {words:?}"
    );
    let text = words.join("，");
    // Document, clause and score of each candidate (not the texts: short messages).
    let ids = |lib: &Lib| -> Vec<(i64, usize, String)> {
        let hits = lib.clauses_like(seg(), &text, None, 200).unwrap();
        hits.iter()
            .map(|h| (h.doc_id, h.clause, format!("{:.9}", h.rank)))
            .collect()
    };
    let a = ids(&file);
    assert!(!a.is_empty());
    assert_eq!(a, ids(&team), "{text}");
}

#[test]
fn similar_postings_stay_consistent() {
    if support::pg::server_url().is_none() {
        return;
    }
    imports_deletes_and_reimports(None);
    upgrade_fills_the_postings();
    // Only this test runs in this program: nothing else reads the variable.
    std::env::set_var("POLICYDIFF_PG_POSTINGS_CAP", "3");
    imports_deletes_and_reimports(Some(3));
    std::env::remove_var("POLICYDIFF_PG_POSTINGS_CAP");
    std::env::set_var("POLICYDIFF_SIMILAR_POSTINGS", "150");
    long_lists_are_cut_in_order();
}
