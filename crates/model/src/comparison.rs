//! The comparison result: aligned pairs, word ops, key differences, summary.
//!
//! # JSON wire format (`policydiff compare --format json`)
//! One object: `left` and `right` (document metadata, see [`DocInfo`]),
//! `summary` ([`Summary`]), `pairs`: the aligned pairs in reading order
//! ([`Pair`]), and `key_points`: the ranked summary ([`KeyPoint`]). Field
//! names are snake_case; optional values are `null`.

use serde::{Deserialize, Serialize};

use crate::{ClauseKind, ClauseTree, DocMeta, PairOrder};

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
    /// The units are on the same topic (主题相关) without one being a rewrite
    /// of the other: a topic-level, possibly one-to-many correspondence
    /// between independently written documents. `similarity` says how strong.
    Related,
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
    /// The run is a unit's own numbering label in a pair whose labels
    /// differ (`4` → `1`, `三）` → `一）`): a renumbering, which the places
    /// of the pair already show, so it is drawn as plain text, not as an
    /// edit. Only on `Delete` and `Insert` runs; absent (false) otherwise.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    #[cfg_attr(feature = "ts", ts(optional, as = "Option<bool>"))]
    pub renumbered: bool,
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
    /// A condition or qualifier added or removed (`在省的统筹下`, `原则上`, `有条件的`).
    Condition,
    /// Localisation: counterpart substitutions one level down (`省商务厅` →
    /// `市商务局`, `全省` → `全市`), folded into one entry per pair with
    /// [`KeyDiff::count`] and [`KeyDiff::substitutions`]. Never substantive.
    Localisation,
    /// A task (duty) of the left document that the right one drops: a
    /// left-only task item of a comparison where one text was written from
    /// the other. Only in [`KeyPoint`]s (`删除任务：…`), never in a pair's key
    /// differences.
    DutyRemoved,
    /// A task (duty) the right document adds: a right-only task item of a
    /// comparison where one text was written from the other. Only in
    /// [`KeyPoint`]s (`新增任务：…`), never in a pair's key differences.
    DutyAdded,
}

/// Which way a changed number or obligation moves for the reader.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// Stricter: an earlier deadline, a higher target, a stronger obligation.
    Stricter,
    /// Looser: a later deadline, a lower target, a weaker obligation.
    Looser,
    /// Changed, with no clear direction.
    Changed,
}

/// One counterpart substitution of a [`KeyDiffKind::Localisation`] entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Substitution {
    /// The left (higher-level) wording, e.g. `省商务厅`.
    pub left: String,
    /// The right (lower-level) wording, e.g. `市商务局`.
    pub right: String,
}

/// What one part of a key difference is about: the label its sentence
/// starts with (`时限：…`), for a front end that words the sentence in
/// another language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum KeyLabel {
    /// `时限`: a date something must be done by.
    Deadline,
    /// `日期`: any other date.
    Date,
    /// `比例`.
    Percentage,
    /// `金额`.
    Amount,
    /// `时长`: a duration (`5个工作日`).
    Duration,
    /// `数量`: a count (`50类`).
    Count,
    /// `条件`.
    Condition,
    /// `义务强度`: the modal verbs of a sentence.
    Obligation,
    /// `层级`: a list of administrative levels (`省、市、县`).
    Level,
    /// `范围`: another scope phrase (`全省`, `各地`).
    Scope,
    /// `牵头单位`.
    LeadUnit,
    /// `参与单位`.
    SupportUnit,
    /// `责任单位`: a unit of another role.
    ResponsibleUnit,
    /// `任务`: a task item.
    Task,
}

impl KeyLabel {
    /// The label as a Chinese sentence says it (`时限`).
    pub const fn zh(self) -> &'static str {
        match self {
            KeyLabel::Deadline => "时限",
            KeyLabel::Date => "日期",
            KeyLabel::Percentage => "比例",
            KeyLabel::Amount => "金额",
            KeyLabel::Duration => "时长",
            KeyLabel::Count => "数量",
            KeyLabel::Condition => "条件",
            KeyLabel::Obligation => "义务强度",
            KeyLabel::Level => "层级",
            KeyLabel::Scope => "范围",
            KeyLabel::LeadUnit => "牵头单位",
            KeyLabel::SupportUnit => "参与单位",
            KeyLabel::ResponsibleUnit => "责任单位",
            KeyLabel::Task => "任务",
        }
    }
}

