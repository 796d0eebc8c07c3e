//! Administrative scope: which levels of government a text addresses.
//!
//! Takes the [`Changes`] of a pair (compact texts and the changed regions of
//! their word diff) and hands on at most one [`KeyDiffKind::Scope`]
//! difference listing the scope changes in order
//! (`范围：各地级以上市 → 市、区；删除 省市两级`), and, when the pair is
//! folded, the counterpart changes one level down (`全省` → `全市`,
//! `各地级以上市` → `各区`, `省级` → `市级`, see [`super::counterpart::levels`])
//! as localisation substitutions instead. Scope phrases, outside the
//! responsible-unit parentheses (those are [`super::duty`]'s) and the titles
//! of cited documents (`《…全国统一大市场…》`), are of four sorts:
//! - level lists (label `层级`): `省、市、县(市、区)三级`, `省市两级`, `市、区`,
//!   `国家和省`, `市级`, `省级` — two or more levels joined by `、` or `和`, or ending in `级`;
//!   not the authorities whose decisions the text carries out
//!   (`贯彻落实国家、省、市关于…的部署`, `按照国家和省有关规定`, see [`implemented`]);
//! - whole jurisdictions (label `范围`): `全国`, `全省`, `全市`, `全县`, `全区`;
//! - every unit of a level (label `范围`): `各地级以上市`, `各市`, `各县(市、区)`,
//!   `各区`, `各镇(街道)`;
//! - some units of a level (label `范围`): `有条件的地市`.
//!
//! Each phrase is reduced to its set of levels (国 省 市 县 区 镇 村; `县(市、区)`
//! is the county level, `地级以上市` the city level, `乡镇`/`街道` the township
//! level, `社区` the village level). Only phrases touching a changed region
//! count. A deleted phrase is paired with the inserted phrase of the same
//! region; a pair with the same sort and levels is a rewording and dropped.
//! Phrases left alone are dropped when they only moved (same phrase on the
//! other side), restate a change already listed (the second `各地级以上市`
//! when `各地级以上市 → 各区` is listed), or match the other side's text at
//! that place once `、` is ignored (`省市` / `省、市`); the rest are paired
//! across regions by sort, and a phrase still alone is reported only when its
//! place was rewritten on the other side or its whole sentence was deleted
//! or added — a phrase dropped from or added to a sentence that otherwise
//! stayed (`推动各地级以上市规范上报` → `规范上报`) is a rewording.

use std::sync::LazyLock;

use regex::Regex;

use std::ops::Range;

use super::local::Sub;
use super::{display, Changes};
use policydiff_model::{KeyDiff, KeyDiffKind, KeyLabel, KeyPart};

const LEVEL: &str = r"(?:国家|省|市|县|区|乡镇|镇|街道|乡|村|社区)级?(?:\([市区县旗、]+\))?";

static LIST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"{LEVEL}(?:[、和]?{LEVEL})*(?:[一二两三四五]级)?"))
        .expect("level list regex")
});
static WHOLE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"全(?:国|省|市|县|区)").expect("whole regex"));
static EACH: LazyLock<Regex> = LazyLock::new(|| {
    let unit = r"(?:地级以上市|地级市|设区市|县\([市区旗、]+\)|县区|县|市|区|镇\(街道\)|镇街|乡镇|镇|街道|村|地)";
    Regex::new(&format!(r"各{unit}(?:、?{unit})*")).expect("each regex")
});
static SOME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"有条件的(?:地级以上市|地市|地区|地方|市|县\([市区旗、]+\)|县区|县|区|镇街|乡镇|镇)",
    )
    .expect("some regex")
});

/// Levels in canonical order.
const ORDER: [char; 7] = ['国', '省', '市', '县', '区', '镇', '村'];

fn level_set(phrase: &str) -> Vec<char> {
    // Parenthesised alternatives belong to the level before them: 县(市、区) is the county level.
    let mut bare = String::new();
    let mut depth = 0;
    for c in phrase.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            _ if depth == 0 => bare.push(c),
            _ => {}
        }
    }
    let bare = bare
        .replace("有条件的", "")
        .replace("地级以上市", "市")
        .replace("地级市", "市")
        .replace("设区市", "市")
        .replace("地市", "市")
        .replace("国家", "国")
        .replace("乡镇", "镇")
        .replace("街道", "镇")
        .replace('乡', "镇")
        .replace("社区", "村");
    if bare == "各地" || bare == "地区" || bare == "地方" {
        return vec!['地'];
    }
    ORDER
        .iter()
        .copied()
        .filter(|l| bare.contains(*l))
        .collect()
}

