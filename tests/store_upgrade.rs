//! A library written by the previous schema (version 3: every text stored
//! twice per document and twice per clause, an index of whole words only)
//! opens in this build with every document, tree, note and recent
//! comparison it had, and searches like a library made by this build.

use std::path::Path;
use std::sync::LazyLock;

use policydiff_model::{ClauseTree, ListFilter, SortBy, SourceDoc};
use policydiff_segment::Segmenter;
use policydiff_store::{content_hash, title_sort_key, Setup, SqliteStore, Store, SCHEMA_VERSION};
use rusqlite::params;

mod support;

static DOCS: LazyLock<Vec<(SourceDoc, ClauseTree)>> =
    LazyLock::new(|| policydiff::import::prepare(support::corpus_docs().to_vec()));

fn seg() -> &'static Segmenter {
    Segmenter::shared()
}

/// Write the corpus as version 3 stored it (the rows its code wrote).
fn write_version_3(path: &Path) {
    let mut conn = rusqlite::Connection::open(path).unwrap();
    policydiff_store::create_version(&mut conn, 3).unwrap();
    let tx = conn.transaction().unwrap();
    for (doc, tree) in DOCS.iter() {
        let m = &doc.meta;
        tx.execute(
            "INSERT INTO documents (title, issuer, date, doc_number, province, city, level,
                                    source_url, source_file, fragment, excerpt, warnings,
                                    original, text, chars, content_hash)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)",
            params![
                m.title,
                m.issuer,
                m.date,
                m.doc_number,
                m.province,
                m.city,
                m.level.as_str(),
                m.source_url,
                m.source_file,
                m.fragment,
                m.excerpt,
                serde_json::to_string(&m.warnings).unwrap(),
                doc.original,
                doc.text,
                doc.text.chars().count() as i64,
                content_hash(&doc.text),
            ],
        )
        .unwrap();
        let id = tx.last_insert_rowid();
        for c in &tree.clauses {
            tx.execute(
                "INSERT INTO clauses (doc_id, idx, parent, depth, kind, label, path, heading,
                                      text, original, in_article)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
                params![
                    id,
                    c.index as i64,
                    c.parent.map(|p| p as i64),
                    c.depth as i64,
                    serde_json::to_value(c.kind).unwrap().as_str().unwrap(),
                    c.label,
                    c.path,
                    c.heading,
                    c.text,
                    c.original,
                    c.in_article,
                ],
            )
            .unwrap();
            tx.execute(
                "INSERT INTO clause_fts (rowid, words) VALUES (?1, ?2)",
                params![tx.last_insert_rowid(), seg().words(&c.text).join(" ")],
            )
            .unwrap();
        }
    }
    tx.execute(
        "INSERT INTO recent_comparisons (left_id, right_id, opened_at, seq)
         VALUES (5, 20, '2024-01-01T00:00:00Z', 1)",
        [],
    )
    .unwrap();
    let (h5, h20) = (
        content_hash(&DOCS[4].0.text),
        content_hash(&DOCS[19].0.text),
    );
    tx.execute(
        "INSERT INTO notes (left_hash, right_hash, left_path, text) VALUES (?1, ?2, '标题', '旧备注')",
        params![h5, h20],
    )
    .unwrap();
    tx.commit().unwrap();
}

fn schema(path: &Path) -> Vec<(String, String, Option<String>)> {
    let conn = rusqlite::Connection::open(path).unwrap();
    let mut st = conn
        .prepare("SELECT type, name, sql FROM sqlite_master ORDER BY type, name")
        .unwrap();
    st.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap()
}

