//! Key points (要点摘要): the ranked summary of a comparison.
//!
//! Takes the pairs of a finished comparison and hands on at most
//! [`MAX_POINTS`] [`KeyPoint`]s, best first, made from the substantive key
//! differences only (localisation never) of the pairs where one text was
//! written from the other, and the contrasts of `related` pairs (topic-level:
//! they have no other key differences, see `crate::diff::contrasts`); not of
//! pairs less similar than [`MIN_SIMILARITY`], whose differences are no changes.
//! - a responsibility finding gives one point per unit and role
//!   (`新增牵头单位：市行政服务中心`) — one per role with the whole list when
//!   the other clause names no unit at all (an annotation added or dropped
//!   whole) and the role lists [`FOLD_UNITS`] or more — the others one point
//!   each (their detail);
//! - the same point in several pairs is said once, with the paths of its
//!   first pair and the number of pairs (`新增牵头单位：市行政服务中心（7 处）`);
//! - the sentence does not say which way a number or an obligation went (nor
//!   which clauses): [`KeyPoint::direction`] and the paths do, and a report
//!   writes them after the sentence.
//!
//! - a one-sided unit that is a task item ([`super::tasks`]) gives a duty
//!   point, `删除任务：<title>` for a left-only unit ([`KeyDiffKind::DutyRemoved`],
//!   with its left path only) and `新增任务：<title>` for a right-only one
//!   ([`KeyDiffKind::DutyAdded`], right path only) — only when one text was
//!   written from the other ([`super::tasks::derived`]), and at most
//!   [`MAX_DUTY_POINTS`] of them, the best ranked, at most
//!   [`MAX_DUTY_POINTS_PER_SIDE`] of each direction.
//!
//! Ranking, most important first: new lead units; added or removed
//! conditions; numbers that became stricter or looser; removed or new task
//! items with a lead unit; obligations that became stricter or looser;
//! removed lead units; scope; new, then removed participating units; other
//! task items; other changed numbers and obligations. Within a rank, points
//! found in more pairs come first, then reading order.
//!
//! A point's [`KeyPoint::id`] is derived from its kind, the paths of its first
//! pair and its sentence (without the count), so it stays the same when the
//! comparison is made again: a user's pin or hide can be stored under it.

use std::collections::HashMap;

use policydiff_model::{
    Direction, KeyDiff, KeyDiffKind, KeyLabel, KeyPart, KeyPoint, Pair, PairKind, UnitView,
};

use super::keys::duty::{duties, paren_ranges};
use super::normalize::compact;
use super::tasks;

/// The most points a comparison's summary holds.
pub const MAX_POINTS: usize = 15;

/// The most duty points (new or removed task items) among them.
pub const MAX_DUTY_POINTS: usize = 4;

/// The most duty points of one direction (new, or removed).
pub const MAX_DUTY_POINTS_PER_SIDE: usize = 3;

/// Rank of a new or removed task item with a lead unit, and without.
const DUTY_RANK: [u32; 2] = [88, 55];

/// Fewest units of one role, added or removed with a whole annotation (the
/// other clause names no unit), that make one point instead of one each.
const FOLD_UNITS: usize = 3;

/// Pairs less similar than this give no key points.
pub const MIN_SIMILARITY: f64 = 0.3;

/// One point before aggregation.
struct Fact {
    kind: KeyDiffKind,
    sentence: String,
    direction: Option<Direction>,
    rank: u32,
    /// The sentence in parts ([`KeyPoint::parts`]).
    parts: Vec<KeyPart>,
}

/// Rank of a fact: higher is more important.
fn rank(k: &KeyDiff) -> u32 {
    let clear = matches!(k.direction, Some(Direction::Stricter | Direction::Looser));
    match k.kind {
        KeyDiffKind::Condition => 95,
        KeyDiffKind::Deadline
        | KeyDiffKind::Percentage
        | KeyDiffKind::Amount
        | KeyDiffKind::Quantity => {
            if clear {
                90
            } else {
                50
            }
        }
        KeyDiffKind::Obligation => {
            if clear {
                85
            } else {
                45
            }
        }
        KeyDiffKind::Scope => 75,
        KeyDiffKind::Responsibility
        | KeyDiffKind::Localisation
        | KeyDiffKind::DutyRemoved
        | KeyDiffKind::DutyAdded => 0,
    }
}