/// A level word followed by one of these is part of another word (`市场`, `区域`).
fn glued(text: &str, end: usize) -> bool {
    text[end..].starts_with(['场', '域', '块', '属'])
}

/// Verbs of carrying out: a level list after one names the authorities
/// whose decisions a text carries out ([`implemented`]). `落实` covers `贯彻落实`.
const CARRY_OUT: [&str; 7] = ["贯彻", "落实", "按照", "根据", "依据", "依照", "遵照"];

/// What is carried out: decisions, requirements and rules of an authority.
const DIRECTIVES: [&str; 9] = [
    "部署", "要求", "精神", "决策", "决定", "规定", "指示", "政策", "安排",
];

/// Words joining one more authority to the object of a verb of carrying
/// out (`…的决策部署,以及省委全会和省、市高质量发展大会精神`, `《…》等国家、省文件精神`).
const AND: [&str; 3] = ["和", "及", "等"];

/// Whether the level list at `at` names the authorities whose decisions a
/// text carries out, not the levels the text addresses
/// (`为贯彻落实国家、省、市关于…的部署`, `按照国家和省有关规定`): the rest
/// of its clause (up to the next clause punctuation, [`super::clause_after`])
/// names one of [`DIRECTIVES`]; the list follows a verb of [`CARRY_OUT`]
/// directly, or follows one of [`AND`] (or a comma, when the directive is
/// the list's own: `省、市…大会的工作部署`) in a sentence with such a verb
/// before it; and it counts no tiers (`按照省、市、县三级联动要求` names a
/// structure of levels: scope).
fn implemented(text: &str, at: Range<usize>) -> bool {
    let tiers = text[..at.end]
        .strip_suffix('级')
        .is_some_and(|h| h.ends_with(['一', '二', '两', '三', '四', '五']));
    // The rest of the list's clause, looked at three ways below.
    let after = super::clause_after(text, at.end);
    if tiers || !DIRECTIVES.iter().any(|d| after.contains(d)) {
        return false;
    }
    let head = &text[..at.start];
    let sentence = super::after_last(head, |c| ENDS.contains(&c));
    let carried = CARRY_OUT.iter().any(|v| sentence.contains(v));
    // After a comma, one more authority of the object only when its clause
    // owns the directive (`…经济工作会议,省、市高质量发展大会的工作部署`);
    // `落实责任,市、区政府要按要求…` addresses the levels.
    let owned = || {
        DIRECTIVES.iter().any(|d| {
            after.match_indices(d).any(|(i, _)| {
                let before = &after[..i];
                let before = ["工作", "决策"]
                    .iter()
                    .find_map(|w| before.strip_suffix(w))
                    .unwrap_or(before);
                before.ends_with('的')
            })
        })
    };
    // Joined by 和/及/等 to an object the verb took before a comma, only an
    // authority whose clause ends in what is carried out (`…,以及…全会和省、市
    // 高质量发展大会精神`) or owns it; `落实责任,企业和市、区政府要按要求推进`
    // addresses the levels.
    let since_comma = super::after_last(sentence, |c| c == ',' || c == '，');
    let carried_here = CARRY_OUT.iter().any(|v| since_comma.contains(v));
    let object_ends = || ["精神", "部署"].iter().any(|d| after.ends_with(d));
    CARRY_OUT.iter().any(|v| sentence.ends_with(v))
        || (AND.iter().any(|a| sentence.ends_with(a))
            && (carried_here || (carried && (owned() || object_ends()))))
        || (sentence.ends_with([',', '，']) && carried && owned())
}

/// A scope phrase of a compact text.
#[derive(Debug, Clone)]
struct Phrase {
    /// Byte range in the text.
    at: Range<usize>,
    /// [`KeyLabel::Level`] (`层级`) or [`KeyLabel::Scope`] (`范围`).
    label: KeyLabel,
    /// Sort and levels: `list:省市县`.
    key: String,
    /// Display form.
    shown: String,
    /// Compact form.
    compact: String,
}

