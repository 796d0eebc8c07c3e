//! The `recent_comparisons` table: which pairs of documents were compared,
//! most recent first; one row per ordered pair, gone with its documents.
//! Not the place to start: see [`super::PgStore`]'s `remember_comparison`.

use policydiff_model::RecentComparison;
use policydiff_store::Result;

use crate::db::{get, Db};

/// Record that `left` and `right` were compared now (the caller holds the write lock).
pub(crate) fn remember(db: &mut Db<'_>, left: i64, right: i64) -> Result<()> {
    db.execute(
        "INSERT INTO recent_comparisons (left_id, right_id, opened_at, seq)
         SELECT $1, $2, clock_timestamp(), coalesce(max(seq), 0) + 1 FROM recent_comparisons
         ON CONFLICT (left_id, right_id)
         DO UPDATE SET opened_at = excluded.opened_at, seq = excluded.seq",
        &[&left, &right],
    )?;
    Ok(())
}

/// The `limit` most recent comparisons, most recent first.
pub(crate) fn recent(db: &mut Db<'_>, limit: usize) -> Result<Vec<RecentComparison>> {
    let rows = db.query(
        "SELECT left_id, right_id,
                to_char(opened_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"')
         FROM recent_comparisons ORDER BY seq DESC LIMIT $1",
        &[&(limit.min(i64::MAX as usize) as i64)],
    )?;
    rows.iter()
        .map(|r| {
            Ok(RecentComparison {
                left: get(r, 0)?,
                right: get(r, 1)?,
                opened_at: get(r, 2)?,
            })
        })
        .collect()
}
