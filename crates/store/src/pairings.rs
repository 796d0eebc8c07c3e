//! The `pairings` table: the user's manual corrections of an alignment.
//!
//! One row per (comparison, left clause path, right clause path), of kind
//! `force` (pair these two) or `forbid` (never pair these two); the
//! comparison is named by the two documents' content hashes. Hands on
//! [`Overrides`] for [`crate::compare::CompareOptions`].
//! Not the place to start: see [`super::Library::force_pair`].

use rusqlite::{params, Connection};

use crate::error::Result;
use policydiff_model::{Overrides, PathPair, StoredPairing};

/// Force or forbid one pair.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    Force,
    Forbid,
}

impl Kind {
    fn as_str(self) -> &'static str {
        match self {
            Kind::Force => "force",
            Kind::Forbid => "forbid",
        }
    }
}

/// Record `kind` for the pair (`left_path`, `right_path`) by `author`, replacing what was
/// recorded for that exact pair. The clauses' other pairings stay: a clause
/// may be forced with several partners (see `Overrides`).
pub(super) fn set(
    conn: &Connection,
    hashes: (&str, &str),
    left_path: &str,
    right_path: &str,
    kind: Kind,
    author: Option<&str>,
) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO pairings (left_hash, right_hash, left_path, right_path, kind, author)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT (left_hash, right_hash, left_path, right_path)
         DO UPDATE SET kind = excluded.kind, created_at = excluded.created_at,
                       author = excluded.author",
    )?
    .execute(params![
        hashes.0,
        hashes.1,
        left_path,
        right_path,
        kind.as_str(),
        author
    ])?;
    Ok(())
}

/// Remove what was recorded for this pair; true when there was something.
pub(super) fn clear(
    conn: &Connection,
    hashes: (&str, &str),
    left_path: &str,
    right_path: &str,
) -> Result<bool> {
    let n = conn
        .prepare_cached(
            "DELETE FROM pairings
             WHERE left_hash = ?1 AND right_hash = ?2 AND left_path = ?3 AND right_path = ?4",
        )?
        .execute(params![hashes.0, hashes.1, left_path, right_path])?;
    Ok(n > 0)
}

/// The recorded corrections of one comparison, each list in path order.
pub(super) fn overrides(conn: &Connection, hashes: (&str, &str)) -> Result<Overrides> {
    let mut st = conn.prepare_cached(
        "SELECT kind, left_path, right_path FROM pairings
         WHERE left_hash = ?1 AND right_hash = ?2
         ORDER BY left_path, right_path",
    )?;
    let mut out = Overrides::default();
    let mut rows = st.query(params![hashes.0, hashes.1])?;
    while let Some(r) = rows.next()? {
        let kind: String = r.get(0)?;
        let pair = PathPair::new(r.get::<_, String>(1)?, r.get::<_, String>(2)?);
        match kind.as_str() {
            "force" => out.force.push(pair),
            _ => out.forbid.push(pair),
        }
    }
    Ok(out)
}

/// The recorded corrections of one comparison with who made them and when,
/// in path order.
pub(super) fn list(conn: &Connection, hashes: (&str, &str)) -> Result<Vec<StoredPairing>> {
    let mut st = conn.prepare_cached(
        "SELECT left_path, right_path, kind, author, created_at FROM pairings
         WHERE left_hash = ?1 AND right_hash = ?2
         ORDER BY left_path, right_path",
    )?;
    let rows = st.query_map(params![hashes.0, hashes.1], |r| {
        Ok(StoredPairing {
            left_path: r.get(0)?,
            right_path: r.get(1)?,
            forbid: r.get::<_, String>(2)? == "forbid",
            author: r.get(3)?,
            created_at: r.get(4)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