impl Phrase {
    fn sort(&self) -> &str {
        self.key.split_once(':').map_or("", |(s, _)| s)
    }
    fn levels(&self) -> Vec<char> {
        self.key
            .split_once(':')
            .map_or(Vec::new(), |(_, l)| l.chars().collect())
    }
}

/// The scope phrases of a compact text whose responsibility parentheses are
/// `parens` and cited titles `names` ([`super::titles`]).
fn mentions(text: &str, parens: &[Range<usize>], names: &[Range<usize>]) -> Vec<Phrase> {
    let mut out = Vec::new();
    let mut push = |label: KeyLabel, sort: &str, at: Range<usize>| {
        let phrase = &text[at.clone()];
        let levels = level_set(phrase);
        if levels.is_empty() || super::within(parens, at.start) || super::within(names, at.start) {
            return;
        }
        out.push(Phrase {
            label,
            key: format!("{sort}:{}", levels.iter().collect::<String>()),
            shown: display(phrase),
            compact: phrase.to_string(),
            at,
        });
    };
    for m in LIST.find_iter(text) {
        let p = m.as_str();
        let outside: String = level_outside_parens(p);
        if (outside.contains(['、', '和']) || p.ends_with('级'))
            && !glued(text, m.end())
            && !implemented(text, m.range())
        {
            push(KeyLabel::Level, "list", m.range());
        }
    }
    for m in WHOLE.find_iter(text) {
        if !glued(text, m.end()) {
            push(KeyLabel::Scope, "whole", m.range());
        }
    }
    for m in EACH.find_iter(text) {
        if !glued(text, m.end()) {
            push(KeyLabel::Scope, "each", m.range());
        }
    }
    for m in SOME.find_iter(text) {
        push(KeyLabel::Scope, "some", m.range());
    }
    // One phrase per place: `各市、县` is not also the list `市、县`.
    out.sort_by_key(|p| (p.at.start, std::cmp::Reverse(p.at.end)));
    let mut end = 0;
    out.retain(|p| {
        let keep = p.at.start >= end;
        end = end.max(p.at.end);
        keep
    });
    out
}

fn level_outside_parens(p: &str) -> String {
    let mut depth = 0;
    p.chars()
        .filter(|c| {
            match c {
                '(' => depth += 1,
                ')' => depth -= 1,
                _ => return depth == 0,
            }
            false
        })
        .collect()
}

/// Indices of the hunks a phrase touches on one side (`side` picks the hunk range).
fn touched(at: &Range<usize>, c: &Changes, side: fn(&super::Hunk) -> &Range<usize>) -> Vec<usize> {
    c.hunks
        .iter()
        .enumerate()
        .filter(|(_, h)| {
            let r = side(h);
            if r.is_empty() {
                at.start < r.start && r.start < at.end
            } else {
                at.start < r.end && r.start < at.end
            }
        })
        .map(|(i, _)| i)
        .collect()
}

/// A changed phrase with the hunks it touches.
struct Changed {
    p: Phrase,
    hunks: Vec<usize>,
}

fn changed(
    phrases: &[Phrase],
    c: &Changes,
    side: fn(&super::Hunk) -> &Range<usize>,
) -> Vec<Changed> {
    phrases
        .iter()
        .cloned()
        .filter_map(|p| {
            let hunks = touched(&p.at, c, side);
            (!hunks.is_empty()).then_some(Changed { p, hunks })
        })
        .collect()
}

fn left_of(h: &super::Hunk) -> &Range<usize> {
    &h.left
}

fn right_of(h: &super::Hunk) -> &Range<usize> {
    &h.right
}

/// Sentence ends in a compact text (full-width forms folded).
const ENDS: [char; 6] = ['.', ';', '!', '?', ':', '\n'];

/// Whether `r` of `text` is one or more whole sentences.
fn whole_sentences(text: &str, r: &Range<usize>) -> bool {
    if r.is_empty() {
        return false;
    }
    let s = &text[r.clone()];
    let starts = r.start == 0 || text[..r.start].ends_with(ENDS) || s.starts_with(ENDS);
    let ends = r.end == text.len() || s.ends_with(ENDS) || text[r.end..].starts_with(ENDS);
    starts && ends
}

