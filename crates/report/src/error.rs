//! The report crate's error type.

use std::path::PathBuf;

/// Result alias of the report crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Why a report could not be written.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The output file could not be written (directory missing or not
    /// writable, disk full, the path is a directory, a font is missing …).
    #[error("cannot write {path}: {source}")]
    Write {
        /// The file.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
}
