//! The comparison engine: two parsed documents in, a [`Comparison`] out.
//!
//! Takes two [`Doc`]s (metadata + [`ClauseTree`]), aligns their comparison
//! units ([`align`]), diffs the words inside each pair ([`diff`]) and pulls
//! out the key differences. Hands on a [`Comparison`], the plain model (see
//! `policydiff_model`) that every output (terminal, JSON, HTML, the desktop
//! app) presents. The engine never touches the store or the file system.
//!
//! ```
//! use policydiff_engine::compare;
//! use policydiff_model::{Doc, DocMeta, KeyDiffKind, PairKind};
//! use policydiff_segment::Segmenter;
//! let seg = Segmenter::new();
//! let doc = |text: &str| Doc { id: None, meta: DocMeta::default(), tree: policydiff_parse::parse(text) };
//! let a = doc("某市工作方案\n一、总体要求\n到2025年底前，建成市、县两级诉求响应机制。");
//! let b = doc("某区工作方案\n一、总体要求\n到2026年底前，建成区级诉求响应机制。");
//! let result = compare(&seg, &a, &b, &Default::default());
//! let item = result.pairs.iter().find(|p| p.left.as_ref().is_some_and(|u| u.label == "一、")).unwrap();
//! assert_eq!(item.kind, PairKind::Modified);
//! assert!(item.key_diffs.iter().any(|k| k.kind == KeyDiffKind::Deadline));
//! ```
//!
//! # Sentence vectors
//! [`compare_with`] takes optional per-unit sentence vectors of both
//! documents ([`UnitVectors`], by clause index; e.g. from `policydiff-embed`,
//! computed and stored by the caller). The aligner fuses their cosine with
//! the wording's scores to find `related` pairs between independently
//! written documents; units without a vector are paired by wording alone,
//! and [`compare`] is the comparison without any.
//!
//! # Manual pairings
//! [`CompareOptions::overrides`] carries the user's corrections of the
//! alignment ([`Overrides`], stored by the library per pair of documents).
//! They are applied after the aligner, see [`Overrides`]; a pair the user
//! forced has [`Pair::manual`] set. A one-sided unit carries the units of
//! the other document it may correspond to ([`Pair::suggestions`], see
//! [`align::align_full`]), for the user to confirm.

#![deny(missing_docs)]

pub mod align;
pub mod diff;

use policydiff_model::{
    ClauseTree, CompareOptions, Comparison, Doc, DocInfo, OpTag, Overrides, Pair, PairKind,
    PathPair, SideCounts, Suggestion, Summary, UnitView, WordOp,
};
use policydiff_segment::Segmenter;

/// Compare two documents by their wording (see [`compare_with`] to add the
/// units' sentence vectors).
pub fn compare(seg: &Segmenter, left: &Doc, right: &Doc, opts: &CompareOptions) -> Comparison {
    compare_with(seg, left, right, opts, None)
}

/// Sentence vectors of one document's comparison units, by clause index
/// (the first of each pair [`ClauseTree::units`] returns). Any length, the
/// same for every unit of both documents (e.g. those of `policydiff-embed`).
/// A unit without one is paired by its wording alone, so vectors that are
/// still being computed can be passed as far as they are ready.
pub trait UnitVectors {
    /// The vector of the unit whose clause has index `clause`, if there is one.
    fn vector(&self, clause: usize) -> Option<&[f32]>;
}

/// Indexed by clause; an empty vector means none.
impl UnitVectors for [Vec<f32>] {
    fn vector(&self, clause: usize) -> Option<&[f32]> {
        self.get(clause)
            .filter(|v| !v.is_empty())
            .map(Vec::as_slice)
    }
}

impl UnitVectors for std::collections::HashMap<usize, Vec<f32>> {
    fn vector(&self, clause: usize) -> Option<&[f32]> {
        self.get(&clause).map(Vec::as_slice)
    }
}

impl UnitVectors for std::collections::BTreeMap<usize, Vec<f32>> {
    fn vector(&self, clause: usize) -> Option<&[f32]> {
        self.get(&clause).map(Vec::as_slice)
    }
}

