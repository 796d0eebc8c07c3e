//! Opening a library: where it lives, whether it can be written, and the
//! first run that fills a new one with the bundled corpus.
//!
//! Whether a library still needs its first run is the library's own record
//! ([`Store::setup`]), not whether its file existed: a first run that failed
//! (a full disk, a killed process, a 0-byte file left behind) is finished the
//! next time the library is opened, and [`FirstRun`] says what happened.
//!
//! A library that cannot be written (a read-only file or folder, a read-only
//! mount) is opened read-only: everything that reads works, the first run
//! and the recent-comparison record are skipped with a warning
//! ([`Opened::read_only`], [`crate::compare::remember`]).
//!
//! A library is a file (SQLite, the default) or a team library on a
//! PostgreSQL server (`postgres://user@host:port/db`, see [`Location`]);
//! everything after opening is the same [`Store`] calls.

use std::path::{Path, PathBuf};

use policydiff_model::{DocMeta, ImportReport, MetaEdit};
use policydiff_segment::Segmenter;
use policydiff_store::{Access, Setup, SqliteStore, Store};
use policydiff_store_pg::PgStore;

use crate::{Error, Result};

pub use policydiff_store_pg::{
    is_server_url, redact, with_password, without_password, CONNECT_TIMEOUT,
};

/// The default library file: `<OS data dir>/policydiff/library.sqlite3`.
pub fn default_path() -> Result<PathBuf> {
    SqliteStore::default_path().map_err(|_| Error::NoHome)
}

/// Where a library lives: a file, or a team library on a PostgreSQL server.
#[derive(Clone, PartialEq, Eq)]
pub enum Location {
    /// A SQLite file.
    File(PathBuf),
    /// A `postgres://` (or `postgresql://`) URL; it may hold a password,
    /// so it is shown only through [`Location`]'s `Display` (redacted).
    Server(String),
}

impl Location {
    /// What the user gave (`--db`, `$POLICYDIFF_DB`, a setting): a server
    /// URL when it starts with `postgres://` or `postgresql://`, else a file.
    pub fn parse(given: &str) -> Location {
        if policydiff_store_pg::is_server_url(given) {
            Location::Server(given.trim().to_string())
        } else {
            Location::File(PathBuf::from(given))
        }
    }

    /// [`Location::parse`] of a path-like argument (a URL passes through
    /// `PathBuf` unchanged).
    pub fn from_path(given: &Path) -> Location {
        match given.to_str() {
            Some(s) if policydiff_store_pg::is_server_url(s) => Location::parse(s),
            _ => Location::File(given.to_owned()),
        }
    }

    /// The library file, for a file library.
    pub fn file(&self) -> Option<&Path> {
        match self {
            Location::File(p) => Some(p),
            Location::Server(_) => None,
        }
    }
}

/// The file's path, or the server URL without its password.
impl std::fmt::Display for Location {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Location::File(p) if looks_like_url(p) => {
                f.write_str(&redact(&p.display().to_string()))
            }
            Location::File(p) => write!(f, "{}", p.display()),
            Location::Server(url) => f.write_str(&policydiff_store_pg::redact(url)),
        }
    }
}

/// Never the password: the same as `Display`.
impl std::fmt::Debug for Location {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Location({self})")
    }
}

/// Who writes through a library this program opens: `$POLICYDIFF_AUTHOR`,
/// else the OS user name; recorded with notes and manual pairings.
pub fn default_author() -> Option<String> {
    std::env::var("POLICYDIFF_AUTHOR")
        .ok()
        .map(|a| a.trim().to_string())
        .filter(|a| !a.is_empty())
        .or_else(|| whoami::username().ok())
}

/// Why the bundled corpus is (or would be) imported into a library.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FirstRun {
    /// A new library.
    New,
    /// The library file was there but empty (0 bytes): an earlier first run
    /// failed before it could create the library.
    EmptyFile,
    /// An earlier first run began importing the corpus and did not finish;
    /// the documents it stored are kept (the corpus import skips them).
    Unfinished,
}

impl std::fmt::Display for FirstRun {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            FirstRun::New => "new library",
            FirstRun::EmptyFile => {
                "the library file was empty (an earlier first run failed); library created"
            }
            FirstRun::Unfinished => "the first run's import of the bundled corpus had not finished",
        })
    }
}

