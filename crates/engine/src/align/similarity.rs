//! Score how much two units' texts share.
//!
//! Takes two [`Profile`]s and a [`Weights`] table (bigram rarity over both
//! documents) and hands on [`Scores`]: plain Dice over bigram sets (the
//! similarity reported to users), rarity-weighted cosine (the pairing
//! strength: shared rare wording counts more than shared boilerplate), and
//! rarity-weighted containment of each side in the other (for split/merge and
//! partial correspondences). Not the place to start: see [`super::align`].

use rustc_hash::FxHashMap as HashMap;

use super::features::Profile;

/// Rarity (inverse document frequency) of every bigram over the units of both documents.
#[derive(Debug, Default)]
pub struct Weights {
    df: HashMap<u64, u32>,
    units: usize,
    /// Bigrams (deduplicated per unit) over all units.
    total: usize,
}

impl Weights {
    /// Count document frequencies over all profiles.
    pub fn new<'a>(profiles: impl IntoIterator<Item = &'a Profile>) -> Weights {
        let mut w = Weights::default();
        for p in profiles {
            w.units += 1;
            w.total += p.grams.len();
            for g in &p.grams {
                *w.df.entry(*g).or_insert(0) += 1;
            }
        }
        w
    }

    /// Most units a bigram may be held by and still be distinctive:
    /// [`RARE_DF`], or fewer (down to 2: one unit on each side) in short documents.
    pub fn rare_df(&self) -> u32 {
        ((self.units / RARE_SHARE) as u32).clamp(2, RARE_DF)
    }

    /// Store each profile's bigram weights and frequencies in it, so that
    /// scoring needs no lookups.
    pub fn apply(&self, profiles: &mut [Profile]) {
        // The weight depends on the frequency alone: one logarithm per frequency.
        let table: Vec<f64> = (0..=self.units as u32).map(|d| self.idf_of(d)).collect();
        let idf = |d: u32| {
            table
                .get(d as usize)
                .copied()
                .unwrap_or_else(|| self.idf_of(d))
        };
        for p in profiles {
            p.rare_df = self.rare_df();
            p.df = p.grams.iter().map(|g| self.df(*g)).collect();
            p.idf = p.df.iter().map(|&d| idf(d)).collect();
            p.head_idf = p.head.iter().map(|g| idf(self.df(*g))).collect();
            p.context_idf = p.context.iter().map(|g| idf(self.df(*g))).collect();
            // Each distinctive bigram of the unit is held by `df - 1` other
            // units; by chance, a unit of the other side holds it in
            // proportion to that unit's share of all other bigrams.
            let others = (self.total - p.grams.len()).max(1) as f64;
            p.rare_chance =
                p.df.iter()
                    .filter(|&&d| (2..=p.rare_df).contains(&d))
                    .map(|&d| f64::from(d - 1))
                    .sum::<f64>()
                    / others;
        }
    }

    /// Rarity weight `ln(1 + N/df)`: a bigram in every unit weighs ln 2, one in a single unit ln(1+N).
    fn idf_of(&self, df: u32) -> f64 {
        (1.0 + self.units as f64 / df.max(1) as f64).ln()
    }

    /// Number of units holding the bigram.
    pub fn df(&self, g: u64) -> u32 {
        self.df.get(&g).copied().unwrap_or(0)
    }
}

/// Rarity of every word over the units of both documents (as [`Weights`] for bigrams).
#[derive(Debug, Default)]
pub struct WordWeights {
    df: HashMap<u32, u32>,
    units: usize,
}

impl WordWeights {
    /// Count word document frequencies over all profiles.
    pub fn new<'a>(profiles: impl IntoIterator<Item = &'a Profile>) -> WordWeights {
        let mut w = WordWeights::default();
        for p in profiles {
            w.units += 1;
            for x in &p.words {
                *w.df.entry(*x).or_insert(0) += 1;
            }
        }
        w
    }

    /// Store each profile's word weights `ln(1 + N/df)` in it.
    pub fn apply(&self, profiles: &mut [Profile]) {
        let n = self.units as f64;
        for p in profiles {
            p.widf = p
                .words
                .iter()
                .map(|x| (1.0 + n / self.df.get(x).copied().unwrap_or(1).max(1) as f64).ln())
                .collect();
        }
    }
}

