//! Find, for each unit, the few units of the other document worth scoring.
//!
//! Takes both documents' [`Profile`]s and the bigram [`Weights`] and hands on
//! a sorted, deduplicated list of candidate pairs `(left, right)`. An inverted
//! index over each side's bigrams is probed with the other side's *rare*
//! bigrams (plus each unit's rarest few, so that a unit made only of common
//! wording still finds partners); the units sharing the most rarity-weighted
//! bigrams become candidates. Work is bounded by the posting-list cap, not by
//! the product of the document sizes. Not the place to start: see [`super::align`].

use rustc_hash::FxHashMap as HashMap;

use super::features::Profile;

/// Candidates kept per unit and direction, ranked by weighted Dice (shared
/// rare mass over both units' mass: finds the unit's counterpart, long or short).
pub const BY_DICE: usize = 10;
/// Further candidates per unit ranked by shared rare mass alone (finds the
/// long unit that contains this one: split/merge and partial pairs).
pub const BY_MASS: usize = 4;
/// Bigrams held by more units of the other side than this are too common to
/// probe with (beyond each unit's rarest few): they would touch many units and
/// single out none. Fixed, so that work per unit does not grow with the document.
const COMMON: usize = 32;
/// Each unit's rarest bigrams always probe the index, whatever their frequency.
const ALWAYS_PROBE: usize = 8;

/// Inverted index: bigram → units (ascending) of one side holding it.
struct Index {
    postings: HashMap<u64, Vec<u32>>,
}

impl Index {
    fn new(side: &[Profile]) -> Index {
        let mut postings: HashMap<u64, Vec<u32>> = HashMap::default();
        for (u, p) in side.iter().enumerate() {
            for g in &p.grams {
                postings.entry(*g).or_default().push(u as u32);
            }
        }
        Index { postings }
    }

    fn get(&self, g: u64) -> &[u32] {
        self.postings.get(&g).map_or(&[], Vec::as_slice)
    }
}

/// Probe `index` (over `other`) with each unit of `side`; push `(side unit, other unit)` candidates.
fn probe(
    side: &[Profile],
    other: &[Profile],
    side_mass: &[f64],
    other_mass: &[f64],
    out: &mut Vec<(u32, u32)>,
) {
    let index = Index::new(other);
    let mut acc = vec![0.0f64; other.len()];
    let mut touched: Vec<u32> = Vec::new();
    for (u, p) in side.iter().enumerate() {
        let mut grams: Vec<(usize, u64, f64)> = p
            .grams
            .iter()
            .zip(&p.idf)
            .map(|(g, x)| (index.get(*g).len(), *g, *x))
            .filter(|(n, _, _)| *n > 0)
            .collect();
        grams.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(&b.1)));
        for (k, (n, g, x)) in grams.iter().enumerate() {
            if k >= ALWAYS_PROBE && *n > COMMON {
                break;
            }
            let x = *x;
            for &v in index.get(*g) {
                if acc[v as usize] == 0.0 {
                    touched.push(v);
                }
                acc[v as usize] += x;
            }
        }
        // Distance of a unit from this unit's relative place, in units of the other side.
        let at = u as f64 * other.len() as f64 / side.len().max(1) as f64;
        let near = |v: &u32| (f64::from(*v) - at).abs() as u64;
        let mass = |v: &u32| acc[*v as usize];
        top(&mut touched, BY_MASS, mass, near, |v| {
            out.push((u as u32, v))
        });
        let dice = |v: &u32| acc[*v as usize] / (side_mass[u] + other_mass[*v as usize]).max(1e-9);
        top(&mut touched, BY_DICE, dice, near, |v| {
            out.push((u as u32, v))
        });
        for &v in &touched {
            acc[v as usize] = 0.0;
        }
        touched.clear();
    }
}

/// Hand the `k` units of highest `key` to `emit`, in that order; ties go to
/// the unit nearer to relative place `at` of its document (`near`), then to
/// the lower index. A partial selection, not a full sort of `units`.
fn top(
    units: &mut [u32],
    k: usize,
    key: impl Fn(&u32) -> f64,
    near: impl Fn(&u32) -> u64,
    mut emit: impl FnMut(u32),
) {
    let order = |a: &u32, b: &u32| {
        key(b)
            .total_cmp(&key(a))
            .then_with(|| near(a).cmp(&near(b)))
            .then_with(|| a.cmp(b))
    };
    let k = k.min(units.len());
    if k == 0 {
        return;
    }
    if k < units.len() {
        units.select_nth_unstable_by(k - 1, order);
    }
    let best = &mut units[..k];
    best.sort_unstable_by(order);
    for &v in best.iter() {
        emit(v);
    }
}

/// Units of equal text (after folding, see `Profile::exact`; also a bare
/// label, whose text is empty) are always candidates of each other, however
/// many units share their bigrams: each
/// unit with the twin of the other side nearest to its relative place on
/// either hand. Two per unit, so a text repeated many times stays linear.
fn twins(left: &[Profile], right: &[Profile], out: &mut Vec<(u32, u32)>) {
    let mut by_text: HashMap<&str, (Vec<u32>, Vec<u32>)> = HashMap::default();
    for (u, p) in left.iter().enumerate() {
        by_text
            .entry(p.exact.as_str())
            .or_default()
            .0
            .push(u as u32);
    }
    for (u, p) in right.iter().enumerate() {
        if let Some(e) = by_text.get_mut(p.exact.as_str()) {
            e.1.push(u as u32);
        }
    }
    let (nl, nr) = (left.len().max(1) as f64, right.len().max(1) as f64);
    // For each unit of `ours`, the units of `theirs` around its relative place.
    let nearest = |ours: &[u32], theirs: &[u32], scale: f64, emit: &mut dyn FnMut(u32, u32)| {
        for &u in ours {
            let at = f64::from(u) * scale;
            let k = theirs.partition_point(|&v| f64::from(v) < at);
            for &v in theirs[k.saturating_sub(1)..(k + 1).min(theirs.len())].iter() {
                emit(u, v);
            }
        }
    };
    let mut keys: Vec<&&str> = by_text.keys().collect();
    keys.sort_unstable();
    for key in keys {
        let (ls, rs) = &by_text[*key];
        if rs.is_empty() {
            continue;
        }
        nearest(ls, rs, nr / nl, &mut |l, r| out.push((l, r)));
        nearest(rs, ls, nl / nr, &mut |r, l| out.push((l, r)));
    }
}

/// Candidate pairs `(left, right)`, sorted and deduplicated. The profiles
/// must carry their weights ([`super::similarity::Weights::apply`]).
pub fn candidates(left: &[Profile], right: &[Profile]) -> Vec<(u32, u32)> {
    let mass = |side: &[Profile]| -> Vec<f64> { side.iter().map(|p| p.idf.iter().sum()).collect() };
    let (lm, rm) = (mass(left), mass(right));
    let mut out = Vec::new();
    probe(left, right, &lm, &rm, &mut out);
    let mut rev = Vec::new();
    probe(right, left, &rm, &lm, &mut rev);
    out.extend(rev.into_iter().map(|(r, l)| (l, r)));
    twins(left, right, &mut out);
    out.sort_unstable();
    out.dedup();
    out
}
