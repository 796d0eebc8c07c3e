//! Key differences between the two texts of a pair.
//!
//! Takes two texts and hands on [`KeyDiff`]s, one module per kind of value:
//! [`numbers`] (deadlines, percentages, amounts, quantities, with their
//! direction), [`scope`] (administrative levels), [`duty`] (responsible
//! units), [`modal`] (obligation strength), [`condition`] (qualifiers such as
//! `在省的统筹下`, `原则上`) and [`local`] (localisation: counterpart
//! substitutions one level down, [`counterpart`], folded into one
//! non-substantive entry). Values are compared in a compact form (no
//! whitespace, full-width forms folded, see [`super::normalize::compact`]).
//! Numbers are compared as multisets, so a value that only moved is not
//! reported; the changes that remain are paired old → new within a label, by
//! what they are about: the clause before each ([`pair_changes`]). Scope phrases are looked for only in the changed
//! regions of a word diff of the two texts ([`Changes`]) and paired by place.
//!
//! Values inside the title of a cited document (`《…（2023年修订版）》`) are
//! part of its name and not looked at ([`titles`], found once per text).
//!
//! Findings of one kind in one pair are merged into one [`KeyDiff`] whose
//! detail lists the changes (`范围：各地级以上市 → 市、区；删除 省市两级`),
//! except the responsible units, which stay one finding per role (lead,
//! participating). A merged finding's direction is its items' when they all
//! agree, else `changed`.

mod condition;
mod counterpart;
pub(crate) mod duty;
mod local;
mod modal;
mod numbers;
mod scope;

use std::collections::HashSet;
use std::ops::Range;

use policydiff_model::{Direction, KeyDiff, KeyDiffKind, KeyLabel, KeyPart, OpTag, WordOp};
use policydiff_segment::Segmenter;

use super::normalize::compact;
use policydiff_model::{DiffOptions, Granularity};

/// The two compact texts of a pair and the places where they differ.
#[derive(Debug, Default)]
pub(super) struct Changes {
    /// Left text, compact.
    pub left: String,
    /// Right text, compact.
    pub right: String,
    /// Changed regions in order: byte ranges in `left` and `right` (one may be empty).
    pub hunks: Vec<Hunk>,
}

/// One changed region of a word diff.
#[derive(Debug, Clone)]
pub(super) struct Hunk {
    /// Deleted range of the left text.
    pub left: Range<usize>,
    /// Inserted range of the right text.
    pub right: Range<usize>,
}

impl Changes {
    /// Word-diff two texts, whitespace and full-width forms ignored.
    fn new(seg: &Segmenter, left: &str, right: &str) -> Changes {
        Changes::from_ops(&super::words::diff(seg, left, right, KEY_DIFF_OPTIONS))
    }

    /// Compact texts and changed regions from word ops (`Equal`+`Delete` is
    /// the left text, `Equal`+`Insert` the right one, up to folding).
    fn from_ops(ops: &[WordOp]) -> Changes {
        let mut c = Changes::default();
        let mut open = false;
        for op in ops {
            let text = compact(&op.text);
            match op.tag {
                OpTag::Equal => {
                    c.left.push_str(&text);
                    c.right.push_str(&text);
                    open = false;
                    continue;
                }
                _ if !open => {
                    let (l, r) = (c.left.len(), c.right.len());
                    c.hunks.push(Hunk {
                        left: l..l,
                        right: r..r,
                    });
                    open = true;
                }
                _ => {}
            }
            let h = c.hunks.last_mut().expect("a hunk is open");
            if op.tag == OpTag::Delete {
                c.left.push_str(&text);
                h.left.end = c.left.len();
            } else {
                c.right.push_str(&text);
                h.right.end = c.right.len();
            }
        }
        c
    }
}

/// A value's change: old and new, `None` on the side that lacks it.
pub(super) type Change = (Option<Mention>, Option<Mention>);

/// One value found in a text.
#[derive(Debug, Clone)]
pub(super) struct Mention {
    /// Kind of the key difference this value gives.
    pub kind: KeyDiffKind,
    /// Label in the detail line (`比例`, `时限` …); changes pair only within a label.
    pub label: KeyLabel,
    /// Comparison form.
    pub key: String,
    /// Display form.
    pub shown: String,
    /// The clause before the value ([`clause_before`]), to pair an old value
    /// with its new one and to read its bound (`不超过`).
    pub context: String,
    /// The clause after the value ([`clause_after`]), to pair it too.
    pub after: String,
    /// What the value is about, for a reader (`社会投资简易低风险项目`), said
    /// beside it when a pair changes several values of one label; empty
    /// when the text does not say it briefly (see `numbers::about`).
    pub about: String,
}

