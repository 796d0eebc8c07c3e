//! Responsible units: the parenthesis closing a task,
//! `（省政务服务数据管理局牵头，各地级以上市政府按职责分工负责）`.
//!
//! Takes two compact texts and hands on [`KeyDiffKind::Responsibility`]
//! differences. A responsibility parenthesis is a top-level `(…)` or `[…]`
//! (`〔…〕`, `【…】`) whose content names a role: `牵头` or `负责` anywhere, or
//! a unit label of [`LABELS`] opening a part (`(实施单位:市住建局)`; a label
//! word in a sentence, `(承办单位指定经办机构的…)`, is none). Its comma- or
//! semicolon-separated parts are of two styles:
//! - a role word at the end:
//!   - `…牵头` → lead units (label `牵头单位`);
//!   - `…负责` → lead units when the parenthesis has no `牵头` part
//!     (`（省政务服务数据管理局、发展改革委负责）`), participating units otherwise;
//!   - `…按职责分工负责`, `…配合`, `…参与`, `…协助`, or no role word →
//!     participating units (label `参与单位`);
//! - a label at the start, in force until the next one
//!   (`（牵头单位：市自然资源局；责任单位：各区人民政府）`,
//!   `（责任单位：各地级以上市人民政府，省商务厅…等按职责分工负责）`):
//!   `牵头单位`/`牵头部门`/`主办单位`/`主责单位` → lead units;
//!   `配合单位`/`配合部门`/`参与单位`/`协办单位`/`协助单位` → participating
//!   units; `责任单位`/`责任部门`/`实施单位`/`承办单位` → lead units unless
//!   the parenthesis names a lead, participating units then (one table,
//!   [`LABELS`]); any other label (`完成时限：2023年9月`) names no units.
//!
//! Units are split at `、` and `及` (a closing `等` dropped). Within a list (one
//! part), a level prefix (`省`, `市`, `区`, `县`) carries over to the following
//! units that have none (`省政务服务数据管理局、发展改革委` → `省发展改革委`)
//! when they are government departments (in `gov-bodies.tsv`, or short names
//! like `档案局`), not to `国家…` or `中国…` bodies or zones with names of their
//! own (`崖州湾科技城管理局`), and not in a list that writes it on
//! two units in a row: that one writes it where it applies
//! (`市住房城乡建设局、市水利局、佛山供电局`). Units compare as sets per role
//! of their canonical keys ([`counterpart::unit_key`]: a body written two
//! ways is one unit, `市住房城乡建设局` = `市住房和城乡建设局`, and
//! `人民政府` = `政府`), so order and spelling do not matter; a unit is kept
//! once per role, as the text first writes it. The difference lists removed
//! and added units, in [`KeyDiff::left`] and [`KeyDiff::right`]
//! (`、`-separated). When the pair is folded, a removed unit whose
//! counterpart one level down was added in the same role (`省商务厅` →
//! `市商务局`, see [`super::counterpart`]) is a localisation substitution,
//! not a change of responsibility.

use std::collections::BTreeSet;
use std::ops::Range;

use super::counterpart::{self, unit_key, UnitKey};
use super::display;
use super::local::Sub;
use policydiff_model::{KeyDiff, KeyDiffKind, KeyLabel, KeyPart};

/// Role words that make a top-level bracket a responsibility annotation
/// wherever they stand in it (`…牵头`, `…按职责分工负责`).
const ROLE_WORDS: [&str; 2] = ["牵头", "负责"];

/// The labels naming units (`牵头单位:市自然资源局`) and what they say of the
/// units after them: what [`label`] reads, and, written as a label (at the
/// start of a part, before `:`), what makes a top-level bracket a
/// responsibility annotation ([`paren_ranges`]).
const LABELS: [(&str, Labelled); 13] = [
    ("牵头单位", Labelled::Lead),
    ("牵头部门", Labelled::Lead),
    ("主办单位", Labelled::Lead),
    ("主责单位", Labelled::Lead),
    ("配合单位", Labelled::Support),
    ("配合部门", Labelled::Support),
    ("参与单位", Labelled::Support),
    ("协办单位", Labelled::Support),
    ("协助单位", Labelled::Support),
    ("责任单位", Labelled::Responsible),
    ("责任部门", Labelled::Responsible),
    ("实施单位", Labelled::Responsible),
    ("承办单位", Labelled::Responsible),
];

