//! Topic-level correspondences between independently written documents.
//!
//! Takes the scored candidates and the pairs found so far (rewrites: the
//! chain, moved, split and merged pairs) and hands on further pairs of units
//! that deal with the same specific subject without one being a rewrite of
//! the other — `related` (主题相关). A unit may have several: a broad
//! provincial task and the two city items that each carry part of it.
//!
//! A candidate becomes related when
//! 1. both units are body text of one class, long enough to say something
//!    (see `features::Profile::joins`);
//! 2. it has evidence beyond chance: enough *fresh* distinctive bigrams
//!    (held by hardly any other unit, and not explained by a partner either
//!    unit already has), at least [`AlignOptions::chance`] times what two
//!    units of their lengths share by chance (fewer such bigrams when the
//!    pair's topic score is high and it shares rare words, or its two
//!    units are close in meaning, see [`RelatedOptions::sure_topic`] and
//!    [`RelatedOptions::sure_meaning`]);
//! 3. its topic score (see `fusion`) reaches [`AlignOptions::topic`], and
//!    two body units with sentence vectors are not far apart in meaning
//!    ([`RelatedOptions::meaning`]); and
//! 4. it is, within [`AlignOptions::margin`], the best counterpart of at
//!    least one of its two units — the best among its candidates passing 1–3
//!    and the pairs it already has. No order is assumed: independently
//!    written documents order their subjects as they like.
//!
//! A unit with a strong rewrite partner keeps it alone (no other candidate
//! comes near its topic score) unless it is another unit's best match; and
//! between versions of one text (half or more of the shorter document's
//! units rewritten at anchor strength) it keeps it alone always (in
//! [`agreed`] too).
//! Not the place to start: see [`super::align`].

use rustc_hash::FxHashSet as HashSet;

use super::features::{Class, Profile};
use super::similarity;
use super::{AlignOptions, Cand, RelatedOptions, Stage};

/// The related pairs to add to `pairs`, sorted by (left, right).
pub(super) fn related(
    cands: &[Cand],
    lp: &[Profile],
    rp: &[Profile],
    pairs: &[(Cand, Stage)],
    kept: &Accounted,
    opts: &AlignOptions,
) -> Vec<Cand> {
    let (nl, nr) = (lp.len(), rp.len());
    let mut of_left: Vec<Vec<usize>> = vec![Vec::new(); nl];
    let mut of_right: Vec<Vec<usize>> = vec![Vec::new(); nr];
    let mut best_l = vec![f64::NEG_INFINITY; nl];
    let mut best_r = vec![f64::NEG_INFINITY; nr];
    let mut taken: HashSet<(usize, usize)> = HashSet::default();
    for (c, _) in pairs {
        of_left[c.l].push(c.r);
        of_right[c.r].push(c.l);
        best_l[c.l] = best_l[c.l].max(c.topic);
        best_r[c.r] = best_r[c.r].max(c.topic);
        taken.insert((c.l, c.r));
    }
    let set = |c: &Cand| -> &RelatedOptions {
        if c.meaning.is_some() {
            &opts.related_semantic
        } else {
            &opts.related
        }
    };
    let evidence = |c: &Cand| -> bool {
        let opts = set(c);
        if !c.same_class || !(lp[c.l].joins() || rp[c.r].joins()) || c.topic < opts.topic {
            return false;
        }
        // Body text far apart in meaning is no topic link, whatever its wording shares.
        if lp[c.l].class == Class::Body && c.meaning.is_some_and(|m| m < opts.meaning) {
            return false;
        }
        let by_words = c.s.words >= opts.words;
        // Fewer fresh distinctive bigrams when the topic score and the shared words already single the pair out.
        // …or when the two units are close in meaning in absolute terms.
        let sure = (c.topic >= opts.sure_topic && c.s.words >= opts.sure_words)
            || c.meaning.is_some_and(|m| m >= opts.sure_meaning);
        let need = if sure {
            opts.distinctive.min(opts.sure)
        } else {
            opts.distinctive
        };
        if c.s.rare < need && !(by_words && c.s.rare >= 1) {
            return false;
        }
        // Wording either unit shares with a partner it already has is explained by that pair.
        let others: Vec<&Profile> = of_right[c.r]
            .iter()
            .map(|&o| &lp[o])
            .chain(of_left[c.l].iter().map(|&o| &rp[o]))
            .collect();
        let fresh = similarity::fresh_rare(&lp[c.l], &rp[c.r], &others);
        let by_chance = similarity::chance_rare(&lp[c.l], &rp[c.r]);
        (fresh >= need || (by_words && fresh >= 1)) && fresh as f64 >= opts.chance * by_chance
    };
    let gated: Vec<&Cand> = cands
        .iter()
        .filter(|c| !taken.contains(&(c.l, c.r)) && !kept.holds(c) && evidence(c))
        .collect();
    for c in &gated {
        best_l[c.l] = best_l[c.l].max(c.topic);
        best_r[c.r] = best_r[c.r].max(c.topic);
    }
    let mut out: Vec<Cand> = gated
        .into_iter()
        .filter(|c| {
            let opts = set(c);
            // Within the margin of one unit's best, and not far below the other's.
            let (dl, dr) = (best_l[c.l] - c.topic, best_r[c.r] - c.topic);
            (dl <= opts.margin && dr <= opts.spread) || (dr <= opts.margin && dl <= opts.spread)
        })
        .copied()
        .collect();
    out.sort_by_key(|c| (c.l, c.r));
    out
}

