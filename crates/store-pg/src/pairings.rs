//! The `pairings` table: the users' manual corrections of an alignment,
//! one row per (comparison, left clause, right clause), `force` or
//! `forbid`, with who made it.
//! Not the place to start: see [`super::PgStore`]'s `force_pair`.

use policydiff_model::{Overrides, PathPair, StoredPairing};
use policydiff_store::Result;

use crate::db::{get, Db};

/// Record `kind` (`force` or `forbid`) for the pair by `author`, replacing
/// what was recorded for that exact pair; the clauses' other pairings stay.
pub(crate) fn set(
    db: &mut Db<'_>,
    hashes: (&str, &str),
    (left_path, right_path): (&str, &str),
    forbid: bool,
    author: Option<&str>,
) -> Result<()> {
    let kind = if forbid { "forbid" } else { "force" };
    db.execute(
        "INSERT INTO pairings (left_hash, right_hash, left_path, right_path, kind, author)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (left_hash, right_hash, left_path, right_path)
         DO UPDATE SET kind = excluded.kind, created_at = excluded.created_at,
                       author = excluded.author",
        &[
            &hashes.0,
            &hashes.1,
            &left_path,
            &right_path,
            &kind,
            &author,
        ],
    )?;
    Ok(())
}

/// Remove what was recorded for this pair; true when there was something.
pub(crate) fn clear(
    db: &mut Db<'_>,
    hashes: (&str, &str),
    (left_path, right_path): (&str, &str),
) -> Result<bool> {
    let n = db.execute(
        "DELETE FROM pairings
         WHERE left_hash = $1 AND right_hash = $2 AND left_path = $3 AND right_path = $4",
        &[&hashes.0, &hashes.1, &left_path, &right_path],
    )?;
    Ok(n > 0)
}

/// The recorded corrections of one comparison, in path order.
pub(crate) fn list(db: &mut Db<'_>, hashes: (&str, &str)) -> Result<Vec<StoredPairing>> {
    let rows = db.query(
        "SELECT left_path, right_path, kind, author,
                to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')
         FROM pairings WHERE left_hash = $1 AND right_hash = $2
         ORDER BY left_path, right_path",
        &[&hashes.0, &hashes.1],
    )?;
    rows.iter()
        .map(|r| {
            Ok(StoredPairing {
                left_path: get(r, 0)?,
                right_path: get(r, 1)?,
                forbid: get::<String>(r, 2)? == "forbid",
                author: get(r, 3)?,
                created_at: get(r, 4)?,
            })
        })
        .collect()
}

/// The recorded corrections of one comparison as the engine takes them.
pub(crate) fn overrides(db: &mut Db<'_>, hashes: (&str, &str)) -> Result<Overrides> {
    let mut out = Overrides::default();
    for p in list(db, hashes)? {
        let pair = PathPair::new(p.left_path, p.right_path);
        if p.forbid {
            out.forbid.push(pair);
        } else {
            out.force.push(pair);
        }
    }
    Ok(out)
}
