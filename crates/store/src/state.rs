//! The `library_state` table: where the library's first-run setup is.
//!
//! A library is created in [`Setup::New`]; the application marks it
//! [`Setup::Started`] before it fills the library for the first time and
//! [`Setup::Done`] after, so a first run that failed half-way (a full disk,
//! a killed process, a 0-byte file) is known as such the next time, whatever
//! the file looks like. Also the library's revision (see
//! [`super::Store::revision`]) and the last document and note ids given
//! ([`next_id`]). Not the place to start: see [`super::Store::setup`].

use rusqlite::{params, Connection, OptionalExtension};

use crate::error::{Error, Result};
use crate::Setup;

impl Setup {
    fn as_str(self) -> &'static str {
        match self {
            Setup::New => "new",
            Setup::Started => "started",
            Setup::Done => "done",
        }
    }
}

/// The library's setup state.
pub(super) fn get(conn: &Connection) -> Result<Setup> {
    let v: Option<String> = conn
        .prepare_cached("SELECT value FROM library_state WHERE key = 'setup'")?
        .query_row([], |r| r.get(0))
        .optional()?;
    match v.as_deref() {
        Some("new") | None => Ok(Setup::New),
        Some("started") => Ok(Setup::Started),
        Some("done") => Ok(Setup::Done),
        Some(other) => Err(Error::Other(format!(
            "unknown library setup state {other:?}"
        ))),
    }
}

/// Record the library's setup state.
pub(super) fn set(conn: &Connection, setup: Setup) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO library_state (key, value) VALUES ('setup', ?1)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    )?
    .execute(params![setup.as_str()])?;
    Ok(())
}

/// Count one more change to the library (inside every write transaction).
pub(super) fn bump_revision(conn: &Connection) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO library_state (key, value) VALUES ('revision', '1')
         ON CONFLICT (key) DO UPDATE SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT)",
    )?
    .execute([])?;
    Ok(())
}

/// The library's revision: the number of writes so far (0 before the first).
pub(super) fn revision(conn: &Connection) -> Result<u64> {
    let v: Option<String> = conn
        .prepare_cached("SELECT value FROM library_state WHERE key = 'revision'")?
        .query_row([], |r| r.get(0))
        .optional()?;
    v.map_or(Ok(0), |v| {
        v.parse()
            .map_err(|_| Error::Other(format!("invalid library revision {v:?}")))
    })
}

/// The rows the library numbers itself; users and scripts name them by id.
#[derive(Debug, Clone, Copy)]
pub enum Ids {
    /// Documents (`documents.id`).
    Documents,
    /// Notes (`notes.id`).
    Notes,
}

impl Ids {
    /// Its table, and the key of the largest id it was ever given in
    /// `library_state` (version 9 on; the PostgreSQL store keeps the same key).
    pub fn table_and_key(self) -> (&'static str, &'static str) {
        match self {
            Ids::Documents => ("documents", "last_document_id"),
            Ids::Notes => ("notes", "last_note_id"),
        }
    }
}

/// The id of a new row of `ids`, recorded as given: one more than the
/// largest ever given (kept in `library_state`; the largest in the table
/// if that is larger). SQLite's own numbering gives the largest id plus
/// one, so the id of the newest row, deleted, would be given again and
/// then name another document (or note). Called in the write transaction
/// that inserts the row.
pub(crate) fn next_id(conn: &Connection, ids: Ids) -> Result<i64> {
    let (table, key) = ids.table_and_key();
    let last: Option<String> = conn
        .prepare_cached("SELECT value FROM library_state WHERE key = ?1")?
        .query_row([key], |r| r.get(0))
        .optional()?;
    let last: i64 = match last {
        None => 0,
        Some(v) => v
            .parse()
            .map_err(|_| Error::Other(format!("invalid {key} {v:?} in the library")))?,
    };
    let largest: i64 = conn
        .prepare_cached(&format!("SELECT coalesce(max(id), 0) FROM {table}"))?
        .query_row([], |r| r.get(0))?;
    let next = last
        .max(largest)
        .checked_add(1)
        .ok_or_else(|| Error::Other(format!("no {table} id is left to give")))?;
    conn.prepare_cached(
        "INSERT INTO library_state (key, value) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    )?
    .execute(params![key, next.to_string()])?;
    Ok(next)
}
