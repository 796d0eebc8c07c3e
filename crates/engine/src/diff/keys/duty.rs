//! Responsible units: the parenthesis closing a task,
//! `（省政务服务数据管理局牵头，各地级以上市政府按职责分工负责）`.
//!
//! Takes two compact texts and hands on [`KeyDiffKind::Responsibility`]
//! differences. A responsibility parenthesis is a top-level `(…)` whose
//! content contains `牵头` or `负责`. Its comma-separated parts end in a role:
//! - `…牵头` → lead units (label `牵头单位`);
//! - `…负责` → lead units when the parenthesis has no `牵头` part
//!   (`（省政务服务数据管理局、发展改革委负责）`), participating units otherwise;
//! - `…按职责分工负责`, `…配合`, `…参与`, `…协助`, or no role word →
//!   participating units (label `参与单位`).
//!
//! Units are split at `、` and `及`; a level prefix (`省`, `市`, `区`, `县`) carries
//! over to the following units that have none (`省政务服务数据管理局、发展改革委`
//! → `省发展改革委`). Units compare as sets per role (`人民政府` = `政府`), so order
//! does not matter; the difference lists removed and added units, in
//! [`KeyDiff::left`] and [`KeyDiff::right`] (`、`-separated). When the pair is
//! folded, a removed unit whose counterpart one level down was added in the
//! same role (`省商务厅` → `市商务局`, see [`super::counterpart`]) is a
//! localisation substitution, not a change of responsibility.

use std::collections::BTreeSet;
use std::ops::Range;

use super::local::Sub;
use super::{counterpart, display};
use policydiff_model::{KeyDiff, KeyDiffKind, KeyLabel, KeyPart};

/// Byte ranges (parentheses included) of the responsibility parentheses of a compact text.
pub(crate) fn paren_ranges(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut open = Vec::new();
    for (i, c) in text.char_indices() {
        match c {
            '(' => open.push(i),
            ')' => {
                if let Some(start) = open.pop() {
                    let inner = &text[start + 1..i];
                    if open.is_empty() && (inner.contains("牵头") || inner.contains("负责")) {
                        out.push(start..i + 1);
                    }
                }
            }
            _ => {}
        }
    }
    out
}

/// Lead and participating units of all responsibility parentheses, in order, deduplicated.
#[derive(Debug, Default, PartialEq)]
pub(crate) struct Duties {
    /// Lead units.
    pub lead: Vec<String>,
    /// Participating units.
    pub support: Vec<String>,
    /// Whether the text has a responsibility parenthesis at all.
    pub found: bool,
}

const LEVEL_PREFIX: [char; 4] = ['省', '市', '区', '县'];

fn level_prefix(unit: &str) -> Option<char> {
    let mut cs = unit.chars();
    let first = cs.next()?;
    let second = cs.next();
    (LEVEL_PREFIX.contains(&first) && !matches!(second, Some('场' | '域'))).then_some(first)
}

/// The duties of a compact text whose responsibility parentheses are `parens`.
pub(crate) fn duties(text: &str, parens: &[Range<usize>]) -> Duties {
    let mut d = Duties::default();
    for r in parens.iter().cloned() {
        d.found = true;
        let inner = &text[r.start + 1..r.end - 1];
        let parts = split_top(inner, &[',', ';', '，', '；']);
        let has_lead = parts.iter().any(|p| p.ends_with("牵头"));
        let mut prefix: Option<char> = None;
        for part in parts {
            let (names, lead) = role(part, has_lead);
            let names = names.replace("以及", "及");
            for name in split_top(&names, &['、', '及']) {
                let name = name.trim_start_matches("由");
                if name.is_empty() {
                    continue;
                }
                let name = match level_prefix(name) {
                    Some(p) => {
                        prefix = Some(p);
                        name.to_string()
                    }
                    None => match prefix {
                        Some(p)
                            if !name.starts_with(['各', '全', '有'])
                                && !name.starts_with("国家") =>
                        {
                            format!("{p}{name}")
                        }
                        _ => name.to_string(),
                    },
                };
                let list = if lead { &mut d.lead } else { &mut d.support };
                if !list.iter().any(|n| key(n) == key(&name)) {
                    list.push(name);
                }
            }
        }
    }
    d
}

/// Split at any of `seps` outside parentheses, dropping empty pieces.
fn split_top<'t>(s: &'t str, seps: &[char]) -> Vec<&'t str> {
    let mut out = Vec::new();
    let (mut depth, mut start) = (0i32, 0);
    for (i, c) in s.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            _ if depth == 0 && seps.contains(&c) => {
                out.push(&s[start..i]);
                start = i + c.len_utf8();
            }
            _ => {}
        }
    }
    out.push(&s[start..]);
    out.retain(|p| !p.is_empty());
    out
}