/// The unit vectors of both documents of a comparison.
#[derive(Clone, Copy)]
pub struct Semantic<'a> {
    /// Vectors of the left document's units.
    pub left: &'a dyn UnitVectors,
    /// Vectors of the right document's units.
    pub right: &'a dyn UnitVectors,
}

/// Compare two documents; with `vectors`, the aligner fuses their cosine
/// with the wording's scores to pair units written independently on one
/// subject (`related` pairs, see [`align`]). Without, as [`compare`].
pub fn compare_with(
    seg: &Segmenter,
    left: &Doc,
    right: &Doc,
    opts: &CompareOptions,
    vectors: Option<Semantic<'_>>,
) -> Comparison {
    let sides = Sides::new(left, right);
    let (lunits, runits) = (&sides.lunits, &sides.runits);
    let paths = |tree: &ClauseTree, units: &[(usize, String)]| -> Vec<String> {
        units
            .iter()
            .map(|(i, _)| tree.clauses[*i].path.clone())
            .collect()
    };
    // Only the user's corrections name units by path: no copies without them.
    let (lpaths, rpaths) = if opts.overrides.is_empty() {
        (Vec::new(), Vec::new())
    } else {
        (paths(&left.tree, lunits), paths(&right.tree, runits))
    };
    // The pairs the user made, scored as the aligner scores its related pairs.
    let forced: Vec<(usize, usize)> = opts
        .overrides
        .force
        .iter()
        .filter_map(|p| resolve(p, &lpaths, &rpaths))
        .collect();
    let alignment = sides.align(seg, left, right, vectors, &forced);
    let scored = |l: usize, r: usize| {
        let k = forced.iter().position(|&p| p == (l, r))?;
        alignment.scored.get(k).copied()
    };
    let mut rows: Vec<Row> = alignment
        .pairs
        .iter()
        .map(|a| Row {
            left: a.left,
            right: a.right,
            kind: a.kind,
            similarity: a.similarity,
            group: a.group,
            manual: false,
            scored: true,
            by_wording: false,
        })
        .collect();
    if !opts.overrides.is_empty() {
        apply_overrides(&mut rows, &opts.overrides, &lpaths, &rpaths, &|l, r| {
            suggested_strength(&alignment, l, r)
        });
        // A pair made by hand that the aligner could never have made as a
        // rewrite, its wording weaker than the weakest rewrite pair the
        // aligner makes, is two texts written apart: related, not a rewrite
        // (its word diff would be all deletions and insertions).
        let fill = crate::align::AlignOptions::default().fill;
        for x in rows.iter_mut() {
            let apart = x.left.zip(x.right).and_then(|(l, r)| scored(l, r));
            if x.by_wording
                && x.kind == PairKind::Modified
                && apart.is_some_and(|s| s.wording < fill)
            {
                x.kind = PairKind::Related;
            }
        }
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
    // The user said these are no pair: never suggest them either.
    let forbidden = |l: &str, r: &str| {
        opts.overrides
            .forbid
            .iter()
            .any(|p| p.left == l && p.right == r)
    };
    let mut pairs = Vec::with_capacity(rows.len());
    for a in rows {
        let l = a.left.map(|u| view(&left.tree, lunits, u));
        let r = a.right.map(|u| view(&right.tree, runits, u));
        // A topic-level pair is no rewrite: what one text says and the other
        // does not is no change (`删除 5个工作日内` between two cities'
        // preambles), so it gets no key differences but its contrasts (two
        // values for one thing, when the topic match is strong), and its
        // word ops (for the words the two share). A manual pair is one when
        // the aligner found the two related or suggested them, or when it is
        // one part of a one-to-many correspondence (see `apply_overrides`).
        let related = a.kind == PairKind::Related;
        let (ops, mut key_diffs) = match (&l, &r) {
            (Some(l), Some(r)) if related => (
                crate::diff::word_diff(seg, &l.text, &r.text, opts.diff),
                Vec::new(),
            ),
            (Some(l), Some(r)) => {
                let content = crate::diff::Content::of(l.kind, r.kind);
                let (ops, keys) = crate::diff::pair_diff(seg, &l.text, &r.text, opts.diff, content);
                (crate::diff::mark_renumbering(ops, l.into(), r.into()), keys)
            }
            _ => (Vec::new(), Vec::new()),
        };
        let (mut kind, mut similarity) = (a.kind, a.similarity);
        if a.by_wording {
            // A related pair's strength is its topic match's, as the
            // aligner's related pairs have it; a rewrite's, its wording's.
            let topic = a.left.zip(a.right).and_then(|(l, r)| scored(l, r));
            similarity = match topic {
                Some(t) if related => t.topic,
                _ => ops_similarity(&ops),
            };
        }
        if let (true, Some(l), Some(r)) = (related, &l, &r) {
            let text = crate::diff::Content::of(l.kind, r.kind) == crate::diff::Content::Text;
            if text && similarity >= CONTRAST_MIN_STRENGTH {
                key_diffs = crate::diff::contrasts(&l.text, &r.text);
            }
        }
        if let (true, false, Some(l), Some(r)) = (a.manual, related, &l, &r) {
            if unlabelled(l) == unlabelled(r) || (a.scored && similarity >= 1.0) {
                (kind, similarity) = (PairKind::Same, 1.0);
            } else {
                kind = PairKind::Modified;
            }
        }
        let suggestions = match (a.left, a.right) {
            (Some(u), None) => suggested(&alignment.left[u], &right.tree, runits, |o| {
                forbidden(
                    &left.tree.clauses[lunits[u].0].path,
                    &right.tree.clauses[runits[o].0].path,
                )
            }),
            (None, Some(u)) => suggested(&alignment.right[u], &left.tree, lunits, |o| {
                forbidden(
                    &left.tree.clauses[lunits[o].0].path,
                    &right.tree.clauses[runits[u].0].path,
                )
            }),
            _ => Vec::new(),
        };
        pairs.push(Pair {
            kind,
            similarity,
            left: l,
            right: r,
            ops,
            key_diffs,
            group: a.group,
            manual: a.manual,
            suggestions,
        });
    }
    let mut summary = summarize(
        &pairs,
        &item_clauses(&left.tree, lunits),
        &item_clauses(&right.tree, runits),
    );
    summary.localisation = crate::diff::localisation_count(&pairs);
    let key_points = crate::diff::key_points(&pairs);
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
        key_points,
        hidden_key_points: Vec::new(),
    }
}

