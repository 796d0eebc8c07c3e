//! The `point_marks` table: the users' pins and hides of the key points of
//! a comparison, keyed like the notes, as the SQLite store keeps them.
//! Not the place to start: see [`policydiff_store::Store::set_point_mark`].

use policydiff_model::{PointMark, StoredPointMark};
use policydiff_store::{Error, Result};

use crate::db::{get, Db};

fn to_sql(mark: PointMark) -> &'static str {
    match mark {
        PointMark::Pinned => "pinned",
        PointMark::Hidden => "hidden",
    }
}

/// Mark (or unmark, `None`) one key point; true when something changed.
pub(crate) fn set(
    db: &mut Db<'_>,
    hashes: (&str, &str),
    point_id: &str,
    mark: Option<PointMark>,
) -> Result<bool> {
    let n = match mark {
        Some(mark) => db.execute(
            "INSERT INTO point_marks (left_hash, right_hash, point_id, mark)
             VALUES ($1, $2, $3, $4)
             ON CONFLICT (left_hash, right_hash, point_id) DO UPDATE
             SET mark = excluded.mark, updated_at = now()",
            &[&hashes.0, &hashes.1, &point_id, &to_sql(mark)],
        )?,
        None => db.execute(
            "DELETE FROM point_marks WHERE left_hash = $1 AND right_hash = $2 AND point_id = $3",
            &[&hashes.0, &hashes.1, &point_id],
        )?,
    };
    Ok(n > 0)
}

/// The marks of one comparison, by point id.
pub(crate) fn for_comparison(
    db: &mut Db<'_>,
    hashes: (&str, &str),
) -> Result<Vec<StoredPointMark>> {
    let rows = db.query(
        "SELECT point_id, mark FROM point_marks
         WHERE left_hash = $1 AND right_hash = $2 ORDER BY point_id",
        &[&hashes.0, &hashes.1],
    )?;
    rows.iter()
        .map(|r| {
            let mark: String = get(r, 1)?;
            Ok(StoredPointMark {
                point_id: get(r, 0)?,
                mark: match mark.as_str() {
                    "pinned" => PointMark::Pinned,
                    "hidden" => PointMark::Hidden,
                    other => {
                        return Err(Error::Other(format!(
                            "unknown key point mark {other:?} in the library"
                        )))
                    }
                },
            })
        })
        .collect()
}
