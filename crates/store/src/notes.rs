//! The `notes` table: the user's notes on the pairs of a comparison.
//!
//! A note names its comparison by the two documents' content hashes and its
//! pair by the left and right clause paths (one may be `NULL` for a
//! one-sided pair), so it outlives deleting and re-importing an unchanged
//! document. Not the place to start: see [`super::Library::add_note`].

use rusqlite::{params, Connection, OptionalExtension, Row};

use super::{state, StoredNote};
use crate::error::{Error, Result};

/// The columns [`from_row`] reads, in order.
const COLUMNS: &str = "id, left_path, right_path, tag, text, created_at, updated_at, author";

fn from_row(r: &Row<'_>) -> rusqlite::Result<StoredNote> {
    Ok(StoredNote {
        id: r.get(0)?,
        left_path: r.get(1)?,
        right_path: r.get(2)?,
        tag: r.get(3)?,
        text: r.get(4)?,
        created_at: r.get(5)?,
        updated_at: r.get(6)?,
        author: r.get(7)?,
    })
}

/// Insert a note by `author`; returns its id, one never given before in
/// this library ([`state::next_id`]). Inputs are already validated.
pub(super) fn insert(
    conn: &Connection,
    hashes: (&str, &str),
    (left_path, right_path): (Option<&str>, Option<&str>),
    tag: Option<&str>,
    text: &str,
    author: Option<&str>,
) -> Result<i64> {
    let id = state::next_id(conn, state::Ids::Notes)?;
    conn.prepare_cached(
        "INSERT INTO notes (id, left_hash, right_hash, left_path, right_path, tag, text, author)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![
        id, hashes.0, hashes.1, left_path, right_path, tag, text, author
    ])?;
    Ok(id)
}

/// Replace the tag and text of note `id` and stamp `updated_at`.
pub(super) fn update(conn: &Connection, id: i64, tag: Option<&str>, text: &str) -> Result<()> {
    let n = conn
        .prepare_cached(
            "UPDATE notes SET tag = ?2, text = ?3,
                              updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
             WHERE id = ?1",
        )?
        .execute(params![id, tag, text])?;
    if n == 0 {
        return Err(Error::NoSuchNote(id));
    }
    Ok(())
}

/// Delete note `id`.
pub(super) fn delete(conn: &Connection, id: i64) -> Result<()> {
    let n = conn
        .prepare_cached("DELETE FROM notes WHERE id = ?1")?
        .execute([id])?;
    if n == 0 {
        return Err(Error::NoSuchNote(id));
    }
    Ok(())
}

/// Note `id`.
pub(super) fn get(conn: &Connection, id: i64) -> Result<StoredNote> {
    conn.prepare_cached(&format!("SELECT {COLUMNS} FROM notes WHERE id = ?1"))?
        .query_row([id], from_row)
        .optional()?
        .ok_or(Error::NoSuchNote(id))
}

/// The notes of the comparison of these two documents (by content hash), oldest first.
pub(super) fn for_comparison(conn: &Connection, hashes: (&str, &str)) -> Result<Vec<StoredNote>> {
    let mut st = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM notes WHERE left_hash = ?1 AND right_hash = ?2 ORDER BY id"
    ))?;
    let rows = st.query_map(params![hashes.0, hashes.1], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The tags of all notes, most used first, then in code-point order.
pub(super) fn tags_in_use(conn: &Connection) -> Result<Vec<String>> {
    let mut st = conn.prepare_cached(
        "SELECT tag FROM notes WHERE tag IS NOT NULL
         GROUP BY tag ORDER BY count(*) DESC, tag",
    )?;
    let rows = st.query_map([], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
