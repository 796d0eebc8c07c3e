//! The one error that crosses IPC: `{ code, message }`.
//!
//! The UI branches on [`ErrorCode`], never on the message text. Every core
//! [`policydiff::Error`] (and each stage's error) maps to a code here.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// What kind of failure, for the UI to branch on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// A document id does not exist.
    NotFound,
    /// A file of a kind PolicyDiff does not read (an Excel workbook, a Word
    /// 95 document, …).
    UnsupportedFile,
    /// A file to import is empty (0 bytes).
    EmptyFile,
    /// A file to import holds no text (only blank space; a scanned PDF).
    NoText,
    /// A file to import is binary data, not a text document.
    BinaryFile,
    /// A Word or PDF file to import is damaged, or is another kind of file
    /// under such a name.
    CorruptFile,
    /// A file to import is password-protected.
    ProtectedFile,
    /// A file to import holds text but (almost) no Chinese.
    NoChineseText,
    /// A file to import is over a size limit.
    FileTooLarge,
    /// A file could not be read.
    Io,
    /// The library database failed.
    Db,
    /// The library is read-only (a read-only file, folder or drive): reading
    /// works, changes are refused; the message says why.
    ReadOnly,
    /// Another PolicyDiff kept the library busy too long; try again.
    Busy,
    /// The disk holding the library is full; nothing was changed.
    DiskFull,
    /// The library was written by a newer PolicyDiff; this one cannot open it.
    NewerSchema,
    /// The request itself is not acceptable (e.g. a note without text or
    /// without a clause on either side); the message says why.
    InvalidInput,
    /// The library server cannot be reached (not running, wrong host or
    /// port, no network), or the connection to it was lost.
    Unreachable,
    /// The library server refused the user name or password.
    AuthFailed,
    /// The server's database holds something that is not a PolicyDiff
    /// library (its tables could not be created or upgraded).
    NotALibrary,
    /// The user cancelled the operation (an export); nothing was written.
    Cancelled,
    /// Anything else (a bug or an unexpected state).
    Internal,
}

/// An error returned by a command.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, thiserror::Error)]
#[error("{message}")]
pub struct AppError {
    /// Machine-readable kind.
    pub code: ErrorCode,
    /// Human-readable message (names the file or id concerned).
    pub message: String,
}

impl AppError {
    /// An `internal` error with a message.
    pub fn internal(message: impl Into<String>) -> AppError {
        AppError {
            code: ErrorCode::Internal,
            message: message.into(),
        }
    }
}

impl AppError {
    /// A `cancelled` error with a message.
    pub fn cancelled(message: impl Into<String>) -> AppError {
        AppError {
            code: ErrorCode::Cancelled,
            message: message.into(),
        }
    }
}

impl From<policydiff::Error> for AppError {
    fn from(e: policydiff::Error) -> AppError {
        use policydiff::Error as E;
        let code = match &e {
            E::Import(e) => return import_error(e),
            E::Store(e) => return store_error(e),
            E::Report(_) => ErrorCode::Io,
            E::OutputIsLibrary { .. }
            | E::SeveralDocuments { .. }
            | E::NotStored
            | E::NothingToEdit
            | E::UnknownLocation { .. } => ErrorCode::InvalidInput,
            E::NoSuchKeyPoint { .. } => ErrorCode::NotFound,
            _ => ErrorCode::Internal,
        };
        AppError {
            code,
            message: e.to_string(),
        }
    }
}

impl From<policydiff::stages::store::Error> for AppError {
    fn from(e: policydiff::stages::store::Error) -> AppError {
        store_error(&e)
    }
}

fn store_error(e: &policydiff::stages::store::Error) -> AppError {
    use policydiff::stages::store::Error as E;
    let code = match e {
        E::NoSuchDocument(_) | E::NoSuchNote(_) | E::NoSuchClause { .. } => ErrorCode::NotFound,
        E::Io { .. } => ErrorCode::Io,
        E::InvalidNote(_) | E::InvalidMeta { .. } => ErrorCode::InvalidInput,
        E::ReadOnly(_) | E::NeedsUpgrade { .. } => ErrorCode::ReadOnly,
        E::Busy => ErrorCode::Busy,
        E::Unreachable { .. } => ErrorCode::Unreachable,
        E::AuthFailed { .. } => ErrorCode::AuthFailed,
        E::DiskFull => ErrorCode::DiskFull,
        E::SchemaTooNew { .. } => ErrorCode::NewerSchema,
        E::Db(_) | E::Migration(_) => ErrorCode::Db,
        _ => ErrorCode::Internal,
    };
    AppError {
        code,
        message: e.to_string(),
    }
}

fn import_error(e: &policydiff::stages::import::Error) -> AppError {
    use policydiff::stages::import::Problem as P;
    let code = match e.problem() {
        None => ErrorCode::Io,
        Some(P::Empty) => ErrorCode::EmptyFile,
        Some(P::NoText) => ErrorCode::NoText,
        Some(P::Binary) => ErrorCode::BinaryFile,
        Some(P::Corrupt) => ErrorCode::CorruptFile,
        Some(P::Protected) => ErrorCode::ProtectedFile,
        Some(P::NoChinese) => ErrorCode::NoChineseText,
        Some(P::TooLarge) => ErrorCode::FileTooLarge,
        Some(_) => ErrorCode::UnsupportedFile,
    };
    AppError {
        code,
        message: e.to_string(),
    }
}

/// An error of opening a library someone chose (a team server): as
/// [`From`] does, but a library whose tables cannot be created or upgraded
/// is `not_a_library`, its message saying so.
pub fn open_error(e: policydiff::Error) -> AppError {
    use policydiff::stages::store::Error as S;
    match &e {
        policydiff::Error::Store(S::Migration(why)) => AppError {
            code: ErrorCode::NotALibrary,
            message: format!(
                "not a PolicyDiff library (or one this PolicyDiff cannot upgrade): {why}"
            ),
        },
        _ => e.into(),
    }
}

/// Result of a command.
pub type AppResult<T> = Result<T, AppError>;