/// Split a `、`-separated list of units, `、` inside `（…）` kept.
fn units(list: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let (mut depth, mut start) = (0i32, 0);
    for (i, c) in list.char_indices() {
        match c {
            '（' | '(' => depth += 1,
            '）' | ')' => depth -= 1,
            '、' if depth == 0 => {
                out.push(&list[start..i]);
                start = i + c.len_utf8();
            }
            _ => {}
        }
    }
    out.push(&list[start..]);
    out.retain(|u| !u.is_empty());
    out
}

/// Whether a clause names any unit in a responsibility annotation.
fn names_units(unit: Option<&UnitView>) -> bool {
    unit.is_some_and(|u| {
        let text = compact(&u.text);
        let d = duties(&text, &paren_ranges(&text));
        !(d.lead.is_empty() && d.support.is_empty())
    })
}

/// The facts of a key difference of a pair whose left and right clauses do
/// (`named.0`, `named.1`) or do not name units.
fn facts(k: &KeyDiff, named: (bool, bool)) -> Vec<Fact> {
    if !k.substantive || k.kind == KeyDiffKind::Localisation {
        return Vec::new();
    }
    if k.kind == KeyDiffKind::Responsibility {
        let fact = |role: KeyLabel, unit: &str, added: bool| {
            let lead = role == KeyLabel::LeadUnit;
            let role = if lead || role == KeyLabel::SupportUnit {
                role
            } else {
                KeyLabel::ResponsibleUnit
            };
            let rank = match (lead, added) {
                (true, true) => 100,
                (true, false) => 80,
                (false, true) => 70,
                (false, false) => 60,
            };
            let (verb, part) = if added {
                ("新增", KeyPart::new(role, "", unit))
            } else {
                ("删除", KeyPart::new(role, unit, ""))
            };
            Fact {
                kind: k.kind,
                sentence: format!("{verb}{}：{unit}", role.zh()),
                direction: None,
                rank,
                parts: vec![part],
            }
        };
        // A clause whose partner names no unit at all gains (or loses) its
        // whole annotation: one point per role with the whole list, not one
        // per unit, which would fill the summary from a single pair.
        // Short lists stay one point per unit, so that a unit new in several
        // pairs is counted as one point (`（7 处）`).
        let (left_named, right_named) = named;
        let mut out: Vec<Fact> = Vec::new();
        let mut add = |list: &str, label: KeyLabel, whole: bool, added: bool| {
            let each = units(list);
            if whole && each.len() >= FOLD_UNITS {
                out.push(fact(label, list, added));
            } else {
                out.extend(each.into_iter().map(|u| fact(label, u, added)));
            }
        };
        for p in &k.parts {
            add(&p.right, p.label, !left_named, true);
        }
        for p in &k.parts {
            add(&p.left, p.label, !right_named, false);
        }
        return out;
    }
    vec![Fact {
        kind: k.kind,
        sentence: k.detail.clone(),
        direction: k.direction,
        rank: rank(k),
        parts: k.parts.clone(),
    }]
}

/// The duty point of a one-sided pair, when its unit is a task item.
fn duty(p: &Pair) -> Option<Fact> {
    let (kind, verb, unit) = match (p.kind, &p.left, &p.right) {
        (PairKind::LeftOnly, Some(u), None) => (KeyDiffKind::DutyRemoved, "删除任务", u),
        (PairKind::RightOnly, None, Some(u)) => (KeyDiffKind::DutyAdded, "新增任务", u),
        _ => return None,
    };
    let task = tasks::task(unit)?;
    let part = if kind == KeyDiffKind::DutyRemoved {
        KeyPart::new(KeyLabel::Task, task.title.clone(), "")
    } else {
        KeyPart::new(KeyLabel::Task, "", task.title.clone())
    };
    Some(Fact {
        kind,
        sentence: format!("{verb}：{}", task.title),
        direction: None,
        rank: DUTY_RANK[usize::from(!task.lead)],
        parts: vec![part],
    })
}

/// `DutyRemoved` → `duty_removed`: a kind's name as in JSON.
fn snake(name: &str) -> String {
    let mut out = String::with_capacity(name.len() + 2);
    for (i, c) in name.chars().enumerate() {
        if c.is_ascii_uppercase() && i > 0 {
            out.push('_');
        }
        out.push(c.to_ascii_lowercase());
    }
    out
}

