//! The library's schema: append-only numbered migrations, and the open-time
//! upgrade that refuses files written by a newer build.
//!
//! Not the place to start: [`super::SqliteStore::open`] calls [`migrate`].
//!
//! Tables (queries live in the module named after each table):
//! - `documents` ([`super::documents`]): metadata, content hash, clause count,
//!   the title's sort key (`title_key`, version 10: [`crate::title_sort_key`]);
//! - `document_text` ([`super::documents`]): each document's cleaned text,
//!   and its original text as a zstd delta against it (`NULL` when the two
//!   are the same): the only place a document's words are stored;
//! - `clauses` ([`super::clauses`]): the clause tree, one row per clause, keyed by
//!   `(doc_id, idx)`; the `(doc_id, parent)` foreign key makes the tree's
//!   parent links real references, so a broken tree cannot be stored. A
//!   clause's text is a byte range of its document's text (`text_start`,
//!   `text_len`), stored itself (`own_text`) only when it is not one;
//! - `clause_search` ([`super::search`]): FTS5 over the space-joined jieba
//!   words of each clause (`words`) and the parts of those words (`parts`),
//!   contentless, keyed by the clause's rowid;
//! - `recent_comparisons` ([`super::recent`]);
//! - `notes` ([`super::notes`]) and `pairings` ([`super::pairings`]): the
//!   user's notes and manual pairings on a comparison, keyed by the two
//!   documents' content hashes (not ids), so they survive deleting and
//!   re-importing an unchanged document; no foreign key to `documents` for
//!   the same reason;
//! - `library_state` ([`super::state`]): where the library's first-run setup
//!   is, its revision (a number every write increases), and the last
//!   document and note ids given (version 9: an id is never given twice);
//! - `vector_sets` and `unit_vectors` ([`super::vectors`]): each document's
//!   sentence vectors (the model that made them; int8 values and a scale per
//!   comparison unit, keyed by `(doc_id, idx)`).
//! - `citations` and `citation_keys` ([`super::citations`]): the documents
//!   each document cites (文号 and 《titles》, normalised) and the keys each
//!   document is cited by; resolved by a join when read.
//! - `point_marks` ([`super::marks`]): the user's pins and hides of the key
//!   points of a comparison, keyed like the notes.

use std::sync::LazyLock;

use rusqlite::{params, Connection, Transaction};
use rusqlite_migration::{HookError, HookResult, MigrationDefinitionError, Migrations, M};

use crate::error::{Error, Result};

/// Version 1: documents, clauses and the clause search index.
const V1: &str = "
CREATE TABLE documents (
    id           INTEGER PRIMARY KEY,
    title        TEXT NOT NULL,
    issuer       TEXT,
    date         TEXT,
    doc_number   TEXT,
    province     TEXT,
    city         TEXT,
    level        TEXT NOT NULL CHECK (level IN ('province', 'city', 'district', 'other')),
    source_url   TEXT,
    source_file  TEXT,
    fragment     INTEGER NOT NULL CHECK (fragment IN (0, 1)),
    excerpt      INTEGER NOT NULL CHECK (excerpt IN (0, 1)),
    warnings     TEXT NOT NULL CHECK (json_valid(warnings)),
    original     TEXT NOT NULL,
    text         TEXT NOT NULL,
    chars        INTEGER NOT NULL,
    content_hash TEXT NOT NULL UNIQUE,
    imported_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
) STRICT;
CREATE INDEX documents_date ON documents (date);

-- `kind` has no CHECK on purpose: ClauseKind will grow, and SQLite cannot
-- change a CHECK without rebuilding the table. Unknown kinds fail on read.
CREATE TABLE clauses (
    id         INTEGER PRIMARY KEY,
    doc_id     INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    idx        INTEGER NOT NULL CHECK (idx >= 0),
    parent     INTEGER CHECK (parent >= 0 AND parent < idx),
    depth      INTEGER NOT NULL CHECK (depth >= 0),
    kind       TEXT NOT NULL,
    label      TEXT NOT NULL,
    path       TEXT NOT NULL,
    heading    TEXT,
    text       TEXT NOT NULL,
    original   TEXT NOT NULL,
    in_article INTEGER NOT NULL CHECK (in_article IN (0, 1)),
    UNIQUE (doc_id, idx),
    FOREIGN KEY (doc_id, parent) REFERENCES clauses (doc_id, idx) ON DELETE CASCADE
) STRICT;
CREATE INDEX clauses_parent ON clauses (doc_id, parent);

