//! The store's error type.

use std::path::PathBuf;

/// Result alias of the store.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can go wrong in a library.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The library's folder could not be created or read.
    #[error("cannot use {path}: {source}")]
    Io {
        /// The folder or file.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// The library database failed.
    #[error("library database: {0}")]
    Db(rusqlite::Error),
    /// The library server (PostgreSQL) refused or failed a request: its
    /// message, with the library's location (password removed).
    #[error("library server: {0}")]
    Server(String),
    /// The library server cannot be reached, or the connection to it was
    /// lost; a change in progress was not made.
    #[error("cannot reach the library server {location}: {reason}")]
    Unreachable {
        /// The library's location, without its password.
        location: String,
        /// What failed (connection refused, timed out, lost…).
        reason: String,
    },
    /// The library server refused the user name or password (or asked for
    /// a password none was given for); nothing was read or changed.
    #[error("the library server {location} refused the login: {reason}")]
    AuthFailed {
        /// The library's location, without its password.
        location: String,
        /// The server's reason (wrong password, no such user, no password given…).
        reason: String,
    },
    /// The library is open for reading only (see [`Access`](crate::Access)),
    /// so this change cannot be made.
    #[error("the library is read-only ({0}); this change was not made")]
    ReadOnly(String),
    /// Another program kept the library busy (writing to it) for longer than
    /// the library waits.
    #[error("the library is busy: another PolicyDiff is writing to it; try again")]
    Busy,
    /// The disk holding the library is full; nothing was changed.
    #[error("the disk holding the library is full; nothing was changed")]
    DiskFull,
    /// The library needs a schema upgrade, which it cannot have while it is
    /// open read-only.
    #[error(
        "the library was written by an older PolicyDiff (schema version {found}) and must be \
         upgraded, which needs write access ({reason})"
    )]
    NeedsUpgrade {
        /// Schema version found in the file (0: not a library yet).
        found: usize,
        /// Why the library is read-only.
        reason: String,
    },
    /// The library schema could not be created or upgraded.
    #[error("library schema: {0}")]
    Migration(String),
    /// A document id does not exist in the library.
    #[error("no document with id {0} in the library")]
    NoSuchDocument(i64),
    /// The library file was written by a newer PolicyDiff whose schema this build does not know.
    #[error(
        "the library was written by a newer PolicyDiff (schema version {found}; this build knows \
         versions up to {supported}); update PolicyDiff to open it"
    )]
    SchemaTooNew {
        /// Schema version found in the file.
        found: usize,
        /// Newest schema version this build knows.
        supported: usize,
    },
    /// A clause tree handed to the library is not consistent (index, parent or children).
    #[error("clause tree of {title:?} is inconsistent: {reason}")]
    InvalidTree {
        /// Title of the document whose tree is wrong.
        title: String,
        /// What is wrong.
        reason: String,
    },
    /// A note id does not exist in the library.
    #[error("no note with id {0} in the library")]
    NoSuchNote(i64),
    /// A document has no comparison unit with this clause path (a note or a
    /// manual pairing named it).
    #[error("document {doc} has no clause {path:?} to compare")]
    NoSuchClause {
        /// Document id.
        doc: i64,
        /// The clause path asked for.
        path: String,
    },
    /// A metadata edit cannot be stored as given (a blank title, a date not
    /// written `YYYY-MM-DD`, an invisible character); nothing was changed.
    #[error("the {field} cannot be saved: {reason}")]
    InvalidMeta {
        /// The field's name as in [`MetaEdit`](policydiff_model::MetaEdit)
        /// (`title`, `issuer`, `date`, `doc_number`, `province`, `city`,
        /// `level`, `source_url`).
        field: &'static str,
        /// What is wrong with the value.
        reason: String,
    },
    /// A note cannot be stored as given (no text, or no clause on either side).
    #[error("invalid note: {0}")]
    InvalidNote(String),
    /// A document's stored sentence vectors cannot be read as vectors (a
    /// damaged library); comparisons fall back to wording alone.
    #[error("the sentence vectors of document {doc} are damaged: {reason}")]
    CorruptVectors {
        /// Document id.
        doc: i64,
        /// What is wrong.
        reason: String,
    },
    /// This kind of library cannot do this (yet): what, and which library
    /// kind. Nothing was changed.
    #[error("{0}")]
    Unsupported(String),
    /// Anything else, with a message.
    #[error("{0}")]
    Other(String),
}

impl From<rusqlite::Error> for Error {
    /// SQLite's busy, read-only and full conditions become their own variants
    /// (the same conditions any backend has); everything else is [`Error::Db`].
    fn from(e: rusqlite::Error) -> Self {
        use rusqlite::ErrorCode;
        match e.sqlite_error_code() {
            Some(ErrorCode::DatabaseBusy) => Error::Busy,
            Some(ErrorCode::DiskFull) => Error::DiskFull,
            Some(ErrorCode::ReadOnly) => Error::ReadOnly("the database refused to write".into()),
            _ => Error::Db(e),
        }
    }
}