/// One change of a key difference or key point, in parts a front end can
/// word in any language: what (`label`), the left value, the right value
/// (one of them empty when the value was added or removed), and the words
/// around it where the sentence quotes them (an obligation's action).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct KeyPart {
    /// What changed.
    pub label: KeyLabel,
    /// The left value, empty when added.
    pub left: String,
    /// The right value, empty when removed.
    pub right: String,
    /// Document text the sentence quotes beside the values, e.g. the action
    /// of an obligation (`依法依规开展…`).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    #[cfg_attr(feature = "ts", ts(optional, as = "Option<String>"))]
    pub context: String,
    /// The two values stand side by side rather than one replacing the
    /// other: a contrast of a topic-level (`related`) pair, two independently
    /// written provisions giving different values for one thing
    /// (`时长对比：20日内 ↔ 5个工作日内`). Absent when false.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    #[cfg_attr(feature = "ts", ts(optional, as = "Option<bool>"))]
    pub contrast: bool,
}

impl KeyPart {
    /// A part with no context.
    pub fn new(label: KeyLabel, left: impl Into<String>, right: impl Into<String>) -> KeyPart {
        KeyPart {
            label,
            left: left.into(),
            right: right.into(),
            context: String::new(),
            contrast: false,
        }
    }
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
    /// A difference of substance (false for localisation and other
    /// mechanical changes). Absent in JSON written before it existed (true).
    #[serde(default = "yes")]
    pub substantive: bool,
    /// For numbers and obligation strength: stricter, looser or changed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub direction: Option<Direction>,
    /// For [`KeyDiffKind::Localisation`]: the number of substitutions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub count: Option<usize>,
    /// For [`KeyDiffKind::Localisation`]: the substitutions, in text order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ts", ts(optional, as = "Option<Vec<Substitution>>"))]
    pub substitutions: Vec<Substitution>,
    /// The changes `detail` says, in parts (every kind but
    /// [`KeyDiffKind::Localisation`]). Absent in older JSON.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ts", ts(optional, as = "Option<Vec<KeyPart>>"))]
    pub parts: Vec<KeyPart>,
}

fn yes() -> bool {
    true
}

impl KeyDiff {
    /// A substantive key difference with no direction.
    pub fn new(
        kind: KeyDiffKind,
        left: impl Into<String>,
        right: impl Into<String>,
        detail: impl Into<String>,
    ) -> KeyDiff {
        KeyDiff {
            kind,
            left: left.into(),
            right: right.into(),
            detail: detail.into(),
            substantive: true,
            direction: None,
            count: None,
            substitutions: Vec::new(),
            parts: Vec::new(),
        }
    }

    /// With these parts.
    pub fn with_parts(mut self, parts: Vec<KeyPart>) -> KeyDiff {
        self.parts = parts;
        self
    }
}

/// One point of the ranked summary of a comparison (要点摘要): a substantive
/// difference in one sentence, with the clauses it comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct KeyPoint {
    /// Stable id of the point (from its kind, paths and values), under which
    /// a user's pin or hide is stored.
    pub id: String,
    /// Kind of the key difference it summarises.
    pub kind: KeyDiffKind,
    /// One sentence in plain words (Chinese).
    pub detail: String,
    /// Path of the left clause, when the point has one.
    pub left_path: Option<String>,
    /// Path of the right clause, when the point has one.
    pub right_path: Option<String>,
    /// Stricter, looser or changed, for numbers and obligations.
    pub direction: Option<Direction>,
    /// The changes `detail` says, in parts. Absent in older JSON.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ts", ts(optional, as = "Option<Vec<KeyPart>>"))]
    pub parts: Vec<KeyPart>,
    /// In how many pairs the point was found (`（7 处）` in `detail` when
    /// more than one). 1 in older JSON.
    #[serde(default = "one")]
    pub count: usize,
    /// The user pinned this point: it comes before the others. Absent when
    /// false (and in older JSON).
    #[serde(default, skip_serializing_if = "is_false")]
    #[cfg_attr(feature = "ts", ts(optional, as = "Option<bool>"))]
    pub pinned: bool,
}

fn one() -> usize {
    1
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// What a user made of one key point of a comparison ([`KeyPoint::id`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum PointMark {
    /// Shown first in the summary (要点摘要), before the unpinned points.
    Pinned,
    /// Left out of the summary, counted there (`已隐藏 N 项`).
    Hidden,
}

