//! Word-level diff inside an aligned pair, and the key differences.
//!
//! Takes two unit texts and hands on [`crate::compare::WordOp`]s (jieba
//! tokens diffed with `similar`, then semantically cleaned up) and
//! [`crate::compare::KeyDiff`]s. Used by [`crate::compare`].

use crate::compare::{KeyDiff, OpTag, WordOp};
use crate::segment::Segmenter;

/// Granularity of the diff.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Granularity {
    /// jieba words (default).
    #[default]
    Word,
    /// Single characters.
    Char,
}

/// Options for the word diff.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct DiffOptions {
    /// Word or character granularity.
    pub granularity: Granularity,
    /// Treat whitespace differences as equal.
    pub ignore_whitespace: bool,
    /// Treat full-width and half-width punctuation as equal.
    pub ignore_punct_width: bool,
}

/// Diff two texts word by word.
pub fn word_diff(_seg: &Segmenter, left: &str, right: &str, _opts: DiffOptions) -> Vec<WordOp> {
    // Placeholder: whole texts.
    if left == right {
        return vec![WordOp {
            tag: OpTag::Equal,
            text: left.to_string(),
        }];
    }
    vec![
        WordOp {
            tag: OpTag::Delete,
            text: left.to_string(),
        },
        WordOp {
            tag: OpTag::Insert,
            text: right.to_string(),
        },
    ]
}

/// The key differences between two texts of an aligned pair.
pub fn key_diffs(_left: &str, _right: &str) -> Vec<KeyDiff> {
    Vec::new()
}