/// Separators of the parts of a responsibility parenthesis.
const PART_SEPS: [char; 4] = [',', ';', '，', '；'];

/// Byte ranges (brackets included) of the responsibility parentheses of a
/// compact text: top-level `(…)` or `[…]` (`〔…〕`, `【…】` folded) naming a
/// role: a role word ([`ROLE_WORDS`]) anywhere, or a part opening with a
/// unit label ([`LABELS`]: `(实施单位:市住建局)`; `承办单位` in a sentence
/// is no label).
pub(crate) fn paren_ranges(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut open = Vec::new();
    for (i, c) in text.char_indices() {
        match c {
            '(' | '[' => open.push(i),
            ')' | ']' => {
                if let Some(start) = open.pop() {
                    let inner = &text[start + 1..i];
                    if open.is_empty() && is_duty(inner) {
                        out.push(start..i + 1);
                    }
                }
            }
            _ => {}
        }
    }
    out
}

/// Whether the content of a top-level bracket names a role (see [`paren_ranges`]).
fn is_duty(inner: &str) -> bool {
    ROLE_WORDS.iter().any(|w| inner.contains(w))
        || split_top(inner, &PART_SEPS)
            .into_iter()
            .any(|p| label(p).is_some_and(|(k, _)| k != Labelled::Other))
}

/// Lead and participating units of all responsibility parentheses, in order,
/// deduplicated by canonical key ([`counterpart::unit_key`]): a unit written
/// two ways is kept as first written.
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

/// A part's label (`牵头单位:`, `配合单位:` …) and what it says of the units after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Labelled {
    /// `牵头单位`, `主办单位` …: lead units.
    Lead,
    /// `配合单位`, `协办单位` …: participating units.
    Support,
    /// `责任单位`, `实施单位` …: lead units unless the parenthesis names a lead.
    Responsible,
    /// Another label (`完成时限:2023年9月`): no units.
    Other,
}

/// The label opening a part (`牵头单位:市自然资源局`) and the rest of the
/// part: a unit label of [`LABELS`], or another short one
/// ([`Labelled::Other`], `完成时限:2023年9月`).
fn label(part: &str) -> Option<(Labelled, &str)> {
    let (head, rest) = part.split_once(':')?;
    let kind = match LABELS.iter().find(|(l, _)| *l == head) {
        Some(&(_, kind)) => kind,
        None if head.chars().count() <= 6 && !head.contains(['、', '(']) => Labelled::Other,
        None => return None,
    };
    Some((kind, rest))
}

/// The duties of a compact text whose responsibility parentheses are `parens`.
pub(crate) fn duties(text: &str, parens: &[Range<usize>]) -> Duties {
    let mut d = Duties::default();
    // The canonical keys of the lead and the participating units kept.
    let mut kept: [Vec<UnitKey>; 2] = Default::default();
    for r in parens.iter().cloned() {
        d.found = true;
        let inner = &text[r.start + 1..r.end - 1];
        let parts = split_top(inner, &PART_SEPS);
        let has_lead = parts
            .iter()
            .any(|p| p.ends_with("牵头") || label(p).is_some_and(|(k, _)| k == Labelled::Lead));
        // The label in force: a part without one continues the one before
        // (`责任单位:各地级以上市人民政府,省商务厅…按职责分工负责`).
        let mut current: Option<Labelled> = None;
        for part in parts {
            let part = match label(part) {
                Some((kind, rest)) => {
                    current = Some(kind);
                    rest
                }
                None => part,
            };
            let (names, lead) = match current {
                None => role(part, has_lead),
                Some(Labelled::Other) => continue,
                Some(kind) => (
                    role(part, has_lead).0,
                    kind == Labelled::Lead || (kind == Labelled::Responsible && !has_lead),
                ),
            };
            let names = names.replace("以及", "及");
            let names: Vec<&str> = split_top(&names, &['、', '及'])
                .into_iter()
                .map(|n| n.trim_start_matches('由'))
                .map(|n| match n.strip_suffix('等') {
                    Some(m) if m.chars().count() >= 2 => m,
                    _ => n,
                })
                .filter(|n| !n.is_empty())
                .collect();
            // A list that writes the level on units in a row
            // (`市住房城乡建设局、市水利局、佛山供电局`) writes it where it applies.
            let carry = !names
                .windows(2)
                .any(|w| w.iter().all(|n| level_prefix(n).is_some()));
            let mut prefix: Option<char> = None;
            for name in names {
                let name = match level_prefix(name) {
                    Some(p) => {
                        prefix = Some(p);
                        name.to_string()
                    }
                    None => match prefix {
                        Some(p) if carry && takes_prefix(name) => {
                            format!("{p}{name}")
                        }
                        _ => name.to_string(),
                    },
                };
                let (list, keys) = if lead {
                    (&mut d.lead, &mut kept[0])
                } else {
                    (&mut d.support, &mut kept[1])
                };
                let key = unit_key(&name);
                if !keys.contains(&key) {
                    keys.push(key);
                    list.push(name);
                }
            }
        }
    }
    d
}