/// A user's pin or hide of one key point, as stored with the notes of a
/// comparison (by the two documents' content hashes).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct StoredPointMark {
    /// The point's [`KeyPoint::id`].
    pub point_id: String,
    /// Pinned or hidden.
    pub mark: PointMark,
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
    /// Key differences found in this pair; of a `related` pair only its
    /// contrasts (parts marked [`KeyPart::contrast`]).
    pub key_diffs: Vec<KeyDiff>,
    /// Pairs of one split or merge share a group number.
    pub group: Option<usize>,
    /// The user paired these two units by hand ([`Overrides::force`]); the
    /// aligner did not. Absent in JSON written before manual pairings (false).
    #[serde(default)]
    pub manual: bool,
    /// Of a one-sided pair: units of the other document it may correspond
    /// to (可能对应), which the aligner did not pair for want of evidence,
    /// likeliest first, for the user to confirm ([`Overrides::force`]).
    /// Absent when none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ts", ts(optional, as = "Option<Vec<Suggestion>>"))]
    pub suggestions: Vec<Suggestion>,
}

impl Pair {
    /// A pair of these units with no word ops, key differences, group,
    /// suggestions or manual mark yet (the engine adds them).
    pub fn new(
        kind: PairKind,
        similarity: f64,
        left: Option<UnitView>,
        right: Option<UnitView>,
    ) -> Pair {
        Pair {
            kind,
            similarity,
            left,
            right,
            ops: Vec::new(),
            key_diffs: Vec::new(),
            group: None,
            manual: false,
            suggestions: Vec::new(),
        }
    }
}

/// A possible counterpart of a one-sided unit (see [`Pair::suggestions`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Suggestion {
    /// Path of the unit in the other document.
    pub path: String,
    /// Strength of the topic match, 0–1 (as a `related` pair's similarity).
    pub strength: f64,
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
    /// Pairs of kind `related` (topic-level). Absent in older JSON (0).
    #[serde(default)]
    pub related: usize,
    /// Number of key differences (localisation entries included).
    pub key_diffs: usize,
    /// Localisation substitutions over the whole comparison (the sum of the
    /// `count`s of the localisation entries). Absent in older JSON (0).
    #[serde(default)]
    pub localisation: usize,
    /// Share of the left document's characters that the right document keeps (0.0–1.0).
    pub left_reused: f64,
    /// Share of the right document's characters taken from the left document (0.0–1.0).
    pub right_reused: f64,
    /// How the left document's clauses fare. Absent in older JSON (zeros).
    #[serde(default)]
    pub left_units: SideCounts,
    /// How the right document's clauses fare. Absent in older JSON (zeros).
    #[serde(default)]
    pub right_units: SideCounts,
}

/// How one document's clauses fare in a comparison, each clause counted once
/// by its strongest pair (a clause related to several clauses is one
/// clause). Between documents written apart the text reuse is near zero
/// while many clauses still correspond in topic: these counts say how many.
/// Only the document's items count, as in the coverage matrix: not the
/// title, the cover letter (印发通知) and the signature (落款), which any two
/// documents pair by their role, nor bare headings or the units of the
/// document's own commentary annex (政策解读), unless it has nothing else.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SideCounts {
    /// The document's counted clauses.
    pub units: usize,
    /// Clauses the other document has in its text, changed or not (a pair
    /// of kind same, modified, moved, split or merged).
    pub matched: usize,
    /// Clauses whose pairs are all topic-level (related): written apart on
    /// one subject. The rest have no counterpart.
    pub related: usize,
}

impl SideCounts {
    /// Clauses with no counterpart.
    pub fn unpaired(&self) -> usize {
        self.units.saturating_sub(self.matched + self.related)
    }
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
    /// The ranked summary (要点摘要): the most important substantive
    /// differences, best first. Absent in older JSON (empty). When the user
    /// pinned points (stored documents only), those come first, in ranking
    /// order; points the user hid are not here but in `hidden_key_points`.
    #[serde(default)]
    pub key_points: Vec<KeyPoint>,
    /// Key points the user hid, in ranking order: left out of the summary,
    /// counted there. Absent when none (and in older JSON).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ts", ts(optional, as = "Option<Vec<KeyPoint>>"))]
    pub hidden_key_points: Vec<KeyPoint>,
}

impl Comparison {
    /// The pairs' indices in `order` (see [`row_order`]).
    pub fn row_order(&self, order: PairOrder) -> Vec<usize> {
        row_order(&self.pairs, order)
    }
}

