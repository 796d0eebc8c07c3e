//! The local library: documents, clauses and full-text search in one SQLite file.
//!
//! Takes [`crate::SourceDoc`]s with their [`crate::parse::ClauseTree`]s and
//! stores them in one transaction per import; hands back document lists,
//! documents with their trees, and search hits.
//!
//! API contract (implemented by the store work; signatures are fixed so the CLI
//! and the desktop shell can be written against them).

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::Result;
use crate::model::{DocMeta, Level, SourceDoc};
use crate::parse::ClauseTree;
use crate::segment::Segmenter;

/// A library row: a document's id and metadata, without its text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DocRow {
    /// Library id.
    pub id: i64,
    /// Metadata.
    #[serde(flatten)]
    pub meta: DocMeta,
    /// Number of clauses.
    pub clause_count: usize,
    /// Number of characters of the cleaned text.
    pub chars: usize,
}

/// A stored document with its text and clause tree.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct StoredDoc {
    /// Library id.
    pub id: i64,
    /// Metadata.
    pub meta: DocMeta,
    /// Original text as imported.
    pub original: String,
    /// Cleaned text.
    pub text: String,
    /// Clause tree.
    pub tree: ClauseTree,
}

/// Sort order of [`Library::list`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum SortBy {
    /// Library order (id).
    #[default]
    Id,
    /// Newest first.
    DateDesc,
    /// Oldest first.
    DateAsc,
    /// By title.
    Title,
}

/// Filters of [`Library::list`]; `None` means no filter.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ListFilter {
    /// Substring of the province or city (`广东`, `佛山`).
    pub region: Option<String>,
    /// Administrative level.
    pub level: Option<Level>,
    /// Year of the issue date.
    pub year: Option<i32>,
    /// Sort order.
    #[serde(default)]
    pub sort: SortBy,
}

/// One full-text search hit: a clause of a document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SearchHit {
    /// Document id.
    pub doc_id: i64,
    /// Document title.
    pub title: String,
    /// Clause index in the document's tree.
    pub clause: usize,
    /// Clause path (`二/（一）/3`).
    pub path: String,
    /// Clause label.
    pub label: String,
    /// The clause text (normalised).
    pub text: String,
    /// Byte ranges of the matched words in `text`.
    pub matches: Vec<(usize, usize)>,
    /// Rank (lower is better, bm25).
    pub rank: f64,
}

/// Outcome of one import.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ImportReport {
    /// Ids of the documents added.
    pub added: Vec<i64>,
    /// Documents already in the library (same content hash): (title, existing id).
    pub duplicates: Vec<(String, i64)>,
}

/// A recent comparison, remembered for the app.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RecentComparison {
    /// Left document id.
    pub left: i64,
    /// Right document id.
    pub right: i64,
    /// When it was opened (RFC 3339 / SQLite datetime, UTC).
    pub opened_at: String,
}

/// An open library (one SQLite connection). Open it once and pass it around.
#[derive(Debug)]
pub struct Library {
    _path: Option<PathBuf>,
}

impl Library {
    /// The default library file: `<OS data dir>/policydiff/library.sqlite3`.
    pub fn default_path() -> Result<PathBuf> {
        todo!()
    }
    /// Open (creating or upgrading) the library at `path`. Sets WAL and foreign keys.
    pub fn open(_path: &Path) -> Result<Library> {
        todo!()
    }
    /// An in-memory library (tests).
    pub fn open_in_memory() -> Result<Library> {
        todo!()
    }
    /// Number of documents.
    pub fn count(&self) -> Result<usize> {
        todo!()
    }
    /// Store documents and their clause trees in one transaction: all or nothing.
    /// A document whose content hash is already stored is reported as a duplicate, not added.
    pub fn add(
        &mut self,
        _seg: &Segmenter,
        _docs: &[(SourceDoc, ClauseTree)],
    ) -> Result<ImportReport> {
        todo!()
    }
    /// List documents.
    pub fn list(&self, _filter: &ListFilter) -> Result<Vec<DocRow>> {
        todo!()
    }
    /// One document with its text and tree. `Error::NoSuchDocument` when absent.
    pub fn get(&self, _id: i64) -> Result<StoredDoc> {
        todo!()
    }
    /// Delete a document and its clauses.
    pub fn delete(&mut self, _id: i64) -> Result<()> {
        todo!()
    }
    /// Full-text search over clauses, best first.
    pub fn search(&self, _seg: &Segmenter, _query: &str, _limit: usize) -> Result<Vec<SearchHit>> {
        todo!()
    }
    /// Remember that two documents were compared (most recent first in [`Library::recent`]).
    pub fn remember_comparison(&mut self, _left: i64, _right: i64) -> Result<()> {
        todo!()
    }
    /// Recent comparisons, most recent first.
    pub fn recent(&self, _limit: usize) -> Result<Vec<RecentComparison>> {
        todo!()
    }
}
