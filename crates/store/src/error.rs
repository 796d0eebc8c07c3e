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
    Db(#[from] rusqlite::Error),
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
    /// A note cannot be stored as given (no text, or no clause on either side).
    #[error("invalid note: {0}")]
    InvalidNote(String),
    /// Anything else, with a message.
    #[error("{0}")]
    Other(String),
}
