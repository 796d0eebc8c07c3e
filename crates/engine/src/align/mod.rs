//! Align the comparison units of two documents by content, not by number.
//!
//! Takes the units of two [`crate::parse::ClauseTree`]s and hands on
//! [`AlignedPair`]s in reading order: indices into the inputs, a kind and a
//! similarity. Used by [`crate::compare`]; not the place to start.
//!
//! # How
//! 1. Each unit becomes a `features::Profile`: numbering labels, whitespace
//!    and punctuation dropped, scope words (省/市/县/区…) folded, character
//!    bigrams; and a class (title, signature, cover, preamble, heading, body)
//!    that limits what it may pair with.
//! 2. `candidates` probes inverted indexes with rare bigrams, so only a few
//!    partners per unit are scored — never every unit against every other.
//! 3. Each candidate gets `similarity::Scores`: Dice, rarity-weighted
//!    cosine and weighted containment over bigrams, and a rarity-weighted
//!    cosine over the units' jieba words (rarity over both documents).
//! 4. Strong pairs (strength ≥ [`AlignOptions::anchor`]) form the heaviest
//!    order-keeping chain (`chain`); the gaps between consecutive anchors
//!    are filled, in order, by a chain of weaker pairs (≥ [`AlignOptions::fill`]).
//! 5. Strong pairs of still unpaired units that cross the chain are `moved`
//!    (≥ [`AlignOptions::moved`]).
//! 6. A still unpaired unit largely contained in a paired unit of the other
//!    side (≥ [`AlignOptions::contained`]) joins that pair's group: one left
//!    unit with several right units is a `split`, several left units with
//!    one right unit are `merged`.
//! 7. A still unpaired unit takes the partner with which it shares the most
//!    distinctive wording (≥ [`AlignOptions::distinctive`] bigrams found in
//!    at most three units, two in short documents, not counting wording the
//!    partner shares with its existing partners; or one such bigram when
//!    the word cosine reaches [`AlignOptions::words`]), and at least
//!    [`AlignOptions::chance`] times as many as two units of their lengths
//!    share by chance: partial correspondences
//!    between independent documents (`modified` in order, `moved` across),
//!    and one-to-many ones (a split/merge again). Steps 6 and 7 only join
//!    body text of some length to a unit of the same class (see
//!    `features::Profile::joins`): a short title or heading is easily
//!    "contained" in a long article without corresponding to it.
//! 8. Everything else is one-sided.
//!
//! # Kinds and similarity
//! `same`: equal text once numbering labels, whitespace and full-width forms
//! are dropped (a renumbered article is `same`; 省→市 is `modified`).
//! `similarity` is the Dice coefficient of the two texts' character bigrams
//! after normalisation (scope words folded), 1.0 for `same`.
//!
//! # Output order
//! The right document's order leads: every pair sits at its right unit (so a
//! `moved` unit appears where the right document has it); a left-only unit
//! follows the in-order pair of the nearest earlier left unit, before the
//! right-only units that follow that pair. Pairs of one split/merge share a
//! `group` number, numbered in output order. The result depends only on the
//! input (no hash-order iteration reaches it).

mod candidates;
mod chain;
mod features;
mod similarity;

use policydiff_model::ClauseKind;
use policydiff_model::PairKind;

use chain::Link;
use features::Profile;
use similarity::{Norms, Scores, Weights, WordWeights};
use std::collections::HashMap;

use policydiff_segment::Segmenter;

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
    /// Similarity 0.0–1.0: Dice coefficient of the two texts' character
    /// bigrams after normalisation (1.0 for `same`, 0.0 for one-sided).
    pub similarity: f64,
    /// Split/merge group.
    pub group: Option<usize>,
}