/// An open library and what opening it did.
pub struct Opened {
    /// The library.
    pub store: Box<dyn Store>,
    /// Where the library is.
    pub location: Location,
    /// The bundled corpus was imported into this library (its first run).
    pub first_run: Option<ImportReport>,
    /// Why the first run ran; or, with `first_run` `None`, why it was due
    /// but could not run (the library is read-only).
    pub first_run_reason: Option<FirstRun>,
}

impl Opened {
    /// Why the library is read-only (`None` when it can be written): say it
    /// once, e.g. `the folder /mnt/usb is not writable`.
    pub fn read_only(&self) -> Option<String> {
        match self.store.access() {
            Access::ReadWrite => None,
            Access::ReadOnly(why) => Some(why),
        }
    }
}

impl std::fmt::Debug for Opened {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Opened")
            .field("location", &self.location)
            .field("first_run", &self.first_run)
            .field("first_run_reason", &self.first_run_reason)
            .finish_non_exhaustive()
    }
}

/// Open the library at `path`; when it has not had its first run (a new
/// library, or an earlier first run that failed), import the bundled corpus
/// into it so a first run shows real documents. A library that cannot be
/// written is opened read-only and the first run is left for later.
pub fn open(path: &Path, seg: &Segmenter) -> Result<Opened> {
    open_at(&Location::File(path.to_owned()), seg)
}

/// [`open`] for a library anywhere: a file or a team server. Notes and
/// pairings written through it name [`default_author`].
pub fn open_at(location: &Location, seg: &Segmenter) -> Result<Opened> {
    let was_empty = location
        .file()
        .is_some_and(|p| std::fs::metadata(p).is_ok_and(|m| m.is_file() && m.len() == 0));
    let mut store = open_store_at(location)?;
    store.set_author(default_author().as_deref());
    let reason = first_run_due(store.as_ref(), was_empty)?;
    let mut first_run = None;
    if reason.is_some() && store.access() == Access::ReadWrite {
        first_run = Some(run_first_run(store.as_mut(), seg, |_, _| {})?);
    }
    Ok(Opened {
        store,
        location: location.clone(),
        first_run,
        first_run_reason: reason,
    })
}

/// Open (creating or upgrading) the library at `path` without a first-run
/// import; read-only when the file or its folder is not writable.
pub fn open_store(path: &Path) -> Result<Box<dyn Store>> {
    Ok(Box::new(SqliteStore::open(path)?))
}

/// [`open_store`] for a library anywhere: a file, or a team library on a
/// server (created or upgraded there; a server that cannot be reached is
/// [`policydiff_store::Error::Unreachable`]).
pub fn open_store_at(location: &Location) -> Result<Box<dyn Store>> {
    Ok(match location {
        Location::File(path) if looks_like_url(path) => {
            return Err(Error::UnknownLocation {
                given: redact(&path.display().to_string()),
            })
        }
        Location::File(path) => Box::new(SqliteStore::open(path)?),
        Location::Server(url) => Box::new(PgStore::open(url)?),
    })
}

/// Whether a library file's path is in fact a URL of a kind not supported
/// (`mysql://…`, `file:…`): opened as a path it would silently create a new
/// library in a folder named after the URL.
fn looks_like_url(path: &Path) -> bool {
    let Some(s) = path.to_str() else {
        return false;
    };
    let s = s.trim_start();
    let scheme: String = s
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        .collect();
    let rest = &s[scheme.len()..];
    // Two letters at least: `C:\…` is a Windows drive, not a scheme.
    scheme.len() >= 2
        && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && (rest.starts_with("://")
            || (scheme.eq_ignore_ascii_case("file") && rest.starts_with(':')))
}

/// What a look at a library found ([`probe`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Probe {
    /// Documents stored.
    pub documents: usize,
    /// The server's version (a team library only).
    pub server_version: Option<String>,
}

