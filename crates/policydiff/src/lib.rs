//! PolicyDiff's application layer: the operations the command-line tool and
//! the desktop app share, over the stage crates.
//!
//! ```text
//! policydiff-model      plain data (documents, clause trees, comparison results, options)
//!   ├─ policydiff-segment   jieba + policy dictionary
//!   ├─ policydiff-import    file → SourceDoc (decode, DOCX/PDF/HTML, split, clean, metadata)
//!   ├─ policydiff-parse     text → ClauseTree
//!   ├─ policydiff-store     the library (Store trait; SQLite)
//!   ├─ policydiff-engine    two Docs → Comparison (align, word diff, key differences)
//!   └─ policydiff-report    Comparison → text, JSON, HTML, Markdown, CSV, DOCX, PDF
//! policydiff-embed     texts → sentence vectors (static table, e5)
//! policydiff (this crate)   open, import, vectors, compare, matrix, related, similar, export: one call per operation
//! policydiff-cli / policydiff-app   thin binaries over this crate
//! ```
//!
//! Expensive things are made once by the caller and passed in: the
//! [`Segmenter`] (jieba's dictionary) and the open library (a [`Store`]).
//!
//! ```no_run
//! use policydiff::{library, compare, Segmenter};
//! let seg = Segmenter::new();
//! let opened = library::open(&library::default_path()?, &seg)?;
//! let mut store = opened.store;
//! let c = compare::compare_stored(store.as_mut(), &seg, 5, 20, &compare::StoredOptions::default())?;
//! println!("{} pairs", c.pairs.len());
//! # Ok::<(), policydiff::Error>(())
//! ```
#![deny(missing_docs)]

pub mod compare;
pub mod corpus;
mod error;
pub mod export;
pub mod import;
pub mod library;
pub mod matrix;
mod names;
pub mod points;
pub mod related;
pub mod similar;
pub mod vectors;

pub use error::{Error, Result};
pub use policydiff_model as model;
pub use policydiff_model::{Comparison, Doc, DocMeta, Level, SourceDoc};
pub use policydiff_segment::Segmenter;
pub use policydiff_store::{SqliteStore, Store};

/// The stage crates, for callers that need a stage's own API (the outline
/// printer, a single report writer, the aligner's options).
pub mod stages {
    pub use policydiff_embed as embed;
    pub use policydiff_engine as engine;
    pub use policydiff_import as import;
    pub use policydiff_parse as parse;
    pub use policydiff_report as report;
    pub use policydiff_segment as segment;
    pub use policydiff_store as store;
}
