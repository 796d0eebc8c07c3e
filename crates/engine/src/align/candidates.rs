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
/// A bigram held by more units than [`COMMON`] probes only the units of its
/// list nearest the probing unit's relative place, this many. Otherwise a
/// document whose units all share their wording (a list of thousands of
/// tasks worded alike) read every unit of the other side for each of its
/// own: 20,000 items took 23 s. The whole list is read whenever the other
/// side has no more units than this, so documents of that size pair as
/// before.
const NEAR_SPAN: usize = 512;

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

/// The at most [`NEAR_SPAN`] units of an ascending posting list nearest
/// relative place `at`.
fn near(list: &[u32], at: f64) -> &[u32] {
    if list.len() <= NEAR_SPAN {
        return list;
    }
    let k = list.partition_point(|&v| f64::from(v) < at);
    let lo = k.saturating_sub(NEAR_SPAN / 2).min(list.len() - NEAR_SPAN);
    &list[lo..lo + NEAR_SPAN]
}

/// Probe `index` (over `other`) with each unit of `side`; push `(side
/// unit, other unit)` candidates. Returns the number of postings read.
fn probe(
    side: &[Profile],
    other: &[Profile],
    side_mass: &[f64],
    other_mass: &[f64],
    out: &mut Vec<(u32, u32)>,
) -> usize {
    let index = Index::new(other);
    let mut acc = vec![0.0f64; other.len()];
    let mut touched: Vec<u32> = Vec::new();
    // Buffers reused from unit to unit: a unit's probing bigrams, and the
    // touched units with their distance from its relative place.
    let mut grams: Vec<(usize, u64, f64)> = Vec::new();
    let mut placed: Vec<(u64, u32)> = Vec::new();
    let mut keyed: Vec<(f64, u64, u32)> = Vec::new();
    let mut visits = 0;
    for (u, p) in side.iter().enumerate() {
        // This unit's relative place, in units of the other side.
        let at = u as f64 * other.len() as f64 / side.len().max(1) as f64;
        grams.clear();
        grams.extend(
            p.grams
                .iter()
                .zip(&p.idf)
                .map(|(g, x)| (index.get(*g).len(), *g, *x))
                .filter(|(n, _, _)| *n > 0),
        );
        grams.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(&b.1)));
        for (k, &(n, g, x)) in grams.iter().enumerate() {
            if k >= ALWAYS_PROBE && n > COMMON {
                break;
            }
            let list = index.get(g);
            let list = if n > COMMON { near(list, at) } else { list };
            visits += list.len();
            for &v in list {
                if acc[v as usize] == 0.0 {
                    touched.push(v);
                }
                acc[v as usize] += x;
            }
        }
        // Each touched unit's distance from this unit's relative place, once.
        placed.clear();
        placed.extend(
            touched
                .iter()
                .map(|&v| ((f64::from(v) - at).abs() as u64, v)),
        );
        let mass = |v: u32| acc[v as usize];
        top(&placed, BY_MASS, mass, &mut keyed, |v| {
            out.push((u as u32, v))
        });
        let dice = |v: u32| acc[v as usize] / (side_mass[u] + other_mass[v as usize]).max(1e-9);
        top(&placed, BY_DICE, dice, &mut keyed, |v| {
            out.push((u as u32, v))
        });
        for &v in &touched {
            acc[v as usize] = 0.0;
        }
        touched.clear();
    }
    visits
}

/// Hand the `k` units of highest `key` to `emit`, in that order; ties go to
/// the unit nearer to the probing unit's relative place (each unit comes with
/// that distance), then to the lower index. A partial selection, not a full
/// sort of `units`; `keyed` is a buffer the caller reuses.
fn top(
    units: &[(u64, u32)],
    k: usize,
    key: impl Fn(u32) -> f64,
    keyed: &mut Vec<(f64, u64, u32)>,
    mut emit: impl FnMut(u32),
) {
    let k = k.min(units.len());
    if k == 0 {
        return;
    }
    keyed.clear();
    keyed.extend(units.iter().map(|&(d, v)| (key(v), d, v)));
    let order = |a: &(f64, u64, u32), b: &(f64, u64, u32)| {
        b.0.total_cmp(&a.0)
            .then_with(|| a.1.cmp(&b.1))
            .then_with(|| a.2.cmp(&b.2))
    };
    if k < keyed.len() {
        keyed.select_nth_unstable_by(k - 1, order);
    }
    let best = &mut keyed[..k];
    best.sort_unstable_by(order);
    for &(_, _, v) in best.iter() {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::align::similarity::Weights;
    use policydiff_model::ClauseKind;

    /// `n` items alike but for their numbers (a long list of tasks worded
    /// the same), the right side with every tenth item reworded.
    fn lists(n: usize) -> (Vec<Profile>, Vec<Profile>) {
        let item = |i: usize, edited: bool| {
            let verb = if edited { "强化" } else { "加强" };
            let text = format!("{i}.第{i}项任务要求各区各部门{verb}组织领导落实责任。");
            Profile::new(ClauseKind::Item, &text, "")
        };
        let mut left: Vec<Profile> = (1..=n).map(|i| item(i, false)).collect();
        let mut right: Vec<Profile> = (1..=n).map(|i| item(i, i % 10 == 0)).collect();
        let w = Weights::new(left.iter().chain(right.iter()));
        w.apply(&mut left);
        w.apply(&mut right);
        (left, right)
    }

    /// Postings read per unit, probing one way.
    fn visits_per_unit(n: usize) -> f64 {
        let (left, right) = lists(n);
        let mass =
            |side: &[Profile]| -> Vec<f64> { side.iter().map(|p| p.idf.iter().sum()).collect() };
        let mut out = Vec::new();
        let visits = probe(&left, &right, &mass(&left), &mass(&right), &mut out);
        visits as f64 / n as f64
    }

    #[test]
    fn work_per_unit_stays_flat_when_every_unit_shares_its_wording() {
        // Each unit's rarest bigrams are common ones: probing with them read
        // every unit of the other side (20,000 items took 23 s to compare).
        let (small, large) = (visits_per_unit(1_000), visits_per_unit(8_000));
        assert!(
            large <= small * 1.5,
            "postings read per unit grew from {small:.0} to {large:.0}"
        );
        // Every unit still finds its counterpart at its own place.
        let (left, right) = lists(3_000);
        let found = candidates(&left, &right);
        for u in (0..3_000u32).step_by(97) {
            assert!(found.binary_search(&(u, u)).is_ok(), "item {u}");
        }
    }
}
