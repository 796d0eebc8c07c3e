//! The heaviest order-keeping chain through a set of scored pairs.
//!
//! Takes candidate pairs `(left, right, weight)` and hands on the indices of a
//! subset that increases strictly on both sides and has the largest total
//! weight (a weighted longest-common-subsequence restricted to the
//! candidates), in `O(n log n)` with a Fenwick tree of prefix maxima.
//! Not the place to start: see [`super::align`].

/// One pair offered to the chain.
#[derive(Debug, Clone, Copy)]
pub struct Link {
    /// Left unit.
    pub left: usize,
    /// Right unit.
    pub right: usize,
    /// Weight (> 0).
    pub weight: f64,
}

/// Prefix-maximum Fenwick tree over right positions: best chain ending at or before a position.
struct Fenwick {
    tree: Vec<(f64, usize)>,
}

const NONE: usize = usize::MAX;

impl Fenwick {
    fn new(n: usize) -> Fenwick {
        Fenwick {
            tree: vec![(0.0, NONE); n + 1],
        }
    }

    /// Best `(total, link)` over positions `< pos`.
    fn best_before(&self, pos: usize) -> (f64, usize) {
        let mut i = pos;
        let mut best = (0.0, NONE);
        while i > 0 {
            if self.tree[i].0 > best.0 {
                best = self.tree[i];
            }
            i &= i - 1;
        }
        best
    }

    fn update(&mut self, pos: usize, val: (f64, usize)) {
        let mut i = pos + 1;
        while i < self.tree.len() {
            if val.0 > self.tree[i].0 {
                self.tree[i] = val;
            }
            i += i & i.wrapping_neg();
        }
    }
}

/// Indices into `links` of the heaviest chain, in increasing order of both sides.
pub fn heaviest_chain(links: &[Link]) -> Vec<usize> {
    if links.is_empty() {
        return Vec::new();
    }
    let base = links.iter().map(|l| l.right).min().unwrap_or(0);
    let width = links.iter().map(|l| l.right - base).max().unwrap_or(0) + 1;
    let mut order: Vec<usize> = (0..links.len()).collect();
    // Left ascending; within one left unit, right descending so that two
    // pairs of the same left unit never chain.
    order.sort_by(|&a, &b| {
        links[a]
            .left
            .cmp(&links[b].left)
            .then(links[b].right.cmp(&links[a].right))
    });
    let mut fw = Fenwick::new(width);
    let mut prev = vec![NONE; links.len()];
    let mut total = vec![0.0; links.len()];
    let (mut best, mut best_at) = (0.0, NONE);
    for &k in &order {
        let pos = links[k].right - base;
        let (t, p) = fw.best_before(pos);
        total[k] = t + links[k].weight;
        prev[k] = p;
        fw.update(pos, (total[k], k));
        if total[k] > best {
            best = total[k];
            best_at = k;
        }
    }
    let mut out = Vec::new();
    let mut k = best_at;
    while k != NONE {
        out.push(k);
        k = prev[k];
    }
    out.reverse();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn l(left: usize, right: usize, weight: f64) -> Link {
        Link {
            left,
            right,
            weight,
        }
    }

    #[test]
    fn keeps_order_and_prefers_weight() {
        // (0,0) (1,2) (2,1) (3,3): either (1,2) or (2,1) fits; the heavier wins.
        let links = [l(0, 0, 1.0), l(1, 2, 0.5), l(2, 1, 0.9), l(3, 3, 1.0)];
        assert_eq!(heaviest_chain(&links), vec![0, 2, 3]);
    }

    #[test]
    fn one_left_unit_is_used_once() {
        let links = [l(0, 0, 1.0), l(0, 1, 1.0), l(1, 2, 1.0)];
        let c = heaviest_chain(&links);
        assert_eq!(c.len(), 2);
        assert_eq!(links[c[1]].right, 2);
    }
}
