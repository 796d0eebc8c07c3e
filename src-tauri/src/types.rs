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
    pub fn diff_options(&self) -> policydiff::model::DiffOptions {
        policydiff::model::DiffOptions {
            granularity: match self.granularity {
                Granularity::Word => policydiff::model::Granularity::Word,
                Granularity::Char => policydiff::model::Granularity::Char,
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

/// Stage of a running export, reported by the `export-progress` event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ExportStage {
    /// Computing the comparison.
    Compare,
    /// Loading the notes.
    Notes,
    /// Writing the file.
    Write,
    /// The file is written (the export succeeded).
    Done,
}

/// Payload of the `export-progress` event: export `id` entered `stage`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ExportProgress {
    /// The export's client-generated id ([`ExportRequest::id`]).
    pub id: String,
    /// The stage it entered.
    pub stage: ExportStage,
}

/// Event names (shell → UI).
pub mod events {
    /// First-run import of the bundled corpus; payload [`super::CorpusImportProgress`].
    pub const CORPUS_IMPORT_PROGRESS: &str = "corpus-import-progress";
    /// Import of user files; payload [`super::ImportProgress`].
    pub const IMPORT_PROGRESS: &str = "import-progress";
    /// The library's documents changed (import, delete); payload `{}`.
    pub const LIBRARY_CHANGED: &str = "library-changed";
    /// A running export entered a stage; payload [`super::ExportProgress`].
    pub const EXPORT_PROGRESS: &str = "export-progress";
}

impl ImportOutcome {
    /// The outcome of importing `path`; an error message always names the file.
    pub fn new(
        path: String,
        result: crate::error::AppResult<policydiff::model::ImportReport>,
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

/// Arguments of `add_note`: a note on the pair (`leftPath`, `rightPath`) of
/// the comparison of `left` with `right` (at least one path given).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct NoteRequest {
    /// Left document id.
    pub left: i64,
    /// Right document id.
    pub right: i64,
    /// Path of the left clause (`UnitView.path`), `null` for a right-only pair.
    pub left_path: Option<String>,
    /// Path of the right clause, `null` for a left-only pair.
    pub right_path: Option<String>,
    /// Optional tag, e.g. one of `note_tags()`.
    pub tag: Option<String>,
    /// The remark (not empty).
    pub text: String,
}

/// Arguments of `force_pair`, `forbid_pair` and `clear_pairing`: one left
/// clause and one right clause of the comparison of `left` with `right`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PairingRequest {
    /// Left document id.
    pub left: i64,
    /// Right document id.
    pub right: i64,
    /// Path of the left clause (`UnitView.path`).
    pub left_path: String,
    /// Path of the right clause.
    pub right_path: String,
}

/// Output format of `export_comparison`, named by its file extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub enum ExportFormat {
    /// Word briefing note (对比分析报告).
    #[serde(rename = "docx")]
    Docx,
    /// PDF briefing note (the DOCX's content, system CJK fonts embedded).
    #[serde(rename = "pdf")]
    Pdf,
    /// One self-contained HTML page (prints on A4).
    #[serde(rename = "html")]
    Html,
    /// Markdown (GFM tables).
    #[serde(rename = "md")]
    Markdown,
    /// CSV for Excel (UTF-8 with BOM, one row per pair).
    #[serde(rename = "csv")]
    Csv,
    /// JSON, the wire format of `Comparison` (options and notes do not apply).
    #[serde(rename = "json")]
    Json,
    /// Plain text, side by side.
    #[serde(rename = "txt")]
    Text,
}

impl From<ExportFormat> for policydiff::model::Format {
    fn from(f: ExportFormat) -> Self {
        use policydiff::model::Format;
        match f {
            ExportFormat::Docx => Format::Docx,
            ExportFormat::Pdf => Format::Pdf,
            ExportFormat::Html => Format::Html,
            ExportFormat::Markdown => Format::Markdown,
            ExportFormat::Csv => Format::Csv,
            ExportFormat::Json => Format::Json,
            ExportFormat::Text => Format::Text,
        }
    }
}

/// Arguments of `export_comparison`: the comparison (as for
/// `compare_documents`), where and how to write it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ExportRequest {
    /// Client-generated id of this export: `cancel_export(id)` cancels it and
    /// its `export-progress` events carry it.
    pub id: String,
    /// The comparison to export, computed exactly as `compare_documents` does.
    pub compare: CompareRequest,
    /// Output format.
    pub format: ExportFormat,
    /// The file to write (replaced atomically if it exists).
    pub path: String,
    /// Include the summary.
    pub summary: bool,
    /// Include key differences.
    pub key_diffs: bool,
    /// Leave out identical pairs (a pair with a note is always shown).
    pub changed_only: bool,
    /// Include the user's notes under their pairs.
    pub notes: bool,
}

impl ExportRequest {
    /// The core's report options for this request.
    pub fn report_options(&self) -> policydiff::model::ReportOptions {
        use policydiff::model::{PairSelection, ReportOptions};
        ReportOptions {
            summary: self.summary,
            key_diffs: self.key_diffs,
            pairs: if self.changed_only {
                PairSelection::ChangedOnly
            } else {
                PairSelection::All
            },
            notes: self.notes,
            ..ReportOptions::default()
        }
    }
}