/// The diff options the key differences are found with: word granularity,
/// whitespace and full-width forms ignored (whatever the display options).
pub(crate) const KEY_DIFF_OPTIONS: DiffOptions = DiffOptions {
    granularity: Granularity::Word,
    ignore_whitespace: true,
    ignore_punct_width: true,
};

/// Key differences of a pair: of all kinds, without duplicates, one per kind
/// (two for responsible units: lead and participating), in the order
/// numbers, scope, responsibility, obligation, condition, localisation.
/// `ops`, when given, must be the word diff of `left` and `right` made with
/// [`KEY_DIFF_OPTIONS`]; it saves diffing again.
pub(crate) fn key_diffs(
    seg: &Segmenter,
    left: &str,
    right: &str,
    ops: Option<&[WordOp]>,
) -> Vec<KeyDiff> {
    if left == right || compact(left) == compact(right) {
        return Vec::new();
    }
    let c = match ops {
        Some(ops) => Changes::from_ops(ops),
        None => Changes::new(seg, left, right),
    };
    let (l, r) = (&c.left, &c.right);
    let fold = local::is_copy(&c);
    // The titles of cited documents, which numbers, scope and conditions skip.
    let names = [titles(l), titles(r)];
    let mut out = Vec::new();
    out.extend(merge(mention_diffs(
        numbers::mentions(l, &names[0]),
        numbers::mentions(r, &names[1]),
    )));
    let parens = [duty::paren_ranges(l), duty::paren_ranges(r)];
    let scope = scope::diffs(&c, [&parens[0], &parens[1]], [&names[0], &names[1]], fold);
    out.extend(scope.findings);
    let mut subs = scope.subs;
    let (duty, duty_subs) = duty::diffs(l, r, [&parens[0], &parens[1]], fold);
    out.extend(duty);
    subs.extend(duty_subs);
    // A line break ends a clause (a heading is not part of the sentence under it).
    let lines = |s: &str| s.split('\n').map(compact).collect::<Vec<_>>().join("\n");
    out.extend(merge(modal::diffs(&lines(left), &lines(right))));
    out.extend(merge(mention_diffs(
        condition::mentions(l, &names[0]),
        condition::mentions(r, &names[1]),
    )));
    if fold {
        // Names inside parentheses and scope phrases were looked at above.
        let [mut sl, mut sr] = parens;
        let [pl, pr] = scope.phrases;
        sl.extend(pl);
        sr.extend(pr);
        subs.extend(local::running_text(l, r, &sl, &sr));
        out.extend(local::entry(subs));
    }
    let mut seen = HashSet::new();
    out.retain(|k: &KeyDiff| {
        seen.insert((k.kind, k.left.clone(), k.right.clone(), k.detail.clone()))
    });
    out
}