#[test]
fn a_version_3_library_upgrades_with_everything_it_held() {
    let dir = tempfile::tempdir().unwrap();
    let old = dir.path().join("old.sqlite3");
    write_version_3(&old);
    let upgraded = SqliteStore::open(&old).unwrap();

    let fresh_path = dir.path().join("fresh.sqlite3");
    let mut fresh = SqliteStore::open(&fresh_path).unwrap();
    fresh.add(seg(), &DOCS).unwrap();

    let rows = upgraded.list(&ListFilter::default()).unwrap();
    assert_eq!(rows, fresh.list(&ListFilter::default()).unwrap());
    for (row, (doc, tree)) in rows.iter().zip(DOCS.iter()) {
        let got = upgraded.get(row.id).unwrap();
        assert_eq!(got.meta, doc.meta);
        assert_eq!(got.original, doc.original);
        assert_eq!(got.text, doc.text);
        assert_eq!(&got.tree, tree, "{}", doc.meta.title);
    }
    assert_eq!(upgraded.stats().unwrap(), fresh.stats().unwrap());
    for q in ["环境", "诉求 响应", "优化营商环境", "法", "府采"] {
        assert_eq!(
            upgraded.search(seg(), q, 500).unwrap(),
            fresh.search(seg(), q, 500).unwrap(),
            "{q}"
        );
    }
    // The citation graph is filled for the documents it held.
    for row in &rows {
        assert_eq!(
            upgraded.citations(row.id).unwrap(),
            fresh.citations(row.id).unwrap(),
            "{}",
            row.meta.title
        );
    }
    assert!(upgraded
        .citations(20)
        .unwrap()
        .iter()
        .any(|l| l.to == Some(5)));
    assert_eq!(upgraded.recent(10).unwrap().len(), 1);
    let notes = upgraded.notes_for(5, 20).unwrap();
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0].text, "旧备注");
    // It had documents: its first run is long done.
    assert_eq!(upgraded.setup().unwrap(), Setup::Done);
    drop((upgraded, fresh));
    assert_eq!(schema(&old), schema(&fresh_path));
    let conn = rusqlite::Connection::open(&old).unwrap();
    let v: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(v as usize, SCHEMA_VERSION);
}

/// An empty version-3 library (a first run that failed before version 4)
/// gets its first run.
#[test]
fn an_empty_version_3_library_is_not_set_up() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.sqlite3");
    let mut conn = rusqlite::Connection::open(&path).unwrap();
    policydiff_store::create_version(&mut conn, 3).unwrap();
    drop(conn);
    let lib = SqliteStore::open(&path).unwrap();
    assert_eq!(lib.setup().unwrap(), Setup::New);
}

/// The rows of every table (but `library_state`, whose keys grow).
fn row_counts(path: &Path) -> Vec<(String, i64)> {
    let conn = rusqlite::Connection::open(path).unwrap();
    let tables: Vec<String> = conn
        .prepare(
            "SELECT name FROM sqlite_master
             WHERE type = 'table' AND name <> 'library_state' AND sql NOT LIKE 'CREATE VIRTUAL%'
             ORDER BY name",
        )
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    tables
        .into_iter()
        .map(|t| {
            let n = conn
                .query_row(&format!("SELECT count(*) FROM \"{t}\""), [], |r| r.get(0))
                .unwrap();
            (t, n)
        })
        .collect()
}

/// A library of the previous schema (version 8, whose ids were SQLite's
/// rowids: the largest plus one, so a deleted newest id was given again)
/// upgrades keeping every row it had, and from then on never gives a
/// deleted document's or note's id again.
#[test]
fn a_version_8_library_upgrades_and_never_gives_a_deleted_id_again() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.sqlite3");
    write_version_3(&path);
    let mut conn = rusqlite::Connection::open(&path).unwrap();
    policydiff_store::create_version(&mut conn, 8).unwrap();
    // Vectors (version 5) for the first document.
    conn.execute_batch(
        "INSERT INTO vector_sets (doc_id, model, dims) VALUES (1, 'm', 2);
         INSERT INTO unit_vectors (doc_id, idx, scale, vals) VALUES (1, 0, 0.5, x'017f');",
    )
    .unwrap();
    drop(conn);
    let before = row_counts(&path);

    let lib = SqliteStore::open(&path).unwrap();
    let rows = lib.list(&ListFilter::default()).unwrap();
    assert_eq!(rows.len(), DOCS.len());
    let newest = rows.iter().map(|r| r.id).max().unwrap();
    assert_eq!(newest, DOCS.len() as i64);
    assert_eq!(lib.vectors(1, "m").unwrap().unwrap().len(), 1);
    let note = lib.notes_for(5, 20).unwrap()[0].id;
    drop(lib);
    assert_eq!(row_counts(&path), before, "every row kept");
    let conn = rusqlite::Connection::open(&path).unwrap();
    let v: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(v as usize, SCHEMA_VERSION);
    drop(conn);

    // The newest document deleted and imported again: a new, higher id.
    let mut lib = SqliteStore::open(&path).unwrap();
    lib.delete(newest).unwrap();
    let added = lib.add(seg(), &DOCS[DOCS.len() - 1..]).unwrap().added;
    assert_eq!(added.len(), 1);
    assert!(added[0] > newest, "{added:?} after deleting {newest}");
    // The old note deleted, another added: a new, higher id.
    lib.delete_note(note).unwrap();
    let again = lib
        .add_note(5, 20, Some("标题"), None, None, "新备注")
        .unwrap();
    assert!(again > note, "note {again} after deleting note {note}");
}