-- Rows: rowid = clauses.id, words = the clause text's jieba words joined by spaces.
CREATE VIRTUAL TABLE clause_fts USING fts5 (
    words,
    content = '',
    contentless_delete = 1,
    tokenize = 'unicode61'
);
";

/// Version 2: recent comparisons (one row per ordered pair; `seq` orders them).
const V2: &str = "
CREATE TABLE recent_comparisons (
    left_id   INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    right_id  INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    opened_at TEXT NOT NULL,
    seq       INTEGER NOT NULL,
    PRIMARY KEY (left_id, right_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX recent_comparisons_seq ON recent_comparisons (seq);
CREATE INDEX recent_comparisons_right ON recent_comparisons (right_id);
";

/// Version 3: notes on the pairs of a comparison and manual (re-)pairings.
/// A pair is named by the documents' content hashes and the clause paths of
/// its two sides (`NULL` on the side a one-sided pair lacks).
const V3: &str = "
CREATE TABLE notes (
    id         INTEGER PRIMARY KEY,
    left_hash  TEXT NOT NULL,
    right_hash TEXT NOT NULL,
    left_path  TEXT,
    right_path TEXT,
    tag        TEXT,
    text       TEXT NOT NULL,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    CHECK (left_path IS NOT NULL OR right_path IS NOT NULL)
) STRICT;
CREATE INDEX notes_comparison ON notes (left_hash, right_hash);

-- One row per (comparison, left clause, right clause): `force` pairs the two
-- clauses, `forbid` keeps them apart.
CREATE TABLE pairings (
    left_hash  TEXT NOT NULL,
    right_hash TEXT NOT NULL,
    left_path  TEXT NOT NULL,
    right_path TEXT NOT NULL,
    kind       TEXT NOT NULL CHECK (kind IN ('force', 'forbid')),
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    PRIMARY KEY (left_hash, right_hash, left_path, right_path)
) STRICT, WITHOUT ROWID;
";

/// Version 4: each text stored once (a document's text rebuilt from its
/// clauses' texts and the `gaps` between them, the original as a delta),
/// the parts of words in the search index, the clause count kept with the
/// document (the list needs no count per row), one index per order of the
/// list holding the filter columns (a page of 50,000 documents is found
/// in the index, not by sorting the table), and the library's setup state. The data is moved by
/// [`v4_move_data`], which then runs [`V4_DROP`].
const V4: &str = "
-- `text` is NULL when the document's text is its clauses' texts (in order)
-- with `gaps` (a JSON array of strings, one more than the clauses) around
-- and between them; `original` is NULL when the original equals the text,
-- else a zstd frame compressed with the text as its dictionary.
CREATE TABLE document_text (
    doc_id   INTEGER PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE,
    text     TEXT,
    gaps     TEXT CHECK (gaps IS NULL OR json_valid(gaps)),
    original BLOB,
    CHECK ((text IS NULL) <> (gaps IS NULL))
) STRICT;
INSERT INTO document_text (doc_id, text) SELECT id, text FROM documents;

ALTER TABLE documents ADD COLUMN clause_count INTEGER NOT NULL DEFAULT 0 CHECK (clause_count >= 0);
UPDATE documents SET clause_count = (SELECT count(*) FROM clauses c WHERE c.doc_id = documents.id);
-- One per sort order of the list (documents.rs), each with the filter
-- columns, so a page and the count are read from the index alone.
DROP INDEX documents_date;
CREATE INDEX documents_by_id ON documents (id, level, province, city, date);
CREATE INDEX documents_by_date_desc ON documents (date IS NULL, date DESC, id, level, province, city);
CREATE INDEX documents_by_date_asc ON documents (date IS NULL, date, id, level, province, city);
CREATE INDEX documents_by_title ON documents (title, id, level, province, city, date);

-- A clause's original only when it differs from its text.
ALTER TABLE clauses ADD COLUMN own_original TEXT;
UPDATE clauses SET own_original = original WHERE original <> text;

-- Rows: rowid = clauses.id; `words` = the clause's jieba words joined by
-- spaces (with break tokens, see search.rs), `parts` = the parts of those
-- words (营商 环境 for 营商环境).
CREATE VIRTUAL TABLE clause_search USING fts5 (
    words,
    parts,
    content = '',
    contentless_delete = 1,
    tokenize = 'unicode61'
);

-- One row per key; `setup` is 'new', 'started' or 'done' (see state.rs).
CREATE TABLE library_state (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT, WITHOUT ROWID;
INSERT INTO library_state (key, value)
    VALUES ('setup', CASE WHEN EXISTS (SELECT 1 FROM documents) THEN 'done' ELSE 'new' END);
";

/// Version 8: who wrote each note and made each manual pairing (a team
/// shares a library); `NULL` for those written before.
const V8: &str = "
ALTER TABLE notes ADD COLUMN author TEXT;
ALTER TABLE pairings ADD COLUMN author TEXT;
";

/// Version 9: ids never given twice. SQLite numbers a row without an id
/// one more than the largest, so the newest document (or note), deleted,
/// had its id given to the next one; from now on the library keeps the
/// last id it gave (see [`crate::state::next_id`]), starting from the
/// largest it holds. A build of version 8 would number by the largest
/// again, hence a new version (which it refuses to open).
const V9: &str = "
INSERT INTO library_state (key, value)
    SELECT 'last_document_id', CAST(coalesce(max(id), 0) AS TEXT) FROM documents;
INSERT INTO library_state (key, value)
    SELECT 'last_note_id', CAST(coalesce(max(id), 0) AS TEXT) FROM notes;
";

/// Version 4, after [`v4_move_data`]: the columns and table whose data moved.
const V4_DROP: &str = "
ALTER TABLE documents DROP COLUMN original;
ALTER TABLE documents DROP COLUMN text;
ALTER TABLE clauses DROP COLUMN original;
DROP TABLE clause_fts;
";

/// Version 4's data that SQL cannot move: each document's text replaced by
/// the gaps between its clauses, the original compressed against the text,
/// and the search index rebuilt with the parts of words (jieba runs in
/// Rust). Then the old columns go ([`V4_DROP`]).
fn v4_move_data(tx: &Transaction<'_>) -> HookResult {
    let hook = |e: Error| HookError::Hook(e.to_string());
    {
        let mut docs = tx.prepare("SELECT id, original, text FROM documents")?;
        let mut clauses = tx.prepare("SELECT text FROM clauses WHERE doc_id = ?1 ORDER BY idx")?;
        let mut write = tx.prepare(
            "UPDATE document_text SET text = ?2, gaps = ?3, original = ?4 WHERE doc_id = ?1",
        )?;
        let mut rows = docs.query([])?;
        while let Some(r) = rows.next()? {
            let (id, original, text): (i64, String, String) = (r.get(0)?, r.get(1)?, r.get(2)?);
            let texts: Vec<String> = clauses
                .query_map([id], |c| c.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            let stored = crate::documents::StoredText::new(&text, texts.iter().map(String::as_str))
                .map_err(hook)?;
            let delta = (original != text)
                .then(|| crate::documents::original_delta(&original, &text))
                .transpose()
                .map_err(hook)?;
            write.execute(params![id, stored.text, stored.gaps, delta])?;
        }
    }
    {
        let seg = policydiff_segment::Segmenter::shared();
        let mut indexer = crate::search::Indexer::new(seg);
        let mut read = tx.prepare("SELECT id, text FROM clauses")?;
        let mut rows = read.query([])?;
        while let Some(r) = rows.next()? {
            let (id, text): (i64, String) = (r.get(0)?, r.get(1)?);
            crate::search::index(tx, id, &indexer.entry(&text)).map_err(hook)?;
        }
    }
    tx.execute_batch(V4_DROP)?;
    Ok(())
}

/// Version 5: sentence vectors per comparison unit (see [`super::vectors`]).
/// One set per document (the model id stored once), int8 values with one
/// scale per unit: about `dims + 20` bytes a unit.
const V5: &str = "
CREATE TABLE vector_sets (
    doc_id INTEGER PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE,
    model  TEXT NOT NULL,
    dims   INTEGER NOT NULL CHECK (dims >= 0)
) STRICT;
CREATE INDEX vector_sets_model ON vector_sets (model, doc_id);

CREATE TABLE unit_vectors (
    doc_id INTEGER NOT NULL REFERENCES vector_sets (doc_id) ON DELETE CASCADE,
    idx    INTEGER NOT NULL CHECK (idx >= 0),
    scale  REAL NOT NULL,
    vals   BLOB NOT NULL,
    PRIMARY KEY (doc_id, idx)
) STRICT, WITHOUT ROWID;
";

/// Version 6: the citation graph (see [`crate::citations`]), filled for
/// the documents already stored by [`v6_fill_citations`].
const V6: &str = "
-- What each document cites, in reading order (`seq`); `key` is normalised
-- (policydiff_parse::citations), `cited` as written, `sentence` the evidence.
CREATE TABLE citations (
    doc_id   INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    seq      INTEGER NOT NULL CHECK (seq >= 0),
    kind     TEXT NOT NULL CHECK (kind IN ('number', 'title')),
    key      TEXT NOT NULL,
    cited    TEXT NOT NULL,
    path     TEXT NOT NULL,
    sentence TEXT NOT NULL,
    PRIMARY KEY (doc_id, seq)
) STRICT, WITHOUT ROWID;
CREATE INDEX citations_by_key ON citations (kind, key);

-- The keys each document is cited by: its number and title(s), normalised.
CREATE TABLE citation_keys (
    kind   TEXT NOT NULL CHECK (kind IN ('number', 'title')),
    key    TEXT NOT NULL,
    doc_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    PRIMARY KEY (kind, key, doc_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX citation_keys_by_doc ON citation_keys (doc_id);
";

/// Version 6's data: the citations of the documents already stored,
/// extracted from their clauses (Rust: the extractor is `policydiff-parse`).
fn v6_fill_citations(tx: &Transaction<'_>) -> HookResult {
    crate::citations::fill_all(tx).map_err(|e| HookError::Hook(e.to_string()))
}

/// Version 7: the user's pins and hides of a comparison's key points, kept
/// with the notes (by the documents' content hashes); one row per point.
const V7: &str = "
CREATE TABLE point_marks (
    left_hash  TEXT NOT NULL,
    right_hash TEXT NOT NULL,
    point_id   TEXT NOT NULL,
    mark       TEXT NOT NULL CHECK (mark IN ('pinned', 'hidden')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    PRIMARY KEY (left_hash, right_hash, point_id)
) STRICT, WITHOUT ROWID;
";

/// Version 10: each document's title sort key (pinyin, see
/// [`crate::title_sort_key`]), filled for the documents already stored by
/// [`v10_fill_title_keys`], and the title order's index on it (ties: the
/// title, then the id) in place of version 4's on the title.
const V10: &str = "
ALTER TABLE documents ADD COLUMN title_key TEXT NOT NULL DEFAULT '';
DROP INDEX documents_by_title;
CREATE INDEX documents_by_title ON documents (title_key, title, id, level, province, city, date);
";

/// Version 10's data: the title keys of the documents already stored (Rust:
/// the pinyin table is the `pinyin` crate's).
fn v10_fill_title_keys(tx: &Transaction<'_>) -> HookResult {
    crate::documents::fill_title_keys(tx).map_err(|e| HookError::Hook(e.to_string()))
}

/// All migrations, oldest first. Append only: never edit or reorder a released
/// entry; add a new `M::up` (or `M::up_with_hook` when data must move in
/// Rust) and bump [`SCHEMA_VERSION`].
fn migration_list() -> Vec<M<'static>> {
    vec![
        M::up(V1),
        M::up(V2),
        M::up(V3),
        M::up_with_hook(V4, v4_move_data),
        M::up(V5),
        M::up_with_hook(V6, v6_fill_citations),
        M::up(V7),
        M::up(V8),
        M::up(V9),
        M::up_with_hook(V10, v10_fill_title_keys),
    ]
}

/// The migrations as `rusqlite_migration` wants them.
pub(crate) static MIGRATIONS: LazyLock<Migrations<'static>> =
    LazyLock::new(|| Migrations::new(migration_list()));

/// The schema version this build writes (SQLite `user_version`). To change the
/// schema, append a migration to the list in `schema.rs` and increase this by one;
/// a test checks that the two agree.
pub const SCHEMA_VERSION: usize = 10;

/// The schema version stored in the file (`PRAGMA user_version`, 0 for a new file).
pub(crate) fn stored_version(conn: &Connection) -> Result<usize> {
    let v: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    usize::try_from(v).map_err(|_| Error::Migration(format!("invalid schema version {v}")))
}

/// Create or upgrade the schema in one transaction. A file whose version is
/// newer than [`SCHEMA_VERSION`] is refused with [`Error::SchemaTooNew`] and
/// left untouched.
///
/// The connection's transactions must start IMMEDIATE (as
/// [`super::SqliteStore`] sets them), so two processes upgrading the same
/// file take turns; the one that comes second finds the work done.
pub(crate) fn migrate(conn: &mut Connection) -> Result<()> {
    let too_new = |found| Error::SchemaTooNew {
        found,
        supported: SCHEMA_VERSION,
    };
    let found = stored_version(conn)?;
    if found > SCHEMA_VERSION {
        return Err(too_new(found));
    }
    if found == SCHEMA_VERSION {
        return Ok(());
    }
    MIGRATIONS.to_latest(conn).or_else(|e| {
        // Another process upgraded the file between our reading its version
        // and our (waiting, then failing) upgrade: fine if it is now current.
        match stored_version(conn)? {
            now if now == SCHEMA_VERSION => Ok(()),
            now if now > SCHEMA_VERSION => Err(too_new(now)),
            _ => Err(match e {
                rusqlite_migration::Error::MigrationDefinition(
                    MigrationDefinitionError::DatabaseTooFarAhead,
                ) => too_new(found),
                rusqlite_migration::Error::RusqliteError { err, .. } => Error::from(err),
                e => Error::Migration(e.to_string()),
            }),
        }
    })
}

/// Create the schema of an older `version` (tests of upgrades).
#[doc(hidden)]
pub fn create_version(conn: &mut Connection, version: usize) -> Result<()> {
    MIGRATIONS
        .to_version(conn, version)
        .map_err(|e| Error::Migration(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn schema(conn: &Connection) -> Vec<(String, String, Option<String>)> {
        let mut st = conn
            .prepare("SELECT type, name, sql FROM sqlite_master ORDER BY type, name")
            .unwrap();
        st.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap()
    }

    #[test]
    fn migrations_are_valid() {
        MIGRATIONS.validate().unwrap();
    }

    #[test]
    fn version_constant_matches_the_list() {
        assert_eq!(SCHEMA_VERSION, migration_list().len());
        let mut conn = Connection::open_in_memory().unwrap();
        migrate(&mut conn).unwrap();
        assert_eq!(stored_version(&conn).unwrap(), SCHEMA_VERSION);
    }

    /// Every old version upgrades to a schema identical to a fresh one, keeping its data.
    #[test]
    fn upgrades_from_every_version_to_now() {
        let mut fresh = Connection::open_in_memory().unwrap();
        migrate(&mut fresh).unwrap();
        let want = schema(&fresh);
        for v in 1..SCHEMA_VERSION {
            let mut conn = Connection::open_in_memory().unwrap();
            MIGRATIONS.to_version(&mut conn, v).unwrap();
            assert_eq!(stored_version(&conn).unwrap(), v);
            // A document stored by the old version (version 1 has the documents
            // table), with one clause citing another document.
            const TEXT: &str = "根据粤办函（2023）41号执行。";
            if v < 4 {
                conn.execute(
                    "INSERT INTO documents (title, level, fragment, excerpt, warnings, original,
                                            text, chars, content_hash)
                     VALUES ('旧文档', 'city', 0, 0, '[]', ?1, ?1, 2, 'h')",
                    [TEXT],
                )
                .unwrap();
                conn.execute(
                    "INSERT INTO clauses (doc_id, idx, depth, kind, label, path, text, original,
                                          in_article)
                     VALUES (1, 0, 0, 'preamble', '', '序言', ?1, ?1, 0)",
                    [TEXT],
                )
                .unwrap();
            } else {
                conn.execute(
                    "INSERT INTO documents (title, level, fragment, excerpt, warnings, chars,
                                            content_hash, clause_count)
                     VALUES ('旧文档', 'city', 0, 0, '[]', 2, 'h', 1)",
                    [],
                )
                .unwrap();
                conn.execute(
                    "INSERT INTO document_text (doc_id, gaps) VALUES (1, '[\"\", \"\"]')",
                    [],
                )
                .unwrap();
                conn.execute(
                    "INSERT INTO clauses (doc_id, idx, depth, kind, label, path, text, in_article)
                     VALUES (1, 0, 0, 'preamble', '', '序言', ?1, 0)",
                    [TEXT],
                )
                .unwrap();
            }
            if v >= 9 {
                // As version 9's import records the id it gave.
                conn.execute(
                    "UPDATE library_state SET value = '1' WHERE key = 'last_document_id'",
                    [],
                )
                .unwrap();
            }
            if v >= 2 {
                conn.execute(
                    "INSERT INTO recent_comparisons (left_id, right_id, opened_at, seq)
                     VALUES (1, 1, '2024-01-01T00:00:00Z', 1)",
                    [],
                )
                .unwrap();
            }
            migrate(&mut conn).unwrap();
            assert_eq!(stored_version(&conn).unwrap(), SCHEMA_VERSION);
            assert_eq!(schema(&conn), want, "upgrade from version {v}");
            let title: String = conn
                .query_row("SELECT title FROM documents", [], |r| r.get(0))
                .unwrap();
            assert_eq!(title, "旧文档");
            // Version 10 on: the title's sort key, filled for the old document.
            let key: String = conn
                .query_row("SELECT title_key FROM documents", [], |r| r.get(0))
                .unwrap();
            assert_eq!(key, "jiu4wen2dang4", "upgrade from version {v}");
            assert_eq!(key, crate::title_sort_key(&title));
            // Version 9 on: the last document id given is recorded.
            let last: String = conn
                .query_row(
                    "SELECT value FROM library_state WHERE key = 'last_document_id'",
                    [],
                    |r| r.get(0),
                )
                .unwrap();
            assert_eq!(last, "1", "upgrade from version {v}");
            // Upgraded across version 6, the citation graph holds the old
            // document's citation (from 6 on, import fills it).
            if v < 6 {
                let cited: String = conn
                    .query_row("SELECT key FROM citations WHERE doc_id = 1", [], |r| {
                        r.get(0)
                    })
                    .unwrap();
                assert_eq!(cited, "粤办函〔2023〕41号", "upgrade from version {v}");
            }
            let recent: i64 = conn
                .query_row("SELECT count(*) FROM recent_comparisons", [], |r| r.get(0))
                .unwrap();
            assert_eq!(recent, i64::from(v >= 2), "upgrade from version {v}");
            // The tables of version 3 take rows after the upgrade.
            conn.execute(
                "INSERT INTO notes (left_hash, right_hash, left_path, text) VALUES ('h', 'h', '一', '备注')",
                [],
            )
            .unwrap();
            conn.execute(
                "INSERT INTO pairings (left_hash, right_hash, left_path, right_path, kind)
                 VALUES ('h', 'h', '一', '二', 'force')",
                [],
            )
            .unwrap();
            // And those of version 5: the old document has no vectors yet.
            assert_eq!(
                crate::vectors::missing(&conn, "m", 10).unwrap(),
                vec![1],
                "upgrade from version {v}"
            );
            // And that of version 7.
            conn.execute(
                "INSERT INTO point_marks (left_hash, right_hash, point_id, mark)
                 VALUES ('h', 'h', 'condition-0123456789abcdef', 'pinned')",
                [],
            )
            .unwrap();
        }
    }

    #[test]
    fn refuses_a_newer_schema() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate(&mut conn).unwrap();
        conn.pragma_update(None, "user_version", SCHEMA_VERSION as i64 + 1)
            .unwrap();
        let before = schema(&conn);
        match migrate(&mut conn) {
            Err(Error::SchemaTooNew { found, supported }) => {
                assert_eq!(found, SCHEMA_VERSION + 1);
                assert_eq!(supported, SCHEMA_VERSION);
            }
            other => panic!("expected SchemaTooNew, got {other:?}"),
        }
        assert_eq!(schema(&conn), before);
        assert_eq!(stored_version(&conn).unwrap(), SCHEMA_VERSION + 1);
    }
}