/// Contrasts of a topic-level pair (two independently written provisions on
/// one subject, `related`): the values of one label that the two texts give
/// for the same thing, where they differ — `时长对比：20日内 ↔ 5个工作日内（通知书发出之日起）`,
/// a city signing contracts within 20 days of the award notice, another
/// within 5 working days. What one text says and the other does not is no
/// contrast (no change either: neither was written from the other); nor is a
/// value the other text gives for something else. A value pairs only with one
/// about the same thing, by the best of three signs reaching
/// [`CONTRAST_AFFINITY`]: their subjects ([`Mention::about`], Dice of
/// bigrams, both at least [`CONTRAST_MIN_CHARS`] long), the clauses before
/// them ([`Mention::context`] by [`affinity`], their common ending
/// discounted; two equal ones such as `办理时限不超过` say nothing), or what
/// is done within them ([`Mention::after`] by [`action`]); and never when
/// both following clauses say what is done and those differ (less than
/// [`CONTRAST_ACTION`]: signing a contract and refunding a deposit within
/// days of one award notice). The most alike pair first, each value at most
/// once; equal values pair and say nothing. Dates (`自2023年7月1日起施行`)
/// are left out: two documents' dates of effect are no contrast of substance.
/// One finding per kind, as [`merge`] joins them; each part is marked
/// [`KeyPart::contrast`], and its direction says how the right value stands
/// to the left one (stricter: the right document asks more).
pub(crate) fn contrasts(left: &str, right: &str) -> Vec<KeyDiff> {
    let (l, r) = (compact(left), compact(right));
    let values = |text: &str| -> Vec<Mention> {
        numbers::mentions(text, &titles(text))
            .into_iter()
            .filter(|m| m.label != KeyLabel::Date)
            .collect()
    };
    let (lm, rm) = (values(&l), values(&r));
    let alike = |x: &str, y: &str| {
        let (x, y): (Vec<char>, Vec<char>) = (x.chars().collect(), y.chars().collect());
        if x.len() < CONTRAST_MIN_CHARS || y.len() < CONTRAST_MIN_CHARS {
            0.0
        } else {
            dice(&bigrams(&x), bigrams(&y))
        }
    };
    let mut candidates = Vec::new();
    for (i, a) in lm.iter().enumerate() {
        for (j, b) in rm.iter().enumerate() {
            if a.label != b.label {
                continue;
            }
            let about = alike(&a.about, &b.about);
            // The clauses before the values, their common ending discounted
            // (`…阶段办理时限不超过` is no sign of one stage, see `affinity`);
            // two equal ones (`办理时限不超过`, the subject in the sentence
            // before) say nothing of what the values are for.
            let before = if a.context.chars().count() < CONTRAST_MIN_CHARS
                || b.context.chars().count() < CONTRAST_MIN_CHARS
                || a.context == b.context
            {
                0.0
            } else {
                affinity(&a.context, &b.context)
            };
            // What is done within the value (`…签订政府采购合同`, `退还…保证金`).
            let done = action(&a.after, &b.after);
            let after = done.unwrap_or(0.0);
            let score = about.max(before).max(after);
            if score >= CONTRAST_AFFINITY && done.is_none_or(|x| x >= CONTRAST_ACTION) {
                // The sign that paired them names what they are about.
                let by = if about >= CONTRAST_AFFINITY {
                    Sign::Subject
                } else if before >= after {
                    Sign::Clause
                } else {
                    Sign::Action
                };
                candidates.push((score, i, j, by));
            }
        }
    }
    candidates.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)).then(x.2.cmp(&y.2)));
    let (mut used_l, mut used_r) = (vec![false; lm.len()], vec![false; rm.len()]);
    let mut found = Vec::new();
    for (_, i, j, by) in candidates {
        if used_l[i] || used_r[j] {
            continue;
        }
        (used_l[i], used_r[j]) = (true, true);
        let (a, b) = (&lm[i], &rm[j]);
        if a.key == b.key {
            continue;
        }
        // What the two values are about: the subject they share; or what is
        // done within them, when that paired them (`核发许可证件`, not the
        // subject `相关部门`); or else the left value's own clause
        // (`采购单位应当自收到发票后`, not its subject `采购单位` alone).
        let acted = a.after.chars().next().is_some_and(char::is_alphanumeric);
        let about = match by {
            Sign::Subject => a.about.clone(),
            Sign::Action if acted => said(&a.after, false),
            _ => {
                // Without the preposition that leads to the value (`相关部门在`);
                // a bound stays (`长度不大于`).
                let bound = ["大于", "小于", "低于", "高于", "少于", "多于", "等于"];
                let clause = match a.context.strip_suffix(['在', '于', '为']) {
                    Some(rest) if !bound.iter().any(|b| a.context.ends_with(b)) => rest,
                    _ => a.context.as_str(),
                };
                said(clause, true)
            }
        };
        let mut detail = format!("{}对比：{} ↔ {}", a.label.zh(), a.shown, b.shown);
        if !about.is_empty() {
            detail.push_str(&format!("（{about}）"));
        }
        let part = KeyPart {
            context: about.clone(),
            contrast: true,
            ..KeyPart::new(a.label, a.shown.clone(), b.shown.clone())
        };
        found.push((
            i,
            KeyDiff {
                direction: Some(numbers::direction(a, b)),
                ..KeyDiff::new(a.kind, a.shown.clone(), b.shown.clone(), detail)
                    .with_parts(vec![part])
            },
        ));
    }
    // In the left text's order.
    found.sort_by_key(|(i, _)| *i);
    merge(found.into_iter().map(|(_, k)| k).collect())
}

/// How alike two values' subjects, or the clauses before them, must be for a
/// contrast (Dice of their bigrams): half of them shared
/// (`采购单位应当自收到发票后` and `应当自收到发票后`, 0.74; not
/// `采购单位应当自收到发票后` and `采购人应当自收到评审报告之日起`, 0.38).
const CONTRAST_AFFINITY: f64 = 0.5;

/// At most [`CONTRAST_SAID_CHARS`] characters of `s` for display: its end
/// (`…` before it when cut) or its start (`…` after it).
fn said(s: &str, end: bool) -> String {
    let n = s.chars().count();
    if n <= CONTRAST_SAID_CHARS {
        return display(s);
    }
    if end {
        format!(
            "…{}",
            display(&s.chars().skip(n - CONTRAST_SAID_CHARS).collect::<String>())
        )
    } else {
        format!(
            "{}…",
            display(&s.chars().take(CONTRAST_SAID_CHARS).collect::<String>())
        )
    }
}

