//! The team library's schema on PostgreSQL: append-only numbered
//! migrations (a small runner: PostgreSQL's DDL is transactional, so each
//! upgrade is one transaction), and the open-time check that refuses a
//! library written by a newer build.
//!
//! Not the place to start: [`super::PgStore::open`] calls [`migrate`].
//!
//! The tables are the SQLite store's (crates/store/src/schema.rs), in the
//! schema the connection's `search_path` selects (`public` unless the URL
//! says `options=-csearch_path=NAME`), with PostgreSQL types:
//! - every text that is sorted or compared in order is `COLLATE "C"`:
//!   code-point order, as SQLite compares (a database's default collation
//!   would sort by locale); titles sort by their pinyin key (`title_key`,
//!   version 6: [`policydiff_store::title_sort_key`]), compared the same way;
//! - `clause_search` holds each clause's index terms as a `tsvector`
//!   (GIN-indexed): its jieba words at positions 1.., weight A, then the
//!   parts of its words, weight B (see [`super::search`]); no text search
//!   configuration is involved, so stock PostgreSQL needs nothing installed;
//! - times are `timestamptz`, written as SQLite writes them (UTC,
//!   `2024-05-01T08:00:00Z`) when read;
//! - `policydiff_schema` holds the schema version (SQLite's `user_version`).

use policydiff_store::{Error, Result};
use postgres::Transaction;

use crate::db::Db;

