//! The `library_state` table: the first-run setup state, the revision
//! (a number every write increases) and the last document and note ids
//! given ([`next_id`]), as in the SQLite store.
//! Not the place to start: see [`policydiff_store::Store::setup`].

use policydiff_store::backend::Ids;
use policydiff_store::{Error, Result, Setup};

use crate::db::{get, Db};

fn name(setup: Setup) -> &'static str {
    match setup {
        Setup::New => "new",
        Setup::Started => "started",
        Setup::Done => "done",
    }
}

/// The library's setup state.
pub(crate) fn get_setup(db: &mut Db<'_>) -> Result<Setup> {
    let v: Option<String> = db
        .opt("SELECT value FROM library_state WHERE key = 'setup'", &[])?
        .map(|r| get(&r, 0))
        .transpose()?;
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
pub(crate) fn set_setup(db: &mut Db<'_>, setup: Setup) -> Result<()> {
    db.execute(
        "INSERT INTO library_state (key, value) VALUES ('setup', $1)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        &[&name(setup)],
    )?;
    Ok(())
}

/// Take the library's write lock (every writer takes it first, so writes
/// are one at a time, as in SQLite; readers never wait), waiting at most
/// `timeout_ms` ([`Error::Busy`] after that).
pub(crate) fn lock(db: &mut Db<'_>, timeout_ms: u128) -> Result<()> {
    db.batch(&format!(
        "SET LOCAL lock_timeout = {timeout_ms}; LOCK TABLE library_state IN EXCLUSIVE MODE"
    ))
}

/// Count one more change to the library (inside every write transaction).
pub(crate) fn bump_revision(db: &mut Db<'_>) -> Result<()> {
    db.execute(
        "INSERT INTO library_state (key, value) VALUES ('revision', '1')
         ON CONFLICT (key) DO UPDATE SET value = (library_state.value::bigint + 1)::text",
        &[],
    )?;
    Ok(())
}

/// The library's revision.
pub(crate) fn revision(db: &mut Db<'_>) -> Result<u64> {
    let v: Option<String> = db
        .opt(
            "SELECT value FROM library_state WHERE key = 'revision'",
            &[],
        )?
        .map(|r| get(&r, 0))
        .transpose()?;
    v.map_or(Ok(0), |v| {
        v.parse()
            .map_err(|_| Error::Other(format!("invalid library revision {v:?}")))
    })
}

/// The id of a new row of `ids`, recorded as given: one more than the
/// largest ever given (kept in `library_state` from version 5; the
/// largest in the table if that is larger), as the SQLite store numbers
/// them, so the same imports give the same ids on either backend and the
/// id of a deleted row is never given again. The caller holds the write
/// lock ([`lock`]).
pub(crate) fn next_id(db: &mut Db<'_>, ids: Ids) -> Result<i64> {
    let (table, key) = ids.table_and_key();
    let row = db.one(
        &format!(
            "INSERT INTO library_state (key, value)
             SELECT $1::text, (greatest(coalesce(max(id), 0),
                                        (SELECT value::bigint FROM library_state WHERE key = $1))
                               + 1)::text
             FROM {table}
             ON CONFLICT (key) DO UPDATE SET value = excluded.value
             RETURNING value::bigint"
        ),
        &[&key],
    )?;
    get(&row, 0)
}
