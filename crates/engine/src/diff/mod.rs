//! Word-level diff inside an aligned pair, and the key differences.
//!
//! Takes the two texts of one aligned pair and hands on:
//! - [`word_diff`]: [`WordOp`]s covering both texts — the texts are cut into
//!   tokens ([`Segmenter::tokens`]: jieba words with the policy dictionary,
//!   numbers with their units whole), the token sequences are diffed with
//!   `similar`, and the result is cleaned up the way diff-match-patch's
//!   `diff_cleanupSemantic` does, so a reader sees whole changed phrases;
//! - [`key_diffs`]: the differences a reader must not miss (numbers and
//!   deadlines with their direction, administrative scope, responsible
//!   units, obligation strength, conditions), each as a [`KeyDiff`] with a
//!   one-line Chinese explanation, and the localisation of a copy one level
//!   down (`省商务厅` → `市商务局`) folded into one non-substantive entry;
//! - [`key_points`]: the ranked summary of a whole comparison (要点摘要),
//!   with the task items one document drops or adds (`删除任务：…`).
//!
//! Used by [`crate::compare`]; not the place to start (see [`crate::compare`]).
//!
//! # The ops
//! Concatenating the `Equal` and `Delete` texts gives the left text, `Equal`
//! and `Insert` the right text. Adjacent runs never share a tag, and within
//! a change the `Delete` comes before the `Insert`; in a comparison (not in
//! [`word_diff`]), a unit's changed numbering label is a run of its own,
//! marked [`WordOp::renumbered`] (see [`mark_renumbering`]). With
//! [`DiffOptions::ignore_whitespace`] or [`DiffOptions::ignore_punct_width`],
//! differences they ignore are shown as `Equal`, and an `Equal` run carries
//! the **right** text: `Equal`+`Insert` still gives the right text exactly,
//! `Equal`+`Delete` gives the left text up to the ignored differences.
//!
//! # Deadlines and performance
//! The token diff runs with a deadline of [`DIFF_TIMEOUT`]. When it runs out
//! (only for long, very different texts), `similar` stops refining and the
//! part still unresolved is reported as one deleted and one inserted block:
//! coarser, but still an exact cover of both texts.

mod cleanup;
mod keys;
mod normalize;
mod points;
mod renumber;
mod tasks;
mod tokens;
mod words;

use std::time::Duration;

use policydiff_model::{ClauseKind, DiffOptions, KeyDiff, WordOp};
use policydiff_segment::Segmenter;

pub use points::{
    key_points, localisation_count, MAX_DUTY_POINTS, MAX_DUTY_POINTS_PER_SIDE, MAX_POINTS,
    MIN_SIMILARITY,
};
pub use renumber::Labelled;
pub use tasks::DERIVED_SIMILARITY;

/// Time allowed to the token diff of one pair before it falls back to coarser blocks.
pub const DIFF_TIMEOUT: Duration = Duration::from_millis(250);

/// Diff two texts word by word (or character by character, see [`DiffOptions`]).
///
/// The ops cover both texts exactly (see the module docs for the ignore options).
pub fn word_diff(seg: &Segmenter, left: &str, right: &str, opts: DiffOptions) -> Vec<WordOp> {
    words::diff(seg, left, right, opts)
}

/// Mark the runs of a pair's ops that are its units' own numbering labels
/// when the labels differ ([`WordOp::renumbered`]): a renumbering is shown
/// plain. A run going on past its label is split there.
pub fn mark_renumbering(ops: Vec<WordOp>, left: Labelled<'_>, right: Labelled<'_>) -> Vec<WordOp> {
    renumber::mark(ops, left, right)
}

/// The key differences between two texts of an aligned pair.
///
/// At most one finding per kind, whose detail lists that kind's changes in
/// order (`范围：各地级以上市 → 市、区；删除 省市两级`); responsible units give one finding
/// per role (lead, participating). Numbers with their units are compared as
/// multisets, so a value that only moved within the text is not reported;
/// scope phrases are looked for in the changed regions of a word diff of the
/// two texts (whitespace and full-width forms ignored, whatever the display
/// options), so a scope phrase is reported once, where it changed, old paired
/// with new. The list holds no duplicates; its order is numbers, scope,
/// responsibility, obligation, condition, localisation. See
/// [`policydiff_model::KeyDiffKind`] for what falls into which kind.
///
/// When the two texts are mostly the same (a copy), counterpart
/// substitutions one level down (`省商务厅` → `市商务局`, `全省` → `全市`,
/// `各地级以上市` → `各区`, `省级` → `市级`, `广东省` → `佛山市`) are no scope or
/// responsibility findings: they make one `localisation` entry
/// (`substantive: false`, `count`, `substitutions` in text order, detail
/// `本地化替换 N 处`). Numbers and obligations carry a direction (stricter,
/// looser, changed).
///
/// Uses the process-wide [`Segmenter::shared`]; [`key_diffs_with`] takes a segmenter.
pub fn key_diffs(left: &str, right: &str) -> Vec<KeyDiff> {
    keys::key_diffs(Segmenter::shared(), left, right, None)
}

/// [`key_diffs`] with the given segmenter for the word diff of the scope phrases.
pub fn key_diffs_with(seg: &Segmenter, left: &str, right: &str) -> Vec<KeyDiff> {
    keys::key_diffs(seg, left, right, None)
}

/// The contrasts of a topic-level (`related`) pair: the values of one kind
/// (deadlines, percentages, amounts, durations, counts; not dates) that two
/// independently written provisions give for the same thing, where they
/// differ, as key differences whose parts are marked
/// [`policydiff_model::KeyPart::contrast`]: `时长对比：20日内 ↔ 5个工作日内（通知书发出之日起）`.
/// A value is paired only with one about a like subject; what one text says
/// and the other does not gives nothing.
pub fn contrasts(left: &str, right: &str) -> Vec<KeyDiff> {
    keys::contrasts(left, right)
}

/// What the units of a pair hold, for the key differences.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Content {
    /// Policy text: key differences are looked for.
    Text,
    /// Document metadata: the title with the document number (文号), or the
    /// signature with the issuer and the date. Their changes are no key
    /// differences (a later signing date is no later deadline).
    Metadata,
}

impl Content {
    /// The content of a pair of units of these kinds: metadata when either
    /// is a title or a signature.
    pub fn of(left: ClauseKind, right: ClauseKind) -> Content {
        let meta = |k: ClauseKind| matches!(k, ClauseKind::Title | ClauseKind::Signature);
        if meta(left) || meta(right) {
            Content::Metadata
        } else {
            Content::Text
        }
    }
}

/// The word diff for display and the key differences of a pair (none for
/// [`Content::Metadata`]), diffing only once when the display options are
/// the ones the key differences use (word granularity, whitespace and
/// full-width forms ignored).
pub fn pair_diff(
    seg: &Segmenter,
    left: &str,
    right: &str,
    opts: DiffOptions,
    content: Content,
) -> (Vec<WordOp>, Vec<KeyDiff>) {
    let ops = words::diff(seg, left, right, opts);
    let keys = if content == Content::Metadata {
        Vec::new()
    } else if opts == keys::KEY_DIFF_OPTIONS {
        keys::key_diffs(seg, left, right, Some(&ops))
    } else {
        keys::key_diffs(seg, left, right, None)
    };
    (ops, keys)
}
