//! Parse a cleaned document text into a clause tree from its Chinese numbering.
//!
//! Takes the cleaned text of one document ([`SourceDoc::text`](policydiff_model::SourceDoc::text)) and
//! hands on a [`ClauseTree`]: a flat arena of [`Clause`]s in reading order,
//! each knowing its parent and children. Parsing is total: any text yields a
//! tree (a flat list of paragraphs when there is no numbering), never a panic,
//! in time linear in the text.
//!
//! Start with [`parse`]; [`outline`] prints a tree for people; [`citations`]
//! finds the documents a text cites. The modules:
//! `numbering` recognises a label at the start of a paragraph, `head` the
//! shapes of a document's head (title, 文号, salutation, signature), `heading`
//! picks a unit's heading, `tree` builds the tree (its doc has the rules).
//!
//! # Paths
//!
//! [`Clause::path`] is unique within a document. Numbered units: their labels
//! without trailing punctuation, brackets kept, joined by `/` from the top:
//! `二/（一）/3`, `第一章/第三条`, `附件1`. An article's paragraphs (款):
//! `第三条/款2` (the article's own first line is 款1 unless it is only a
//! heading). Head units: `标题`, `印发通知`, `落款`, `序言`; free paragraphs of a
//! document without numbering: `段1`, `段2`, …. A repeated path gets a suffix:
//! `标题#2`, `序言#3`, `落款#2`.
//!
//! ```
//! use policydiff_parse::{parse, ClauseKind};
//! let tree = parse("工作方案\n为做好工作，制定本方案。\n一、工作目标\n（一）加强领导。\n1. 健全机制。具体内容。");
//! let paths: Vec<&str> = tree.clauses.iter().map(|c| c.path.as_str()).collect();
//! assert_eq!(paths, ["标题", "序言", "一", "一/（一）", "一/（一）/1"]);
//! assert_eq!(tree.clauses[4].heading.as_deref(), Some("健全机制"));
//! assert_eq!(tree.clauses[4].kind, ClauseKind::Point);
//! ```
#![deny(missing_docs)]

pub mod citations;
mod head;
mod heading;
mod numbering;
mod outline;
mod tree;

pub use outline::outline;

pub use policydiff_model::{Clause, ClauseKind, ClauseTree};

/// Parse a cleaned document text into a clause tree.
///
/// Paragraphs are the lines of `text`; blank lines are ignored. See the
/// module doc for paths and [`ClauseKind`] for the units. Never panics.
pub fn parse(text: &str) -> ClauseTree {
    tree::build(text)
}
