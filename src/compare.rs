//! Compare two parsed documents: the result model and the one call that builds it.
//!
//! Takes two documents (metadata + [`ClauseTree`]), aligns their comparison
//! units ([`crate::align`]), diffs the words inside each pair ([`crate::diff`])
//! and pulls out the key differences. Hands on a [`Comparison`], a plain model
//! that every output (terminal, JSON, HTML, the desktop app) presents.
//!
//! # JSON wire format (`policydiff compare --format json`)
//! One object: `left` and `right` (document metadata, see [`DocInfo`]),
//! `summary` ([`Summary`]), and `pairs`: the aligned pairs in reading order
//! ([`Pair`]). Field names are snake_case; optional values are `null`.

use serde::{Deserialize, Serialize};

use crate::model::DocMeta;
use crate::parse::{ClauseKind, ClauseTree};

/// How a pair of units relates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PairKind {
    /// Same text (after normalisation), same relative place.
    Same,
    /// Changed text, same relative place.
    Modified,
    /// Same or changed text, but the unit moved relative to its neighbours.
    Moved,
    /// One left unit corresponds to several right units (this pair is one of them).
    Split,
    /// Several left units correspond to one right unit (this pair is one of them).
    Merged,
    /// The unit exists only in the left document (removed).
    LeftOnly,
    /// The unit exists only in the right document (added).
    RightOnly,
}

/// One side of a pair: which unit, and its text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UnitView {
    /// Index of the clause in its document's [`ClauseTree`].
    pub clause: usize,
    /// Clause kind.
    pub kind: ClauseKind,
    /// Clause path, e.g. `二/（一）/3`.
    pub path: String,
    /// Numbering label, e.g. `（一）`.
    pub label: String,
    /// Heading text, when the unit has one.
    pub heading: Option<String>,
    /// The unit's full text (an article with all its parts).
    pub text: String,
}

/// Whether a word-level operation keeps, removes or adds text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OpTag {
    /// In both texts.
    Equal,
    /// Only in the left text.
    Delete,
    /// Only in the right text.
    Insert,
}

/// A run of text in the word-level diff of a pair.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WordOp {
    /// Kept, deleted or inserted.
    pub tag: OpTag,
    /// The text of the run.
    pub text: String,
}

/// Category of a key difference.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum KeyDiffKind {
    /// A deadline or date changed (`2023年6月底前` → `2023年9月底前`).
    Deadline,
    /// A percentage changed.
    Percentage,
    /// An amount of money changed.
    Amount,
    /// A count or duration changed (`5个工作日` → `3个工作日`).
    Quantity,
    /// Administrative scope changed (`省、市、县` → `市、区`).
    Scope,
    /// Responsible units changed (the `（…牵头，…负责）` parenthesis).
    Responsibility,
    /// Obligation strength changed (`应当` → `可以`).
    Obligation,
}

/// A difference a reader must not miss.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeyDiff {
    /// What kind of difference.
    pub kind: KeyDiffKind,
    /// The left value(s), empty when added.
    pub left: String,
    /// The right value(s), empty when removed.
    pub right: String,
    /// One line in plain words (Chinese), e.g. `牵头单位：删除 省政务服务数据管理局；新增 市政务服务数据管理局`.
    pub detail: String,
}

/// One row of the comparison.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Pair {
    /// How the two sides relate.
    pub kind: PairKind,
    /// Similarity of the two texts, 0.0–1.0 (0 for one-sided pairs).
    pub similarity: f64,
    /// Left unit, `null` for right-only.
    pub left: Option<UnitView>,
    /// Right unit, `null` for left-only.
    pub right: Option<UnitView>,
    /// Word-level diff from left text to right text (empty for one-sided pairs).
    pub ops: Vec<WordOp>,
    /// Key differences found in this pair.
    pub key_diffs: Vec<KeyDiff>,
    /// Pairs of one split or merge share a group number.
    pub group: Option<usize>,
}

/// Document metadata as carried in a comparison.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DocInfo {
    /// Library id, when the document is stored.
    pub id: Option<i64>,
    /// Metadata.
    #[serde(flatten)]
    pub meta: DocMeta,
}

/// Counts and reuse figures over a comparison.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Summary {
    /// Pairs of kind `same`.
    pub same: usize,
    /// Pairs of kind `modified`.
    pub modified: usize,
    /// Pairs of kind `moved`.
    pub moved: usize,
    /// Pairs of kind `split`.
    pub split: usize,
    /// Pairs of kind `merged`.
    pub merged: usize,
    /// Pairs of kind `left_only` (removed).
    pub left_only: usize,
    /// Pairs of kind `right_only` (added).
    pub right_only: usize,
    /// Number of key differences.
    pub key_diffs: usize,
    /// Share of the left document's characters that the right document keeps (0.0–1.0).
    pub left_reused: f64,
    /// Share of the right document's characters taken from the left document (0.0–1.0).
    pub right_reused: f64,
}

/// The result of comparing two documents.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Comparison {
    /// Left document.
    pub left: DocInfo,
    /// Right document.
    pub right: DocInfo,
    /// Counts and reuse.
    pub summary: Summary,
    /// Aligned pairs in reading order.
    pub pairs: Vec<Pair>,
}

