//! Shell-only IPC types: command arguments, results and event payloads.
//!
//! Core types (documents, comparisons, options, search hits) cross IPC as the
//! model defines them; these shell types add what only the app needs. Every
//! field crosses in snake_case, as the model's do (serde's default for Rust
//! field names); the event payloads are named in [`crate::ipc`].

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use policydiff::compare::StoredOptions;
use policydiff::model::{
    DiffOptions, Format, ImportReport, KeyPoint, MatrixFormat, PairOrder, PairSelection, PointMark,
    ReportLang, ReportOptions, RowOrder, SameTitle,
};

use crate::error::{AppError, AppResult};

/// State of the library, for the status bar and the first-run screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct LibraryStatus {
    /// Number of documents stored.
    pub documents: usize,
    /// The library file.
    pub path: String,
    /// `false` while the first-run import of the bundled corpus is running.
    pub ready: bool,
    /// Why clauses are paired by wording alone (the sentence-vector model
    /// could not be loaded); `None` when vectors are used (or turned off).
    pub vectors_warning: Option<String>,
    /// Why the library is read-only (`the folder /mnt/usb is not writable`),
    /// `null` when it can be changed: the UI then disables every change.
    pub read_only: Option<String>,
}

/// Arguments of `compare_documents`: two stored documents and the options of
/// the word diff inside each pair.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CompareRequest {
    /// Left (older / higher-level) document id.
    pub left: i64,
    /// Right (newer / lower-level) document id.
    pub right: i64,
    /// Word or character diff, whitespace and punctuation width ignored or not.
    pub diff: DiffOptions,
}

impl CompareRequest {
    /// The application layer's options for this request (the user's manual
    /// pairings always apply in the app).
    pub fn options(&self) -> StoredOptions {
        StoredOptions {
            diff: self.diff,
            ignore_manual_pairs: false,
            vectors: None,
        }
    }
}

/// Result of importing one file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ImportOutcome {
    /// The file, as given.
    pub path: String,
    /// Ids of the documents added.
    pub added: Vec<i64>,
    /// Documents already in the library: (title, existing id).
    pub duplicates: Vec<(String, i64)>,
    /// Documents added beside a stored document of the same title (another text).
    pub same_title: Vec<SameTitle>,
    /// Why the file could not be imported (then nothing was stored from it).
    pub error: Option<AppError>,
}

/// Payload of the `corpus-import-progress` event (first run).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CorpusImportProgress {
    /// Documents stored so far.
    pub done: usize,
    /// Documents in the bundled corpus.
    pub total: usize,
}

/// Payload of the `import-progress` event: file `index` of `total` is being read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
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
pub struct ExportProgress {
    /// The export's client-generated id ([`ExportRequest::id`]).
    pub id: String,
    /// The stage it entered.
    pub stage: ExportStage,
}

/// Payload of the `vector-progress` event: the sentence vectors of the
/// library's documents being computed in the background (`done` of `total`
/// documents; comparisons use what is ready and compute the rest), or a
/// comparison that fell back to wording alone (`warning`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct VectorProgress {
    /// Documents whose vectors are stored so far in this run.
    pub done: usize,
    /// Documents that had none when this run began.
    pub total: usize,
    /// Why vectors were not used (a damaged stored vector, a failed run):
    /// the comparison is by wording alone.
    pub warning: Option<String>,
}

/// Which kind of library is open.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum LibraryKind {
    /// A library file on this computer (SQLite).
    File,
    /// A team library on a PostgreSQL server.
    Server,
}

/// Where the open library is, and the library settings (`library_location`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct LibraryLocation {
    /// The kind of the library open now.
    pub kind: LibraryKind,
    /// The library file, or the server's URL without its password.
    pub location: String,
    /// The local library file (opened when "local file" is chosen).
    pub local_path: String,
    /// The team server saved in the settings (without its password), also
    /// when it is not in use; `null` when none was ever chosen.
    pub server_url: Option<String>,
    /// The author name written with notes and pairings from now on.
    pub author: Option<String>,
    /// The author name used when none is set (`$POLICYDIFF_AUTHOR` or the
    /// OS user name).
    pub default_author: Option<String>,
    /// Why the team server chosen in the settings is not in use: it could not
    /// be opened at startup, so the local library was opened instead.
    pub fallback: Option<AppError>,
}

/// Arguments of `set_library_location`: the library to open from now on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct LibraryChoice {
    /// The local file or a team server.
    pub kind: LibraryKind,
    /// The server's URL (`postgres://user@host:port/db`), for `server`.
    pub url: Option<String>,
    /// The server's password when it is not in `~/.pgpass` or `$PGPASSWORD`:
    /// kept in memory for this session, never saved.
    pub password: Option<String>,
}

