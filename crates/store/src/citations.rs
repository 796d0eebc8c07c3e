//! The `citations` and `citation_keys` tables: the citation graph.
//!
//! `citations` holds what each document cites (extracted at import by
//! [`policydiff_parse::citations`]: kind, normalised key, the text as
//! written, the clause path and the sentence); `citation_keys` holds the keys
//! each document is cited by (its normalised 文号 and title,
//! [`policydiff_parse::citations::own_keys`]). A citation resolves to the
//! documents whose key equals its key: a join at read time, not a stored
//! link, so a citation of a document imported later resolves as soon as it
//! arrives, and deleting a document unresolves the citations of it.
//! Not the place to start: see [`super::Store::citations`].

use rusqlite::{params, Connection};

use crate::error::{Error, Result};
use policydiff_model::{Citation, CitationKind, CitationLink, DocMeta};

/// The name a citation kind is stored by.
pub fn kind_name(kind: CitationKind) -> &'static str {
    match kind {
        CitationKind::Number => "number",
        CitationKind::Title => "title",
    }
}

/// The citation kind stored by `name`.
pub fn kind_from_name(name: &str) -> Result<CitationKind> {
    match name {
        "number" => Ok(CitationKind::Number),
        "title" => Ok(CitationKind::Title),
        other => Err(Error::Other(format!(
            "unknown citation kind {other:?} in the library"
        ))),
    }
}

/// What one document adds to the graph, made before the write lock is taken.
pub struct Entry {
    /// The keys the document is cited by (its number and title, normalised).
    pub keys: Vec<(CitationKind, String)>,
    /// What it cites, in reading order.
    pub citations: Vec<Citation>,
}

impl Entry {
    /// The keys and citations of a document with these clauses (`(path, text)`).
    pub fn new<'a>(meta: &DocMeta, clauses: impl IntoIterator<Item = (&'a str, &'a str)>) -> Entry {
        Entry {
            keys: policydiff_parse::citations::own_keys(meta),
            citations: policydiff_parse::citations::extract_from(meta, clauses),
        }
    }
}

/// Store document `doc_id`'s keys and citations.
pub(crate) fn insert(conn: &Connection, doc_id: i64, entry: &Entry) -> Result<()> {
    let mut key = conn.prepare_cached(
        "INSERT OR IGNORE INTO citation_keys (kind, key, doc_id) VALUES (?1, ?2, ?3)",
    )?;
    for (kind, k) in &entry.keys {
        key.execute(params![kind_name(*kind), k, doc_id])?;
    }
    let mut cite = conn.prepare_cached(
        "INSERT INTO citations (doc_id, seq, kind, key, cited, path, sentence)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    for (seq, c) in entry.citations.iter().enumerate() {
        cite.execute(params![
            doc_id,
            seq as i64,
            kind_name(c.kind),
            c.key,
            c.cited,
            c.path,
            c.sentence
        ])?;
    }
    Ok(())
}

fn link(r: &rusqlite::Row<'_>) -> rusqlite::Result<(i64, Option<i64>, String, Citation)> {
    Ok((
        r.get(0)?,
        r.get(1)?,
        r.get(2)?,
        Citation {
            kind: CitationKind::Number,
            key: r.get(3)?,
            cited: r.get(4)?,
            path: r.get(5)?,
            sentence: r.get(6)?,
        },
    ))
}

fn links(st: &mut rusqlite::CachedStatement<'_>, doc: i64) -> Result<Vec<CitationLink>> {
    let rows = st.query_map([doc], link)?;
    let mut out = Vec::new();
    for r in rows {
        let (from, to, kind, mut citation) = r?;
        citation.kind = kind_from_name(&kind)?;
        out.push(CitationLink { from, to, citation });
    }
    Ok(out)
}

/// The citations document `doc` makes, in reading order, each once per
/// document it resolves to (once with `to: None` when it resolves to none).
pub(crate) fn outgoing(conn: &Connection, doc: i64) -> Result<Vec<CitationLink>> {
    let mut st = conn.prepare_cached(
        "SELECT c.doc_id, k.doc_id, c.kind, c.key, c.cited, c.path, c.sentence
         FROM citations c
         LEFT JOIN citation_keys k ON k.kind = c.kind AND k.key = c.key AND k.doc_id <> c.doc_id
         WHERE c.doc_id = ?1 ORDER BY c.seq, k.doc_id",
    )?;
    links(&mut st, doc)
}

/// The citations of document `doc` by other documents, by citing document
/// and then reading order.
pub(crate) fn incoming(conn: &Connection, doc: i64) -> Result<Vec<CitationLink>> {
    let mut st = conn.prepare_cached(
        "SELECT c.doc_id, k.doc_id, c.kind, c.key, c.cited, c.path, c.sentence
         FROM citation_keys k
         JOIN citations c ON c.kind = k.kind AND c.key = k.key AND c.doc_id <> k.doc_id
         WHERE k.doc_id = ?1 ORDER BY c.doc_id, c.seq",
    )?;
    links(&mut st, doc)
}

/// Replace document `doc_id`'s keys and citations (its metadata changed).
pub(crate) fn replace(conn: &Connection, doc_id: i64, entry: &Entry) -> Result<()> {
    conn.prepare_cached("DELETE FROM citation_keys WHERE doc_id = ?1")?
        .execute([doc_id])?;
    conn.prepare_cached("DELETE FROM citations WHERE doc_id = ?1")?
        .execute([doc_id])?;
    insert(conn, doc_id, entry)
}

/// Fill the graph for every stored document (the upgrade to the schema
/// version that added it). Reads the tables of that version only.
pub(crate) fn fill_all(conn: &Connection) -> Result<()> {
    let docs: Vec<(i64, String, Option<String>)> = conn
        .prepare("SELECT id, title, doc_number FROM documents ORDER BY id")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut clauses =
        conn.prepare("SELECT path, text FROM clauses WHERE doc_id = ?1 ORDER BY idx")?;
    for (id, title, doc_number) in docs {
        let rows: Vec<(String, String)> = clauses
            .query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let meta = DocMeta {
            title,
            doc_number,
            ..DocMeta::default()
        };
        let entry = Entry::new(&meta, rows.iter().map(|(p, t)| (p.as_str(), t.as_str())));
        insert(conn, id, &entry)?;
    }
    Ok(())
}
