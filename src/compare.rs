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
//!
//! # Manual pairings
//! [`CompareOptions::overrides`] carries the user's corrections of the
//! alignment ([`Overrides`], stored by the library per pair of documents).
//! They are applied after the aligner, see [`Overrides`]; a pair the user
//! forced has [`Pair::manual`] set.

use serde::{Deserialize, Serialize};

use crate::model::DocMeta;
use crate::parse::{ClauseKind, ClauseTree};

/// How a pair of units relates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
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
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
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
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
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
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct WordOp {
    /// Kept, deleted or inserted.
    pub tag: OpTag,
    /// The text of the run.
    pub text: String,
}

/// Category of a key difference.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
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
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
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
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
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
    /// The user paired these two units by hand ([`Overrides::force`]); the
    /// aligner did not. Absent in JSON written before manual pairings (false).
    #[serde(default)]
    pub manual: bool,
}

/// Document metadata as carried in a comparison.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DocInfo {
    /// Library id, when the document is stored.
    pub id: Option<i64>,
    /// Metadata.
    #[serde(flatten)]
    pub meta: DocMeta,
}

/// Counts and reuse figures over a comparison.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
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
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
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

/// A left clause and a right clause, named by their paths ([`UnitView::path`]).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct PathPair {
    /// Path of the left clause, e.g. `二/（二）/4`.
    pub left: String,
    /// Path of the right clause.
    pub right: String,
}

impl PathPair {
    /// The pair of these two paths.
    pub fn new(left: impl Into<String>, right: impl Into<String>) -> PathPair {
        PathPair {
            left: left.into(),
            right: right.into(),
        }
    }
}

/// The user's corrections of the alignment of two documents, applied by
/// [`compare`] after the aligner (empty by default: the aligner's result as is).
///
/// 1. Each [`forbid`](Overrides::forbid) pair that the aligner made is
///    removed; a unit left with no partner becomes one-sided (`left_only` /
///    `right_only`), placed in reading order.
/// 2. Each [`force`](Overrides::force) pair, in list order, takes both units
///    out of whatever pairs they were in (a former partner left with no
///    partner becomes one-sided) and puts them together in a pair marked
///    [`Pair::manual`], at the right unit's place. A later entry naming a
///    unit of an earlier one wins.
///
/// A forced pair is `same` when the two texts are equal once their leading
/// numbering label and whitespace are dropped, else `modified` (never `moved`
/// or a split/merge, whatever its place). Its similarity is computed from
/// the pair's word diff: 2 × kept characters / (left + right characters),
/// whitespace not counted, 1.0 for `same`. That is not the aligner's
/// bigram Dice, but the same scale; when the aligner had paired the same two
/// units, its similarity is kept. Word ops and key differences are computed
/// as for any pair. A split/merge reduced to one pair by an override becomes
/// `same`/`modified` again; groups are renumbered in output order.
///
/// Entries naming a path that neither document has (the document changed)
/// are ignored, as are forbids of pairs the aligner did not make. When a
/// path names several units, the first in reading order is meant.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Overrides {
    /// Pairs to make by hand.
    #[serde(default)]
    pub force: Vec<PathPair>,
    /// Pairs never to make.
    #[serde(default)]
    pub forbid: Vec<PathPair>,
}

impl Overrides {
    /// No corrections.
    pub fn is_empty(&self) -> bool {
        self.force.is_empty() && self.forbid.is_empty()
    }
}