/// A document ready to compare.
#[derive(Debug, Clone)]
pub struct Doc {
    /// Library id, when stored.
    pub id: Option<i64>,
    /// Metadata.
    pub meta: DocMeta,
    /// Parsed clauses.
    pub tree: ClauseTree,
}

/// Options for [`compare`].
#[derive(Debug, Clone, Copy, Default)]
pub struct CompareOptions {
    /// Options of the word-level diff inside each pair.
    pub diff: crate::diff::DiffOptions,
}

/// Compare two documents.
pub fn compare(
    seg: &crate::segment::Segmenter,
    left: &Doc,
    right: &Doc,
    opts: &CompareOptions,
) -> Comparison {
    let lunits = left.tree.units();
    let runits = right.tree.units();
    let to_align = |tree: &ClauseTree, units: &[(usize, String)]| -> Vec<(ClauseKind, usize)> {
        units
            .iter()
            .map(|(i, _)| (tree.clauses[*i].kind, tree.clauses[*i].depth))
            .collect()
    };
    let lk = to_align(&left.tree, &lunits);
    let rk = to_align(&right.tree, &runits);
    let la: Vec<crate::align::Unit<'_>> = lunits
        .iter()
        .zip(&lk)
        .map(|((i, t), (kind, depth))| crate::align::Unit {
            kind: *kind,
            label: &left.tree.clauses[*i].label,
            depth: *depth,
            text: t,
        })
        .collect();
    let ra: Vec<crate::align::Unit<'_>> = runits
        .iter()
        .zip(&rk)
        .map(|((i, t), (kind, depth))| crate::align::Unit {
            kind: *kind,
            label: &right.tree.clauses[*i].label,
            depth: *depth,
            text: t,
        })
        .collect();
    let aligned = crate::align::align(seg, &la, &ra);
    let view = |tree: &ClauseTree, units: &[(usize, String)], u: usize| {
        let (ci, text) = &units[u];
        let c = &tree.clauses[*ci];
        UnitView {
            clause: *ci,
            kind: c.kind,
            path: c.path.clone(),
            label: c.label.clone(),
            heading: c.heading.clone(),
            text: text.clone(),
        }
    };
    let mut pairs = Vec::with_capacity(aligned.len());
    for a in aligned {
        let l = a.left.map(|u| view(&left.tree, &lunits, u));
        let r = a.right.map(|u| view(&right.tree, &runits, u));
        let (ops, key_diffs) = match (&l, &r) {
            (Some(l), Some(r)) => (
                crate::diff::word_diff(seg, &l.text, &r.text, opts.diff),
                crate::diff::key_diffs_with(seg, &l.text, &r.text),
            ),
            _ => (Vec::new(), Vec::new()),
        };
        pairs.push(Pair {
            kind: a.kind,
            similarity: a.similarity,
            left: l,
            right: r,
            ops,
            key_diffs,
            group: a.group,
        });
    }
    let summary = summarize(&pairs);
    Comparison {
        left: DocInfo {
            id: left.id,
            meta: left.meta.clone(),
        },
        right: DocInfo {
            id: right.id,
            meta: right.meta.clone(),
        },
        summary,
        pairs,
    }
}

fn summarize(pairs: &[Pair]) -> Summary {
    let mut s = Summary::default();
    let (mut lkept, mut ltotal, mut rkept, mut rtotal) = (0usize, 0usize, 0usize, 0usize);
    for p in pairs {
        match p.kind {
            PairKind::Same => s.same += 1,
            PairKind::Modified => s.modified += 1,
            PairKind::Moved => s.moved += 1,
            PairKind::Split => s.split += 1,
            PairKind::Merged => s.merged += 1,
            PairKind::LeftOnly => s.left_only += 1,
            PairKind::RightOnly => s.right_only += 1,
        }
        s.key_diffs += p.key_diffs.len();
        for op in &p.ops {
            let n = op.text.chars().filter(|c| !c.is_whitespace()).count();
            match op.tag {
                OpTag::Equal => {
                    lkept += n;
                    rkept += n;
                }
                OpTag::Delete | OpTag::Insert => {}
            }
        }
    }
    // Totals count each unit once, even when it appears in several pairs of a split/merge.
    let mut seen_l = std::collections::HashSet::new();
    let mut seen_r = std::collections::HashSet::new();
    for p in pairs {
        if let Some(l) = &p.left {
            if seen_l.insert(l.clause) {
                ltotal += l.text.chars().filter(|c| !c.is_whitespace()).count();
            }
        }
        if let Some(r) = &p.right {
            if seen_r.insert(r.clause) {
                rtotal += r.text.chars().filter(|c| !c.is_whitespace()).count();
            }
        }
    }
    s.left_reused = if ltotal == 0 {
        0.0
    } else {
        (lkept as f64 / ltotal as f64).min(1.0)
    };
    s.right_reused = if rtotal == 0 {
        0.0
    } else {
        (rkept as f64 / rtotal as f64).min(1.0)
    };
    s
}
