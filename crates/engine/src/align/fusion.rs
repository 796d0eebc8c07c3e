//! Put the lexical and the semantic score of a pair on one scale.
//!
//! Takes the units' optional sentence vectors and hands on [`Vectors`]
//! (centred on the mean of both documents' units, so that what every
//! clause of a policy text shares does not count, then normalised) and
//! [`Scale`]s: the mean and spread of a score over a fixed sample of the
//! two documents' unit pairs. A pair's *topic score* is the sum of its
//! standardised scores ([`fuse`]): how far above an ordinary pair of these
//! two documents it stands, lexically and in meaning. Not the place to
//! start: see [`super::align`].

use super::features::Profile;
use super::similarity::{self, Norms, Scores};
use super::Unit;

/// Most pairs sampled to estimate a [`Scale`]: enough for a stable median
/// and spread, few enough to cost well under a millisecond.
const SAMPLE: usize = 1024;
/// Fewest pairs sampled, however long the units.
const SAMPLE_MIN: usize = 256;
/// Bigrams compared over the whole sample at most (long units: fewer pairs).
const SAMPLE_GRAMS: usize = 250_000;

/// Weight of the semantic score in the fused topic score (the lexical one
/// has `1 - SEMANTIC`): equal weights, the best of the weights measured on
/// the reference alignments (see `shared/notes/embeddings-measured.md`).
pub const SEMANTIC: f64 = 0.5;

/// The units' vectors, centred and normalised; a unit without one (or with
/// one of another length than the first) has none.
#[derive(Debug, Default)]
pub struct Vectors {
    left: Vec<Option<Vec<f32>>>,
    right: Vec<Option<Vec<f32>>>,
}

impl Vectors {
    /// Centre and normalise the units' vectors; `None` when fewer than two
    /// units of each side have one (nothing to standardise against).
    pub fn new(left: &[Unit<'_>], right: &[Unit<'_>]) -> Option<Vectors> {
        let dims = left.iter().chain(right).find_map(|u| u.vector)?.len();
        fn usable<'v>(u: &Unit<'v>, dims: usize) -> Option<&'v [f32]> {
            u.vector.filter(|v| v.len() == dims && !v.is_empty())
        }
        let count = |side: &[Unit<'_>]| side.iter().filter(|u| usable(u, dims).is_some()).count();
        if count(left) < 2 || count(right) < 2 {
            return None;
        }
        let mut mean = vec![0f64; dims];
        let mut n = 0usize;
        for v in left.iter().chain(right).filter_map(|u| usable(u, dims)) {
            for (m, x) in mean.iter_mut().zip(v) {
                *m += f64::from(*x);
            }
            n += 1;
        }
        for m in &mut mean {
            *m /= n as f64;
        }
        let prepare = |side: &[Unit<'_>]| -> Vec<Option<Vec<f32>>> {
            side.iter()
                .map(|u| {
                    let v = usable(u, dims)?;
                    let c: Vec<f64> = v
                        .iter()
                        .zip(&mean)
                        .map(|(x, m)| f64::from(*x) - m)
                        .collect();
                    let norm = c.iter().map(|x| x * x).sum::<f64>().sqrt();
                    (norm > 1e-12).then(|| c.iter().map(|x| (x / norm) as f32).collect())
                })
                .collect()
        };
        Some(Vectors {
            left: prepare(left),
            right: prepare(right),
        })
    }

    /// Cosine of the centred vectors of left unit `l` and right unit `r`, when both have one.
    pub fn cosine(&self, l: usize, r: usize) -> Option<f64> {
        let (a, b) = (self.left[l].as_ref()?, self.right[r].as_ref()?);
        Some(
            a.iter()
                .zip(b)
                .map(|(x, y)| f64::from(*x) * f64::from(*y))
                .sum(),
        )
    }
}

/// Centre and spread of a score over a sample of unit pairs: the median and
/// the median absolute deviation (scaled to a standard deviation), so that
/// the few strong pairs of two versions of one text do not widen the scale
/// against which every other pair is measured.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Scale {
    centre: f64,
    spread: f64,
}

impl Scale {
    /// The scale of the values (the standard deviation when half or more
    /// of them are equal; a degenerate spread counts as 1e-6).
    pub fn of(values: impl IntoIterator<Item = f64>) -> Scale {
        let mut v: Vec<f64> = values.into_iter().filter(|x| x.is_finite()).collect();
        if v.is_empty() {
            return Scale {
                centre: 0.0,
                spread: 1.0,
            };
        }
        let median = |v: &mut [f64]| -> f64 {
            let k = v.len() / 2;
            *v.select_nth_unstable_by(k, f64::total_cmp).1
        };
        let centre = median(&mut v);
        let n = v.len() as f64;
        let mean = v.iter().sum::<f64>() / n;
        let sd = (v.iter().map(|x| (x - mean) * (x - mean)).sum::<f64>() / n).sqrt();
        let mut dev: Vec<f64> = v.iter().map(|x| (x - centre).abs()).collect();
        let mad = 1.4826 * median(&mut dev);
        let spread = if mad > 1e-9 { mad } else { sd };
        Scale {
            centre,
            spread: spread.max(1e-6),
        }
    }

