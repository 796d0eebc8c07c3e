//! Obligation strength: the modal word used for the same action.
//!
//! Takes two compact texts and hands on [`KeyDiffKind::Obligation`]
//! differences. Both texts are cut into clauses at punctuation and line
//! breaks (a heading on its own line is no part of the sentence under it); each clause's
//! modal words (应当 必须 不得 严禁 禁止 可以 鼓励 支持 探索, and 应 used
//! alone, `采购人应在…`, the same word as 应当; not in `应用`, `供应`, `响应` …) are
//! noted, and the rest of the clause is its action. (`原则上` is a
//! qualifier, see [`super::condition`].) A clause with a modal on
//! either side that is not repeated word for word on the other side is
//! matched with the most similar unmatched clause there (character-bigram
//! Dice coefficient of the actions ≥ 0.5); when their modals differ, that is
//! reported (`义务强度：探索 → 无（建立健全响应质量评价标准）`), with the
//! words of one side only (`必须` → `必须、探索` is `无 → 探索`).
//!
//! # Direction
//! Binding words (必须 严禁 禁止 > 应当 不得, and a plain statement with no
//! modal, which in a policy text is an instruction) against soft ones (可以
//! 鼓励 支持 探索): binding → soft is looser (`应当` → `可以`), soft →
//! binding stricter (`探索` → none); between binding words of the same
//! polarity (must / must not), the stronger is stricter; anything else is changed.

use std::collections::HashSet;

use policydiff_model::{Direction, KeyDiff, KeyDiffKind, KeyLabel, KeyPart};

const MODALS: [&str; 9] = [
    "应当", "必须", "不得", "严禁", "禁止", "可以", "鼓励", "支持", "探索",
];

struct Clause<'a> {
    text: &'a str,
    modals: Vec<&'static str>,
    grams: HashSet<(char, char)>,
}

/// The clauses of a text: split at clause punctuation and parentheses like
/// a value's clause ([`super::CLAUSE_ENDS`]), but not at square brackets,
/// which hold an article's title (`第五十一条【公平竞争审查】…`, folded to
/// `[…]`): a title alone is no clause whose modal could change (measured on
/// the corpus: split there, it gave `鼓励 → 无（公平竞争审查）`).
fn clauses(text: &str) -> Vec<Clause<'_>> {
    text.split([
        ',', ';', '.', ':', '!', '?', '，', '；', '。', '：', '！', '？', '(', ')', '\n',
    ])
    .filter(|c| !c.is_empty())
    .map(|text| {
        let mut modals = Vec::new();
        let mut action = text.to_string();
        for m in MODALS {
            let n = text.matches(m).count();
            modals.extend(std::iter::repeat_n(m, n));
            action = action.replace(m, "");
        }
        let short = short_ying(&action);
        modals.extend(std::iter::repeat_n("应", short.len()));
        for at in short.into_iter().rev() {
            action.replace_range(at..at + '应'.len_utf8(), "");
        }
        let chars: Vec<char> = action.chars().collect();
        let grams = chars.windows(2).map(|w| (w[0], w[1])).collect();
        Clause {
            text,
            modals,
            grams,
        }
    })
    .collect()
}

/// Byte offsets of `应` used as the modal (`应将`, `采购人应在`), not in a
/// word of its own (`应用`, `应急`, `应对`, `供应`, `响应`, `相应` …); `应当`
/// is looked for before.
fn short_ying(text: &str) -> Vec<usize> {
    const BEFORE: &str = "响供相适回对反效呼答感照顺必";
    const AFTER: &str = "当用急对收缴付届聘邀征建答变";
    let mut out = Vec::new();
    let mut prev = None;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let next = chars.peek().map(|&(_, n)| n);
        if c == '应'
            && !prev.is_some_and(|p| BEFORE.contains(p))
            && !next.is_some_and(|n| AFTER.contains(n))
        {
            out.push(i);
        }
        prev = Some(c);
    }
    out
}

/// `应` and `应当` are one word.
fn same_word(m: &str) -> &str {
    if m == "应" {
        "应当"
    } else {
        m
    }
}

fn dice(a: &HashSet<(char, char)>, b: &HashSet<(char, char)>) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let common = a.intersection(b).count();
    2.0 * common as f64 / (a.len() + b.len()) as f64
}

/// Obligation differences between two compact texts.
pub(super) fn diffs(left: &str, right: &str) -> Vec<KeyDiff> {
    let (l, r) = (clauses(left), clauses(right));
    let mut lused = vec![false; l.len()];
    let mut rused = vec![false; r.len()];
    // Clauses repeated word for word are settled.
    for (i, a) in l.iter().enumerate() {
        if let Some(j) = (0..r.len()).find(|&j| !rused[j] && r[j].text == a.text) {
            lused[i] = true;
            rused[j] = true;
        }
    }
    let mut out = Vec::new();
    let best = |a: &Clause<'_>, others: &[Clause<'_>], used: &[bool]| -> Option<usize> {
        others
            .iter()
            .enumerate()
            .filter(|(j, _)| !used[*j])
            .map(|(j, b)| (dice(&a.grams, &b.grams), j))
            .filter(|(d, _)| *d >= 0.5)
            .max_by(|x, y| x.0.total_cmp(&y.0).then(y.1.cmp(&x.1)))
            .map(|(_, j)| j)
    };
    for i in 0..l.len() {
        if lused[i] || l[i].modals.is_empty() {
            continue;
        }
        if let Some(j) = best(&l[i], &r, &rused) {
            lused[i] = true;
            rused[j] = true;
            out.extend(report(&l[i], &r[j]));
        }
    }
    for j in 0..r.len() {
        if rused[j] || r[j].modals.is_empty() {
            continue;
        }
        if let Some(i) = best(&r[j], &l, &lused) {
            lused[i] = true;
            rused[j] = true;
            out.extend(report(&l[i], &r[j]));
        }
    }
    out
}

