//! The `point_marks` table: the user's pins and hides of the key points of
//! a comparison.
//!
//! Keyed like the notes (the two documents' content hashes) and by the
//! point's id (`KeyPoint::id`, stable across comparisons of the same texts),
//! one mark per point. Not the place to start: see
//! [`super::Store::set_point_mark`].

use policydiff_model::{PointMark, StoredPointMark};
use rusqlite::{params, Connection};

use crate::error::{Error, Result};

fn to_sql(mark: PointMark) -> &'static str {
    match mark {
        PointMark::Pinned => "pinned",
        PointMark::Hidden => "hidden",
    }
}

fn from_sql(s: &str) -> Result<PointMark> {
    match s {
        "pinned" => Ok(PointMark::Pinned),
        "hidden" => Ok(PointMark::Hidden),
        other => Err(Error::Other(format!(
            "unknown key point mark {other:?} in the library"
        ))),
    }
}

/// Set (or with `None`, remove) the mark of one point; true when a row changed.
pub(super) fn set(
    conn: &Connection,
    hashes: (&str, &str),
    point_id: &str,
    mark: Option<PointMark>,
) -> Result<bool> {
    let n = match mark {
        Some(mark) => conn
            .prepare_cached(
                "INSERT INTO point_marks (left_hash, right_hash, point_id, mark)
                 VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (left_hash, right_hash, point_id) DO UPDATE
                 SET mark = excluded.mark,
                     updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')",
            )?
            .execute(params![hashes.0, hashes.1, point_id, to_sql(mark)])?,
        None => conn
            .prepare_cached(
                "DELETE FROM point_marks
                 WHERE left_hash = ?1 AND right_hash = ?2 AND point_id = ?3",
            )?
            .execute(params![hashes.0, hashes.1, point_id])?,
    };
    Ok(n > 0)
}

/// The marks of the comparison of these two documents, by point id.
pub(super) fn for_comparison(
    conn: &Connection,
    hashes: (&str, &str),
) -> Result<Vec<StoredPointMark>> {
    let mut st = conn.prepare_cached(
        "SELECT point_id, mark FROM point_marks
         WHERE left_hash = ?1 AND right_hash = ?2 ORDER BY point_id",
    )?;
    let rows = st.query_map(params![hashes.0, hashes.1], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
    })?;
    rows.map(|r| {
        let (point_id, mark) = r?;
        Ok(StoredPointMark {
            point_id,
            mark: from_sql(&mark)?,
        })
    })
    .collect()
}