/// Thresholds of the aligner, on pair strength = max(Dice, weighted cosine) ∈ [0, 1].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AlignOptions {
    /// Minimum strength of an anchor of the order-keeping chain.
    pub anchor: f64,
    /// Minimum strength of a pair filling the gap between two anchors, in order.
    pub fill: f64,
    /// Minimum strength of an out-of-order (`moved`) pair.
    pub moved: f64,
    /// Minimum weighted containment of an unpaired unit in a paired unit for
    /// it to join that pair as a split/merge.
    pub contained: f64,
    /// Minimum number of shared distinctive bigrams (held by at most three
    /// units of both documents, two in documents under sixty units) for a
    /// partial correspondence between otherwise dissimilar units
    /// (independent documents on one subject).
    pub distinctive: usize,
    /// Minimum rarity-weighted cosine of the two units' jieba words for a
    /// partial correspondence resting on a single fresh distinctive bigram
    /// (instead of [`AlignOptions::distinctive`]): the same subject said in
    /// different words, with at least one rare term in common.
    pub words: f64,
    /// Minimum ratio of the distinctive bigrams a partial correspondence
    /// shares to the number two units of their lengths would share by chance
    /// (each distinctive bigram of one unit falling into a unit of the other
    /// side in proportion to that unit's length). Long units share a few
    /// distinctive bigrams whatever they are about.
    pub chance: f64,
}

/// Why these values:
/// - `anchor` 0.5: half the bigrams shared. Versions of one clause (a city's
///   copy with scope and lead units rewritten, an amended article) score
///   0.55–1.0 on the reference pairs; different clauses of one document or of
///   documents on one subject stay below 0.45.
/// - `fill` 0.25: between two anchors order is already known, so a rewritten
///   clause that still shares a quarter of its wording is taken.
/// - `moved` 0.5: out of order, only as sure as an anchor.
/// - `contained` 0.6: most of the unit's weighted wording is inside the
///   other (a merged article holds both originals nearly verbatim; a random
///   clause of the same subject is under 0.4 contained).
/// - `distinctive` 4: two distinctive terms of three characters (two bigrams
///   each), or one of five: the same named reform, not the same boilerplate.
///   On the independent reference pair 4 balances precision and recall
///   (3: P 0.56 R 0.79; 4: P 0.66 R 0.68; 5: P 0.67 R 0.50); unrelated corpus
///   documents stay at 10–20 % of units paired, mostly title and signature lines.
/// - `chance` 3: long items of documents on different subjects share four
///   to six distinctive bigrams by chance (expected 1.4–5 for items of
///   250–800 bigrams: fragments across word boundaries, generic phrases), and
///   were paired on that; the reference pairs' partial correspondences share
///   3.7–20 times their chance number (shorter items, named reforms in
///   common). Three times chance keeps all of those and drops most of the former.
/// - `words` 0.15: word cosine (TF-IDF over both documents' units) of the
///   reference pair's partial correspondences is 0.1–0.35, that of a unit's
///   best wrong partner mostly under 0.15. With one shared rare bigram
///   required as well, this adds pairs whose common subject is spelled in
///   common words (independent pair: P 0.68→0.70, R 0.68→0.75; word cosine
///   alone, without a rare bigram, or at 0.12, loses more precision than it
///   gains recall).
impl Default for AlignOptions {
    fn default() -> Self {
        AlignOptions {
            anchor: 0.5,
            fill: 0.25,
            moved: 0.5,
            contained: 0.6,
            distinctive: 4,
            words: 0.15,
            chance: 3.0,
        }
    }
}

/// Align two unit lists with the default options.
pub fn align(seg: &Segmenter, left: &[Unit<'_>], right: &[Unit<'_>]) -> Vec<AlignedPair> {
    align_with(seg, left, right, &AlignOptions::default())
}

/// A scored candidate pair.
#[derive(Debug, Clone, Copy)]
struct Cand {
    l: usize,
    r: usize,
    s: Scores,
    /// Strength after the class penalty.
    strength: f64,
    /// Both units are of one class (required to join a split/merge or partial pair).
    same_class: bool,
}

/// How a pair was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stage {
    Chain,
    Moved,
    Group,
    Partial,
}

