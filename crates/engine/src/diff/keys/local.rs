//! Localisation: counterpart substitutions, folded into one entry per pair.
//!
//! A document localised one level down writes the same body, scope or place
//! of the next level (`省商务厅` → `市商务局`, `全省` → `全市`, `广东省` →
//! `佛山市`, see [`super::counterpart`]). Such a substitution is no
//! difference of substance: [`super::scope`] and [`super::duty`] hand theirs
//! over instead of reporting them, this module adds the bodies and places of
//! the running text (outside responsibility parentheses and scope phrases,
//! compared as multisets so that a name kept elsewhere is not counted), and
//! [`entry`] makes one [`KeyDiffKind::Localisation`] entry of them all.
//!
//! Only a pair whose texts are mostly the same ([`is_copy`]) is folded: two
//! independently written texts do not localise one another, and their
//! differences of level stay scope and responsibility findings.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use policydiff_model::{KeyDiff, KeyDiffKind, Substitution};

use super::{counterpart, display, Changes};

/// One counterpart substitution of a pair.
#[derive(Debug, Clone)]
pub(super) struct Sub {
    /// Byte offset in the left compact text, for the text order.
    pub at: usize,
    /// Left wording, compact.
    pub left: String,
    /// Right wording, compact.
    pub right: String,
}

/// Share of the two texts the word diff keeps below which a pair is not
/// folded (its texts were not written from one another). The clauses of the
/// Guangdong and Foshan plans keep 0.6–0.96 (one rewritten clause 0.33); the
/// cover letters of two unrelated documents of the province and a city,
/// written from one template, 0.41.
const COPY_SHARE: f64 = 0.5;

/// Whether the texts of a pair are mostly the same (see [`COPY_SHARE`]).
pub(super) fn is_copy(c: &Changes) -> bool {
    let changed: usize = c.hunks.iter().map(|h| h.left.len() + h.right.len()).sum();
    let total = c.left.len() + c.right.len();
    total > 0 && (total - changed) as f64 >= COPY_SHARE * total as f64
}

/// Counterpart substitutions of bodies and places named in running text,
/// outside the byte ranges `skip_l` / `skip_r` (responsibility parentheses
/// and scope phrases, which report their own).
pub(super) fn running_text(
    left: &str,
    right: &str,
    skip_l: &[Range<usize>],
    skip_r: &[Range<usize>],
) -> Vec<Sub> {
    let key = |name: &str| name.replace("人民政府", "政府");
    let mut added: Vec<Option<counterpart::Term>> = counterpart::terms(right, skip_r)
        .into_iter()
        .map(Some)
        .collect();
    // Names on both sides cancel out, once each.
    let mut unmatched: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, a) in added.iter().enumerate().rev() {
        let a = a.as_ref().expect("all present");
        unmatched.entry(key(&a.name)).or_default().push(i);
    }
    let mut removed = Vec::new();
    for t in counterpart::terms(left, skip_l) {
        match unmatched.get_mut(&key(&t.name)).and_then(Vec::pop) {
            Some(i) => added[i] = None,
            None => removed.push(Some(t)),
        }
    }
    // A removed name takes the first added counterpart with the same body
    // name (`省人民政府` → `市人民政府`, not the `市政府` of `市政府各部门`), else the first.
    let mut out = Vec::new();
    for same_body in [true, false] {
        for t in removed.iter_mut() {
            let Some(tn) = t.as_ref() else { continue };
            let fits = |a: &counterpart::Term| {
                a.place == tn.place
                    && (!same_body || a.body == tn.body)
                    && if tn.place {
                        counterpart::places(&tn.name, &a.name)
                    } else {
                        counterpart::bodies(&tn.name, &a.name)
                    }
            };
            if let Some(i) = added.iter().position(|a| a.as_ref().is_some_and(fits)) {
                let (a, t) = (
                    added[i].take().expect("present"),
                    t.take().expect("present"),
                );
                out.push(Sub {
                    at: t.at.start,
                    left: t.name,
                    right: a.name,
                });
            }
        }
    }
    out
}

/// The one localisation entry of a pair: its substitutions in text order,
/// each wording pair once; `None` when there are none.
pub(super) fn entry(mut subs: Vec<Sub>) -> Option<KeyDiff> {
    subs.sort_by_key(|s| s.at);
    let mut seen = HashSet::new();
    subs.retain(|s| seen.insert((s.left.clone(), s.right.clone())));
    if subs.is_empty() {
        return None;
    }
    let substitutions: Vec<Substitution> = subs
        .iter()
        .map(|s| Substitution {
            left: display(&s.left),
            right: display(&s.right),
        })
        .collect();
    let join =
        |f: fn(&Substitution) -> &str| substitutions.iter().map(f).collect::<Vec<_>>().join("；");
    let n = substitutions.len();
    Some(KeyDiff {
        left: join(|s| &s.left),
        right: join(|s| &s.right),
        detail: format!("本地化替换 {n} 处"),
        substantive: false,
        count: Some(n),
        substitutions,
        ..KeyDiff::new(KeyDiffKind::Localisation, "", "", "")
    })
}
