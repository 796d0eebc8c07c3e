//! The shared model of PolicyDiff: plain data that flows between the stages.
//!
//! ```text
//! file ──import──▶ SourceDoc ──parse──▶ ClauseTree ──store──▶ library
//!                                          │
//!                    two Docs ──engine (align + diff)──▶ Comparison ──report──▶ text/JSON/HTML/…
//! ```
//!
//! - [`SourceDoc`] and [`DocMeta`]: what import hands on (metadata, original and cleaned text).
//! - [`ClauseTree`] of [`Clause`]s: what parsing hands on.
//! - [`Doc`]: a document ready to compare; [`Comparison`] of [`Pair`]s: what the engine hands on.
//! - [`options`]: the options of the diff, the comparison and the reports, each enum defined once.
//! - [`matrix`]: one base document against many (the coverage matrix).
//! - [`related`]: citations, related documents and similar clauses.
//! - [`library`]: rows, search hits and notes as the store hands them out.
//! - [`text`]: character classes and foldings every stage shares.
//! - [`io_message`]: an I/O error in plain words, as every stage reports it.
//!
//! Nothing here does work, and this crate depends on no other crate of
//! PolicyDiff. Features: `ts` derives `ts_rs::TS` (the desktop app's
//! TypeScript bindings), `clap` derives `clap::ValueEnum` (the CLI's flags).
#![deny(missing_docs)]

mod comparison;
mod doc;
pub mod library;
pub mod matrix;
mod message;
pub mod options;
pub mod related;
pub mod text;
mod tree;
pub mod unit_names;

pub use comparison::{
    row_order, Comparison, Direction, Doc, DocInfo, KeyDiff, KeyDiffKind, KeyLabel, KeyPart,
    KeyPoint, OpTag, Overrides, Pair, PairKind, PathPair, PointMark, SideCounts, StoredPointMark,
    Substitution, Suggestion, Summary, UnitView, WordOp,
};
pub use doc::{DocMeta, Level, SourceDoc};
pub use library::{
    DocPage, DocRow, HitKind, ImportReport, LevelFacet, LibraryFacets, ListFilter, MetaEdit, Note,
    RecentComparison, RegionFacet, SameTitle, SearchHit, SearchScope, SortBy, Stats, StoredDoc,
    StoredNote, StoredPairing, YearFacet,
};
pub use matrix::{
    AddedUnit, Additions, CellCounts, CellKind, Matrix, MatrixCell, MatrixDoc, MatrixFormat,
    MatrixRow, MatrixUnit, RowOrder,
};
pub use message::io_message;
pub use options::{
    CompareOptions, DiffOptions, Format, Granularity, PairOrder, PairSelection, ReportLang,
    ReportOptions, UnknownFormat,
};
pub use related::{Citation, CitationKind, CitationLink, RelatedDoc, Relation, SimilarClause};
pub use tree::{Clause, ClauseKind, ClauseTree};