/// How strongly one clause of `left` (`from_left`) or of `right` relates
/// in topic to each comparison unit of the other document: the path of
/// each unit of the other document, in reading order, with the strength of
/// the two units' topic match (0–1, as a related pair's, see
/// [`Pair::similarity`]; 0 when they are no closer than an ordinary pair
/// of the two documents). For a person choosing a clause's partner by hand,
/// who wants the likeliest first. `None` when `path` names no comparison unit.
pub fn counterpart_strengths(
    seg: &Segmenter,
    left: &Doc,
    right: &Doc,
    vectors: Option<Semantic<'_>>,
    from_left: bool,
    path: &str,
) -> Option<Vec<(String, f64)>> {
    let sides = Sides::new(left, right);
    let (tree, units, other_tree, others) = if from_left {
        (&left.tree, &sides.lunits, &right.tree, &sides.runits)
    } else {
        (&right.tree, &sides.runits, &left.tree, &sides.lunits)
    };
    let at = units
        .iter()
        .position(|(i, _)| tree.clauses[*i].path == path)?;
    let score: Vec<(usize, usize)> = (0..others.len())
        .map(|o| if from_left { (at, o) } else { (o, at) })
        .collect();
    let alignment = sides.align(seg, left, right, vectors, &score);
    Some(
        others
            .iter()
            .zip(alignment.scored)
            .map(|((i, _), s)| (other_tree.clauses[*i].path.clone(), s.topic))
            .collect(),
    )
}

/// The least strength of a related pair whose contrasts are said (see
/// [`diff::contrasts`]). On a weaker topic match two values of like wording
/// often belong to different measures: over the 703 pairs of corpus
/// documents, the contrasts of pairs at 0.40–0.45 were mostly such (a
/// settlement award against a patent prize), those at 0.5 and above were two
/// provisions' values for one thing (contract signing within 20 days or 5
/// working days of the award notice).
pub const CONTRAST_MIN_STRENGTH: f64 = 0.5;

