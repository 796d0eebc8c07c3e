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
        /// What kind of problem, for a caller to branch on (and word in
        /// another language).
        problem: Problem,
        /// What is wrong, in plain words.
        reason: String,
    },
}

/// What is wrong with a file that cannot be imported: the kinds a user can
/// act on differently.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Problem {
    /// The file has no bytes at all.
    Empty,
    /// The file holds no text: nothing but blank space, or a Word or PDF
    /// file without any (a scanned PDF has no text layer).
    NoText,
    /// Binary content, not a text document.
    Binary,
    /// A Word or PDF file that cannot be opened: damaged, cut short, or a
    /// file of another kind given a `.docx`/`.doc`/`.wps`/`.pdf` name.
    Corrupt,
    /// A password-protected (encrypted) Word, Office or PDF file.
    Protected,
    /// Text without (almost) any Chinese: not a Chinese document, or an
    /// encoding that could not be recognised.
    NoChinese,
    /// The file, its text or one of its documents is over a size limit.
    TooLarge,
    /// A kind of file PolicyDiff does not read (an Excel workbook, a Word
    /// 95 document, a web page nested too deep …).
    Unsupported,
}

/// A reader's refusal: the kind of problem and the reason in plain words.
/// A plain reason (`String`, `&str`) is a damaged file ([`Problem::Corrupt`]):
/// that is what a reader finds most.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Refusal {
    pub problem: Problem,
    pub reason: String,
}

impl Refusal {
    pub(crate) fn new(problem: Problem, reason: impl Into<String>) -> Refusal {
        Refusal {
            problem,
            reason: reason.into(),
        }
    }

    /// The error naming `path`.
    pub(crate) fn at(self, path: &std::path::Path) -> Error {
        Error::Unsupported {
            path: path.to_owned(),
            problem: self.problem,
            reason: self.reason,
        }
    }
}

impl From<String> for Refusal {
    fn from(reason: String) -> Refusal {
        Refusal::new(Problem::Corrupt, reason)
    }
}

impl From<&str> for Refusal {
    fn from(reason: &str) -> Refusal {
        Refusal::new(Problem::Corrupt, reason)
    }
}

impl Error {
    /// What kind of problem the file has; `None` when it could not be read.
    pub fn problem(&self) -> Option<Problem> {
        match self {
            Error::Io { .. } => None,
            Error::Unsupported { problem, .. } => Some(*problem),
        }
    }

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