/// What paired two values for a contrast, and so names what they are about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Sign {
    /// Their subjects ([`Mention::about`]).
    Subject,
    /// The clauses before them ([`Mention::context`]).
    Clause,
    /// What is done within them ([`Mention::after`]).
    Action,
}

/// How much of the shorter of two values' following clauses (what is done
/// within or by the value) the other holds: the share of its bigrams found
/// in the other's; `None` when either has fewer than [`AFTER_CHARS`]
/// characters (the value ends its clause).
fn action(a: &str, b: &str) -> Option<f64> {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    if a.len() < AFTER_CHARS || b.len() < AFTER_CHARS {
        return None;
    }
    let (ga, gb) = (bigrams(&a), bigrams(&b));
    let (short, long) = if ga.len() <= gb.len() {
        (ga, gb)
    } else {
        (gb, ga)
    };
    let shared = short.iter().filter(|g| long.contains(g)).count();
    Some(shared as f64 / short.len().max(1) as f64)
}

/// Least share of the shorter following clause held by the other
/// ([`action`]) for two values to be contrasted when both clauses say what is
/// done: `签订政府采购合同` within `按照采购文件确定的事项签订政府采购合同`
/// (all of it), `完成资金支付` in `将资金支付到合同约定的供应商账户` (0.6); not
/// `退还未中标` against signing a contract (none).
const CONTRAST_ACTION: f64 = 0.4;

/// Fewest characters of a subject or clause compared for a contrast: shorter
/// ones (`采购人`, `相关部门`) name no particular thing.
const CONTRAST_MIN_CHARS: usize = 5;

/// Most characters of a value's clause said beside a contrast paired by it
/// (its end, the words right before the value).
const CONTRAST_SAID_CHARS: usize = 16;

/// Merge the findings of one kind into one: values and details joined by `；`,
/// the label (`时限：`) said once for a run of items under it.
pub(super) fn merge(diffs: Vec<KeyDiff>) -> Vec<KeyDiff> {
    fn join(a: &mut String, b: &str) {
        if !b.is_empty() {
            if !a.is_empty() {
                a.push('；');
            }
            a.push_str(b);
        }
    }
    fn label(detail: &str) -> (&str, &str) {
        detail.split_once('：').unwrap_or(("", detail))
    }
    // A value added or removed has no direction of its own (`Changed`): it
    // does not make a merged finding's changed values less clear, so
    // `8个工作日内 → 10个工作日内；新增 12个工作日内` is looser.
    fn sided(d: &KeyDiff) -> Option<Direction> {
        let one_sided = d.left.is_empty() || d.right.is_empty();
        let number = matches!(
            d.kind,
            KeyDiffKind::Deadline
                | KeyDiffKind::Percentage
                | KeyDiffKind::Amount
                | KeyDiffKind::Quantity
        );
        if number && one_sided && d.direction == Some(Direction::Changed) {
            None
        } else {
            d.direction
        }
    }
    // Each merged finding with the label of its last item, the items said,
    // and the direction of its items that have one.
    type Said = HashSet<(String, String)>;
    let mut out: Vec<(KeyDiff, String, Said, Option<Direction>)> = Vec::new();
    for d in diffs {
        let (lab, item) = label(&d.detail);
        let said = (lab.to_string(), item.to_string());
        let lab = lab.to_string();
        let theirs = sided(&d);
        match out.iter_mut().find(|(o, ..)| o.kind == d.kind) {
            None => {
                let item_label = lab;
                out.push((d, item_label, HashSet::from([said]), theirs));
            }
            Some((o, last, items, own)) => {
                // The same item twice (a value added in two places) is said once.
                if !items.insert(said) {
                    continue;
                }
                join(&mut o.left, &d.left);
                join(&mut o.right, &d.right);
                for part in d.parts {
                    if !o.parts.contains(&part) {
                        o.parts.push(part);
                    }
                }
                match (*own, theirs) {
                    (None, theirs) => *own = theirs,
                    (Some(a), Some(b)) if a != b => *own = Some(Direction::Changed),
                    _ => {}
                }
                if *last == lab {
                    join(&mut o.detail, item);
                } else {
                    join(&mut o.detail, &d.detail);
                    *last = lab;
                }
            }
        }
    }
    out.into_iter()
        .map(|(mut d, _, _, own)| {
            // Items all without one: `Changed` (numbers), `None` (conditions).
            d.direction = own.or(d.direction);
            d
        })
        .collect()
}