/// Both documents' comparison units (clause index and text, see
/// [`ClauseTree::units`]) and each unit's section context: what the aligner
/// reads of them.
struct Sides {
    lunits: Vec<(usize, String)>,
    runits: Vec<(usize, String)>,
    lctx: Vec<String>,
    rctx: Vec<String>,
}

impl Sides {
    fn new(left: &Doc, right: &Doc) -> Sides {
        let lunits = left.tree.units();
        let runits = right.tree.units();
        Sides {
            lctx: section_context(&left.tree, &lunits),
            rctx: section_context(&right.tree, &runits),
            lunits,
            runits,
        }
    }

    /// Align the two documents (those `Sides::new` read), and score the
    /// unit pairs `score` besides (see [`align::align_scoring`]).
    fn align(
        &self,
        seg: &Segmenter,
        left: &Doc,
        right: &Doc,
        vectors: Option<Semantic<'_>>,
        score: &[(usize, usize)],
    ) -> align::Alignment {
        let la = align_units(
            &left.tree,
            &self.lunits,
            &self.lctx,
            vectors.map(|v| v.left),
        );
        let ra = align_units(
            &right.tree,
            &self.runits,
            &self.rctx,
            vectors.map(|v| v.right),
        );
        align::align_scoring(seg, &la, &ra, &align::AlignOptions::default(), score)
    }
}

/// The aligner's view of a document's units.
fn align_units<'a>(
    tree: &'a ClauseTree,
    units: &'a [(usize, String)],
    context: &'a [String],
    vectors: Option<&'a dyn UnitVectors>,
) -> Vec<crate::align::Unit<'a>> {
    let commentary = commentary_clauses(tree);
    units
        .iter()
        .zip(context)
        .map(|((i, text), context)| {
            let c = &tree.clauses[*i];
            crate::align::Unit {
                context,
                vector: vectors.and_then(|v| v.vector(*i)),
                commentary: commentary[*i],
                ..crate::align::Unit::new(c.kind, &c.label, c.depth, text)
            }
        })
        .collect()
}

/// For each of `units` (clause index and text, as [`ClauseTree::units`]
/// gives them), whether it is one of the document's items: what a reader
/// counting how much of a plan another document takes up counts. Not the
/// title, cover letter or signature (any two documents have them, paired by
/// their role), not a bare heading over items (its items carry its content;
/// a short line with nothing under it is an item itself), not a unit
/// of a commentary annex (the document's own policy interpretation or
/// drafting notes restate its items). All of them when none is an item.
pub fn content_units(tree: &ClauseTree, units: &[(usize, String)]) -> Vec<bool> {
    let commentary = commentary_clauses(tree);
    let mut out: Vec<bool> = units
        .iter()
        .map(|(i, text)| {
            let c = &tree.clauses[*i];
            // A heading over items; a short line standing alone (10.本措施自
            // 2023年5月15日起实施。) is an item itself.
            let heading = align::bare_heading(c.kind, text) && !c.children.is_empty();
            !c.kind.is_role() && !commentary[*i] && !heading
        })
        .collect();
    if !out.contains(&true) {
        out.fill(true);
    }
    out
}

/// For each clause, whether it is, or stands in, an annex that comments on
/// the document instead of adding provisions to it: its policy
/// interpretation (`附件1 关于《…》的政策解读`, 解读材料), drafting notes
/// (起草说明) or a press Q&A (答记者问), named in the annex's first two lines.
/// One pass in reading order (a parent comes before its children).
fn commentary_clauses(tree: &ClauseTree) -> Vec<bool> {
    static COMMENTARY: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new("政策解读|解读材料|的解读$|起草说明|编制说明|答记者问")
            .expect("commentary regex")
    });
    let mut out = vec![false; tree.clauses.len()];
    for (k, c) in tree.clauses.iter().enumerate() {
        let inherited = c.parent.is_some_and(|p| p < k && out[p]);
        out[k] = inherited
            || (c.kind == policydiff_model::ClauseKind::Annex
                && c.text
                    .lines()
                    .take(2)
                    .any(|l| l.chars().count() <= 80 && COMMENTARY.is_match(l.trim())));
    }
    out
}