fn report(a: &Clause<'_>, b: &Clause<'_>) -> Option<KeyDiff> {
    let canon = |m: &[&'static str]| {
        let mut v: Vec<&str> = m.iter().map(|m| same_word(m)).collect();
        v.sort_unstable();
        v
    };
    if canon(&a.modals) == canon(&b.modals) {
        return None;
    }
    // The words on one side only: a word on both is no change (`必须 → 必须、探索`
    // is `无 → 探索`).
    let (mut left, mut right) = (a.modals.clone(), b.modals.clone());
    left.retain(
        |m| match right.iter().position(|n| same_word(n) == same_word(m)) {
            Some(i) => {
                right.remove(i);
                false
            }
            None => true,
        },
    );
    let (ls, rs) = (left.join("、"), right.join("、"));
    let action: String = {
        let s = b.text;
        let mut t: String = s.chars().take(24).collect();
        if s.chars().count() > 24 {
            t.push('…');
        }
        t
    };
    let what = match (ls.is_empty(), rs.is_empty()) {
        (false, false) => format!("{ls} → {rs}"),
        (false, true) => format!("{ls} → 无"),
        _ => format!("无 → {rs}"),
    };
    let part = KeyPart {
        context: action.clone(),
        ..KeyPart::new(KeyLabel::Obligation, ls.clone(), rs.clone())
    };
    Some(KeyDiff {
        direction: Some(direction(&left, &right)),
        ..KeyDiff::new(
            KeyDiffKind::Obligation,
            ls,
            rs,
            format!("{}：{what}（{action}）", KeyLabel::Obligation.zh()),
        )
        .with_parts(vec![part])
    })
}

/// Strength of a clause's modals: (binding, polarity, rank). Soft words are
/// not binding; no modal at all is a plain instruction (binding, rank 1).
fn strength(modals: &[&str]) -> (bool, bool, u8) {
    let of = |m: &str| match m {
        "必须" => (true, true, 2),
        "严禁" | "禁止" => (true, false, 2),
        "应当" | "应" => (true, true, 1),
        "不得" => (true, false, 1),
        _ => (false, true, 0),
    };
    if modals.is_empty() {
        return (true, true, 1);
    }
    // The strongest word of the clause.
    modals
        .iter()
        .map(|m| of(m))
        .max_by_key(|(b, _, r)| (*b, *r))
        .expect("not empty")
}

fn direction(left: &[&str], right: &[&str]) -> Direction {
    let (a, b) = (strength(left), strength(right));
    match (a.0, b.0) {
        (true, false) => Direction::Looser,
        (false, true) => Direction::Stricter,
        (true, true) if a.1 == b.1 && a.2 != b.2 => {
            if b.2 > a.2 {
                Direction::Stricter
            } else {
                Direction::Looser
            }
        }
        _ => Direction::Changed,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn modal_change_in_same_action() {
        let d = diffs(
            "制定诉求分类办结标准,探索建立响应质量评价标准,定期统计",
            "制定落实诉求分类办结标准,建立健全响应质量评价标准,定期统计",
        );
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!((d[0].left.as_str(), d[0].right.as_str()), ("探索", ""));
        assert!(diffs("鼓励有条件的地市设置专员", "鼓励各区各部门设置专员").is_empty());
        assert_eq!(d[0].direction, Some(Direction::Stricter));
        // 应 is 应当; 供应, 响应 are no modal.
        assert!(diffs("申请人应当提交材料", "申请人应提交材料").is_empty());
        assert!(diffs("供应商提交响应文件", "供应商及时提交响应文件").is_empty());
        let d = diffs("采购人可以确定审查范围", "采购人应确定审查范围");
        assert_eq!((d[0].left.as_str(), d[0].right.as_str()), ("可以", "应"));
        assert_eq!(d[0].direction, Some(Direction::Stricter));
        let d = diffs("申请人应当提交材料", "申请人可以提交材料");
        assert_eq!((d[0].left.as_str(), d[0].right.as_str()), ("应当", "可以"));
        assert_eq!(d[0].direction, Some(Direction::Looser));
        // A heading on its own line is a clause of its own.
        assert!(diffs(
            "规范招标文件\n招标人应当提高质量",
            "规范招标文件.招标人应当提高质量"
        )
        .is_empty());
        // A word on both sides is no change: 无 → 探索, looser.
        let d = diffs(
            "建立依法必须招标项目审查机制",
            "探索建立依法必须招标项目审查机制",
        );
        assert_eq!((d[0].left.as_str(), d[0].right.as_str()), ("", "探索"));
        assert_eq!(d[0].direction, Some(Direction::Looser));
        let d = diffs("不得收取费用", "严禁收取费用");
        assert_eq!(d[0].direction, Some(Direction::Stricter));
        let d = diffs("应当收取费用", "不得收取费用");
        assert_eq!(d[0].direction, Some(Direction::Changed));
    }
}