/// The unit list of a part and whether it names lead units.
fn role(part: &str, has_lead: bool) -> (&str, bool) {
    if let Some(names) = part.strip_suffix("牵头") {
        return (names, true);
    }
    for tail in [
        "按职责分工负责",
        "按照职责分工负责",
        "按职能分工负责",
        "分工负责",
        "共同负责",
    ] {
        if let Some(names) = part.strip_suffix(tail) {
            return (names, false);
        }
    }
    if let Some(names) = part.strip_suffix("负责") {
        return (names, !has_lead);
    }
    for tail in ["配合", "参与", "协助", "落实"] {
        if let Some(names) = part.strip_suffix(tail) {
            return (names.trim_end_matches("按职责"), false);
        }
    }
    (part, false)
}

fn key(name: &str) -> String {
    name.replace("人民政府", "政府")
}

/// The change of one role, if any; with `fold`, counterparts removed and
/// added are taken out and pushed to `subs` (at byte offset `at`).
fn set_diff(
    role: KeyLabel,
    left: &[String],
    right: &[String],
    fold: bool,
    (at, subs): (usize, &mut Vec<Sub>),
) -> Option<KeyDiff> {
    let lk: BTreeSet<String> = left.iter().map(|n| key(n)).collect();
    let rk: BTreeSet<String> = right.iter().map(|n| key(n)).collect();
    if lk == rk {
        return None;
    }
    let mut gone: Vec<&str> = left
        .iter()
        .filter(|n| !rk.contains(&key(n)))
        .map(String::as_str)
        .collect();
    let mut new: Vec<&str> = right
        .iter()
        .filter(|n| !lk.contains(&key(n)))
        .map(String::as_str)
        .collect();
    if fold {
        gone.retain(
            |g| match new.iter().position(|n| counterpart::bodies(g, n)) {
                Some(i) => {
                    subs.push(Sub {
                        at,
                        left: g.to_string(),
                        right: new.remove(i).to_string(),
                    });
                    false
                }
                None => true,
            },
        );
        if gone.is_empty() && new.is_empty() {
            return None;
        }
    }
    let mut what = Vec::new();
    if !gone.is_empty() {
        what.push(format!("删除 {}", gone.join("、")));
    }
    if !new.is_empty() {
        what.push(format!("新增 {}", new.join("、")));
    }
    let (gone, new) = (display(&gone.join("、")), display(&new.join("、")));
    let parts = [
        KeyPart::new(role, gone.clone(), ""),
        KeyPart::new(role, "", new.clone()),
    ]
    .into_iter()
    .filter(|p| !(p.left.is_empty() && p.right.is_empty()))
    .collect();
    Some(
        KeyDiff::new(
            KeyDiffKind::Responsibility,
            gone,
            new,
            display(&format!("{}：{}", role.zh(), what.join("；"))),
        )
        .with_parts(parts),
    )
}

/// Responsibility differences between two compact texts whose
/// responsibility parentheses are `parens`, and with `fold` the counterpart
/// substitutions among the units.
pub(super) fn diffs(
    left: &str,
    right: &str,
    parens: [&[Range<usize>]; 2],
    fold: bool,
) -> (Vec<KeyDiff>, Vec<Sub>) {
    let (l, r) = (duties(left, parens[0]), duties(right, parens[1]));
    let mut subs = Vec::new();
    if !l.found && !r.found {
        return (Vec::new(), subs);
    }
    let at = parens[0].first().map_or(left.len(), |p| p.start);
    let lead = set_diff(KeyLabel::LeadUnit, &l.lead, &r.lead, fold, (at, &mut subs));
    let support = set_diff(
        KeyLabel::SupportUnit,
        &l.support,
        &r.support,
        fold,
        (at, &mut subs),
    );
    (lead.into_iter().chain(support).collect(), subs)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dut(t: &str) -> Duties {
        duties(t, &paren_ranges(t))
    }

    #[test]
    fn parses_lead_and_support() {
        let d = dut("做好工作。(省政务服务数据管理局、发展改革委牵头,省有关单位及各地级以上市政府按职责分工负责)");
        assert_eq!(d.lead, ["省政务服务数据管理局", "省发展改革委"]);
        assert_eq!(d.support, ["省有关单位", "各地级以上市政府"]);
        let d = dut("达到以评促改。(省政务服务数据管理局、发展改革委负责)");
        assert_eq!(d.lead, ["省政务服务数据管理局", "省发展改革委"]);
        assert!(d.support.is_empty());
        let d = dut("(市工业和信息化局、市场监管局牵头,各县(市、区)人民政府负责)");
        assert_eq!(d.lead, ["市工业和信息化局", "市市场监管局"]);
        assert_eq!(d.support, ["各县(市、区)人民政府"]);
    }
}