/// Compare two lists of mentions as multisets and describe what changed.
///
/// When a label has several changes, each says what its value is about
/// ([`Mention::about`]; the left value's for a change or a removal, the
/// right one's for an addition): `时长：8个工作日内 → 10个工作日内（社会投资简易低风险项目）`.
pub(super) fn mention_diffs(left: Vec<Mention>, right: Vec<Mention>) -> Vec<KeyDiff> {
    let changes = pair_changes(left, right);
    let abouts = telling_apart(&changes);
    changes
        .into_iter()
        .map(|(l, r)| {
            let m = l.as_ref().or(r.as_ref()).expect("one side is present");
            let (kind, label) = (m.kind, m.label);
            let about = if abouts.contains(&label) {
                m.about.as_str()
            } else {
                ""
            };
            let shown =
                |m: &Option<Mention>| m.as_ref().map(|m| m.shown.clone()).unwrap_or_default();
            let (ls, rs) = (shown(&l), shown(&r));
            let zh = label.zh();
            let mut detail = match (&l, &r) {
                (Some(_), Some(_)) => format!("{zh}：{ls} → {rs}"),
                (Some(_), None) => format!("{zh}：删除 {ls}"),
                _ => format!("{zh}：新增 {rs}"),
            };
            if !about.is_empty() {
                detail.push_str(&format!("（{about}）"));
            }
            let part = KeyPart {
                context: about.to_owned(),
                ..KeyPart::new(label, ls.clone(), rs.clone())
            };
            let direction = match (&l, &r) {
                _ if kind == KeyDiffKind::Condition => None,
                (Some(a), Some(b)) => Some(numbers::direction(a, b)),
                _ => Some(Direction::Changed),
            };
            KeyDiff {
                direction,
                ..KeyDiff::new(kind, ls, rs, detail).with_parts(vec![part])
            }
        })
        .collect()
}

/// The labels whose changes should each say what their value is about:
/// those with two changes or more (the same change twice counts once),
/// each with a subject ([`Mention::about`]) of its own. Where two share one
/// (`办理时限`) or one has none, the subjects would not tell the values
/// apart, and none is said.
fn telling_apart(changes: &[Change]) -> Vec<KeyLabel> {
    fn shown(m: &Option<Mention>) -> &str {
        m.as_ref().map_or("", |m| m.shown.as_str())
    }
    // Each change once: its label, old and new value, and subject.
    let mut items: Vec<(KeyLabel, &str, &str, &str)> = Vec::new();
    let mut labels: Vec<KeyLabel> = Vec::new();
    for (l, r) in changes {
        let m = l.as_ref().or(r.as_ref()).expect("one side is present");
        let item = (m.label, shown(l), shown(r), m.about.as_str());
        if !items.contains(&item) {
            items.push(item);
        }
        if !labels.contains(&m.label) {
            labels.push(m.label);
        }
    }
    labels.retain(|&label| {
        let subjects: Vec<&str> = items.iter().filter(|i| i.0 == label).map(|i| i.3).collect();
        let distinct: HashSet<&str> = subjects.iter().copied().collect();
        subjects.len() > 1 && distinct.len() == subjects.len() && !distinct.contains("")
    });
    labels
}

/// Values present on one side only (multiset difference by label and key),
/// paired old → new within a label by what they are about: the pairs whose
/// clauses before the values ([`affinity`]) or after them ([`after_affinity`])
/// are most alike (at least [`MIN_AFFINITY`]) first, then those sharing more words right before the
/// value, then in reading order; then, in a label with one removed and one added
/// value left, those two. Unpaired values come back with `None` on the
/// other side. Order: left order, then the added values left over.
pub(super) fn pair_changes(left: Vec<Mention>, right: Vec<Mention>) -> Vec<Change> {
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
    let mut candidates = Vec::new();
    for (i, l) in removed.iter().enumerate() {
        for (j, a) in added.iter().enumerate() {
            let a = a.as_ref().expect("all present");
            if a.label != l.label {
                continue;
            }
            let score = affinity(&l.context, &a.context).max(after_affinity(&l.after, &a.after));
            if score >= MIN_AFFINITY {
                candidates.push((score, common_suffix(&l.context, &a.context), i, j));
            }
        }
    }
    candidates.sort_by(|x, y| {
        y.0.total_cmp(&x.0)
            .then(y.1.cmp(&x.1))
            .then(x.2.cmp(&y.2))
            .then(x.3.cmp(&y.3))
    });
    let mut partner: Vec<Option<usize>> = vec![None; removed.len()];
    let mut taken = vec![false; added.len()];
    for (_, _, i, j) in candidates {
        if partner[i].is_none() && !taken[j] {
            partner[i] = Some(j);
            taken[j] = true;
        }
    }
    // A label with one value removed and one added left over: the one changed into the other.
    for i in 0..removed.len() {
        let label = removed[i].label;
        let alone = |k: usize| removed[k].label == label && partner[k].is_none();
        let free: Vec<usize> = (0..added.len())
            .filter(|&j| !taken[j] && added[j].as_ref().is_some_and(|a| a.label == label))
            .collect();
        if alone(i) && (0..removed.len()).filter(|&k| alone(k)).count() == 1 && free.len() == 1 {
            partner[i] = Some(free[0]);
            taken[free[0]] = true;
        }
    }
    let mut out = Vec::new();
    for (l, j) in removed.into_iter().zip(partner) {
        out.push((Some(l), j.and_then(|j| added[j].take())));
    }
    out.extend(added.into_iter().flatten().map(|a| (None, Some(a))));
    out
}