/// Open the library at `location` (a team library's tables are created
/// when its database or schema has none yet), count its documents and,
/// for a server, ask its version: whether it can be used. The errors are
/// those of opening ([`policydiff_store::Error::Unreachable`],
/// [`policydiff_store::Error::AuthFailed`],
/// [`policydiff_store::Error::SchemaTooNew`], …).
pub fn probe(location: &Location) -> Result<Probe> {
    Ok(match location {
        Location::File(path) => Probe {
            documents: SqliteStore::open(path)?.count()?,
            server_version: None,
        },
        Location::Server(url) => {
            let store = PgStore::open(url)?;
            Probe {
                documents: store.count()?,
                server_version: Some(store.server_version()?),
            }
        }
    })
}

/// Whether `store` still needs its first run, and why. `was_empty_file`:
/// the library file existed with 0 bytes before it was opened.
pub fn first_run_due(store: &dyn Store, was_empty_file: bool) -> Result<Option<FirstRun>> {
    Ok(match store.setup()? {
        Setup::Done => None,
        Setup::Started => Some(FirstRun::Unfinished),
        Setup::New if was_empty_file => Some(FirstRun::EmptyFile),
        Setup::New => Some(FirstRun::New),
    })
}

/// [`run_first_run`] for a library shared between threads: `lock` gives the
/// library for one short step at a time (recording the setup state, storing
/// one document), so other users of the library take turns with the import.
/// The steps and the record are those of [`run_first_run`].
pub fn run_first_run_with<G, E>(
    lock: impl Fn() -> std::result::Result<G, E>,
    seg: &Segmenter,
    progress: impl FnMut(usize, usize),
) -> std::result::Result<ImportReport, E>
where
    G: std::ops::DerefMut<Target = Box<dyn Store>>,
    E: From<Error>,
{
    lock()?.set_setup(Setup::Started).map_err(Error::from)?;
    let report = crate::import::import_bundled_corpus_with(
        |docs| Ok::<_, E>(lock()?.add(seg, docs).map_err(Error::from)?),
        progress,
    )?;
    lock()?.set_setup(Setup::Done).map_err(Error::from)?;
    Ok(report)
}

/// The first run: import the bundled corpus (documents already there are
/// skipped), recording in the library that it began and that it finished,
/// so an interrupted run is finished next time. `progress` as for
/// [`crate::import::import_bundled_corpus`].
pub fn run_first_run(
    store: &mut dyn Store,
    seg: &Segmenter,
    progress: impl FnMut(usize, usize),
) -> Result<ImportReport> {
    store.set_setup(Setup::Started)?;
    let report = crate::import::import_bundled_corpus(store, seg, progress)?;
    store.set_setup(Setup::Done)?;
    Ok(report)
}

/// Change some of a stored document's metadata (the fields `edit` gives; a
/// blank text clears one) in one transaction of the library, and return the
/// metadata now stored. [`Error::NothingToEdit`] when `edit` gives no field;
/// the library's errors otherwise (an unknown id, a bad value named by its
/// field, a read-only library), with nothing changed.
pub fn edit_meta(store: &mut dyn Store, id: i64, edit: &MetaEdit) -> Result<DocMeta> {
    if edit.is_empty() {
        return Err(Error::NothingToEdit);
    }
    Ok(store.edit_meta(id, edit)?)
}

/// A region as one text, `省` or `省/市` (also `省 市`, `省·市`), as the
/// province and city fields of a [`MetaEdit`]: both cleared when blank,
/// the city cleared when only a province is given.
pub fn region_edit(region: &str) -> (String, String) {
    let mut parts = region
        .split(['/', ' ', '\u{3000}', '·', '／'])
        .map(str::trim)
        .filter(|p| !p.is_empty());
    let province = parts.next().unwrap_or_default().to_string();
    let city = parts.collect::<Vec<_>>().join("");
    (province, city)
}

#[cfg(test)]
mod edit_tests {
    use super::region_edit;

    #[test]
    fn a_region_splits_into_province_and_city() {
        let r = region_edit;
        assert_eq!(r("广东/佛山"), ("广东".into(), "佛山".into()));
        assert_eq!(r(" 广东 · 佛山 "), ("广东".into(), "佛山".into()));
        assert_eq!(r("广东"), ("广东".into(), String::new()));
        assert_eq!(r(""), (String::new(), String::new()));
    }
}
