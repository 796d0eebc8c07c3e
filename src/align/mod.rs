//! Align the comparison units of two documents by content.
//!
//! Takes the units of two [`crate::parse::ClauseTree`]s and hands on
//! [`AlignedPair`]s in reading order: indices into the inputs, a kind and a
//! similarity. Used by [`crate::compare`]; not the place to start.

use crate::compare::PairKind;
use crate::parse::ClauseKind;

/// One unit to align.
#[derive(Debug, Clone)]
pub struct Unit<'a> {
    /// Clause kind.
    pub kind: ClauseKind,
    /// Numbering label.
    pub label: &'a str,
    /// Depth in the tree.
    pub depth: usize,
    /// Full unit text.
    pub text: &'a str,
}

/// A pair of aligned units (indices into the unit slices).
#[derive(Debug, Clone, PartialEq)]
pub struct AlignedPair {
    /// Left unit index, `None` when right-only.
    pub left: Option<usize>,
    /// Right unit index, `None` when left-only.
    pub right: Option<usize>,
    /// Relation.
    pub kind: PairKind,
    /// Similarity 0.0–1.0.
    pub similarity: f64,
    /// Split/merge group.
    pub group: Option<usize>,
}

/// Align two unit lists.
pub fn align(left: &[Unit<'_>], right: &[Unit<'_>]) -> Vec<AlignedPair> {
    // Placeholder: everything one-sided.
    let mut out = Vec::new();
    for i in 0..left.len() {
        out.push(AlignedPair {
            left: Some(i),
            right: None,
            kind: PairKind::LeftOnly,
            similarity: 0.0,
            group: None,
        });
    }
    for j in 0..right.len() {
        out.push(AlignedPair {
            left: None,
            right: Some(j),
            kind: PairKind::RightOnly,
            similarity: 0.0,
            group: None,
        });
    }
    out
}