/// Longest name of a department not in `gov-bodies.tsv` that takes the level
/// prefix of the list (`档案局`, `港澳办`, `地方金融监管局`); a longer one is
/// another kind of body (`崖州湾科技城管理局`, `现代服务业产业园管理委员会`).
const SHORT_BODY: usize = 7;

/// Whether a unit written without a level prefix takes the one of the unit
/// before it: a government department (`发展改革委`, `统计局`), not `各…`,
/// `全市…`, `有关…`, `国家…`, `中国…` or a zone or company with a name of its own.
fn takes_prefix(name: &str) -> bool {
    !name.starts_with(['各', '全', '有'])
        && !name.starts_with("国家")
        && !name.starts_with("中国")
        && (counterpart::known_body(name) || name.chars().count() <= SHORT_BODY)
}

/// Split at any of `seps` outside parentheses, dropping empty pieces.
fn split_top<'t>(s: &'t str, seps: &[char]) -> Vec<&'t str> {
    let mut out = Vec::new();
    let (mut depth, mut start) = (0i32, 0);
    for (i, c) in s.char_indices() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth -= 1,
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

/// The change of one role, if any; with `fold`, counterparts removed and
/// added are taken out and pushed to `subs` (at byte offset `at`).
fn set_diff(
    role: KeyLabel,
    left: &[String],
    right: &[String],
    fold: bool,
    (at, subs): (usize, &mut Vec<Sub>),
) -> Option<KeyDiff> {
    // Each name with its key, computed once.
    fn keyed(names: &[String]) -> Vec<(&str, UnitKey)> {
        names.iter().map(|n| (n.as_str(), unit_key(n))).collect()
    }
    let (left, right) = (keyed(left), keyed(right));
    let lk: BTreeSet<&UnitKey> = left.iter().map(|(_, k)| k).collect();
    let rk: BTreeSet<&UnitKey> = right.iter().map(|(_, k)| k).collect();
    if lk == rk {
        return None;
    }
    let mut gone: Vec<&str> = left
        .iter()
        .filter(|(_, k)| !rk.contains(k))
        .map(|(n, _)| *n)
        .collect();
    let mut new: Vec<&str> = right
        .iter()
        .filter(|(_, k)| !lk.contains(k))
        .map(|(n, _)| *n)
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

    #[test]
    fn a_unit_written_two_ways_is_kept_once() {
        // The housing bureau's short and full names: one unit, as first written.
        let d = dut("(市住房城乡建设局牵头)推进改造。(市住房和城乡建设局、市自然资源局牵头,各区人民政府、各区政府负责)");
        assert_eq!(d.lead, ["市住房城乡建设局", "市自然资源局"]);
        assert_eq!(d.support, ["各区人民政府"]);
    }

    #[test]
    fn parses_labelled_units() {
        // Foshan's style: the role before the units.
        let d = dut("审批手续。(牵头单位:市自然资源局、市住房和城乡建设局;责任单位:各区人民政府)");
        assert_eq!(d.lead, ["市自然资源局", "市住房和城乡建设局"]);
        assert_eq!(d.support, ["各区人民政府"]);
        // Sanya's: a deadline among the labels names no unit.
        let d = dut("(牵头单位:市中级人民法院;配合单位:市市场监督管理局;完成时限:2023年11月)");
        assert_eq!(d.lead, ["市中级人民法院"]);
        assert_eq!(d.support, ["市市场监督管理局"]);
        // Guangdong's: responsible units alone are the leads, the label in
        // force over the parts after it.
        let d = dut("(责任单位:各地级以上市人民政府,省市场监管局、国家税务总局广东省税务局等按职责分工负责)");
        assert_eq!(
            d.lead,
            [
                "各地级以上市人民政府",
                "省市场监管局",
                "国家税务总局广东省税务局"
            ]
        );
        assert!(d.support.is_empty());
        assert_eq!(dut("(责任单位:省市场监管局)").lead, ["省市场监管局"]);
        // The prefix is carried within a list that writes it once only.
        let d = dut("(牵头单位:市住房城乡建设局、市水利局、佛山供电局;责任单位:各区人民政府)");
        assert_eq!(d.lead, ["市住房城乡建设局", "市水利局", "佛山供电局"]);
        let d =
            dut("(牵头单位:市金融发展局;配合单位:中国人民银行三亚市中心支行、相关行业主管部门)");
        assert_eq!(
            d.support,
            ["中国人民银行三亚市中心支行", "相关行业主管部门"]
        );
        // Zone authorities are no city bureaus.
        let d =
            dut("(牵头单位:市自然资源和规划局、崖州湾科技城管理局、现代服务业产业园管理委员会)");
        assert_eq!(
            d.lead,
            [
                "市自然资源和规划局",
                "崖州湾科技城管理局",
                "现代服务业产业园管理委员会"
            ]
        );
        // Jiangmen's: square brackets (〔〕 folded).
        let d = dut("提供专业保障。[牵头单位:市司法局、市委统战部]");
        assert_eq!(d.lead, ["市司法局", "市委统战部"]);
        // A document number is no responsibility annotation.
        assert!(paren_ranges("(佛政数[2020]4号)").is_empty());
    }

    #[test]
    fn every_label_opens_an_annotation() {
        // Each label of the table, alone in its parenthesis, is read as what
        // it says: `paren_ranges` and `label` know the same labels.
        for (name, kind) in LABELS {
            let t = format!("做好工作。({name}:市商务局、财政局)");
            assert_eq!(paren_ranges(&t).len(), 1, "{name}");
            let d = dut(&t);
            let (lead, support) = match kind {
                Labelled::Lead | Labelled::Responsible => (&d.lead, &d.support),
                _ => (&d.support, &d.lead),
            };
            assert_eq!(*lead, ["市商务局", "市财政局"], "{name}");
            assert!(support.is_empty(), "{name}");
        }
    }

    #[test]
    fn parses_other_labels() {
        let d = dut("推进改造。(实施单位:市住建局)");
        assert_eq!(d.lead, ["市住建局"]);
        let d = dut("举办展会。(主办单位:市商务局;协办单位:市贸促会、各区人民政府)");
        assert_eq!(d.lead, ["市商务局"]);
        assert_eq!(d.support, ["市贸促会", "各区人民政府"]);
        let d = dut("(主责单位:市司法局;协助单位:市公安局;完成时限:2023年9月)");
        assert_eq!(d.lead, ["市司法局"]);
        assert_eq!(d.support, ["市公安局"]);
        // Implementing units under a lead take part.
        let d = dut("(牵头单位:市商务局;承办单位:各区人民政府;参与单位:市财政局)");
        assert_eq!(d.lead, ["市商务局"]);
        assert_eq!(d.support, ["各区人民政府", "市财政局"]);
        // A label word in a sentence, or a label naming no unit, is no annotation.
        assert!(paren_ranges("(承办单位指定经办机构的,应当加强监督)").is_empty());
        assert!(paren_ranges("(含参与单位)").is_empty());
        assert!(paren_ranges("(完成时限:2023年9月)").is_empty());
        // A role word anywhere still is one.
        assert_eq!(
            paren_ranges("(自治区大数据发展局等按职责分工负责,各市人民政府结合实际贯彻落实)").len(),
            1
        );
    }
}
