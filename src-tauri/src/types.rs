//! Shell-only IPC types: command arguments, results and event payloads.
//!
//! Core types (documents, comparisons, search hits) cross IPC as the core
//! defines them (snake_case fields); these shell types use camelCase.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::AppError;

/// State of the library, for the status bar and the first-run screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LibraryStatus {
    /// Number of documents stored.
    pub documents: usize,
    /// The library file.
    pub path: String,
    /// `false` while the first-run import of the bundled corpus is running.
    pub ready: bool,
}

/// Word or character diff inside each pair.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum Granularity {
    /// jieba words.
    #[default]
    Word,
    /// Single characters.
    Char,
}

/// Arguments of `compare_documents`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CompareRequest {
    /// Left (older / higher-level) document id.
    pub left: i64,
    /// Right (newer / lower-level) document id.
    pub right: i64,
    /// Word or character diff.
    pub granularity: Granularity,
    /// Treat whitespace differences as equal.
    pub ignore_whitespace: bool,
    /// Treat full-width and half-width punctuation as equal.
    pub ignore_punct_width: bool,
}

impl CompareRequest {
    /// The core's diff options for this request.
    pub fn diff_options(&self) -> policydiff::diff::DiffOptions {
        policydiff::diff::DiffOptions {
            granularity: match self.granularity {
                Granularity::Word => policydiff::diff::Granularity::Word,
                Granularity::Char => policydiff::diff::Granularity::Char,
            },
            ignore_whitespace: self.ignore_whitespace,
            ignore_punct_width: self.ignore_punct_width,
        }
    }
}

/// Result of importing one file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportOutcome {
    /// The file, as given.
    pub path: String,
    /// Ids of the documents added.
    pub added: Vec<i64>,
    /// Documents already in the library: (title, existing id).
    pub duplicates: Vec<(String, i64)>,
    /// Why the file could not be imported (then nothing was stored from it).
    pub error: Option<AppError>,
}

/// Payload of the `corpus-import-progress` event (first run).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CorpusImportProgress {
    /// Documents stored so far.
    pub done: usize,
    /// Documents in the bundled corpus.
    pub total: usize,
}

/// Payload of the `import-progress` event: file `index` of `total` is being read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportProgress {
    /// 0-based index of the file being imported.
    pub index: usize,
    /// Number of files in this import.
    pub total: usize,
    /// The file being imported.
    pub path: String,
}

/// Event names (shell → UI).
pub mod events {
    /// First-run import of the bundled corpus; payload [`super::CorpusImportProgress`].
    pub const CORPUS_IMPORT_PROGRESS: &str = "corpus-import-progress";
    /// Import of user files; payload [`super::ImportProgress`].
    pub const IMPORT_PROGRESS: &str = "import-progress";
    /// The library's documents changed (import, delete); payload `{}`.
    pub const LIBRARY_CHANGED: &str = "library-changed";
}

impl ImportOutcome {
    /// The outcome of importing `path`; an error message always names the file.
    pub fn new(
        path: String,
        result: crate::error::AppResult<policydiff::store::ImportReport>,
    ) -> Self {
        match result {
            Ok(report) => ImportOutcome {
                path,
                added: report.added,
                duplicates: report.duplicates,
                error: None,
            },
            Err(mut e) => {
                if !e.message.contains(&path) {
                    e.message = format!("{path}: {}", e.message);
                }
                ImportOutcome {
                    path,
                    added: Vec::new(),
                    duplicates: Vec::new(),
                    error: Some(e),
                }
            }
        }
    }
}