    /// Standardised value: how many spreads above the centre.
    pub fn z(&self, x: f64) -> f64 {
        (x - self.centre) / self.spread
    }
}

/// Up to `size` (at most [`SAMPLE`]) pairs `(left, right)` spread evenly over all `nl × nr`
/// pairs: every pair when there are few, else each left unit with a few
/// right units at a stride that varies with the left unit. Deterministic.
pub fn sample_pairs(nl: usize, nr: usize, size: usize) -> Vec<(usize, usize)> {
    if nl == 0 || nr == 0 {
        return Vec::new();
    }
    let size = size.clamp(1, SAMPLE);
    if nl * nr <= size {
        return (0..nl).flat_map(|l| (0..nr).map(move |r| (l, r))).collect();
    }
    let per_left = size.div_ceil(nl).min(nr);
    let step_l = nl.div_ceil(size).max(1);
    let mut out = Vec::with_capacity(size + per_left);
    for l in (0..nl).step_by(step_l) {
        let stride = nr / per_left;
        for k in 0..per_left {
            out.push((l, (l * 7 + k * stride) % nr));
        }
    }
    out
}

/// A pair's topic score: its standardised lexical score, fused with its
/// standardised semantic score when both units have a vector.
pub fn fuse(lexical_z: f64, semantic_z: Option<f64>) -> f64 {
    match semantic_z {
        Some(s) => (1.0 - SEMANTIC) * lexical_z + SEMANTIC * s,
        None => lexical_z,
    }
}

/// The scales of the lexical score (rarity-weighted bigram cosine) and of
/// the semantic score (vector cosine) over a sample of the pairs that may pair
/// (see [`super::features::Class::compat`]).
#[derive(Debug, Clone, Copy)]
pub struct Scales {
    lexical: Scale,
    words: Scale,
    semantic: Option<Scale>,
    context: f64,
    /// Weight of the word cosine within the lexical score.
    word_weight: f64,
}

impl Scales {
    /// Measure both scales on a sample of the two documents' pairs.
    pub fn new(
        lp: &[Profile],
        ln: &[Norms],
        rp: &[Profile],
        rn: &[Norms],
        vectors: Option<&Vectors>,
        context: f64,
        word_weight: f64,
    ) -> Scales {
        let grams = |side: &[Profile]| {
            side.iter().map(|p| p.grams.len()).sum::<usize>() / side.len().max(1)
        };
        let per_pair = (grams(lp) + grams(rp)).max(1);
        let size = (SAMPLE_GRAMS / per_pair).clamp(SAMPLE_MIN, SAMPLE);
        let sample: Vec<(usize, usize)> = sample_pairs(lp.len(), rp.len(), size)
            .into_iter()
            .filter(|&(l, r)| lp[l].class.sampled().compat(rp[r].class.sampled()) > 0.0)
            .collect();
        let scores: Vec<Scores> = sample
            .iter()
            .map(|&(l, r)| similarity::score(&lp[l], ln[l], &rp[r], rn[r]))
            .collect();
        let lexical = Scale::of(
            sample
                .iter()
                .zip(&scores)
                .map(|(&(l, r), s)| lexical(&lp[l], &rp[r], s, context)),
        );
        let words = Scale::of(scores.iter().map(|s| s.words));
        let semantic =
            vectors.map(|v| Scale::of(sample.iter().filter_map(|&(l, r)| v.cosine(l, r))));
        Scales {
            lexical,
            words,
            semantic,
            context,
            word_weight,
        }
    }

    /// The standardised lexical and semantic scores of left unit `l` and
    /// right unit `r` with lexical scores `s` (see [`Parts`]).
    pub fn parts(
        &self,
        lp: &Profile,
        rp: &Profile,
        s: &Scores,
        vectors: Option<&Vectors>,
        l: usize,
        r: usize,
    ) -> Parts {
        let semantic = match (self.semantic, vectors) {
            (Some(scale), Some(v)) => v.cosine(l, r).map(|c| scale.z(c)),
            _ => None,
        };
        let w = self.word_weight;
        let lexical = (1.0 - w) * self.lexical.z(lexical(lp, rp, s, self.context))
            + w * self.words.z(s.words);
        Parts { lexical, semantic }
    }
}

/// A pair's two standardised scores, before they are fused into its topic score.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Parts {
    /// Standardised lexical score (bigram and word cosine, section headings).
    pub lexical: f64,
    /// Standardised vector cosine, when both units have a vector.
    pub semantic: Option<f64>,
}

impl Parts {
    /// The topic score: [`fuse`] of the two.
    pub fn fused(&self) -> f64 {
        fuse(self.lexical, self.semantic)
    }
}

/// The lexical score of a pair for its topic: the rarity-weighted cosine of
/// the two units' bigrams, plus `context` times that of their section
/// headings (the unit's heading path is part of its topic).
pub fn lexical(lp: &Profile, rp: &Profile, s: &Scores, context: f64) -> f64 {
    if context == 0.0 || lp.context.is_empty() || rp.context.is_empty() {
        return s.cosine;
    }
    s.cosine
        + context
            * similarity::weighted_cosine(
                &lp.context,
                &lp.context_idf,
                &rp.context,
                &rp.context_idf,
            )
}
