//! The crate's error type: every failure names the model file it concerns.

use std::fmt;
use std::path::PathBuf;

/// Result alias of the crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// A model or table file could not be used.
///
/// `Display` reads as one line that a user can act on, for example
/// `model file /x/e5-small-q4.bin: truncated: tensor l3.fi.w ends at byte 6011 but the file has 5000 bytes`.
#[derive(Debug, thiserror::Error)]
#[error("{} {}: {kind}", .what, .path.as_ref().map_or_else(|| "(in memory)".to_owned(), |p| p.display().to_string()))]
pub struct Error {
    /// Which kind of file (`model file`, `static table`).
    what: &'static str,
    /// The file, when the model was read from one.
    path: Option<PathBuf>,
    /// What went wrong. Not a `source`: `Display` already says it, and a
    /// caller printing the chain would say it twice.
    kind: ErrorKind,
}

impl Error {
    pub(crate) fn new(what: &'static str, path: Option<PathBuf>, kind: ErrorKind) -> Self {
        Error { what, path, kind }
    }

    /// The file the error concerns (`None` for a model read from memory).
    pub fn path(&self) -> Option<&std::path::Path> {
        self.path.as_deref()
    }

    /// What went wrong.
    pub fn kind(&self) -> &ErrorKind {
        &self.kind
    }
}

/// What went wrong with a model file.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The file could not be opened or read (missing, no permission).
    #[error("cannot read: {}", policydiff_model::io_message(.0))]
    Io(std::io::Error),
    /// The file does not start with the expected magic bytes.
    #[error("not a {expected} file (header {found})")]
    BadHeader {
        /// Magic expected (`E5S1`, `PDST1`).
        expected: &'static str,
        /// The first bytes found, escaped.
        found: String,
    },
    /// The file ends before a part it declares.
    #[error("truncated: {part} ends at byte {end} but the file has {len} bytes")]
    Truncated {
        /// The part that does not fit (a tensor's name, `tokenizer`, …).
        part: String,
        /// Where that part ends.
        end: u64,
        /// The file's length.
        len: u64,
    },
    /// The file's SHA-256 is not the one this build expects.
    #[error("SHA-256 is {found}, expected {expected} (a different or damaged download)")]
    HashMismatch {
        /// Expected digest, lowercase hex.
        expected: String,
        /// Digest of the file, lowercase hex.
        found: String,
    },
    /// The file is readable but its content is inconsistent.
    #[error("corrupt: {0}")]
    Corrupt(String),
    /// The file is well formed but describes a model this code cannot run.
    #[error("unsupported: {0}")]
    Unsupported(String),
}

impl From<std::io::Error> for ErrorKind {
    fn from(e: std::io::Error) -> Self {
        ErrorKind::Io(e)
    }
}

/// Escape the first bytes of a file for an error message.
pub(crate) fn show_magic(bytes: &[u8]) -> String {
    struct Esc<'a>(&'a [u8]);
    impl fmt::Display for Esc<'_> {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            for &b in self.0 {
                if b.is_ascii_graphic() {
                    write!(f, "{}", b as char)?;
                } else {
                    write!(f, "\\x{b:02x}")?;
                }
            }
            Ok(())
        }
    }
    if bytes.is_empty() {
        "empty file".to_owned()
    } else {
        format!("\"{}\"", Esc(&bytes[..bytes.len().min(8)]))
    }
}