/// Units accounted for by a rewrite between versions of one text: when half
/// or more of the shorter document's units are rewritten at anchor strength
/// (chain or moved pairs), the units of those pairs. Another unit's topic
/// link to such a unit is shared wording of a neighbouring provision (a
/// deleted article with the same penalty clause), not a second counterpart.
/// Between independently written documents: none.
pub(super) struct Accounted {
    left: Vec<bool>,
    right: Vec<bool>,
}

impl Accounted {
    /// The units accounted for by `pairs` (of documents of `nl` and `nr` units).
    pub(super) fn new(pairs: &[(Cand, Stage)], nl: usize, nr: usize, opts: &AlignOptions) -> Self {
        let mut left = vec![false; nl];
        let mut right = vec![false; nr];
        let mut rewrites = 0usize;
        for (c, stage) in pairs {
            if matches!(stage, Stage::Chain | Stage::Moved) && c.strength >= opts.anchor {
                left[c.l] = true;
                right[c.r] = true;
                rewrites += 1;
            }
        }
        if 2 * rewrites < nl.min(nr).max(1) {
            left.fill(false);
            right.fill(false);
        }
        Accounted { left, right }
    }

    /// Whether either unit of `c` is accounted for.
    pub(super) fn holds(&self, c: &Cand) -> bool {
        self.left[c.l] || self.right[c.r]
    }
}

/// Related pairs of bare headings: each heading that is not paired yet takes
/// the heading (or heading-led section) of the other side whose title is
/// most like its own, when their weighted cosine reaches
/// [`AlignOptions::heading`]. A section may take several headings.
pub(super) fn headings(
    cands: &[Cand],
    lp: &[Profile],
    rp: &[Profile],
    pairs: &[(Cand, Stage)],
    opts: &AlignOptions,
) -> Vec<Cand> {
    let mut held_l = vec![false; lp.len()];
    let mut held_r = vec![false; rp.len()];
    for (c, _) in pairs {
        held_l[c.l] = true;
        held_r[c.r] = true;
    }
    let heading = |p: &Profile| p.class == Class::Heading;
    let mut best_l: Vec<Option<(f64, Cand)>> = vec![None; lp.len()];
    let mut best_r: Vec<Option<(f64, Cand)>> = vec![None; rp.len()];
    for c in cands {
        let (a, b) = (&lp[c.l], &rp[c.r]);
        if a.head.is_empty() || b.head.is_empty() || !(heading(a) || heading(b)) {
            continue;
        }
        let h = similarity::weighted_cosine(&a.head, &a.head_idf, &b.head, &b.head_idf);
        if h < opts.heading {
            continue;
        }
        if heading(a) && !held_l[c.l] && best_l[c.l].is_none_or(|(x, _)| h > x) {
            best_l[c.l] = Some((h, *c));
        }
        if heading(b) && !held_r[c.r] && best_r[c.r].is_none_or(|(x, _)| h > x) {
            best_r[c.r] = Some((h, *c));
        }
    }
    let mut out: Vec<Cand> = best_l
        .into_iter()
        .chain(best_r)
        .flatten()
        .map(|(_, c)| c)
        .collect();
    out.sort_by_key(|c| (c.l, c.r));
    out.dedup_by_key(|c| (c.l, c.r));
    out
}

/// Related pairs on which wording and meaning agree: two units with
/// sentence vectors, each the other's best counterpart by topic score
/// (among all their candidates, pairs found so far included), a spread or
/// more above an ordinary pair both by wording and by meaning
/// ([`AlignOptions::agree`]), and with centred vectors close in absolute
/// terms. Independently written documents often say the same thing in
/// different words (two preambles, two items on one task): such a pair
/// shares too little distinctive wording for [`related`], yet neither unit
/// has anything closer. Front matter pairs too (preamble with preamble, a
/// cover letter with a preamble, signature with signature); bare headings
/// and heading–section pairs are left to [`headings`].
pub(super) fn agreed(
    cands: &[Cand],
    lp: &[Profile],
    rp: &[Profile],
    pairs: &[(Cand, Stage)],
    kept: &Accounted,
    opts: &AlignOptions,
) -> Vec<Cand> {
    let may = |c: &Cand| lp[c.l].class.compat(rp[c.r].class) > 0.0;
    let mut best_l = vec![f64::NEG_INFINITY; lp.len()];
    let mut best_r = vec![f64::NEG_INFINITY; rp.len()];
    for c in cands.iter().filter(|c| may(c)) {
        best_l[c.l] = best_l[c.l].max(c.topic);
        best_r[c.r] = best_r[c.r].max(c.topic);
    }
    let taken: HashSet<(usize, usize)> = pairs.iter().map(|(c, _)| (c.l, c.r)).collect();
    let a = &opts.agree;
    let mut out: Vec<Cand> = cands
        .iter()
        .filter(|c| {
            may(c)
                && !taken.contains(&(c.l, c.r))
                && !kept.holds(c)
                && c.topic >= best_l[c.l]
                && c.topic >= best_r[c.r]
                && c.parts.lexical >= a.lexical
                && c.parts.semantic.is_some_and(|z| z >= a.semantic)
                && c.meaning.is_some_and(|m| m >= a.cosine)
        })
        .copied()
        .collect();
    out.sort_by_key(|c| (c.l, c.r));
    out
}

/// The strength of a related pair, 0–1, from its topic score `z` (standard
/// deviations above an ordinary pair of the two documents): `z / (z + 4)`,
/// so 0.5 at four standard deviations, and 0 at or below the mean.
pub(super) fn strength(z: f64) -> f64 {
    if z <= 0.0 {
        0.0
    } else {
        z / (z + 4.0)
    }
}