/// Whether a phrase alone on one side stands for a change of scope: its place
/// was rewritten on the other side, or its whole sentence was added or removed.
fn reportable(x: &Changed, c: &Changes, left: bool) -> bool {
    x.hunks.iter().any(|&i| {
        let h = &c.hunks[i];
        let (mine, text) = if left {
            (&h.left, &c.left)
        } else {
            (&h.right, &c.right)
        };
        let other = if left { &h.right } else { &h.left };
        !other.is_empty() || whole_sentences(text, mine)
    })
}

/// Position `pos` of one side mapped to the other side through the hunks; a
/// position inside a hunk goes to the start of its counterpart, or its end when `end`.
fn map_pos(pos: usize, c: &Changes, left: bool, end: bool) -> usize {
    let mut delta: isize = 0;
    for h in &c.hunks {
        let (mine, other) = if left {
            (&h.left, &h.right)
        } else {
            (&h.right, &h.left)
        };
        if pos <= mine.start {
            break;
        }
        if pos < mine.end {
            return if end { other.end } else { other.start };
        }
        delta = other.end as isize - mine.end as isize;
    }
    pos.saturating_add_signed(delta)
}

/// For a phrase alone whose text was only partly changed (`区[-、县-]`), or
/// wholly replaced by a short text naming levels (`[-区、县为-]{+区为+}`), the
/// levels at the same place on the other side (`区`) as a phrase of the same sort.
fn counterpart(x: &Changed, c: &Changes, left: bool) -> Option<Changed> {
    let covered: usize = x
        .hunks
        .iter()
        .map(|&i| {
            let r = if left {
                &c.hunks[i].left
            } else {
                &c.hunks[i].right
            };
            r.end
                .min(x.p.at.end)
                .saturating_sub(r.start.max(x.p.at.start))
        })
        .sum();
    let other = if left { &c.right } else { &c.left };
    let at = if covered < x.p.at.len() {
        map_pos(x.p.at.start, c, left, false)..map_pos(x.p.at.end, c, left, true)
    } else {
        // Wholly replaced by a short text: the levels named there (`区、县为` → `区为`).
        let [i] = x.hunks[..] else { return None };
        let r = if left {
            &c.hunks[i].right
        } else {
            &c.hunks[i].left
        };
        let short = other[r.clone()].chars().count() <= x.p.shown.chars().count() + 4;
        let m = LIST
            .find_iter(&other[r.clone()])
            .find(|m| {
                let at = r.start + m.start()..r.start + m.end();
                !glued(other, at.end) && !implemented(other, at)
            })
            .filter(|_| short && !r.is_empty())?;
        r.start + m.start()..r.start + m.end()
    };
    let text = other.get(at.clone())?;
    let levels: String = level_set(text).into_iter().collect();
    Some(Changed {
        p: Phrase {
            label: x.p.label,
            key: format!("{}:{levels}", x.p.sort()),
            shown: display(text),
            compact: text.to_string(),
            at,
        },
        hunks: x.hunks.clone(),
    })
}

/// Whether the other side's text at the phrase's places holds the same levels
/// in the same order once `、`, `和` and `级` are ignored (`省市` for `省、市`).
fn same_at_place(x: &Changed, c: &Changes, left: bool) -> bool {
    let mine = if left { &c.left } else { &c.right };
    let bare: String = level_outside_parens(&mine[x.p.at.clone()])
        .chars()
        .filter(|ch| !"、和级一二两三四五".contains(*ch))
        .collect();
    if bare.chars().count() < 2 {
        return false;
    }
    x.hunks.iter().any(|&i| {
        let h = &c.hunks[i];
        let (r, text) = if left {
            (&h.right, &c.right)
        } else {
            (&h.left, &c.left)
        };
        // The hunk's text on the other side, widened by a few characters of context.
        let (mut a, mut b) = (r.start, r.end);
        for _ in 0..4 {
            if let Some(ch) = text[..a].chars().next_back() {
                a -= ch.len_utf8();
            }
            if let Some(ch) = text[b..].chars().next() {
                b += ch.len_utf8();
            }
        }
        text[a..b].contains(&bare)
    })
}