/// Align two unit lists.
pub fn align_with(
    seg: &Segmenter,
    left: &[Unit<'_>],
    right: &[Unit<'_>],
    opts: &AlignOptions,
) -> Vec<AlignedPair> {
    let mut lp: Vec<Profile> = left.iter().map(|u| Profile::new(u.kind, u.text)).collect();
    let mut rp: Vec<Profile> = right.iter().map(|u| Profile::new(u.kind, u.text)).collect();
    let w = Weights::new(lp.iter().chain(rp.iter()));
    w.apply(&mut lp);
    w.apply(&mut rp);
    drop(w);
    let mut vocab = HashMap::new();
    for p in lp.iter_mut().chain(rp.iter_mut()) {
        p.set_words(seg, &mut vocab);
    }
    let ww = WordWeights::new(lp.iter().chain(rp.iter()));
    ww.apply(&mut lp);
    ww.apply(&mut rp);
    drop(ww);
    let ln: Vec<Norms> = lp.iter().map(Norms::new).collect();
    let rn: Vec<Norms> = rp.iter().map(Norms::new).collect();

    let cands: Vec<Cand> = candidates::candidates(&lp, &rp)
        .into_iter()
        .filter_map(|(l, r)| {
            let (l, r) = (l as usize, r as usize);
            let penalty = lp[l].class.compat(rp[r].class);
            if penalty == 0.0 {
                return None;
            }
            let s = similarity::score(&lp[l], ln[l], &rp[r], rn[r]);
            Some(Cand {
                l,
                r,
                s,
                strength: s.strength() * penalty,
                same_class: lp[l].class == rp[r].class,
            })
        })
        .collect();

    let mut lm: Vec<bool> = vec![false; left.len()];
    let mut rm: Vec<bool> = vec![false; right.len()];
    let mut pairs: Vec<(Cand, Stage)> = Vec::new();

    // 4a. Anchors: the heaviest order-keeping chain of strong pairs.
    let strong: Vec<&Cand> = cands.iter().filter(|c| c.strength >= opts.anchor).collect();
    let links: Vec<Link> = strong.iter().map(|c| link(c)).collect();
    let mut anchors: Vec<Cand> = chain::heaviest_chain(&links)
        .into_iter()
        .map(|k| *strong[k])
        .collect();
    for c in &anchors {
        lm[c.l] = true;
        rm[c.r] = true;
    }

    // 4b. Fill each gap between consecutive anchors with an order-keeping chain of weaker pairs.
    let mut boxes: Vec<Vec<&Cand>> = vec![Vec::new(); anchors.len() + 1];
    for c in &cands {
        if c.strength < opts.fill || lm[c.l] || rm[c.r] {
            continue;
        }
        let k = anchors.partition_point(|a| a.l < c.l);
        let after_prev = k == 0 || anchors[k - 1].r < c.r;
        let before_next = k == anchors.len() || c.r < anchors[k].r;
        if after_prev && before_next {
            boxes[k].push(c);
        }
    }
    let mut filled = Vec::new();
    for b in &boxes {
        let links: Vec<Link> = b.iter().map(|c| link(c)).collect();
        filled.extend(chain::heaviest_chain(&links).into_iter().map(|k| *b[k]));
    }
    for c in &filled {
        lm[c.l] = true;
        rm[c.r] = true;
    }
    anchors.extend(filled);
    anchors.sort_by_key(|c| (c.l, c.r));
    pairs.extend(anchors.iter().map(|c| (*c, Stage::Chain)));

    // 5. Strong pairs that cross the chain: moved.
    let mut rest: Vec<&Cand> = cands
        .iter()
        .filter(|c| c.strength >= opts.moved && !lm[c.l] && !rm[c.r])
        .collect();
    rest.sort_by(|a, b| {
        b.strength
            .total_cmp(&a.strength)
            .then((a.l, a.r).cmp(&(b.l, b.r)))
    });
    for c in rest {
        if !lm[c.l] && !rm[c.r] {
            lm[c.l] = true;
            rm[c.r] = true;
            pairs.push((*c, Stage::Moved));
        }
    }

    // 6. Unpaired units contained in a paired unit join its pair as split/merge.
    let mut joins: Vec<Cand> = Vec::new();
    let mut by_left: Vec<Vec<usize>> = vec![Vec::new(); left.len()];
    let mut by_right: Vec<Vec<usize>> = vec![Vec::new(); right.len()];
    for (k, c) in cands.iter().enumerate() {
        by_left[c.l].push(k);
        by_right[c.r].push(k);
    }
    for l in 0..left.len() {
        if lm[l] || !lp[l].joins() {
            continue;
        }
        if let Some(c) = best_of(
            &cands,
            &by_left[l],
            |c| rm[c.r].then_some(c.s.in_right),
            opts,
        ) {
            joins.push(c);
        }
    }
    for r in 0..right.len() {
        if rm[r] || !rp[r].joins() {
            continue;
        }
        if let Some(c) = best_of(
            &cands,
            &by_right[r],
            |c| lm[c.l].then_some(c.s.in_left),
            opts,
        ) {
            joins.push(c);
        }
    }
    for c in &joins {
        lm[c.l] = true;
        rm[c.r] = true;
    }
    pairs.extend(joins.into_iter().map(|c| (c, Stage::Group)));

    // 7. Partial correspondences: each still unpaired unit takes the partner
    // with which it shares the most distinctive wording, when that is enough.
    // Wording the partner shares with the units it is already paired with
    // does not count: it is explained by that pair (a deleted article that
    // repeats a phrase of a kept one stays deleted).
    let mut of_left: Vec<Vec<usize>> = vec![Vec::new(); left.len()];
    let mut of_right: Vec<Vec<usize>> = vec![Vec::new(); right.len()];
    for (c, _) in &pairs {
        of_left[c.l].push(c.r);
        of_right[c.r].push(c.l);
    }
    let mut partial: Vec<Cand> = Vec::new();
    for (u, ks) in by_left.iter().enumerate() {
        if !lm[u] && lp[u].joins() {
            let fresh = |c: &Cand| {
                let others: Vec<&Profile> = of_right[c.r].iter().map(|&o| &lp[o]).collect();
                (
                    similarity::fresh_rare(&lp[c.l], &rp[c.r], &others),
                    similarity::chance_rare(&lp[c.l], &rp[c.r]),
                )
            };
            partial.extend(best_partial(&cands, ks, fresh, opts));
        }
    }
    for (u, ks) in by_right.iter().enumerate() {
        if !rm[u] && rp[u].joins() {
            let fresh = |c: &Cand| {
                let others: Vec<&Profile> = of_left[c.l].iter().map(|&o| &rp[o]).collect();
                (
                    similarity::fresh_rare(&lp[c.l], &rp[c.r], &others),
                    similarity::chance_rare(&lp[c.l], &rp[c.r]),
                )
            };
            partial.extend(best_partial(&cands, ks, fresh, opts));
        }
    }
    partial.sort_by_key(|c| (c.l, c.r));
    partial.dedup_by_key(|c| (c.l, c.r));
    pairs.extend(partial.into_iter().map(|c| (c, Stage::Partial)));

    finish(left.len(), right.len(), &lp, &rp, &pairs, &anchors)
}

/// The candidate among `ks` sharing the most fresh distinctive bigrams
/// (`fresh`, with the number the pair would share by chance), at least
/// [`AlignOptions::distinctive`] and [`AlignOptions::chance`] times the
/// chance number; ties go to the stronger pair.
fn best_partial(
    cands: &[Cand],
    ks: &[usize],
    fresh: impl Fn(&Cand) -> (usize, f64),
    opts: &AlignOptions,
) -> Option<Cand> {
    let mut found: Option<((usize, f64), Cand)> = None;
    for &k in ks {
        let c = &cands[k];
        let by_words = c.s.words >= opts.words;
        if !c.same_class || (c.s.rare < opts.distinctive && !(by_words && c.s.rare >= 1)) {
            continue;
        }
        let (f, by_chance) = fresh(c);
        let ok =
            (f >= opts.distinctive || (by_words && f >= 1)) && f as f64 >= opts.chance * by_chance;
        let key = (if ok { f.max(opts.distinctive) } else { 0 }, c.strength);
        if ok && found.is_none_or(|(b, _)| key.0 > b.0 || (key.0 == b.0 && key.1 > b.1)) {
            found = Some((key, *c));
        }
    }
    found.map(|(_, c)| c)
}

/// The pair fits between the chain pairs around it (keeps the reading order).
fn in_order(chain: &[Cand], c: &Cand) -> bool {
    let k = chain.partition_point(|a| a.l < c.l);
    (k == 0 || chain[k - 1].r < c.r) && (k == chain.len() || c.r < chain[k].r)
}

fn link(c: &Cand) -> Link {
    Link {
        left: c.l,
        right: c.r,
        weight: c.strength,
    }
}

/// The candidate among `ks` with the highest containment value (`pick`) at or above the threshold.
fn best_of(
    cands: &[Cand],
    ks: &[usize],
    pick: impl Fn(&Cand) -> Option<f64>,
    opts: &AlignOptions,
) -> Option<Cand> {
    let mut found: Option<(f64, Cand)> = None;
    for &k in ks {
        let c = &cands[k];
        if !c.same_class {
            continue;
        }
        if let Some(v) = pick(c) {
            if v >= opts.contained && found.is_none_or(|(b, _)| v > b) {
                found = Some((v, *c));
            }
        }
    }
    found.map(|(_, c)| c)
}

/// Kinds, reading order and group numbers.
fn finish(
    nl: usize,
    nr: usize,
    lp: &[Profile],
    rp: &[Profile],
    pairs: &[(Cand, Stage)],
    chain: &[Cand],
) -> Vec<AlignedPair> {
    let mut deg_l = vec![0usize; nl];
    let mut deg_r = vec![0usize; nr];
    for (c, _) in pairs {
        deg_l[c.l] += 1;
        deg_r[c.r] += 1;
    }
    // Sort key: (right position + 1, 0 = paired / right-only, 1 = left-only, left position).
    let mut rows: Vec<((usize, u8, usize), AlignedPair)> = Vec::with_capacity(nl + nr);
    for (c, stage) in pairs {
        let same = lp[c.l].exact == rp[c.r].exact;
        let kind = if deg_l[c.l] > 1 {
            PairKind::Split
        } else if deg_r[c.r] > 1 {
            PairKind::Merged
        } else if *stage == Stage::Moved || (*stage == Stage::Partial && !in_order(chain, c)) {
            PairKind::Moved
        } else if same {
            PairKind::Same
        } else {
            PairKind::Modified
        };
        let similarity = if same { 1.0 } else { c.s.dice };
        rows.push((
            (c.r + 1, 0, c.l),
            AlignedPair {
                left: Some(c.l),
                right: Some(c.r),
                kind,
                similarity,
                group: None,
            },
        ));
    }
    // Anchor of each left unit: the right position of the last chain pair with a smaller left unit.
    let mut anchor = vec![0usize; nl];
    let mut k = 0;
    let mut last = 0;
    for (l, a) in anchor.iter_mut().enumerate() {
        while k < chain.len() && chain[k].l < l {
            last = last.max(chain[k].r + 1);
            k += 1;
        }
        *a = last;
    }
    for (l, _) in deg_l.iter().enumerate().filter(|(_, d)| **d == 0) {
        rows.push((
            (anchor[l], 1, l),
            AlignedPair {
                left: Some(l),
                right: None,
                kind: PairKind::LeftOnly,
                similarity: 0.0,
                group: None,
            },
        ));
    }
    for (r, _) in deg_r.iter().enumerate().filter(|(_, d)| **d == 0) {
        rows.push((
            (r + 1, 0, 0),
            AlignedPair {
                left: None,
                right: Some(r),
                kind: PairKind::RightOnly,
                similarity: 0.0,
                group: None,
            },
        ));
    }
    rows.sort_by_key(|(key, _)| *key);
    let mut out: Vec<AlignedPair> = rows.into_iter().map(|(_, p)| p).collect();
    number_groups(&mut out, nl, nr);
    out
}

/// Give the pairs of each split/merge (connected through shared units) one group number, in output order.
fn number_groups(out: &mut [AlignedPair], nl: usize, nr: usize) {
    // Union-find over units: left l is node l, right r is node nl + r.
    let mut parent: Vec<usize> = (0..nl + nr).collect();
    fn find(p: &mut [usize], mut x: usize) -> usize {
        while p[x] != x {
            p[x] = p[p[x]];
            x = p[x];
        }
        x
    }
    for p in out.iter() {
        if let (Some(l), Some(r), PairKind::Split | PairKind::Merged) = (p.left, p.right, p.kind) {
            let (a, b) = (find(&mut parent, l), find(&mut parent, nl + r));
            if a != b {
                parent[a.max(b)] = a.min(b);
            }
        }
    }
    let mut number: Vec<Option<usize>> = vec![None; nl + nr];
    let mut next = 0;
    for p in out.iter_mut() {
        if let (Some(l), Some(_), PairKind::Split | PairKind::Merged) = (p.left, p.right, p.kind) {
            let root = find(&mut parent, l);
            let g = *number[root].get_or_insert_with(|| {
                next += 1;
                next - 1
            });
            p.group = Some(g);
        }
    }
}
