//! The `documents` table: metadata, original and cleaned text, content hash.
//!
//! Not the place to start: [`super::Library`] calls these inside its
//! transactions. Schema in [`super::schema`].

use rusqlite::{params, Connection, OptionalExtension, Row};
use sha2::{Digest, Sha256};

use crate::error::{Error, Result};
use policydiff_model::{DocMeta, Level, SourceDoc};
use policydiff_model::{DocRow, ListFilter, SortBy};

/// The content hash of a document: SHA-256 of its cleaned text, lowercase hex.
pub fn content_hash(text: &str) -> String {
    format!("{:x}", Sha256::digest(text.as_bytes()))
}

/// The id of the stored document with this content hash, if any.
pub(super) fn find_by_hash(conn: &Connection, hash: &str) -> Result<Option<i64>> {
    Ok(conn
        .prepare_cached("SELECT id FROM documents WHERE content_hash = ?1")?
        .query_row([hash], |r| r.get(0))
        .optional()?)
}

/// Insert one document row; returns its id.
pub(super) fn insert(conn: &Connection, doc: &SourceDoc, hash: &str) -> Result<i64> {
    let m = &doc.meta;
    let warnings = serde_json::to_string(&m.warnings)
        .map_err(|e| Error::Other(format!("cannot encode warnings: {e}")))?;
    conn.prepare_cached(
        "INSERT INTO documents (title, issuer, date, doc_number, province, city, level,
                                source_url, source_file, fragment, excerpt, warnings,
                                original, text, chars, content_hash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)",
    )?
    .execute(params![
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
        warnings,
        doc.original,
        doc.text,
        doc.text.chars().count() as i64,
        hash,
    ])?;
    Ok(conn.last_insert_rowid())
}

/// The metadata columns, in the order [`meta_from_row`] reads them.
const META_COLUMNS: &str = "d.title, d.issuer, d.date, d.doc_number, d.province, d.city, d.level,
     d.source_url, d.source_file, d.fragment, d.excerpt, d.warnings";

/// Read [`META_COLUMNS`] starting at column `at`.
fn meta_from_row(row: &Row<'_>, at: usize) -> rusqlite::Result<DocMeta> {
    let level: String = row.get(at + 6)?;
    let warnings: String = row.get(at + 11)?;
    let warnings = serde_json::from_str(&warnings).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(at + 11, rusqlite::types::Type::Text, Box::new(e))
    })?;
    Ok(DocMeta {
        title: row.get(at)?,
        issuer: row.get(at + 1)?,
        date: row.get(at + 2)?,
        doc_number: row.get(at + 3)?,
        province: row.get(at + 4)?,
        city: row.get(at + 5)?,
        level: Level::from_name(&level),
        source_url: row.get(at + 7)?,
        source_file: row.get(at + 8)?,
        fragment: row.get(at + 9)?,
        excerpt: row.get(at + 10)?,
        warnings,
    })
}

/// Number of documents.
pub(super) fn count(conn: &Connection) -> Result<usize> {
    let n: i64 = conn
        .prepare_cached("SELECT count(*) FROM documents")?
        .query_row([], |r| r.get(0))?;
    Ok(n as usize)
}

/// Documents matching `filter`, in its order.
pub(super) fn list(conn: &Connection, filter: &ListFilter) -> Result<Vec<DocRow>> {
    let order = match filter.sort {
        SortBy::Id => "d.id",
        SortBy::DateDesc => "d.date IS NULL, d.date DESC, d.id",
        SortBy::DateAsc => "d.date IS NULL, d.date ASC, d.id",
        // Code-point order of the UTF-8 title (not pinyin): stable and cheap.
        SortBy::Title => "d.title, d.id",
    };
    let sql = format!(
        "SELECT d.id, {META_COLUMNS}, d.chars,
                (SELECT count(*) FROM clauses c WHERE c.doc_id = d.id)
         FROM documents d
         WHERE (?1 IS NULL OR instr(coalesce(d.province, ''), ?1) > 0
                           OR instr(coalesce(d.city, ''), ?1) > 0)
           AND (?2 IS NULL OR d.level = ?2)
           AND (?3 IS NULL OR substr(d.date, 1, 4) = ?3)
         ORDER BY {order}"
    );
    let region = filter.region.as_deref().filter(|r| !r.is_empty());
    let level = filter.level.map(Level::as_str);
    let year = filter.year.map(|y| format!("{y:04}"));
    let mut st = conn.prepare_cached(&sql)?;
    let rows = st.query_map(params![region, level, year], |r| {
        Ok(DocRow {
            id: r.get(0)?,
            meta: meta_from_row(r, 1)?,
            chars: r.get::<_, i64>(13)? as usize,
            clause_count: r.get::<_, i64>(14)? as usize,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Metadata, original and cleaned text of document `id`.
pub(super) fn get(conn: &Connection, id: i64) -> Result<(DocMeta, String, String)> {
    let sql = format!("SELECT {META_COLUMNS}, d.original, d.text FROM documents d WHERE d.id = ?1");
    conn.prepare_cached(&sql)?
        .query_row([id], |r| Ok((meta_from_row(r, 0)?, r.get(12)?, r.get(13)?)))
        .optional()?
        .ok_or(Error::NoSuchDocument(id))
}

/// The document exists.
pub(super) fn exists(conn: &Connection, id: i64) -> Result<bool> {
    Ok(conn
        .prepare_cached("SELECT 1 FROM documents WHERE id = ?1")?
        .exists([id])?)
}

/// Delete document `id`; its clauses and recent comparisons go with it
/// (`ON DELETE CASCADE`). The search rows must be removed first by the caller.
pub(super) fn delete(conn: &Connection, id: i64) -> Result<()> {
    let n = conn
        .prepare_cached("DELETE FROM documents WHERE id = ?1")?
        .execute([id])?;
    if n == 0 {
        return Err(Error::NoSuchDocument(id));
    }
    Ok(())
}
