//! The import crate's error: which file, and what is wrong with it.

use std::path::PathBuf;

/// Result alias of the import crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Why a file could not be imported. Every variant names the file.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The file could not be read.
    #[error("cannot read {path}: {}", policydiff_model::io_message(source))]
    Io {
        /// The file.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// The file's content is not something PolicyDiff can import.
    #[error("cannot use {path}: {reason}")]
    Unsupported {
        /// The file.
        path: PathBuf,
        /// What is wrong, in plain words.
        reason: String,
    },
}

impl Error {
    /// The file the error is about.
    pub fn path(&self) -> &std::path::Path {
        match self {
            Error::Io { path, .. } | Error::Unsupported { path, .. } => path,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unreadable_file_is_named_with_the_reason_in_plain_words() {
        let source = std::fs::File::open("/no/such/dir/plan.txt").unwrap_err();
        let e = Error::Io {
            path: "/no/such/dir/plan.txt".into(),
            source,
        };
        assert_eq!(
            e.to_string(),
            "cannot read /no/such/dir/plan.txt: No such file or directory"
        );
    }
}