/// Values whose clauses are less alike than this ([`affinity`]) are not paired.
const MIN_AFFINITY: f64 = 0.3;

/// How alike the clauses before two values are, 0 to 1. Their common ending
/// (`…全流程行政审批时间控制在`) is no sign that they are about the same
/// thing; what comes before it is (`城镇老旧小区及既有建筑改造项目` and
/// `城镇老旧小区改造项目`, not `带方案出让工业用地项目`): 1 when nothing
/// does, else the pairs of characters those beginnings
/// share (Dice coefficient of their bigrams), or, when only one side has one,
/// the share of the words in common.
fn affinity(a: &str, b: &str) -> f64 {
    let t = common_suffix(a, b);
    let head = |s: &str| -> Vec<char> {
        let n = s.chars().count();
        s.chars().take(n - t).collect()
    };
    let (ha, hb) = (head(a), head(b));
    if ha.is_empty() && hb.is_empty() {
        return 1.0;
    }
    if ha.is_empty() || hb.is_empty() {
        return t as f64 / (t + ha.len() + hb.len()) as f64;
    }
    dice(&bigrams(&ha), bigrams(&hb))
}

/// How alike the clauses after two values are, 0 to 1 (`…内核发相关许可证件`):
/// the Dice coefficient of their character bigrams; 0 when either has fewer
/// than [`AFTER_CHARS`] characters (`以上`, or the value ends its clause).
fn after_affinity(a: &str, b: &str) -> f64 {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    if a.len() < AFTER_CHARS || b.len() < AFTER_CHARS {
        return 0.0;
    }
    dice(&bigrams(&a), bigrams(&b))
}

/// The character bigrams of `chars`, in order.
fn bigrams(chars: &[char]) -> Vec<(char, char)> {
    chars.windows(2).map(|w| (w[0], w[1])).collect()
}

/// Clauses after two values shorter than this say nothing of them (`以上`).
const AFTER_CHARS: usize = 4;

/// Dice coefficient of two multisets of bigrams (0 when both are empty).
fn dice(ga: &[(char, char)], mut gb: Vec<(char, char)>) -> f64 {
    let total = ga.len() + gb.len();
    if total == 0 {
        return 0.0;
    }
    let common = ga
        .iter()
        .filter(|g| match gb.iter().position(|h| h == *g) {
            Some(i) => {
                gb.swap_remove(i);
                true
            }
            None => false,
        })
        .count();
    2.0 * common as f64 / total as f64
}

/// Number of characters two strings share at their ends.
fn common_suffix(a: &str, b: &str) -> usize {
    a.chars()
        .rev()
        .zip(b.chars().rev())
        .take_while(|(x, y)| x == y)
        .count()
}

/// The clause of `text` before byte offset `at`: from the last clause
/// punctuation (or bracket, or line break), at most [`CLAUSE_CHARS`] characters.
pub(super) fn clause_before(text: &str, at: usize) -> String {
    let clause = after_last(&text[..at], |c| CLAUSE_ENDS.contains(&c));
    let n = clause.chars().count();
    clause
        .chars()
        .skip(n.saturating_sub(CLAUSE_CHARS))
        .collect()
}

/// What follows the last character of `text` that is a `sep` (all of
/// `text` when none is).
pub(super) fn after_last(text: &str, sep: impl Fn(char) -> bool) -> &str {
    text.rfind(sep).map_or(text, |i| {
        let c = text[i..].chars().next().expect("a match is a character");
        &text[i + c.len_utf8()..]
    })
}

/// The clause of `text` after byte offset `at`, up to the next clause
/// punctuation (or bracket, or line break), at most [`CLAUSE_CHARS`] characters.
pub(super) fn clause_after(text: &str, at: usize) -> String {
    first_clause(&text[at..])
        .chars()
        .take(CLAUSE_CHARS)
        .collect()
}

/// The start of `text` up to its first clause end ([`CLAUSE_ENDS`]; all of
/// `text` when it has none).
pub(super) fn first_clause(text: &str) -> &str {
    &text[..text.find(CLAUSE_ENDS).unwrap_or(text.len())]
}