/// Each unit's section context: the headings of its ancestors, outermost
/// first, one per line (a heading's own text, or the first sentence of an
/// ancestor's first line).
fn section_context(tree: &ClauseTree, units: &[(usize, String)]) -> Vec<String> {
    units
        .iter()
        .map(|(i, _)| {
            let mut heads = Vec::new();
            let mut at = tree.clauses[*i].parent;
            while let Some(k) = at {
                let c = &tree.clauses[k];
                let head = match &c.heading {
                    Some(h) => h.as_str(),
                    None => {
                        let first = c.text.lines().next().unwrap_or("");
                        first.split_inclusive('。').next().unwrap_or(first)
                    }
                };
                heads.push(head);
                at = c.parent;
            }
            heads.reverse();
            heads.join("\n")
        })
        .collect()
}

/// The strength of the topic match of left unit `l` and right unit `r`
/// when either is among the other's possible counterparts.
fn suggested_strength(a: &crate::align::Alignment, l: usize, r: usize) -> Option<f64> {
    let left = a.left[l].iter().find(|s| s.unit == r);
    let right = a.right[r].iter().find(|s| s.unit == l);
    left.or(right).map(|s| s.strength)
}

/// A one-sided unit's possible counterparts, by their paths in the other
/// document (`tree`, whose units are `units`), but those the user forbade.
fn suggested(
    found: &[crate::align::Suggested],
    tree: &ClauseTree,
    units: &[(usize, String)],
    forbidden: impl Fn(usize) -> bool,
) -> Vec<Suggestion> {
    found
        .iter()
        .filter(|s| !forbidden(s.unit))
        .map(|s| Suggestion {
            path: tree.clauses[units[s.unit].0].path.clone(),
            strength: s.strength,
        })
        .collect()
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
    /// Nobody gave `similarity` (a forced pair the aligner neither made nor
    /// suggested): `compare_with` measures it, by the topic match when the
    /// pair is related (one part of a one-to-many correspondence), from the
    /// pair's word diff when it is a rewrite.
    by_wording: bool,
}

/// The unit indices of a pair of paths (`lpaths`/`rpaths` by unit index),
/// when both units are there.
fn resolve(p: &PathPair, lpaths: &[String], rpaths: &[String]) -> Option<(usize, usize)> {
    let l = lpaths.iter().position(|x| *x == p.left)?;
    let r = rpaths.iter().position(|x| *x == p.right)?;
    Some((l, r))
}

/// Apply the user's corrections to the aligner's rows (see [`Overrides`]).
/// `lpaths`/`rpaths` are the paths of the units, by unit index; `topic`
/// the strength of a pair the aligner suggested (a forced pair of such units
/// is `related`).
fn apply_overrides(
    rows: &mut Vec<Row>,
    ov: &Overrides,
    lpaths: &[String],
    rpaths: &[String],
    topic: &dyn Fn(usize, usize) -> Option<f64>,
) {
    let resolve = |p: &PathPair| resolve(p, lpaths, rpaths);
    for (l, r) in ov.forbid.iter().filter_map(resolve) {
        let before = rows.len();
        rows.retain(|x| !(x.left == Some(l) && x.right == Some(r)));
        if rows.len() != before {
            restore_one_sided(rows, &[l], &[r]);
        }
    }
    // What the aligner made of each forced pair, read before any force moves a
    // row, so the forces' order does not matter.
    let forced: Vec<(usize, usize)> = ov.force.iter().filter_map(resolve).collect();
    let scored: std::collections::HashMap<(usize, usize), (PairKind, f64)> = rows
        .iter()
        .filter(|x| x.scored)
        .filter_map(|x| Some(((x.left?, x.right?), (x.kind, x.similarity))))
        .filter(|(lr, _)| forced.contains(lr))
        .collect();
    for (l, r) in forced {
        let made = |x: &Row| x.manual && x.left == Some(l) && x.right == Some(r);
        if rows.iter().any(made) {
            continue; // listed twice
        }
        let (mut former_l, mut former_r) = (Vec::new(), Vec::new());
        let aligner = scored.get(&(l, r)).copied();
        rows.retain(|x| {
            if x.left != Some(l) && x.right != Some(r) {
                return true;
            }
            let this = x.left == Some(l) && x.right == Some(r);
            // Topic-level pairs are one-to-many, and a unit forced with
            // several partners keeps them all: the units keep their other
            // related pairs and their other forced pairs.
            if !this && (x.kind == PairKind::Related || x.manual) {
                return true;
            }
            former_l.extend(x.left.filter(|&u| u != l));
            former_r.extend(x.right.filter(|&u| u != r));
            false
        });
        let suggested = topic(l, r).filter(|_| aligner.is_none());
        let (kind, similarity) = match (aligner, suggested) {
            (Some((PairKind::Related, s)), _) | (None, Some(s)) => (PairKind::Related, s),
            // Otherwise kind (and a similarity the aligner did not give) are set from the texts by `compare`.
            (Some((_, s)), _) => (PairKind::Modified, s),
            (None, None) => (PairKind::Modified, 0.0),
        };
        let row = Row {
            left: Some(l),
            right: Some(r),
            kind,
            similarity,
            group: None,
            manual: true,
            scored: aligner.is_some(),
            by_wording: aligner.is_none() && suggested.is_none(),
        };
        let at = place(rows, &row);
        rows.insert(at, row);
        restore_one_sided(rows, &former_l, &former_r);
    }
    relate_one_to_many(rows);
    regroup(rows);
}

