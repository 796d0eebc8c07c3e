//! The application layer's error: one type over the stages' errors, with a
//! stable code for the desktop app.

use std::path::PathBuf;

/// Result alias of the application layer.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything an operation of the application layer can fail with.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A file could not be imported or read for a comparison.
    #[error(transparent)]
    Import(#[from] policydiff_import::Error),
    /// The library failed.
    #[error(transparent)]
    Store(#[from] policydiff_store::Error),
    /// A report could not be written.
    #[error(transparent)]
    Report(#[from] policydiff_report::Error),
    /// An output path names the library itself (or its journal files):
    /// writing there would destroy it.
    #[error("refusing to write {path}: it is the library file")]
    OutputIsLibrary {
        /// The output path as given.
        path: PathBuf,
    },
    /// A file holds several documents where one was expected.
    #[error("{path} holds {count} documents; import it and compare documents by id")]
    SeveralDocuments {
        /// The file.
        path: PathBuf,
        /// How many documents it holds.
        count: usize,
    },
    /// The sentence-vector model could not be loaded.
    #[error(transparent)]
    Model(#[from] policydiff_embed::Error),
    /// A key point was named that the comparison does not have.
    #[error("the comparison of documents {left} and {right} has no key point {id:?} (see `policydiff note points {left} {right}`)")]
    NoSuchKeyPoint {
        /// The id as given.
        id: String,
        /// Left document id.
        left: i64,
        /// Right document id.
        right: i64,
    },
    /// Pins and hides are kept in the library: both documents must be stored.
    #[error("pins and hides need both documents in the library; import them first")]
    NotStored,
    /// A library location that is a URL, but not a `postgres://` one.
    #[error("{given} is not a library PolicyDiff can open: give a file path, or a team library's postgres:// URL")]
    UnknownLocation {
        /// The location as given.
        given: String,
    },
    /// A metadata edit that gives no field to change.
    #[error("nothing to change: give at least one field (title, issuer, date, 文号, region, level, source URL)")]
    NothingToEdit,
    /// No home directory: the default library location is unknown.
    #[error(
        "no home directory: cannot place the library file (give one with --db or POLICYDIFF_DB)"
    )]
    NoHome,
}