/// Result of `test_library_connection`: the server answered and holds a
/// library this PolicyDiff can use.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ConnectionReport {
    /// The server's URL without its password.
    pub location: String,
    /// Documents in the team library.
    pub documents: usize,
    /// The PostgreSQL server's version.
    pub server_version: Option<String>,
}

/// Payload of the `library-changed` event: the library's documents changed
/// (import, delete, first run); the UI reloads what it shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
pub struct LibraryChanged {}

impl ImportOutcome {
    /// The outcome of importing `path`; an error message always names the file.
    pub fn new(path: String, result: AppResult<ImportReport>) -> Self {
        match result {
            Ok(report) => ImportOutcome {
                path,
                added: report.added,
                duplicates: report.duplicates,
                same_title: report.same_title,
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
                    same_title: Vec::new(),
                    error: Some(e),
                }
            }
        }
    }
}

/// Arguments of `add_note`: a note on the pair (`left_path`, `right_path`) of
/// the comparison of `left` with `right` (at least one path given).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
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

/// Arguments of `mark_key_point`: one key point of a comparison (as for
/// `compare_documents`) and what the user makes of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PointMarkRequest {
    /// The comparison.
    pub compare: CompareRequest,
    /// The point's `KeyPoint.id`.
    pub point_id: String,
    /// Pin or hide it; `null` takes either away.
    pub mark: Option<PointMark>,
}

/// The key points of a comparison as the user arranged them (the
/// `key_points` and `hidden_key_points` of a `Comparison`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct KeyPointList {
    /// Shown: the pinned points first, then the others, in ranking order.
    pub key_points: Vec<KeyPoint>,
    /// Hidden by the user, in ranking order.
    pub hidden_key_points: Vec<KeyPoint>,
}

/// Arguments of `force_pair`, `forbid_pair` and `clear_pairing`: one left
/// clause and one right clause of the comparison of `left` with `right`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
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

/// Arguments of `export_comparison`: the comparison (as for
/// `compare_documents`), where and how to write it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ExportRequest {
    /// Client-generated id of this export: `cancel_export(id)` cancels it and
    /// its `export-progress` events carry it.
    pub id: String,
    /// The comparison to export, computed exactly as `compare_documents` does.
    pub compare: CompareRequest,
    /// Output format.
    pub format: Format,
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
    /// The report's language (the UI's): its titles, labels and key
    /// differences; the documents' text stays as written. Chinese when
    /// absent (requests of older front ends).
    #[serde(default)]
    pub lang: ReportLang,
    /// The pairs' order (the view's 行序), numbered in it. As aligned when
    /// absent (requests of older front ends).
    #[serde(default)]
    pub order: PairOrder,
}

impl ExportRequest {
    /// The core's report options for this request.
    pub fn report_options(&self) -> policydiff::model::ReportOptions {
        ReportOptions {
            summary: self.summary,
            key_diffs: self.key_diffs,
            pairs: if self.changed_only {
                PairSelection::ChangedOnly
            } else {
                PairSelection::All
            },
            notes: self.notes,
            lang: self.lang,
            order: self.order,
            ..ReportOptions::default()
        }
    }
}

/// Arguments of `coverage_matrix`: one stored base document against stored
/// documents, with the options of the word diff inside each pair.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct MatrixRequest {
    /// The base document id.
    pub base: i64,
    /// The documents to compare with it, in column order (the UI's "all
    /// documents" sends every other id).
    pub others: Vec<i64>,
    /// Row order: reading order or most adopted first.
    pub order: RowOrder,
    /// Word or character diff, whitespace and punctuation width ignored or not.
    pub diff: DiffOptions,
}

impl MatrixRequest {
    /// The application layer's options (the user's manual pairings always
    /// apply in the app, as in `compare_documents`).
    pub fn options(&self) -> StoredOptions {
        StoredOptions {
            diff: self.diff,
            ignore_manual_pairs: false,
            vectors: None,
        }
    }
}

/// Arguments of `export_matrix`: the matrix (as for `coverage_matrix`),
/// where and in which format to write it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct MatrixExportRequest {
    /// The matrix, computed exactly as `coverage_matrix` does.
    pub matrix: MatrixRequest,
    /// Output format.
    pub format: MatrixFormat,
    /// The file to write (replaced atomically if it exists).
    pub path: String,
    /// The report's language (the UI's), as for [`ExportRequest::lang`].
    #[serde(default)]
    pub lang: ReportLang,
}