/// Version 1: the whole library as the SQLite store's version 8 has it, but
/// for its citation tables (version 2).
const V1: &str = r#"
CREATE TABLE documents (
    id           bigint PRIMARY KEY,
    title        text COLLATE "C" NOT NULL,
    issuer       text,
    date         text COLLATE "C",
    doc_number   text,
    province     text,
    city         text,
    level        text NOT NULL CHECK (level IN ('province', 'city', 'district', 'other')),
    source_url   text,
    source_file  text,
    fragment     boolean NOT NULL,
    excerpt      boolean NOT NULL,
    warnings     text NOT NULL,
    chars        bigint NOT NULL,
    clause_count integer NOT NULL CHECK (clause_count >= 0),
    content_hash text NOT NULL UNIQUE,
    imported_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX documents_by_date_desc ON documents ((date IS NULL), date DESC, id);
CREATE INDEX documents_by_date_asc ON documents ((date IS NULL), date, id);
CREATE INDEX documents_by_title ON documents (title, id);

CREATE TABLE document_text (
    doc_id   bigint PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE,
    text     text,
    gaps     text,
    original bytea,
    CHECK ((text IS NULL) <> (gaps IS NULL))
);

CREATE TABLE clauses (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    doc_id       bigint NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    idx          integer NOT NULL CHECK (idx >= 0),
    parent       integer CHECK (parent >= 0 AND parent < idx),
    depth        integer NOT NULL CHECK (depth >= 0),
    kind         text NOT NULL,
    label        text NOT NULL,
    path         text COLLATE "C" NOT NULL,
    heading      text,
    text         text NOT NULL,
    own_original text,
    in_article   boolean NOT NULL,
    UNIQUE (doc_id, idx),
    FOREIGN KEY (doc_id, parent) REFERENCES clauses (doc_id, idx) ON DELETE CASCADE
);
CREATE INDEX clauses_parent ON clauses (doc_id, parent);
CREATE INDEX clauses_units ON clauses (doc_id, path) WHERE NOT in_article;

CREATE TABLE clause_search (
    clause_id bigint PRIMARY KEY REFERENCES clauses (id) ON DELETE CASCADE,
    terms     tsvector NOT NULL
);
CREATE INDEX clause_search_terms ON clause_search USING gin (terms);

CREATE TABLE recent_comparisons (
    left_id   bigint NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    right_id  bigint NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    opened_at timestamptz NOT NULL,
    seq       bigint NOT NULL,
    PRIMARY KEY (left_id, right_id)
);
CREATE INDEX recent_comparisons_seq ON recent_comparisons (seq);
CREATE INDEX recent_comparisons_right ON recent_comparisons (right_id);

CREATE TABLE notes (
    id         bigint PRIMARY KEY,
    left_hash  text NOT NULL,
    right_hash text NOT NULL,
    left_path  text,
    right_path text,
    tag        text COLLATE "C",
    text       text NOT NULL,
    author     text,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CHECK (left_path IS NOT NULL OR right_path IS NOT NULL)
);
CREATE INDEX notes_comparison ON notes (left_hash, right_hash);

CREATE TABLE pairings (
    left_hash  text NOT NULL,
    right_hash text NOT NULL,
    left_path  text COLLATE "C" NOT NULL,
    right_path text COLLATE "C" NOT NULL,
    kind       text NOT NULL CHECK (kind IN ('force', 'forbid')),
    author     text,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (left_hash, right_hash, left_path, right_path)
);

CREATE TABLE vector_sets (
    doc_id bigint PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE,
    model  text NOT NULL,
    dims   integer NOT NULL CHECK (dims >= 0)
);
CREATE INDEX vector_sets_model ON vector_sets (model, doc_id);

CREATE TABLE unit_vectors (
    doc_id bigint NOT NULL REFERENCES vector_sets (doc_id) ON DELETE CASCADE,
    idx    integer NOT NULL CHECK (idx >= 0),
    scale  double precision NOT NULL,
    vals   bytea NOT NULL,
    PRIMARY KEY (doc_id, idx)
);

CREATE TABLE point_marks (
    left_hash  text NOT NULL,
    right_hash text NOT NULL,
    point_id   text COLLATE "C" NOT NULL,
    mark       text NOT NULL CHECK (mark IN ('pinned', 'hidden')),
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (left_hash, right_hash, point_id)
);

CREATE TABLE library_state (
    key   text PRIMARY KEY,
    value text NOT NULL
);
INSERT INTO library_state (key, value) VALUES ('setup', 'new'), ('revision', '0');
"#;

/// Version 2: the citation graph (see [`crate::citations`]), as the SQLite
/// store's version 6 has it, filled for the documents already stored by
/// [`crate::citations::fill_all`] in the same transaction.
const V2: &str = r#"
CREATE TABLE citations (
    doc_id   bigint NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    seq      integer NOT NULL CHECK (seq >= 0),
    kind     text NOT NULL CHECK (kind IN ('number', 'title')),
    key      text NOT NULL,
    cited    text NOT NULL,
    path     text NOT NULL,
    sentence text NOT NULL,
    PRIMARY KEY (doc_id, seq)
);
CREATE INDEX citations_by_key ON citations (kind, key);

CREATE TABLE citation_keys (
    kind   text NOT NULL CHECK (kind IN ('number', 'title')),
    key    text NOT NULL,
    doc_id bigint NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    PRIMARY KEY (kind, key, doc_id)
);
CREATE INDEX citation_keys_by_doc ON citation_keys (doc_id);
"#;

/// Version 3: the similar-clause postings (see [`crate::postings`]),
/// filled for the clauses already stored by [`crate::postings::fill_all`]
/// in the same transaction.
const V3: &str = r#"
CREATE TABLE similar_postings (
    word      text COLLATE "C" NOT NULL,
    clause_id bigint NOT NULL,
    PRIMARY KEY (word, clause_id)
);

CREATE TABLE similar_words (
    word     text COLLATE "C" PRIMARY KEY,
    stored   integer NOT NULL CHECK (stored >= 0),
    overflow boolean NOT NULL
);
"#;

// The V4 migration below writes the block size as a literal (a migration's SQL is fixed once shipped).
const _: () = assert!(crate::postings::BLOCK == 128);

/// Version 4: the postings packed [`crate::postings::BLOCK`] (128) clause
/// ids to a row, in id order (see [`crate::postings`]), instead of a row
/// per word and clause.
const V4: &str = r#"
CREATE TABLE similar_blocks (
    word  text COLLATE "C" NOT NULL,
    block integer NOT NULL CHECK (block >= 0),
    ids   bigint[] NOT NULL,
    PRIMARY KEY (word, block)
);
INSERT INTO similar_blocks (word, block, ids)
    SELECT word, ((n - 1) / 128)::integer, array_agg(clause_id ORDER BY clause_id)
    FROM (SELECT word, clause_id,
                 row_number() OVER (PARTITION BY word ORDER BY clause_id) AS n
          FROM similar_postings) x
    GROUP BY word, (n - 1) / 128;
DROP TABLE similar_postings;
"#;

/// Version 5: ids never given twice, as the SQLite store's version 9: the
/// last document and note ids given, kept from the largest held (see
/// [`crate::state::next_id`]; a library that holds them already keeps
/// them). A build of version 4 would number by the largest again, hence a
/// new version (which it refuses to open).
const V5: &str = r#"
INSERT INTO library_state (key, value)
    SELECT 'last_document_id', coalesce(max(id), 0)::text FROM documents
    ON CONFLICT (key) DO NOTHING;
INSERT INTO library_state (key, value)
    SELECT 'last_note_id', coalesce(max(id), 0)::text FROM notes
    ON CONFLICT (key) DO NOTHING;
"#;

/// Version 6: each document's title sort key (pinyin, see
/// [`policydiff_store::title_sort_key`]), as the SQLite store's version 10,
/// filled for the documents already stored by
/// [`crate::documents::fill_title_keys`] in the same transaction, and the
/// title order's index on it (ties: the title, then the id) in place of
/// version 1's on the title.
const V6: &str = r#"
ALTER TABLE documents ADD COLUMN title_key text COLLATE "C" NOT NULL DEFAULT '';
DROP INDEX documents_by_title;
CREATE INDEX documents_by_title ON documents (title_key, title, id);
"#;

/// One migration: its SQL, then the Rust that fills what it added from
/// the rows already stored (what SQL alone cannot make), if any.
type Migration = (&'static str, Option<fn(&mut Db<'_>) -> Result<()>>);

