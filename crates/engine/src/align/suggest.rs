//! Possible counterparts (可能对应) of each unit: the candidates the aligner
//! did not pair, ranked by topic score.
//!
//! Between independently written documents the aligner leaves many real
//! partial correspondences unpaired: their topic score is no higher than
//! that of wrong pairs of like wording, so the evidence tests keep them out
//! (see `related`). A person can tell the two apart at a glance, so the
//! likeliest ones are offered instead of made: the unit's manual pairing
//! lists them first, with their strength.
//!
//! A unit's suggestions are its candidates of the same class (body text,
//! or preamble with preamble, and so on; no bare headings, titles or
//! signatures, which have few words to judge by), not already paired with
//! it, whose topic score reaches [`MIN_TOPIC`] spreads above an ordinary pair
//! of the two documents, best first, at most [`MAX_SUGGESTIONS`] — and that
//! say something in absolute terms (see `evidence`): a topic score is
//! relative, and the likeliest units of two unrelated documents stand out
//! from their ordinary pair as well. Between versions of one text, a unit a
//! rewrite accounts for is nobody's suggestion (see `related::Accounted`).

use super::features::Profile;
use super::{Cand, Stage};
use rustc_hash::FxHashSet as HashSet;

/// Most suggestions per unit.
pub const MAX_SUGGESTIONS: usize = 3;

/// Lowest topic score of a suggestion (standard deviations above an ordinary
/// pair of the two documents; strength 0.2, see [`super::related::strength`]).
pub const MIN_TOPIC: f64 = 1.0;

/// Lowest cosine of two units' centred sentence vectors for a suggestion
/// between units that both have one: the meaning is close in absolute terms,
/// not only the closest of bad matches (a topic score is relative to the two
/// documents, so two unrelated documents have candidates a spread or more
/// above their ordinary pair too). Measured with `cargo bench --bench
/// alignment` and seven pairs of unrelated corpus documents: without it
/// 7–33 one-sided rows of such a pair have suggestions, at 0.3 none to three,
/// while 13 of the 41 reference pairs missed on the six independently written
/// references are still offered (0.2 / 0.25 / 0.35: more or fewer of both; the
/// related pairs the aligner makes on meaning alone ask for 0.4).
pub const MIN_MEANING: f64 = 0.3;

/// Fewest distinctive bigrams two units without sentence vectors share for a
/// suggestion, and how many times what two units of their lengths share by
/// chance (as [`super::RelatedOptions::chance`] of related pairs by wording).
const MIN_RARE: usize = 2;
const MIN_CHANCE: f64 = 3.0;

/// Whether the candidate `c` of units `a` and `b` says something in absolute
/// terms: by meaning when both have vectors, else by shared rare wording.
fn evidence(c: &Cand, a: &Profile, b: &Profile) -> bool {
    match c.meaning {
        Some(m) => m >= MIN_MEANING,
        None => {
            c.s.rare >= MIN_RARE
                && c.s.rare as f64 >= MIN_CHANCE * super::similarity::chance_rare(a, b)
        }
    }
}

/// A possible counterpart of a unit: a unit of the other document and the
/// strength of the topic match (0–1, as a related pair's).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Suggested {
    /// Unit index in the other document.
    pub unit: usize,
    /// Strength of the topic match, 0–1.
    pub strength: f64,
}

/// The suggestions of every left unit and of every right unit.
pub(super) fn suggestions(
    cands: &[Cand],
    lp: &[Profile],
    rp: &[Profile],
    pairs: &[(Cand, Stage)],
    kept: &super::related::Accounted,
) -> (Vec<Vec<Suggested>>, Vec<Vec<Suggested>>) {
    let taken: HashSet<(usize, usize)> = pairs.iter().map(|(c, _)| (c.l, c.r)).collect();
    let mut of_left: Vec<Vec<&Cand>> = vec![Vec::new(); lp.len()];
    let mut of_right: Vec<Vec<&Cand>> = vec![Vec::new(); rp.len()];
    for c in cands {
        if !c.same_class
            || c.topic < MIN_TOPIC
            || !lp[c.l].joins()
            || !rp[c.r].joins()
            || kept.holds(c)
            || taken.contains(&(c.l, c.r))
            || !evidence(c, &lp[c.l], &rp[c.r])
        {
            continue;
        }
        of_left[c.l].push(c);
        of_right[c.r].push(c);
    }
    let rank = |mut cs: Vec<&Cand>, other: fn(&Cand) -> usize| -> Vec<Suggested> {
        cs.sort_by(|a, b| b.topic.total_cmp(&a.topic).then(other(a).cmp(&other(b))));
        cs.into_iter()
            .take(MAX_SUGGESTIONS)
            .map(|c| Suggested {
                unit: other(c),
                strength: super::related::strength(c.topic),
            })
            .collect()
    };
    (
        of_left.into_iter().map(|cs| rank(cs, |c| c.r)).collect(),
        of_right.into_iter().map(|cs| rank(cs, |c| c.l)).collect(),
    )
}