/// Per-unit weight totals, computed once.
#[derive(Debug, Clone, Copy, Default)]
pub struct Norms {
    /// Sum of the weights of the unit's bigrams.
    pub sum: f64,
    /// Sum of squared weights.
    pub sq: f64,
    /// Sum of squared word weights.
    pub wsq: f64,
}

impl Norms {
    /// Totals for one profile.
    pub fn new(p: &Profile) -> Norms {
        let mut n = Norms::default();
        for &x in &p.idf {
            n.sum += x;
            n.sq += x * x;
        }
        n.wsq = p.widf.iter().map(|x| x * x).sum();
        n
    }
}

/// How much two units share.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Scores {
    /// Dice coefficient of the bigram sets, 0–1.
    pub dice: f64,
    /// Rarity-weighted cosine of the bigram sets, 0–1.
    pub cosine: f64,
    /// Rarity-weighted (TF-IDF, binary TF) cosine of the word sets, 0–1.
    pub words: f64,
    /// Weighted share of the left unit's bigrams found in the right unit.
    pub in_right: f64,
    /// Weighted share of the right unit's bigrams found in the left unit.
    pub in_left: f64,
    /// Shared *distinctive* bigrams: held by at most [`Weights::rare_df`]
    /// units of the two documents together (a term the two units share and
    /// hardly any other unit has, e.g. the name of a reform both describe).
    pub rare: usize,
    /// Dice coefficient of the two units' opening sentences, 0–1.
    pub lead: f64,
}

/// A bigram held by at most this many units (of both documents) is distinctive.
/// Three lets one unit share a term with two units of the other side (a
/// one-to-two split) and still count it.
pub const RARE_DF: u32 = 3;
/// …but in short documents only when it is also held by at most one unit in
/// this many: in twenty units, three is not rare.
const RARE_SHARE: usize = 20;

impl Scores {
    /// The scores of two units of equal text.
    pub fn equal() -> Scores {
        Scores {
            dice: 1.0,
            cosine: 1.0,
            words: 1.0,
            in_right: 1.0,
            in_left: 1.0,
            rare: 0,
            lead: 1.0,
        }
    }

    /// The pairing strength: the larger of Dice and weighted cosine.
    pub fn strength(&self) -> f64 {
        self.dice.max(self.cosine)
    }
}

/// Dice coefficient of two sorted, deduplicated bigram lists.
pub fn dice(x: &[u64], y: &[u64]) -> f64 {
    if x.is_empty() && y.is_empty() {
        return 0.0;
    }
    let (mut i, mut j, mut shared) = (0, 0, 0usize);
    while i < x.len() && j < y.len() {
        match x[i].cmp(&y[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += 1;
                i += 1;
                j += 1;
            }
        }
    }
    2.0 * shared as f64 / (x.len() + y.len()) as f64
}

/// Score two profiles (sorted-set intersection, linear in their sizes).
pub fn score(a: &Profile, an: Norms, b: &Profile, bn: Norms) -> Scores {
    let (mut i, mut j) = (0, 0);
    let (mut shared, mut rare, mut wsum, mut wsq) = (0usize, 0usize, 0.0f64, 0.0f64);
    while i < a.grams.len() && j < b.grams.len() {
        match a.grams[i].cmp(&b.grams[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                let x = a.idf[i];
                shared += 1;
                rare += usize::from(a.df[i] <= a.rare_df);
                wsum += x;
                wsq += x * x;
                i += 1;
                j += 1;
            }
        }
    }
    let (mut i, mut j, mut wshared) = (0, 0, 0.0f64);
    while i < a.words.len() && j < b.words.len() {
        match a.words[i].cmp(&b.words[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                wshared += a.widf[i] * a.widf[i];
                i += 1;
                j += 1;
            }
        }
    }
    let total = a.grams.len() + b.grams.len();
    let ratio = |num: f64, den: f64| if den > 0.0 { (num / den).min(1.0) } else { 0.0 };
    Scores {
        dice: ratio(2.0 * shared as f64, total as f64),
        cosine: ratio(wsq, (an.sq * bn.sq).sqrt()),
        words: ratio(wshared, (an.wsq * bn.wsq).sqrt()),
        in_right: ratio(wsum, an.sum),
        in_left: ratio(wsum, bn.sum),
        rare,
        lead: dice(&a.lead, &b.lead),
    }
}