/// Options for [`compare`].
#[derive(Debug, Clone, Default)]
pub struct CompareOptions {
    /// Options of the word-level diff inside each pair.
    pub diff: crate::diff::DiffOptions,
    /// Manual pairings to apply after the aligner.
    pub overrides: Overrides,
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
    let mut rows: Vec<Row> = crate::align::align(seg, &la, &ra)
        .into_iter()
        .map(|a| Row {
            left: a.left,
            right: a.right,
            kind: a.kind,
            similarity: a.similarity,
            group: a.group,
            manual: false,
            scored: true,
        })
        .collect();
    if !opts.overrides.is_empty() {
        let paths = |tree: &ClauseTree, units: &[(usize, String)]| -> Vec<String> {
            units
                .iter()
                .map(|(i, _)| tree.clauses[*i].path.clone())
                .collect()
        };
        apply_overrides(
            &mut rows,
            &opts.overrides,
            &paths(&left.tree, &lunits),
            &paths(&right.tree, &runits),
        );
    }
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
    let mut pairs = Vec::with_capacity(rows.len());
    for a in rows {
        let l = a.left.map(|u| view(&left.tree, &lunits, u));
        let r = a.right.map(|u| view(&right.tree, &runits, u));
        let (ops, key_diffs) = match (&l, &r) {
            (Some(l), Some(r)) => crate::diff::pair_diff(seg, &l.text, &r.text, opts.diff),
            _ => (Vec::new(), Vec::new()),
        };
        let (mut kind, mut similarity) = (a.kind, a.similarity);
        if let (true, Some(l), Some(r)) = (a.manual, &l, &r) {
            if unlabelled(l) == unlabelled(r) || (a.scored && similarity >= 1.0) {
                (kind, similarity) = (PairKind::Same, 1.0);
            } else {
                kind = PairKind::Modified;
                if !a.scored {
                    similarity = ops_similarity(&ops);
                }
            }
        }
        pairs.push(Pair {
            kind,
            similarity,
            left: l,
            right: r,
            ops,
            key_diffs,
            group: a.group,
            manual: a.manual,
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

/// A pair under construction: unit indices, as the aligner hands them on.
#[derive(Debug, Clone)]
struct Row {
    left: Option<usize>,
    right: Option<usize>,
    kind: PairKind,
    similarity: f64,
    group: Option<usize>,
    manual: bool,
    /// `similarity` is the aligner's (false for a forced pair the aligner did not make).
    scored: bool,
}

/// Apply the user's corrections to the aligner's rows (see [`Overrides`]).
/// `lpaths`/`rpaths` are the paths of the units, by unit index.
fn apply_overrides(rows: &mut Vec<Row>, ov: &Overrides, lpaths: &[String], rpaths: &[String]) {
    let resolve = |p: &PathPair| {
        let l = lpaths.iter().position(|x| *x == p.left)?;
        let r = rpaths.iter().position(|x| *x == p.right)?;
        Some((l, r))
    };
    for (l, r) in ov.forbid.iter().filter_map(resolve) {
        let before = rows.len();
        rows.retain(|x| !(x.left == Some(l) && x.right == Some(r)));
        if rows.len() != before {
            restore_one_sided(rows, &[l], &[r]);
        }
    }
    for (l, r) in ov.force.iter().filter_map(resolve) {
        let (mut former_l, mut former_r) = (Vec::new(), Vec::new());
        let mut aligner_score = None;
        rows.retain(|x| {
            if x.left != Some(l) && x.right != Some(r) {
                return true;
            }
            if x.left == Some(l) && x.right == Some(r) && x.scored {
                aligner_score = Some(x.similarity);
            }
            former_l.extend(x.left.filter(|&u| u != l));
            former_r.extend(x.right.filter(|&u| u != r));
            false
        });
        let row = Row {
            left: Some(l),
            right: Some(r),
            // Kind and similarity are set from the texts by `compare`.
            kind: PairKind::Modified,
            similarity: aligner_score.unwrap_or(0.0),
            group: None,
            manual: true,
            scored: aligner_score.is_some(),
        };
        let at = place(rows, &row);
        rows.insert(at, row);
        restore_one_sided(rows, &former_l, &former_r);
    }
    regroup(rows);
}

/// Give each of these units that no row holds any more a one-sided row, in reading order.
fn restore_one_sided(rows: &mut Vec<Row>, lefts: &[usize], rights: &[usize]) {
    for &l in lefts {
        if !rows.iter().any(|x| x.left == Some(l)) {
            let row = one_sided(Some(l), None);
            let at = place(rows, &row);
            rows.insert(at, row);
        }
    }
    for &r in rights {
        if !rows.iter().any(|x| x.right == Some(r)) {
            let row = one_sided(None, Some(r));
            let at = place(rows, &row);
            rows.insert(at, row);
        }
    }
}

fn one_sided(left: Option<usize>, right: Option<usize>) -> Row {
    Row {
        left,
        right,
        kind: if left.is_some() {
            PairKind::LeftOnly
        } else {
            PairKind::RightOnly
        },
        similarity: 0.0,
        group: None,
        manual: false,
        scored: true,
    }
}

/// Where a new row goes, following the aligner's reading order: rows with a
/// right unit are in right-document order; a left-only row follows the row
/// of the nearest earlier left unit (not a `moved` one) and the left-only
/// rows before it. A row with a right unit goes after the rows of earlier
/// right units and after the left-only rows there (only those of earlier
/// left units, when it has a left unit).
fn place(rows: &[Row], row: &Row) -> usize {
    let mut at = match (row.left, row.right) {
        (_, Some(r)) => rows
            .iter()
            .rposition(|x| x.right.is_some_and(|xr| xr < r))
            .map_or(0, |i| i + 1),
        (Some(l), None) => rows
            .iter()
            .enumerate()
            .filter(|(_, x)| x.kind != PairKind::Moved && x.left.is_some_and(|xl| xl < l))
            .max_by_key(|(i, x)| (x.left, *i))
            .map_or(0, |(i, _)| i + 1),
        (None, None) => rows.len(),
    };
    // Left-only rows right here: a right-only row goes after all of them,
    // others after those of earlier left units.
    let skip = |x: &Row| {
        x.right.is_none()
            && match row.left {
                Some(l) => x.left.is_some_and(|xl| xl < l),
                None => true,
            }
    };
    while at < rows.len() && skip(&rows[at]) {
        at += 1;
    }
    at
}

/// After overrides: a split/merge pair whose units now have one partner each
/// becomes `same`/`modified` again (by the aligner's similarity, 1.0 for
/// `same`); groups are renumbered in output order and dropped when a group
/// has one pair left.
fn regroup(rows: &mut [Row]) {
    let count = |f: &dyn Fn(&Row) -> Option<usize>| {
        let mut m = std::collections::HashMap::<usize, usize>::new();
        for x in rows
            .iter()
            .filter(|x| x.left.is_some() && x.right.is_some())
        {
            if let Some(u) = f(x) {
                *m.entry(u).or_default() += 1;
            }
        }
        m
    };
    let deg_l = count(&|x| x.left);
    let deg_r = count(&|x| x.right);
    for x in rows.iter_mut() {
        let (Some(l), Some(r)) = (x.left, x.right) else {
            continue;
        };
        if x.manual || !matches!(x.kind, PairKind::Split | PairKind::Merged) {
            continue;
        }
        if deg_l[&l] > 1 {
            x.kind = PairKind::Split;
        } else if deg_r[&r] > 1 {
            x.kind = PairKind::Merged;
        } else {
            x.kind = if x.similarity >= 1.0 {
                PairKind::Same
            } else {
                PairKind::Modified
            };
            x.group = None;
        }
    }
    let mut sizes = std::collections::HashMap::<usize, usize>::new();
    for g in rows.iter().filter_map(|x| x.group) {
        *sizes.entry(g).or_default() += 1;
    }
    let mut renumber = std::collections::HashMap::<usize, usize>::new();
    for x in rows.iter_mut() {
        if let Some(g) = x.group {
            if sizes[&g] < 2 {
                x.group = None;
            } else {
                let next = renumber.len();
                x.group = Some(*renumber.entry(g).or_insert(next));
            }
        }
    }
}

/// A unit's text without its leading numbering label and without whitespace:
/// what "equal text" means for a forced pair.
fn unlabelled(u: &UnitView) -> String {
    let t = u.text.trim_start();
    let t = t.strip_prefix(u.label.as_str()).unwrap_or(t);
    t.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Similarity of a forced pair from its word diff: 2 × kept characters /
/// (left + right characters), whitespace not counted.
fn ops_similarity(ops: &[WordOp]) -> f64 {
    let (mut kept, mut changed) = (0usize, 0usize);
    for op in ops {
        let n = op.text.chars().filter(|c| !c.is_whitespace()).count();
        match op.tag {
            OpTag::Equal => kept += 2 * n,
            OpTag::Delete | OpTag::Insert => changed += n,
        }
    }
    if kept + changed == 0 {
        1.0
    } else {
        kept as f64 / (kept + changed) as f64
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

#[cfg(test)]
mod tests {
    use super::*;

    fn row(left: Option<usize>, right: Option<usize>, kind: PairKind, group: Option<usize>) -> Row {
        Row {
            left,
            right,
            kind,
            similarity: if left.is_some() && right.is_some() {
                0.8
            } else {
                0.0
            },
            group,
            manual: false,
            scored: true,
        }
    }

    /// (left, right, kind, group, manual) of each row.
    type Shape = (Option<usize>, Option<usize>, PairKind, Option<usize>, bool);

    fn shape(rows: &[Row]) -> Vec<Shape> {
        rows.iter()
            .map(|r| (r.left, r.right, r.kind, r.group, r.manual))
            .collect()
    }

    fn paths(n: usize) -> Vec<String> {
        (0..n).map(|i| format!("p{i}")).collect()
    }

    /// Left 0 split into right 0 and 1, left 1 with right 2, left 2 deleted.
    fn split() -> Vec<Row> {
        vec![
            row(Some(0), Some(0), PairKind::Split, Some(0)),
            row(Some(0), Some(1), PairKind::Split, Some(0)),
            row(Some(1), Some(2), PairKind::Modified, None),
            row(Some(2), None, PairKind::LeftOnly, None),
        ]
    }

    #[test]
    fn forbidding_one_pair_of_a_split_undoes_the_split() {
        let mut rows = split();
        let ov = Overrides {
            forbid: vec![PathPair::new("p0", "p1")],
            ..Default::default()
        };
        apply_overrides(&mut rows, &ov, &paths(3), &paths(3));
        use PairKind::*;
        assert_eq!(
            shape(&rows),
            [
                (Some(0), Some(0), Modified, None, false),
                (None, Some(1), RightOnly, None, false),
                (Some(1), Some(2), Modified, None, false),
                (Some(2), None, LeftOnly, None, false),
            ]
        );
    }

    #[test]
    fn forcing_takes_units_from_their_pairs_and_keeps_reading_order() {
        let mut rows = split();
        // Pair the deleted left 2 with right 1.
        let ov = Overrides {
            force: vec![PathPair::new("p2", "p1")],
            ..Default::default()
        };
        apply_overrides(&mut rows, &ov, &paths(3), &paths(3));
        use PairKind::*;
        assert_eq!(
            shape(&rows),
            [
                (Some(0), Some(0), Modified, None, false),
                (Some(2), Some(1), Modified, None, true),
                (Some(1), Some(2), Modified, None, false),
            ]
        );
        // Unknown paths are ignored.
        let mut same = split();
        let ov = Overrides {
            force: vec![PathPair::new("p9", "p1")],
            forbid: vec![PathPair::new("p0", "p9")],
        };
        apply_overrides(&mut same, &ov, &paths(3), &paths(3));
        assert_eq!(shape(&same), shape(&split()));
    }
}