/// What becomes of a scope item when the pair is folded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fold {
    /// A change of scope: reported.
    Keep,
    /// A counterpart one level down (`全省` → `全市`): localisation.
    Local,
    /// `有条件的地市` → `各区`: the condition's change, reported as such.
    Drop,
}

/// One item of the scope finding.
struct Item {
    /// Place, for the order of the items.
    order: (usize, usize),
    label: KeyLabel,
    left: String,
    right: String,
    text: String,
    fold: Fold,
    /// The left phrase, compact (for a substitution).
    compact: (String, String),
}

/// How an item folds: same sort and counterpart levels are localisation;
/// counterpart levels where one side is `有条件的…` leave the condition.
fn fold_of(l: Option<&Changed>, r: Option<&Changed>) -> Fold {
    let (Some(a), Some(b)) = (l, r) else {
        return Fold::Keep;
    };
    if !super::counterpart::levels(&a.p.levels(), &b.p.levels()) {
        Fold::Keep
    } else if a.p.sort() == b.p.sort() {
        Fold::Local
    } else if a.p.sort() == "some" || b.p.sort() == "some" {
        Fold::Drop
    } else {
        Fold::Keep
    }
}

fn item(l: Option<&Changed>, r: Option<&Changed>) -> Item {
    let order = (
        l.or(r).map_or(0, |x| x.hunks[0]),
        l.map_or(usize::MAX, |x| x.p.at.start),
    );
    // A level list set against another sort of phrase (`市、区 → 各区`) is a
    // change of scope, whichever side the list is on.
    let label = match (l, r) {
        (Some(a), Some(b)) if a.p.label != b.p.label => KeyLabel::Scope,
        _ => l.or(r).map_or(KeyLabel::Scope, |x| x.p.label),
    };
    let shown = |x: Option<&Changed>| x.map(|x| x.p.shown.clone()).unwrap_or_default();
    let (ls, rs) = (shown(l), shown(r));
    let text = match (l, r) {
        (Some(a), Some(b)) if a.p.sort() == "list" && b.p.sort() == "list" => {
            let (la, lb) = (a.p.levels(), b.p.levels());
            let gone: String = la.iter().filter(|c| !lb.contains(c)).collect();
            let new: String = lb.iter().filter(|c| !la.contains(c)).collect();
            let mut what = Vec::new();
            if !gone.is_empty() {
                what.push(format!("删除 {}", join_levels(&gone)));
            }
            if !new.is_empty() {
                what.push(format!("新增 {}", join_levels(&new)));
            }
            if what.is_empty() || (la.len() == 1 && lb.len() == 1) {
                format!("{ls} → {rs}")
            } else {
                format!("{ls} → {rs}（{}）", what.join("；"))
            }
        }
        (Some(_), Some(_)) => format!("{ls} → {rs}"),
        (Some(_), None) => format!("删除 {ls}"),
        _ => format!("新增 {rs}"),
    };
    let compact = |x: Option<&Changed>| x.map(|x| x.p.compact.clone()).unwrap_or_default();
    Item {
        order,
        label,
        left: ls,
        right: rs,
        text,
        fold: fold_of(l, r),
        compact: (compact(l), compact(r)),
    }
}

/// What [`diffs`] hands on.
pub(super) struct Scope {
    /// The scope finding, if any.
    pub findings: Vec<KeyDiff>,
    /// With `fold`, the counterpart items, as substitutions.
    pub subs: Vec<Sub>,
    /// Byte ranges of all scope phrases of the left and the right text.
    pub phrases: [Vec<Range<usize>>; 2],
}