/// The indices of `pairs` in `order`. In a document's order the pairs
/// holding its clauses come by clause (the pairs of one clause together, as
/// aligned among themselves), and a pair without one (the other side's
/// one-sided clause) stays after the clause it followed as aligned, so an
/// added item is read where it was added. The app's `rowOrder`
/// (`ui/src/lib/compare/rows.ts`) orders its rows the same way.
pub fn row_order(pairs: &[Pair], order: PairOrder) -> Vec<usize> {
    let side = |p: &Pair| match order {
        PairOrder::Aligned => None,
        PairOrder::Left => p.left.as_ref().map(|u| u.clause),
        PairOrder::Right => p.right.as_ref().map(|u| u.clause),
    };
    let mut all: Vec<usize> = (0..pairs.len()).collect();
    if order == PairOrder::Aligned {
        return all;
    }
    // (clause of the side or the one followed, own before following).
    let mut followed = None;
    let keys: Vec<(Option<usize>, bool)> = pairs
        .iter()
        .map(|p| {
            let own = side(p);
            if own.is_some() {
                followed = own;
            }
            (own.or(followed), own.is_none())
        })
        .collect();
    all.sort_by_key(|&i| (keys[i], i));
    all
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
/// the engine's `compare` after the aligner (empty by default: the aligner's result as is).
///
/// 1. Each [`forbid`](Overrides::forbid) pair that the aligner made is
///    removed; a unit left with no partner becomes one-sided (`left_only` /
///    `right_only`), placed in reading order.
/// 2. Each [`force`](Overrides::force) pair takes both units out of the
///    aligner's rewrite pairs (`same`, `modified`, `moved`, split/merge; a
///    former partner left with no partner becomes one-sided) and puts them
///    together in a pair marked [`Pair::manual`], at the right unit's place.
///    The units keep their `related` pairs and their other forced pairs: a
///    topic-level correspondence is one-to-many, and so is a unit the user
///    paired with several units of the other document. The result does not
///    depend on the list's order.
///
/// A forced pair is `related` when the aligner had related the two units,
/// or suggested one as the other's possible counterpart (see
/// [`Pair::suggestions`]); its similarity is then that strength, and it has
/// contrasts as a related pair has. It is `related` too when the aligner
/// had not paired the two but one of them has another partner (one part of
/// a one-to-many correspondence, not a rewrite), or when their wording is
/// weaker than the weakest rewrite pair the aligner makes (bigram Dice and
/// rarity-weighted cosine both under its `fill` threshold, 0.25: two texts
/// written apart, whose word diff would be all deletions and insertions);
/// its similarity is then the strength of the two units' topic match,
/// measured as the aligner measures its related pairs (0 when they are no
/// closer than an ordinary pair of the two documents), and it has contrasts
/// as a related pair has. Otherwise it is `same` when the two
/// texts are equal once their leading numbering label and whitespace are
/// dropped, else `modified` (never `moved` or a split/merge, whatever its
/// place); its similarity is computed from the pair's word diff: 2 × kept
/// characters / (left + right characters), whitespace not counted, 1.0 for
/// `same`. That is not the aligner's bigram Dice, but the same scale; when
/// the aligner had paired the same two units, its similarity is kept. Word
/// ops and key differences are computed as for any pair. A split/merge
/// reduced to one pair by an override becomes `same`/`modified` again;
/// groups are renumbered in output order.
///
/// A forbidden pair is never among a unit's suggestions either.
///
/// Entries naming a path that neither document has (the document changed)
/// are ignored, as are forbids of pairs the aligner did not make (but for
/// the suggestions). When a path names several units, the first in reading
/// order is meant.
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

#[cfg(test)]
mod tests {
    use super::*;

    fn unit(clause: usize) -> UnitView {
        UnitView {
            clause,
            kind: ClauseKind::Item,
            path: clause.to_string(),
            label: String::new(),
            heading: None,
            text: String::new(),
        }
    }

    fn pair(left: Option<usize>, right: Option<usize>) -> Pair {
        let kind = match (left, right) {
            (Some(_), None) => PairKind::LeftOnly,
            (None, Some(_)) => PairKind::RightOnly,
            _ => PairKind::Related,
        };
        Pair::new(kind, 0.5, left.map(unit), right.map(unit))
    }

    #[test]
    fn a_documents_order_puts_each_clauses_pairs_together() {
        // As aligned (the right document's order): left 2, right-only, left 0, left 2, left 1.
        let pairs = [
            pair(Some(2), Some(0)),
            pair(None, Some(1)),
            pair(Some(0), Some(2)),
            pair(Some(2), Some(3)),
            pair(Some(1), Some(4)),
        ];
        assert_eq!(row_order(&pairs, PairOrder::Aligned), [0, 1, 2, 3, 4]);
        // The right-only row stays after left 2, the clause it followed.
        assert_eq!(row_order(&pairs, PairOrder::Left), [2, 4, 0, 3, 1]);
        assert_eq!(row_order(&pairs, PairOrder::Right), [0, 1, 2, 3, 4]);
        // A left-only row before any right clause comes first in the right order.
        let pairs = [
            pair(Some(0), None),
            pair(Some(1), Some(1)),
            pair(Some(2), Some(0)),
        ];
        assert_eq!(row_order(&pairs, PairOrder::Right), [0, 2, 1]);
    }
}
