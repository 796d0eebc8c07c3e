//! The `notes` table: the users' notes on the pairs of a comparison, named
//! by the documents' content hashes, each with its author.
//! Not the place to start: see [`super::PgStore`]'s `add_note`.

use policydiff_model::StoredNote;
use policydiff_store::backend::Ids;
use policydiff_store::{Error, Result};

use crate::db::{get, Db};

/// The columns [`from_row`] reads, in order (times as SQLite writes them).
const COLUMNS: &str = "id, left_path, right_path, tag, text,
     to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'),
     to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), author";

fn from_row(r: &postgres::Row) -> Result<StoredNote> {
    Ok(StoredNote {
        id: get(r, 0)?,
        left_path: get(r, 1)?,
        right_path: get(r, 2)?,
        tag: get(r, 3)?,
        text: get(r, 4)?,
        created_at: get(r, 5)?,
        updated_at: get(r, 6)?,
        author: get(r, 7)?,
    })
}

/// Insert a note by `author`; returns its id (one more than the largest
/// ever given, [`crate::state::next_id`], as the SQLite store numbers them;
/// the caller holds the write lock).
pub(crate) fn insert(
    db: &mut Db<'_>,
    hashes: (&str, &str),
    (left_path, right_path): (Option<&str>, Option<&str>),
    tag: Option<&str>,
    text: &str,
    author: Option<&str>,
) -> Result<i64> {
    let id = crate::state::next_id(db, Ids::Notes)?;
    db.execute(
        "INSERT INTO notes (id, left_hash, right_hash, left_path, right_path, tag, text, author)
         VALUES ($8, $1, $2, $3, $4, $5, $6, $7)",
        &[
            &hashes.0,
            &hashes.1,
            &left_path,
            &right_path,
            &tag,
            &text,
            &author,
            &id,
        ],
    )?;
    Ok(id)
}

/// Replace the tag and text of note `id` and stamp `updated_at`.
pub(crate) fn update(db: &mut Db<'_>, id: i64, tag: Option<&str>, text: &str) -> Result<()> {
    let n = db.execute(
        "UPDATE notes SET tag = $2, text = $3, updated_at = now() WHERE id = $1",
        &[&id, &tag, &text],
    )?;
    if n == 0 {
        return Err(Error::NoSuchNote(id));
    }
    Ok(())
}

/// Delete note `id`.
pub(crate) fn delete(db: &mut Db<'_>, id: i64) -> Result<()> {
    let n = db.execute("DELETE FROM notes WHERE id = $1", &[&id])?;
    if n == 0 {
        return Err(Error::NoSuchNote(id));
    }
    Ok(())
}

/// Note `id`.
pub(crate) fn get_note(db: &mut Db<'_>, id: i64) -> Result<StoredNote> {
    let row = db
        .opt(
            &format!("SELECT {COLUMNS} FROM notes WHERE id = $1"),
            &[&id],
        )?
        .ok_or(Error::NoSuchNote(id))?;
    from_row(&row)
}

/// The notes of the comparison of these two documents (by content hash), oldest first.
pub(crate) fn for_comparison(db: &mut Db<'_>, hashes: (&str, &str)) -> Result<Vec<StoredNote>> {
    let rows = db.query(
        &format!(
            "SELECT {COLUMNS} FROM notes WHERE left_hash = $1 AND right_hash = $2 ORDER BY id"
        ),
        &[&hashes.0, &hashes.1],
    )?;
    rows.iter().map(from_row).collect()
}

/// The tags of all notes, most used first, then in code-point order.
pub(crate) fn tags_in_use(db: &mut Db<'_>) -> Result<Vec<String>> {
    let rows = db.query(
        "SELECT tag FROM notes WHERE tag IS NOT NULL
         GROUP BY tag ORDER BY count(*) DESC, tag",
        &[],
    )?;
    rows.iter().map(|r| get(r, 0)).collect()
}