/// The scope difference of a pair, if any (see the module docs); `parens`
/// are the responsibility parentheses of the left and the right text,
/// `names` their cited titles. With `fold`, counterpart items are handed
/// back as substitutions instead.
pub(super) fn diffs(
    c: &Changes,
    parens: [&[Range<usize>]; 2],
    names: [&[Range<usize>]; 2],
    fold: bool,
) -> Scope {
    let (lp, rp) = (
        mentions(&c.left, parens[0], names[0]),
        mentions(&c.right, parens[1], names[1]),
    );
    let phrases = [
        lp.iter().map(|p| p.at.clone()).collect(),
        rp.iter().map(|p| p.at.clone()).collect(),
    ];
    let left = changed(&lp, c, left_of);
    let right = changed(&rp, c, right_of);
    let mut lused = vec![false; left.len()];
    let mut rused = vec![false; right.len()];
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    // Same place: the first phrase on the other side touching a common hunk,
    // of the same sort if there is one.
    for same_sort in [true, false] {
        for (i, l) in left.iter().enumerate() {
            if lused[i] {
                continue;
            }
            let j = (0..right.len()).find(|&j| {
                !rused[j]
                    && (!same_sort || right[j].p.sort() == l.p.sort())
                    && right[j].hunks.iter().any(|h| l.hunks.contains(h))
            });
            if let Some(j) = j {
                lused[i] = true;
                rused[j] = true;
                pairs.push((i, j));
            }
        }
    }
    // Alone: moved, restating a listed change, or the same levels at that place.
    for i in 0..left.len() {
        if lused[i] {
            continue;
        }
        let key = &left[i].p.key;
        if let Some(j) = (0..right.len()).find(|&j| !rused[j] && right[j].p.key == *key) {
            lused[i] = true;
            rused[j] = true;
        }
    }
    let listed_l: Vec<String> = pairs.iter().map(|&(i, _)| left[i].p.key.clone()).collect();
    let listed_r: Vec<String> = pairs.iter().map(|&(_, j)| right[j].p.key.clone()).collect();
    for (i, l) in left.iter().enumerate() {
        if !lused[i] && (listed_l.contains(&l.p.key) || same_at_place(l, c, true)) {
            lused[i] = true;
        }
    }
    for (j, r) in right.iter().enumerate() {
        if !rused[j] && (listed_r.contains(&r.p.key) || same_at_place(r, c, false)) {
            rused[j] = true;
        }
    }
    // Across places, by sort, when one of the two stands for a change by itself.
    for i in 0..left.len() {
        if lused[i] {
            continue;
        }
        let j = (0..right.len()).find(|&j| {
            !rused[j]
                && right[j].p.sort() == left[i].p.sort()
                && (reportable(&left[i], c, true) || reportable(&right[j], c, false))
        });
        if let Some(j) = j {
            lused[i] = true;
            rused[j] = true;
            pairs.push((i, j));
        }
    }
    let mut items: Vec<Item> = pairs
        .iter()
        .filter(|&&(i, j)| left[i].p.key != right[j].p.key)
        .map(|&(i, j)| item(Some(&left[i]), Some(&right[j])))
        .collect();
    // Alone at last: an edited phrase against the text at its place, a dropped
    // or added one when its place was rewritten or its sentence went or came.
    for (i, l) in left.iter().enumerate() {
        if lused[i] {
            continue;
        }
        match counterpart(l, c, true) {
            Some(r) if r.p.key != l.p.key => items.push(item(Some(l), Some(&r))),
            Some(_) => {}
            None if reportable(l, c, true) => items.push(item(Some(l), None)),
            None => {}
        }
    }
    for (j, r) in right.iter().enumerate() {
        if rused[j] {
            continue;
        }
        match counterpart(r, c, false) {
            Some(l) if l.p.key != r.p.key => items.push(item(Some(&l), Some(r))),
            Some(_) => {}
            None if reportable(r, c, false) => items.push(item(None, Some(r))),
            None => {}
        }
    }
    items.sort_by_key(|it| it.order);
    let mut seen = std::collections::HashSet::new();
    items.retain(|it| seen.insert(it.text.clone()));
    let mut subs = Vec::new();
    if fold {
        items.retain(|it| match it.fold {
            Fold::Keep => true,
            Fold::Local => {
                subs.push(Sub {
                    at: it.order.1.min(c.left.len()),
                    left: it.compact.0.clone(),
                    right: it.compact.1.clone(),
                });
                false
            }
            Fold::Drop => false,
        });
    }
    if items.is_empty() {
        return Scope {
            findings: Vec::new(),
            subs,
            phrases,
        };
    }
    let label = if items.iter().all(|it| it.label == KeyLabel::Level) {
        KeyLabel::Level
    } else {
        KeyLabel::Scope
    };
    let join = |f: fn(&Item) -> &str| {
        items
            .iter()
            .map(f)
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join("；")
    };
    let parts = items
        .iter()
        .map(|it| KeyPart::new(it.label, it.left.clone(), it.right.clone()))
        .collect();
    let finding = KeyDiff::new(
        KeyDiffKind::Scope,
        join(|it| &it.left),
        join(|it| &it.right),
        format!("{}：{}", label.zh(), join(|it| &it.text)),
    )
    .with_parts(parts);
    Scope {
        findings: vec![finding],
        subs,
        phrases,
    }
}