/// A pair forced with no evidence from the aligner (neither paired nor
/// suggested) whose unit has another partner is one part of a one-to-many
/// correspondence the user made: `related`, not a rewrite, so its words are
/// not read as deleted and added (its strength is then that of its topic
/// match, in `compare_with`). The units' other pairs are related or forced (a force
/// takes its units out of the aligner's rewrite pairs), so the result does
/// not depend on the forces' order.
fn relate_one_to_many(rows: &mut [Row]) {
    let mut degree = std::collections::HashMap::<(bool, usize), usize>::new();
    for x in rows.iter() {
        if let (Some(l), Some(r)) = (x.left, x.right) {
            *degree.entry((true, l)).or_default() += 1;
            *degree.entry((false, r)).or_default() += 1;
        }
    }
    for x in rows.iter_mut() {
        let (Some(l), Some(r)) = (x.left, x.right) else {
            continue;
        };
        if x.by_wording && (degree[&(true, l)] > 1 || degree[&(false, r)] > 1) {
            x.kind = PairKind::Related;
        }
    }
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
        by_wording: false,
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
            OpTag::Delete | OpTag::Insert if op.renumbered => {}
            OpTag::Delete | OpTag::Insert => changed += n,
        }
    }
    if kept + changed == 0 {
        1.0
    } else {
        kept as f64 / (kept + changed) as f64
    }
}

/// For each clause of `tree` (not each unit, as [`content_units`]), whether
/// it is one of the document's items; `units` as [`ClauseTree::units`]
/// gives them.
pub fn item_clauses(tree: &ClauseTree, units: &[(usize, String)]) -> Vec<bool> {
    let mut out = vec![false; tree.clauses.len()];
    for ((i, _), item) in units.iter().zip(content_units(tree, units)) {
        out[*i] = item;
    }
    out
}

