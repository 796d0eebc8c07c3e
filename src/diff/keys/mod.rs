//! Key differences between the two texts of a pair.
//!
//! Takes two texts and hands on [`KeyDiff`]s, one module per kind of value:
//! [`numbers`] (deadlines, percentages, amounts, quantities), [`scope`]
//! (administrative levels), [`duty`] (responsible units) and [`modal`]
//! (obligation strength). Values are compared in a compact form (no
//! whitespace, full-width forms folded, see [`super::normalize::compact`]) and
//! as multisets, so a value that only moved is not reported; the changes that
//! remain are paired old → new within a label, by the words before them.

mod duty;
mod modal;
mod numbers;
mod scope;

use std::collections::HashSet;

use crate::compare::{KeyDiff, KeyDiffKind};

use super::normalize::compact;

/// One value found in a text.
#[derive(Debug, Clone)]
pub(super) struct Mention {
    /// Kind of the key difference this value gives.
    pub kind: KeyDiffKind,
    /// Label in the detail line (`比例`, `时限` …); changes pair only within a label.
    pub label: &'static str,
    /// Comparison form.
    pub key: String,
    /// Display form.
    pub shown: String,
    /// A few characters before the value, to pair an old value with its new one.
    pub context: String,
}

/// Differences of all kinds, without duplicates.
pub(crate) fn key_diffs(left: &str, right: &str) -> Vec<KeyDiff> {
    if left == right {
        return Vec::new();
    }
    let (l, r) = (compact(left), compact(right));
    if l == r {
        return Vec::new();
    }
    let mut out = Vec::new();
    out.extend(mention_diffs(numbers::mentions(&l), numbers::mentions(&r)));
    out.extend(scope::diffs(&l, &r));
    out.extend(duty::diffs(&l, &r));
    out.extend(modal::diffs(&l, &r));
    let mut seen = HashSet::new();
    out.retain(|k: &KeyDiff| seen.insert((k.kind, k.left.clone(), k.right.clone())));
    out
}

/// Compare two lists of mentions as multisets and describe what changed.
pub(super) fn mention_diffs(left: Vec<Mention>, right: Vec<Mention>) -> Vec<KeyDiff> {
    pair_changes(left, right)
        .into_iter()
        .map(|(l, r)| {
            let m = l.as_ref().or(r.as_ref()).expect("one side is present");
            let (kind, label) = (m.kind, m.label);
            let shown =
                |m: &Option<Mention>| m.as_ref().map(|m| m.shown.clone()).unwrap_or_default();
            let (ls, rs) = (shown(&l), shown(&r));
            let detail = match (&l, &r) {
                (Some(_), Some(_)) => format!("{label}：{ls} → {rs}"),
                (Some(_), None) => format!("{label}：删除 {ls}"),
                _ => format!("{label}：新增 {rs}"),
            };
            KeyDiff {
                kind,
                left: ls,
                right: rs,
                detail,
            }
        })
        .collect()
}

/// Values present on one side only (multiset difference by label and key),
/// paired old → new within a label: each removed value takes the added one
/// whose preceding words match best (then the first). Unpaired values come
/// back with `None` on the other side. Order: left order, then the added
/// values left over.
pub(super) fn pair_changes(
    left: Vec<Mention>,
    right: Vec<Mention>,
) -> Vec<(Option<Mention>, Option<Mention>)> {
    let mut right: Vec<Option<Mention>> = right.into_iter().map(Some).collect();
    let mut removed = Vec::new();
    for l in left {
        let same = right.iter().position(|r| {
            r.as_ref()
                .is_some_and(|r| r.label == l.label && r.key == l.key)
        });
        match same {
            Some(i) => right[i] = None,
            None => removed.push(l),
        }
    }
    let mut added: Vec<Option<Mention>> = right.into_iter().flatten().map(Some).collect();
    let mut out = Vec::new();
    for l in removed {
        let best = added
            .iter()
            .enumerate()
            .filter_map(|(i, a)| a.as_ref().filter(|a| a.label == l.label).map(|a| (i, a)))
            .map(|(i, a)| (common_suffix(&l.context, &a.context), std::cmp::Reverse(i)))
            .max();
        let r = best.and_then(|(_, std::cmp::Reverse(i))| added[i].take());
        out.push((Some(l), r));
    }
    out.extend(added.into_iter().flatten().map(|a| (None, Some(a))));
    out
}

/// Number of characters two strings share at their ends.
fn common_suffix(a: &str, b: &str) -> usize {
    a.chars()
        .rev()
        .zip(b.chars().rev())
        .take_while(|(x, y)| x == y)
        .count()
}

/// The `n` characters before byte offset `at` of `text`.
pub(super) fn before(text: &str, at: usize, n: usize) -> String {
    let head = &text[..at];
    let start = head
        .char_indices()
        .rev()
        .nth(n.saturating_sub(1))
        .map_or(0, |(i, _)| i);
    head[start..].to_string()
}

/// Full-width brackets for display of a compact value.
pub(super) fn display(s: &str) -> String {
    s.replace('(', "（").replace(')', "）").replace(',', "，")
}