/// What ends a clause around a value: clause punctuation (folded to ASCII in
/// compact text; full-width and line breaks for any other), brackets.
pub(super) const CLAUSE_ENDS: [char; 15] = [
    ',', ';', '.', ':', '!', '?', '(', ')', '[', ']', '\n', '，', '；', '。', '：',
];

/// The most characters of a value's clause kept to pair it ([`clause_before`], [`clause_after`]).
const CLAUSE_CHARS: usize = 60;

/// Byte ranges of the document titles (`《…》`, marks included) of a text: a
/// date, number or scope word there is part of a name
/// (`《…行动方案（2022-2025年）》`, `《…加快建设全国统一大市场的意见》`), no value.
pub(super) fn titles(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut open: Option<usize> = None;
    let mut depth = 0usize;
    for (i, c) in text.char_indices() {
        match c {
            '《' => {
                if depth == 0 {
                    open = Some(i);
                }
                depth += 1;
            }
            '》' if depth > 0 => {
                depth -= 1;
                if depth == 0 {
                    out.extend(open.take().map(|s| s..i + c.len_utf8()));
                }
            }
            _ => {}
        }
    }
    out
}

/// Whether byte offset `at` lies in one of `ranges`.
pub(super) fn within(ranges: &[Range<usize>], at: usize) -> bool {
    ranges.iter().any(|r| r.contains(&at))
}