fn join_levels(levels: &str) -> String {
    levels
        .chars()
        .map(|c| format!("{c}级"))
        .collect::<Vec<_>>()
        .join("、")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(s: &str) -> Vec<String> {
        mentions(
            s,
            &super::super::duty::paren_ranges(s),
            &super::super::titles(s),
        )
        .into_iter()
        .map(|m| m.key)
        .collect()
    }

    #[test]
    fn finds_scope_phrases() {
        assert_eq!(keys("全面建成省、市、县(市、区)三级联动"), ["list:省市县"]);
        assert_eq!(keys("升级省市两级12345平台"), ["list:省市"]);
        assert_eq!(keys("强化全省市场主体诉求"), ["whole:省"]);
        assert_eq!(keys("推动各地级以上市规范上报"), ["each:市"]);
        assert_eq!(keys("各区各部门要着眼"), ["each:区"]);
        assert_eq!(keys("各地各部门要着眼"), ["each:地"]);
        assert_eq!(keys("各市、县人民政府"), ["each:市县"]);
        assert_eq!(keys("各设区市公共资源交易平台"), ["each:市"]);
        assert!(keys("省市场监管局、商务厅").is_empty());
        assert!(keys("全面落实各市场主体").is_empty());
        assert_eq!(keys("从国家和省层面现行政策"), ["list:国省"]);
        assert_eq!(keys("鼓励有条件的地市设置"), ["some:市"]);
        assert!(keys("(省政务服务数据管理局牵头,各地级以上市政府负责)").is_empty());
        assert!(keys("根据《关于加快建设全国统一大市场的意见》").is_empty());
    }

    #[test]
    fn authorities_carried_out_are_no_scope() {
        // Whose decisions a text carries out (corpus preambles and clauses).
        for t in [
            "为贯彻落实国家、省、市关于深化\"放管服\"改革、优化营商环境的部署,根据",
            "为深入贯彻落实国家、省、市优化营商环境工作部署,全面深化",
            "根据国家和省有关工作部署,试点开展",
            "按照国家和省的有关规定,市人民政府应当",
            "贯彻落实省、市高质量发展大会精神,持续稳进口",
            "按照国家、省、市工作要求",
            "按照省级工作部署在我市推广",
            // One more authority joined to the object of the verb.
            "进一步贯彻落实国家、省关于深化\"放管服\"改革的决策部署,\
             以及省委十三届二次全会、汕尾市委八届四次全会和省、市高质量发展大会精神",
            "为贯彻落实《优化营商环境条例》(国务院令第722号)等国家、省文件精神",
        ] {
            assert!(keys(t).is_empty(), "{t}: {:?}", keys(t));
        }
        // The levels a text addresses stay: no verb of carrying out right
        // before, no directive in the clause, or tiers counted.
        assert_eq!(keys("落实市、区政府责任"), ["list:市区"]);
        assert_eq!(
            keys("贯彻落实有关部署,推进省、市、县三级联动"),
            ["list:省市县"]
        );
        assert_eq!(keys("按照省、市、县三级联动要求"), ["list:省市县"]);
        assert_eq!(keys("根据纳税人需求向省级反馈"), ["list:省"]);
        // After a comma: the list's own directive is carried out (Guangzhou's
        // finance plan); levels told to act on a requirement are addressed.
        assert!(keys("按照省委、市委经济工作会议,省、市高质量发展大会的工作部署,持续").is_empty());
        assert_eq!(keys("落实责任,市、区政府要按要求推进"), ["list:市区"]);
        assert_eq!(keys("落实责任,企业和市、区政府要按要求推进"), ["list:市区"]);
        assert_eq!(
            keys("落实减税降费措施,支持企业和省、市科研机构申报政策"),
            ["list:省市"]
        );
        // No verb of carrying out in its sentence.
        assert_eq!(
            keys("贯彻落实有关部署.建设平台和省、市协同落实工作要求"),
            ["list:省市"]
        );
    }
}