/// All migrations, oldest first. Append only: never edit or reorder a
/// released entry; add a new one and [`SCHEMA_VERSION`] follows.
const MIGRATIONS: &[Migration] = &[
    (V1, None),
    (V2, Some(crate::citations::fill_all)),
    (V3, Some(crate::postings::fill_all)),
    (V4, None),
    (V5, None),
    (V6, Some(crate::documents::fill_title_keys)),
];

/// The schema version this build writes: the number of migrations.
pub const SCHEMA_VERSION: usize = MIGRATIONS.len();

/// The schema version of the library in the connection's schema (0: none).
pub(crate) fn stored_version(
    tx: &mut Transaction<'_>,
) -> std::result::Result<usize, postgres::Error> {
    let exists: bool = tx
        .query_one("SELECT to_regclass('policydiff_schema') IS NOT NULL", &[])?
        .get(0);
    if !exists {
        return Ok(0);
    }
    let v: i32 = tx
        .query_one(
            "SELECT coalesce(max(version), 0) FROM policydiff_schema",
            &[],
        )?
        .get(0);
    Ok(v.max(0) as usize)
}

/// The schema the library lives in (the first existing one of the
/// connection's `search_path`).
pub(crate) fn current_schema(
    tx: &mut Transaction<'_>,
) -> std::result::Result<Option<String>, postgres::Error> {
    Ok(tx.query_one("SELECT current_schema()", &[])?.get(0))
}

/// Create or upgrade the schema, in the transaction of `db` (the caller
/// commits). Holds an advisory lock per schema for the transaction, so two
/// programs opening a new library at once take turns: the second finds
/// the work done. A library of a newer version is refused with
/// [`Error::SchemaTooNew`] and left untouched.
pub(crate) fn migrate(db: &mut Db<'_>, err: impl Fn(postgres::Error) -> Error) -> Result<()> {
    let Some(schema) = current_schema(&mut db.tx).map_err(&err)? else {
        return Err(Error::Migration(
            "no schema to create the library in: the search_path names none that exists".into(),
        ));
    };
    db.tx
        .execute(
            "SELECT pg_advisory_xact_lock(hashtext('policydiff schema ' || $1))",
            &[&schema],
        )
        .map_err(&err)?;
    let found = stored_version(&mut db.tx).map_err(&err)?;
    if found > SCHEMA_VERSION {
        return Err(Error::SchemaTooNew {
            found,
            supported: SCHEMA_VERSION,
        });
    }
    if found == SCHEMA_VERSION {
        return Ok(());
    }
    let migration = |e: postgres::Error| match err(e) {
        Error::Server(m) => Error::Migration(format!("cannot create or upgrade the library: {m}")),
        other => other,
    };
    if found == 0 {
        db.tx
            .batch_execute("CREATE TABLE policydiff_schema (version integer NOT NULL)")
            .map_err(migration)?;
        db.tx
            .execute("INSERT INTO policydiff_schema (version) VALUES (0)", &[])
            .map_err(migration)?;
    }
    for (i, (sql, fill)) in MIGRATIONS.iter().enumerate().skip(found) {
        db.tx.batch_execute(sql).map_err(migration)?;
        if let Some(fill) = fill {
            fill(db).map_err(|e| match e {
                Error::Server(m) => Error::Migration(format!("cannot upgrade the library: {m}")),
                other => other,
            })?;
        }
        db.tx
            .execute(
                "UPDATE policydiff_schema SET version = $1",
                &[&((i + 1) as i32)],
            )
            .map_err(migration)?;
    }
    Ok(())
}