/// The title order: each document's id and title, listed by title.
fn by_title(lib: &dyn Store) -> Vec<(i64, String)> {
    lib.list(&ListFilter {
        sort: SortBy::Title,
        ..Default::default()
    })
    .unwrap()
    .into_iter()
    .map(|r| (r.id, r.meta.title))
    .collect()
}

/// A library of the previous schema (version 9: no title sort keys)
/// upgrades with the pinyin key of every title it holds, and lists by
/// title as a library made by this build.
#[test]
fn a_version_9_library_gets_the_title_keys_of_its_documents() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.sqlite3");
    write_version_3(&path);
    let mut conn = rusqlite::Connection::open(&path).unwrap();
    policydiff_store::create_version(&mut conn, 9).unwrap();
    let has_key: i64 = conn
        .query_row(
            "SELECT count(*) FROM pragma_table_info('documents') WHERE name = 'title_key'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(has_key, 0, "version 9 has no title keys");
    drop(conn);

    let upgraded = SqliteStore::open(&path).unwrap();
    let fresh_path = dir.path().join("fresh.sqlite3");
    let mut fresh = SqliteStore::open(&fresh_path).unwrap();
    fresh.add(seg(), &DOCS).unwrap();
    let order = by_title(&upgraded);
    assert_eq!(order.len(), DOCS.len());
    assert_eq!(order, by_title(&fresh));
    drop(upgraded);

    let conn = rusqlite::Connection::open(&path).unwrap();
    let v: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(v as usize, SCHEMA_VERSION);
    let mut st = conn
        .prepare("SELECT title, title_key FROM documents")
        .unwrap();
    let keys: Vec<(String, String)> = st
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    assert_eq!(keys.len(), DOCS.len());
    for (title, key) in &keys {
        assert_eq!(key, &title_sort_key(title), "{title}");
    }
    assert!(keys
        .iter()
        .any(|(t, k)| t.starts_with("广州市") && k.starts_with("guang3zhou1shi4")));
}

/// A team library of the previous schema (version 5: no title sort keys,
/// the title order's index on the title) gets the key of every title it
/// holds when a newer build opens it, and lists by title as SQLite does.
#[test]
fn a_team_library_of_version_5_gets_the_title_keys_of_its_documents() {
    let Some(place) = support::pg::Backend::Postgres.place() else {
        return;
    };
    {
        let mut lib = place.open().unwrap();
        lib.add(seg(), &DOCS).unwrap();
    }
    // What version 5 had.
    place.sql("ALTER TABLE documents DROP COLUMN title_key");
    place.sql("CREATE INDEX documents_by_title ON documents (title, id)");
    place.sql("UPDATE policydiff_schema SET version = 5");
    let lib = place.open().unwrap();
    let v: i32 = place.sql("SELECT version FROM policydiff_schema")[0].get(0);
    assert_eq!(v as usize, policydiff_store_pg::SCHEMA_VERSION);
    let keys: Vec<(String, String)> = place
        .sql("SELECT title, title_key FROM documents")
        .iter()
        .map(|r| (r.get(0), r.get(1)))
        .collect();
    assert_eq!(keys.len(), DOCS.len());
    for (title, key) in &keys {
        assert_eq!(key, &title_sort_key(title), "{title}");
    }
    let dir = tempfile::tempdir().unwrap();
    let mut file = SqliteStore::open(&dir.path().join("file.sqlite3")).unwrap();
    file.add(seg(), &DOCS).unwrap();
    assert_eq!(by_title(&*lib), by_title(&file));
}
