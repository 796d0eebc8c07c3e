//! The `recent_comparisons` table: which pairs of documents were compared, most recent first.
//!
//! One row per ordered pair (left, right); reopening a pair moves it to the
//! front. Rows go with their documents (`ON DELETE CASCADE`).
//! Not the place to start: see [`super::Library::remember_comparison`].

use rusqlite::{params, Connection};

use super::RecentComparison;
use crate::error::Result;

/// Record that `left` and `right` were compared now.
pub(super) fn remember(conn: &Connection, left: i64, right: i64) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO recent_comparisons (left_id, right_id, opened_at, seq)
         VALUES (?1, ?2, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'),
                 (SELECT coalesce(max(seq), 0) + 1 FROM recent_comparisons))
         ON CONFLICT (left_id, right_id)
         DO UPDATE SET opened_at = excluded.opened_at, seq = excluded.seq",
    )?
    .execute(params![left, right])?;
    Ok(())
}

/// The `limit` most recent comparisons, most recent first.
pub(super) fn recent(conn: &Connection, limit: usize) -> Result<Vec<RecentComparison>> {
    let mut st = conn.prepare_cached(
        "SELECT left_id, right_id, opened_at FROM recent_comparisons ORDER BY seq DESC LIMIT ?1",
    )?;
    let rows = st.query_map([limit as i64], |r| {
        Ok(RecentComparison {
            left: r.get(0)?,
            right: r.get(1)?,
            opened_at: r.get(2)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