/// Weighted cosine of two sorted bigram sets with their weights (each
/// shared bigram weighs the product of its two weights).
pub fn weighted_cosine(a: &[u64], aw: &[f64], b: &[u64], bw: &[f64]) -> f64 {
    let (mut i, mut j, mut dot) = (0, 0, 0.0f64);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                dot += aw[i] * bw[j];
                i += 1;
                j += 1;
            }
        }
    }
    let na: f64 = aw.iter().map(|x| x * x).sum();
    let nb: f64 = bw.iter().map(|x| x * x).sum();
    if na > 0.0 && nb > 0.0 {
        (dot / (na * nb).sqrt()).min(1.0)
    } else {
        0.0
    }
}

/// How many distinctive bigrams `a` and `b` would share by chance: the
/// larger of the two directions' expectations, each distinctive bigram of
/// one unit landing in the other in proportion to the other's length (its
/// share of the bigrams of all other units). Long units share distinctive
/// bigrams by chance — fragments such as 的不 or 等问 across word
/// boundaries — so a fixed count means less the longer the units are.
pub fn chance_rare(a: &Profile, b: &Profile) -> f64 {
    (a.rare_chance * b.grams.len() as f64).max(b.rare_chance * a.grams.len() as f64)
}

/// Distinctive bigrams (see [`Weights::rare_df`]) shared by `a` and `b` and found in none of `others`.
pub fn fresh_rare(a: &Profile, b: &Profile, others: &[&Profile]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.grams.len() && j < b.grams.len() {
        match a.grams[i].cmp(&b.grams[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                let g = a.grams[i];
                if a.df[i] <= a.rare_df && others.iter().all(|o| o.grams.binary_search(&g).is_err())
                {
                    n += 1;
                }
                i += 1;
                j += 1;
            }
        }
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;
    use policydiff_model::ClauseKind;

    #[test]
    fn identical_is_one_and_disjoint_is_zero() {
        let mut ps = [
            Profile::new(ClauseKind::Point, "推进诉求服务标准化", ""),
            Profile::new(ClauseKind::Point, "加强数据共享应用", ""),
        ];
        Weights::new(ps.iter()).apply(&mut ps);
        let [a, b] = &ps;
        let (an, bn) = (Norms::new(a), Norms::new(b));
        let s = score(a, an, a, an);
        assert!((s.dice - 1.0).abs() < 1e-9 && (s.cosine - 1.0).abs() < 1e-9);
        assert_eq!(score(a, an, b, bn), Scores::default());
    }

    #[test]
    fn containment_sees_a_part_inside_a_whole() {
        let mut ps = [
            Profile::new(ClauseKind::Point, "推进诉求服务标准化", ""),
            Profile::new(
                ClauseKind::Point,
                "推进诉求服务标准化，加强数据共享应用，强化涉企服务互融互通",
                "",
            ),
        ];
        Weights::new(ps.iter()).apply(&mut ps);
        let [part, whole] = &ps;
        let s = score(part, Norms::new(part), whole, Norms::new(whole));
        assert!(s.in_right > 0.99 && s.in_left < 0.5, "{s:?}");
    }

    #[test]
    fn chance_grows_with_the_partner_length() {
        // In four units a bigram held by two is distinctive (服务 in the first
        // and third); a distinctive bigram of the first unit lands by chance
        // more readily in the long unit than in the short one.
        let long = "加强数据共享应用强化涉企服务互融互通提升诉求办理实效完善挂点联系工作机制";
        let mut ps = [
            Profile::new(ClauseKind::Point, "推进诉求服务标准化", ""),
            Profile::new(ClauseKind::Point, "推进诉求", ""),
            Profile::new(ClauseKind::Point, &format!("推进诉求{long}"), ""),
            Profile::new(ClauseKind::Point, "做好宣传推广", ""),
        ];
        Weights::new(ps.iter()).apply(&mut ps);
        let short = chance_rare(&ps[0], &ps[1]);
        let long = chance_rare(&ps[0], &ps[2]);
        assert!(short > 0.0 && long > 3.0 * short, "{short} {long}");
        assert_eq!(chance_rare(&ps[3], &ps[3]), 0.0);
    }
}