/// Full-width brackets for display of a compact value.
pub(super) fn display(s: &str) -> String {
    s.replace('(', "（").replace(')', "）").replace(',', "，")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Huizhou signs contracts within 20 days of the award notice and pays
    /// within 15 days of the invoice; Haikou within 5 working days each:
    /// each value meets the one about the same thing, whatever else the
    /// texts hold (Haikou's notice within 1 working day of signing, its
    /// 3 working days from 2025, a review within 2 working days).
    #[test]
    fn contrasts_pair_the_values_two_texts_give_for_one_thing() {
        let hz = "合理缩短合同签订时间，在中标（成交）通知书发出后，各采购单位原则上在中标（成交）通知书\
            发出之日起20日内按照采购文件确定的事项签订政府采购合同。中标（成交）供应商为中小企业的，对于满足\
            合同约定支付条件的，采购单位应当自收到发票后15日内完成资金支付。";
        let hk = "采购人应当在中标、成交通知书发出之日起5个工作日内签订政府采购合同,并在合同签订的1个工作日内\
            在海南省政府采购网公告。采购人应当自收到评审报告之日起2个工作日内确定中标人。对于满足合同约定\
            支付条件的，应当自收到发票后5个工作日内将资金支付到合同约定的供应商账户,2025年起,支付时间压缩\
            至3个工作日。";
        let k = contrasts(hz, hk);
        assert_eq!(k.len(), 1, "{k:#?}");
        assert_eq!(k[0].kind, KeyDiffKind::Quantity);
        let pairs: Vec<(&str, &str, bool)> = k[0]
            .parts
            .iter()
            .map(|p| (p.left.as_str(), p.right.as_str(), p.contrast))
            .collect();
        assert_eq!(
            pairs,
            [
                ("20日内", "5个工作日内", true),
                ("15日内", "5个工作日内", true)
            ]
        );
        assert!(
            k[0].detail.starts_with("时长对比：20日内 ↔ 5个工作日内"),
            "{}",
            k[0].detail
        );
        // Each says what it is about: the shared subject, or the clause the
        // values were paired by when their subjects differ.
        let about: Vec<&str> = k[0].parts.iter().map(|p| p.context.as_str()).collect();
        assert_eq!(about, ["通知书发出之日起", "采购单位应当自收到发票后"]);
        assert!(k[0].substantive);
        // Nothing one text says alone, and nothing for equal values.
        assert!(contrasts(hz, "采购人应当加强合同管理。").is_empty());
        assert!(contrasts(hz, hz).is_empty());
        // Like values about different things are no contrast.
        assert!(contrasts(
            "采购人应当自收到评审报告之日起2个工作日内确定中标人。",
            "采购单位应当自收到发票后15日内完成资金支付。"
        )
        .is_empty());
    }

    /// Values reached by like words are still two things when what is done
    /// within them differs (signing a contract, refunding a deposit), or when
    /// the clause before them only says `办理时限不超过` (the subject is in the
    /// sentence before: a joint review and a planning permit).
    #[test]
    fn like_words_before_two_values_of_different_things_are_no_contrast() {
        let signing = "各采购单位原则上在中标（成交）通知书发出之日起20日内按照采购文件确定的事项签订政府采购合同。";
        let refund =
            "采购人应在中标（成交）通知书发出之日起3个工作日内退还未中标供应商的投标保证金。";
        assert!(contrasts(signing, refund).is_empty());
        let review = "有关部门在线联合审查，一次性出具联合审查意见，办理时限不超过5个工作日。";
        let permit = "建设工程规划许可证实行审批告知承诺制，办理时限不超过1个工作日。";
        assert!(contrasts(review, permit).is_empty());
        // The same permit issued in 4 working days and in 1: what is done says so.
        let k = contrasts(
            "供水报装、供电报装等事项，相关部门在4个工作日内核发许可证件。",
            "建设工程规划许可证和建筑工程施工许可证合并办理，各有关部门在1个工作日内核发相关许可证件。",
        );
        assert_eq!(k.len(), 1, "{k:#?}");
        assert_eq!(
            (k[0].left.as_str(), k[0].right.as_str()),
            ("4个工作日内", "1个工作日内")
        );
        // What is done paired them, so it names what they are about.
        assert_eq!(k[0].parts[0].context, "核发许可证件");
    }

    /// Two documents' dates (of effect, of issue) are no contrast of substance.
    #[test]
    fn dates_are_no_contrast() {
        assert!(contrasts(
            "本措施自2023年6月20日起施行。",
            "本措施自2023年7月1日起施行。"
        )
        .is_empty());
        let k = contrasts(
            "企业开办时间压缩至1个工作日。",
            "企业开办时间压缩至0.5个工作日。",
        );
        assert_eq!(k.len(), 1, "{k:#?}");
        assert_eq!(k[0].direction, Some(Direction::Stricter));
    }

    #[test]
    fn a_merged_finding_takes_the_direction_of_its_changed_values() {
        let merged = |l: &str, r: &str| {
            merge(mention_diffs(
                numbers::mentions(l, &titles(l)),
                numbers::mentions(r, &titles(r)),
            ))
        };
        // One limit longer, one new: looser.
        let d = merged(
            "社会投资项目审批时间控制在8个工作日内。",
            "社会投资项目审批时间控制在10个工作日内;电网工程项目审批时间控制在20个工作日内。",
        );
        assert_eq!(d.len(), 1, "{d:#?}");
        assert_eq!(d[0].direction, Some(Direction::Looser), "{d:#?}");
        // One longer, one shorter: changed.
        let d = merged(
            "社会投资项目审批时间控制在8个工作日内;电网工程项目审批时间控制在20个工作日内。",
            "社会投资项目审批时间控制在10个工作日内;电网工程项目审批时间控制在15个工作日内。",
        );
        assert_eq!(d[0].direction, Some(Direction::Changed), "{d:#?}");
        // Only added values: changed.
        let d = merged(
            "社会投资项目审批时间控制在8个工作日内。",
            "社会投资项目审批时间控制在8个工作日内;电网工程项目审批时间控制在20个工作日内;\
             5G基站项目审批时间控制在5个工作日内。",
        );
        assert_eq!(d.len(), 1, "{d:#?}");
        assert_eq!(d[0].direction, Some(Direction::Changed), "{d:#?}");
    }

    #[test]
    fn values_pair_by_what_they_are_about() {
        let key = |m: &Option<Mention>| m.as_ref().map(|m| m.key.clone());
        // The keys of the values `pair_changes` pairs between two texts.
        let changes = |l: &str, r: &str| -> Vec<(Option<String>, Option<String>)> {
            pair_changes(
                numbers::mentions(l, &titles(l)),
                numbers::mentions(r, &titles(r)),
            )
            .iter()
            .map(|(a, b)| (key(a), key(b)))
            .collect()
        };
        assert_eq!(
            changes(
                "城镇老旧小区及既有建筑改造项目行政审批时间控制在7个工作日内;\
                 市政公用基础设施外线工程建设项目行政审批时间控制在3个工作日内",
                "电网工程项目行政审批时间控制在20个工作日内;\
                 城镇老旧小区改造项目行政审批时间控制在15个工作日内;\
                 5G基站建设项目行政审批时间控制在5个工作日内",
            ),
            [
                (Some("7个工作日内".into()), Some("15个工作日内".into())),
                (Some("3个工作日内".into()), None),
                (None, Some("20个工作日内".into())),
                (None, Some("5个工作日内".into())),
            ]
        );
        // The same words before: paired whatever they are.
        assert_eq!(affinity("梳理不少于", "梳理不少于"), 1.0);
        // Other words before, the same after: `…在1个工作日内完成不动产初始登记`.
        assert_eq!(
            changes(
                "在5个工作日内完成竣工联合验收,不动产登记机构在1个工作日内完成不动产初始登记",
                "8个工作日内完成竣工联合验收,自然资源部门在3个工作日内完成不动产初始登记",
            ),
            [
                (Some("5个工作日内".into()), Some("8个工作日内".into())),
                (Some("1个工作日内".into()), Some("3个工作日内".into())),
            ]
        );
    }
}
