//! PolicyDiff core: compare Chinese government policy documents clause by clause.
//!
//! Data flows one way:
//!
//! ```text
//! file ──import──▶ SourceDoc ──parse──▶ ClauseTree ──store──▶ library (SQLite)
//!                                         │
//!                     two trees ──compare (align + diff)──▶ Comparison ──report──▶ text/JSON/HTML/MD/CSV/DOCX
//! ```
//!
//! - [`import`] decodes files and splits compilations into [`SourceDoc`]s (cleaned by [`clean`]).
//! - [`parse`] turns a cleaned text into a [`ClauseTree`] from its Chinese numbering.
//! - [`store`] keeps documents and clauses in a SQLite library with Chinese full-text search.
//! - [`compare`] aligns two trees' units by content and diffs the words in each pair.
//! - [`report`] presents a [`Comparison`] (terminal text, JSON, HTML, Markdown, CSV, Word).
//! - [`library`] holds the one-call pipelines the CLI and the desktop shell start from.
//!
//! Expensive things are loaded once and passed in: the [`Segmenter`] (jieba) and
//! the library connection.
//!
//! ```
//! use policydiff::{compare, import, parse, Segmenter};
//! let seg = Segmenter::new();
//! let a = import::from_text("某市工作方案\n一、总体要求\n到2025年底前，建成市、县两级诉求响应机制。", None);
//! let b = import::from_text("某区工作方案\n一、总体要求\n到2026年底前，建成区级诉求响应机制。", None);
//! let doc = |d: policydiff::SourceDoc| compare::Doc { id: None, tree: parse::parse(&d.text), meta: d.meta };
//! let result = compare::compare(&seg, &doc(a), &doc(b), &Default::default());
//! let item = result.pairs.iter().find(|p| p.left.as_ref().is_some_and(|u| u.label == "一、")).unwrap();
//! assert_eq!(item.kind, compare::PairKind::Modified);
//! assert!(item.key_diffs.iter().any(|k| k.kind == compare::KeyDiffKind::Deadline));
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