/// A stable 64-bit hash (FNV-1a): the same text gives the same id in every
/// build, unlike `std`'s hasher.
fn fnv1a(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// The ranked key points of a comparison's pairs (see the module docs).
pub fn key_points(pairs: &[Pair]) -> Vec<KeyPoint> {
    struct Agg {
        fact: Fact,
        first: usize,
        last: usize,
        count: usize,
        left_path: Option<String>,
        right_path: Option<String>,
    }
    let mut aggs: Vec<Agg> = Vec::new();
    let mut index: HashMap<(KeyDiffKind, String), usize> = HashMap::new();
    let derived = tasks::derived(pairs);
    for (i, p) in pairs.iter().enumerate() {
        let found: Vec<Fact> = if matches!(p.kind, PairKind::LeftOnly | PairKind::RightOnly) {
            if !derived {
                continue;
            }
            duty(p).into_iter().collect()
        } else if p.similarity < MIN_SIMILARITY {
            continue;
        } else {
            let named = (names_units(p.left.as_ref()), names_units(p.right.as_ref()));
            p.key_diffs.iter().flat_map(|k| facts(k, named)).collect()
        };
        for fact in found {
            let key = (fact.kind, fact.sentence.clone());
            if let Some(&at) = index.get(&key) {
                // Counted once per pair.
                if aggs[at].last != i {
                    aggs[at].count += 1;
                    aggs[at].last = i;
                }
                continue;
            }
            index.insert(key, aggs.len());
            aggs.push(Agg {
                fact,
                first: i,
                last: i,
                count: 1,
                left_path: p.left.as_ref().map(|u| u.path.clone()),
                right_path: p.right.as_ref().map(|u| u.path.clone()),
            });
        }
    }
    aggs.sort_by_key(|a| {
        (
            std::cmp::Reverse(a.fact.rank),
            std::cmp::Reverse(a.count),
            a.first,
        )
    });
    // Duty points kept so far: removed, added.
    let mut duties = [0usize; 2];
    aggs.retain(|a| {
        let side = match a.fact.kind {
            KeyDiffKind::DutyRemoved => 0,
            KeyDiffKind::DutyAdded => 1,
            _ => return true,
        };
        if duties[side] >= MAX_DUTY_POINTS_PER_SIDE || duties[0] + duties[1] >= MAX_DUTY_POINTS {
            return false;
        }
        duties[side] += 1;
        true
    });
    aggs.truncate(MAX_POINTS);
    aggs.into_iter()
        .map(|a| {
            let kind = snake(&format!("{:?}", a.fact.kind));
            let id_text = format!(
                "{kind}|{}|{}|{}",
                a.left_path.as_deref().unwrap_or(""),
                a.right_path.as_deref().unwrap_or(""),
                a.fact.sentence
            );
            let detail = if a.count > 1 {
                format!("{}（{} 处）", a.fact.sentence, a.count)
            } else {
                a.fact.sentence
            };
            KeyPoint {
                id: format!("{kind}-{:016x}", fnv1a(&id_text)),
                kind: a.fact.kind,
                detail,
                left_path: a.left_path,
                right_path: a.right_path,
                direction: a.fact.direction,
                parts: a.fact.parts,
                count: a.count,
                pinned: false,
            }
        })
        .collect()
}

/// Localisation substitutions over all pairs: the sum of the localisation entries' counts.
pub fn localisation_count(pairs: &[Pair]) -> usize {
    pairs
        .iter()
        .flat_map(|p| &p.key_diffs)
        .filter(|k| k.kind == KeyDiffKind::Localisation)
        .map(|k| k.count.unwrap_or(k.substitutions.len()))
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use policydiff_model::{ClauseKind, UnitView};

    fn unit(path: &str, text: &str) -> UnitView {
        UnitView {
            clause: 0,
            kind: ClauseKind::Point,
            path: path.to_string(),
            label: String::new(),
            heading: None,
            text: text.to_string(),
        }
    }

    fn one_sided(kind: PairKind, path: &str, text: &str) -> Pair {
        let unit = unit(path, text);
        let left = kind == PairKind::LeftOnly;
        Pair::new(
            kind,
            0.0,
            left.then(|| unit.clone()),
            (!left).then_some(unit),
        )
    }

    #[test]
    fn duty_points_only_between_a_text_and_its_rewrite_and_a_few() {
        let task = |n: usize, lead: bool| {
            let who = if lead { "（市商务局牵头）" } else { "" };
            format!("建立第{n}项诉求响应工作机制，定期开展评估并通报结果。{who}")
        };
        let mut pairs: Vec<Pair> = (0..3)
            .map(|i| pair(&format!("一/{i}"), Vec::new()))
            .collect();
        for i in 0..4 {
            pairs.push(one_sided(
                PairKind::LeftOnly,
                &format!("二/{i}"),
                &task(i, i == 3),
            ));
        }
        pairs.push(one_sided(PairKind::RightOnly, "三/1", &task(9, false)));
        pairs.push(one_sided(PairKind::RightOnly, "三/2", "三、保障措施"));
        let points = key_points(&pairs);
        let details: Vec<(&str, KeyDiffKind)> =
            points.iter().map(|p| (p.detail.as_str(), p.kind)).collect();
        // The one with a lead unit first; at most 3 of a side, 4 in all; a bare
        // heading is no duty.
        assert_eq!(
            details,
            [
                (
                    "删除任务：建立第3项诉求响应工作机制，定期开展评估…",
                    KeyDiffKind::DutyRemoved
                ),
                (
                    "删除任务：建立第0项诉求响应工作机制，定期开展评估…",
                    KeyDiffKind::DutyRemoved
                ),
                (
                    "删除任务：建立第1项诉求响应工作机制，定期开展评估…",
                    KeyDiffKind::DutyRemoved
                ),
                (
                    "新增任务：建立第9项诉求响应工作机制，定期开展评估…",
                    KeyDiffKind::DutyAdded
                ),
            ]
        );
        assert_eq!(points[0].left_path.as_deref(), Some("二/3"));
        assert_eq!(points[0].right_path, None);
        assert_eq!(points[3].left_path, None);
        assert_eq!(points[3].right_path.as_deref(), Some("三/1"));
        assert!(
            points[0].id.starts_with("duty_removed-"),
            "{}",
            points[0].id
        );
        // Too few close pairs: the documents are not one written from the other.
        pairs.drain(..1);
        assert!(key_points(&pairs).is_empty());
    }

    fn pair(path: &str, key_diffs: Vec<KeyDiff>) -> Pair {
        let unit = unit(path, "");
        Pair {
            key_diffs,
            ..Pair::new(PairKind::Modified, 0.9, Some(unit.clone()), Some(unit))
        }
    }

    fn lead(new: &str) -> KeyDiff {
        let role = KeyLabel::LeadUnit;
        KeyDiff::new(
            KeyDiffKind::Responsibility,
            "",
            new,
            format!("{}：新增 {new}", role.zh()),
        )
        .with_parts(vec![KeyPart::new(role, "", new)])
    }

    #[test]
    fn points_are_ranked_aggregated_and_stable() {
        let scope = KeyDiff::new(KeyDiffKind::Scope, "县", "区", "层级：县 → 区");
        let looser = KeyDiff {
            direction: Some(Direction::Looser),
            ..KeyDiff::new(KeyDiffKind::Quantity, "50类", "30类", "数量：50类 → 30类")
        };
        let local = KeyDiff {
            substantive: false,
            count: Some(3),
            ..KeyDiff::new(KeyDiffKind::Localisation, "", "", "本地化替换 3 处")
        };
        let pairs = vec![
            pair("一", vec![scope, local]),
            pair("二/1", vec![lead("市行政服务中心、市投资促进局（筹）")]),
            pair("二/2", vec![lead("市行政服务中心"), looser]),
        ];
        let points = key_points(&pairs);
        let details: Vec<&str> = points.iter().map(|p| p.detail.as_str()).collect();
        assert_eq!(
            details,
            [
                "新增牵头单位：市行政服务中心（2 处）",
                "新增牵头单位：市投资促进局（筹）",
                "数量：50类 → 30类",
                "层级：县 → 区",
            ]
        );
        assert_eq!(points[0].left_path.as_deref(), Some("二/1"));
        assert_eq!(points[2].direction, Some(Direction::Looser));
        assert_eq!(key_points(&pairs), points);
        assert!(points[0].id.starts_with("responsibility-"));
        let ids: std::collections::HashSet<&str> = points.iter().map(|p| p.id.as_str()).collect();
        assert_eq!(ids.len(), points.len());
        assert_eq!(localisation_count(&pairs), 3);
    }
}
