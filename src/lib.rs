//! PolicyDiff core: compare Chinese government policy documents clause by clause.
//!
//! Data flows one way:
//!
//! ```text
//! file ──import──▶ SourceDoc ──parse──▶ ClauseTree ──store──▶ library (SQLite)
//!                                         │
//!                     two trees ──compare (align + diff)──▶ Comparison ──report──▶ text/JSON/HTML
//! ```
//!
//! - [`import`] decodes files and splits compilations into [`SourceDoc`]s (cleaned by [`clean`]).
//! - [`parse`] turns a cleaned text into a [`ClauseTree`] from its Chinese numbering.
//! - [`store`] keeps documents and clauses in a SQLite library with Chinese full-text search.
//! - [`compare`] aligns two trees' units by content and diffs the words in each pair.
//! - [`report`] presents a [`Comparison`].
//!
//! Expensive things are loaded once and passed in: the [`Segmenter`] (jieba) and
//! the library connection.
//!
//! ```no_run
//! use policydiff::{compare, import, parse, Segmenter};
//! let seg = Segmenter::new();
//! let a = import::from_text("一、总体要求\n到2025年，…", None);
//! let b = import::from_text("一、总体要求\n到2026年，…", None);
//! let doc = |d: policydiff::SourceDoc| compare::Doc { id: None, tree: parse::parse(&d.text), meta: d.meta };
//! let result = compare::compare(&seg, &doc(a), &doc(b), &Default::default());
//! println!("{} pairs", result.pairs.len());
//! ```
#![deny(missing_docs)]

pub mod align;
pub mod clean;
pub mod compare;
pub mod diff;
mod error;
pub mod import;
pub mod library;
mod model;
pub mod parse;
pub mod report;
pub mod segment;
pub mod store;

pub use compare::Comparison;
pub use error::{Error, Result};
pub use model::{DocMeta, Level, SourceDoc};
pub use parse::ClauseTree;
pub use segment::Segmenter;