/// The comparison's counts; `litems` / `ritems` say which clauses of each
/// side are items (see [`content_units`]).
fn summarize(pairs: &[Pair], litems: &[bool], ritems: &[bool]) -> Summary {
    let mut s = Summary::default();
    let (mut lkept, mut ltotal, mut rkept, mut rtotal) = (0usize, 0usize, 0usize, 0usize);
    for p in pairs {
        match p.kind {
            PairKind::Same => s.same += 1,
            PairKind::Modified => s.modified += 1,
            PairKind::Moved => s.moved += 1,
            PairKind::Split => s.split += 1,
            PairKind::Merged => s.merged += 1,
            PairKind::Related => s.related += 1,
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
    s.left_units = side_counts(pairs.iter().map(|p| (p.left.as_ref(), p)), litems);
    s.right_units = side_counts(pairs.iter().map(|p| (p.right.as_ref(), p)), ritems);
    s
}

/// [`SideCounts`] of one side: each of its items once (`items`, by clause),
/// by its strongest pair (taken over > related > none).
fn side_counts<'a>(
    units: impl Iterator<Item = (Option<&'a UnitView>, &'a Pair)>,
    items: &[bool],
) -> SideCounts {
    let mut best: std::collections::BTreeMap<usize, u8> = Default::default();
    for (u, p) in units {
        let Some(u) = u else { continue };
        let strength = match p.kind {
            PairKind::LeftOnly | PairKind::RightOnly => 0,
            PairKind::Related => 1,
            _ => 2,
        };
        if !items.get(u.clause).copied().unwrap_or(false) {
            continue;
        }
        let e = best.entry(u.clause).or_insert(0);
        *e = (*e).max(strength);
    }
    let mut c = SideCounts::default();
    for strength in best.into_values() {
        c.units += 1;
        match strength {
            2 => c.matched += 1,
            1 => c.related += 1,
            _ => {}
        }
    }
    c
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A document's items: not its title, a heading over items or its own
    /// drafting notes; a short line with nothing under it is an item.
    #[test]
    fn content_units_are_the_items() {
        let text = "关于推进某项工作的通知\n一、主要任务\n（一）推进企业开办。市场监管局负责，年底前完成。\n\
            （二）优化纳税服务。税务局负责。\n二、附则\n本措施自2023年5月15日起实施。\n\
            附件\n关于《推进某项工作的通知》的起草说明\n一、起草背景。为落实部署，起草本通知。\n";
        let tree = policydiff_parse::parse(text);
        let units = tree.units();
        let items: Vec<&str> = units
            .iter()
            .zip(content_units(&tree, &units))
            .filter(|(_, item)| *item)
            .map(|((i, _), _)| tree.clauses[*i].path.as_str())
            .collect();
        assert_eq!(items, ["一/（一）", "一/（二）", "二"], "{tree:#?}");
        // A document of nothing else counts what it has.
        let tree = policydiff_parse::parse("关于推进某项工作的通知\n");
        let units = tree.units();
        assert_eq!(content_units(&tree, &units), [true]);
    }

    /// An annex that interprets the document or notes how it was drafted is
    /// commentary, down to its items; a task table annexed is not.
    #[test]
    fn commentary_annexes_are_named_in_their_first_lines() {
        let text = "关于推进某项工作的通知\n一、加强组织领导。各地要落实责任。\n\
            附件1\n任务分工表\n1. 推进企业开办。市场监管局负责。\n\
            附件2\n关于《推进某项工作的通知》的起草说明\n一、起草背景。为落实部署，起草本通知。\n\
            附件3\n政策解读\n一、主要内容。通知提出两项任务。\n";
        let tree = policydiff_parse::parse(text);
        let commentary = commentary_clauses(&tree);
        let flagged = |needle: &str| {
            let i = tree
                .clauses
                .iter()
                .position(|c| c.text.contains(needle))
                .unwrap_or_else(|| panic!("no clause with {needle}: {tree:#?}"));
            commentary[i]
        };
        assert!(!flagged("加强组织领导"));
        assert!(!flagged("推进企业开办"));
        assert!(flagged("起草背景"));
        assert!(flagged("主要内容"));
    }

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
            by_wording: false,
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
        apply_overrides(&mut rows, &ov, &paths(3), &paths(3), &|_, _| None);
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
        apply_overrides(&mut rows, &ov, &paths(3), &paths(3), &|_, _| None);
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
        apply_overrides(&mut same, &ov, &paths(3), &paths(3), &|_, _| None);
        assert_eq!(shape(&same), shape(&split()));
    }

    /// Force `l`–`r` on rows of two left and three right units; the shapes of the rows, sorted.
    fn forced(
        rows: &mut Vec<Row>,
        l: &str,
        r: &str,
        topic: &dyn Fn(usize, usize) -> Option<f64>,
    ) -> Vec<Shape> {
        let ov = Overrides {
            force: vec![PathPair::new(l, r)],
            ..Default::default()
        };
        apply_overrides(rows, &ov, &paths(2), &paths(3), topic);
        let mut got = shape(rows);
        got.sort();
        got
    }

    #[test]
    fn forcing_keeps_the_units_related_pairs_and_relates_a_suggested_pair() {
        // Left 0 related to right 0 and modified with right 1; left 1 and right 2 alone.
        let mut rows = vec![
            row(Some(0), Some(0), PairKind::Related, None),
            row(Some(0), Some(1), PairKind::Modified, None),
            row(Some(1), None, PairKind::LeftOnly, None),
            row(None, Some(2), PairKind::RightOnly, None),
        ];
        rows[0].similarity = 0.4;
        use PairKind::*;
        // Right 0 with left 1, which the aligner suggested at 0.3.
        let topic = |l: usize, r: usize| (l == 1 && r == 0).then_some(0.3);
        assert_eq!(
            forced(&mut rows, "p1", "p0", &topic),
            [
                (None, Some(2), RightOnly, None, false),
                (Some(0), Some(0), Related, None, false),
                (Some(0), Some(1), Modified, None, false),
                (Some(1), Some(0), Related, None, true),
            ]
        );
        let made = rows.iter().find(|r| r.manual).unwrap();
        assert_eq!((made.similarity, made.scored), (0.3, false));
        // A rewrite pair is still taken apart: right 1 with left 1 leaves left 0 its related
        // pair only, and left 1 keeps the pair forced before; with two partners, and no
        // evidence from the aligner, left 1 and right 1 are related too (one-to-many).
        assert_eq!(
            forced(&mut rows, "p1", "p1", &|_, _| None),
            [
                (None, Some(2), RightOnly, None, false),
                (Some(0), Some(0), Related, None, false),
                (Some(1), Some(0), Related, None, true),
                (Some(1), Some(1), Related, None, true),
            ]
        );
        let made = rows.iter().find(|x| x.right == Some(1)).unwrap();
        assert_eq!(
            (made.similarity, made.scored),
            (0.0, false),
            "measured by topic later"
        );
    }

    #[test]
    fn a_unit_forced_with_several_partners_keeps_them_all_in_any_order() {
        // Left 0 modified with right 0 (similarity 0.8); left 1 with right 1; right 2 alone.
        let aligned = || {
            vec![
                row(Some(0), Some(0), PairKind::Modified, None),
                row(Some(1), Some(1), PairKind::Modified, None),
                row(None, Some(2), PairKind::RightOnly, None),
            ]
        };
        let run = |force: &[(&str, &str)]| {
            let mut rows = aligned();
            let ov = Overrides {
                force: force.iter().map(|(l, r)| PathPair::new(*l, *r)).collect(),
                ..Default::default()
            };
            apply_overrides(&mut rows, &ov, &paths(2), &paths(3), &|_, _| None);
            rows
        };
        // Left 0 keeps the aligner's partner by hand and takes right 2 and right 1 besides:
        // the aligner's rewrite stays `modified`, the two it had no evidence for are `related`
        // (parts of a one-to-many correspondence, not rewrites).
        let three = [("p0", "p0"), ("p0", "p2"), ("p0", "p1")];
        let rows = run(&three);
        use PairKind::*;
        assert_eq!(
            shape(&rows),
            [
                (Some(0), Some(0), Modified, None, true),
                (Some(0), Some(1), Related, None, true),
                (Some(0), Some(2), Related, None, true),
                (Some(1), None, LeftOnly, None, false),
            ]
        );
        // One partner only: a forced pair without evidence is a rewrite.
        let one = run(&[("p0", "p2")]);
        assert!(shape(&one).contains(&(Some(0), Some(2), Modified, None, true)));
        // The pair the aligner made keeps its similarity whichever force comes first.
        assert_eq!((rows[0].similarity, rows[0].scored), (0.8, true));
        for order in [[2, 1, 0], [1, 0, 2], [2, 0, 1]] {
            let force: Vec<_> = order.iter().map(|&i| three[i]).collect();
            let again = run(&force);
            assert_eq!(shape(&again), shape(&rows), "{force:?}");
            let s: Vec<_> = again.iter().map(|x| (x.similarity, x.scored)).collect();
            let want: Vec<_> = rows.iter().map(|x| (x.similarity, x.scored)).collect();
            assert_eq!(s, want, "{force:?}");
        }
        // The same pair listed twice is one pair.
        let twice = run(&[("p0", "p2"), ("p0", "p2")]);
        assert_eq!(twice.iter().filter(|x| x.manual).count(), 1);
    }
}
