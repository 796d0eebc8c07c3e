//! Numbers with their units: which ones a text mentions, classified.
//!
//! Takes a compact text (see [`super::super::normalize::compact`]) and hands
//! on [`Mention`]s:
//! - **Deadline** — calendar dates and deadlines given as a point in time:
//!   `2023年底前`, `6月底前`, `2023年6月30日`, `2023-2025年`
//!   (label `时限` when it ends with 前/底/末/止/内 or follows `时限:`,
//!   `完成时间:` …, as in `(牵头单位:…;完成时限:2023年9月)`; else `日期`);
//! - **Percentage** — `20%`, `5‰`, `3个百分点` (label `比例`);
//! - **Amount** — money: `1000万元`, `3.5亿元`, `200元` (label `金额`);
//! - **Quantity** — durations, including time limits given as a duration
//!   (`5个工作日`, `3个工作日内`, `30日内`, `两个月`; label `时长`), and counts
//!   (`50类`, `10项`, `100家`, `8场`, `5批次`; label `数量`).
//!
//! Each value also carries what it is about ([`about`]: `社会投资简易低风险项目`
//! of `…项目从签订…到…全流程行政审批时间控制在8个工作日内`), which a change
//! says beside it when one pair changes several values of one label.
//!
//! A time limit is thus a Deadline when it names a date and a Quantity when
//! it counts days. Bare numbers without a unit (`12345`, `2.0`), ordinals
//! (`第3批`) and numbers in the title of a cited document
//! (`《…行动方案（2023年修订版）》`) are not values. `年年底` is read as `年底`, `以内`/`以前` as `内`/`前`.
//!
//! # Direction ([`direction`])
//! A changed value is **stricter** or **looser** for the reader when that is
//! clear, else **changed**:
//! - a time limit (`时限`): an earlier date is stricter (`2023年底前` →
//!   `2023年9月底前`); a missing year is taken from the other value;
//! - a bound: a value with a lower bound (`不少于50类`, `达98%`, `提速20%`,
//!   `10家以上`) is stricter when it rises; one with an upper bound
//!   (`不超过50万元`, `5个工作日内`, `压缩至3个工作日`) when it falls. Both
//!   values need the same kind of bound and comparable units (`万元` and `亿元`
//!   are, `工作日` and `自然日` are not).

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::{clause_after, clause_before, within, Mention};
use policydiff_model::{Direction, KeyDiffKind, KeyLabel};

static NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?P<date>(?:\d{4}(?:-\d{4})?年(?:\d{1,2}月(?:\d{1,2}日)?)?|\d{1,2}月(?:\d{1,2}日)?)",
        r"(?:底|末|初|中旬|上旬|下旬|上半年|下半年)?(?:以前|前|起|止|以后|后|以内|内)?)",
        r"|(?P<pct>\d+(?:\.\d+)?(?:-\d+(?:\.\d+)?)?(?:%|‰|个百分点))",
        r"|(?P<amt>\d+(?:\.\d+)?(?:-\d+(?:\.\d+)?)?(?:万亿元|亿元|万元|千元|元|亿美元|万美元|美元))",
        r"|(?P<dur>(?:\d+(?:\.\d+)?(?:-\d+)?|[一二两三四五六七八九十百]+)",
        r"(?:个工作日|个自然日|个月|个小时|小时|分钟|工作日|自然日|天|周|日|年)(?:以内|内|以上|以下)?)",
        r"|(?P<cnt>\d+(?:\.\d+)?(?:-\d+)?(?:万|亿)?",
        r"(?:家|项|类|个|人次|人|场次|场|批次|次|批|件|户|所|条|份|名|台|套|座|宗|笔|轮|平方米|平方公里|亩|公里|米|吨|倍)",
        r"(?:以上|以下|以内|左右)?)",
    ))
    .expect("number regex")
});

/// Words that make the date after them a time limit (`完成时限:2023年9月`).
const LIMIT_WORDS: [&str; 5] = ["时限:", "时限为", "完成时间:", "截止时间:", "截止日期:"];

/// `年年底`/`年年末` read as `年底`/`年末` (`2023年年底前`): the text so
/// folded, and the byte offsets in it where a `年` was dropped.
fn fold_year_end(text: &str) -> (String, Vec<usize>) {
    static YEAR_END: LazyLock<Regex> =
        LazyLock::new(|| Regex::new("年年[底末]").expect("year-end regex"));
    let mut out = String::with_capacity(text.len());
    let mut dropped = Vec::new();
    let mut last = 0;
    for m in YEAR_END.find_iter(text) {
        out.push_str(&text[last..m.start()]);
        dropped.push(out.len());
        last = m.start() + '年'.len_utf8();
    }
    out.push_str(&text[last..]);
    (out, dropped)
}

/// The byte offset in the text before [`fold_year_end`] of offset `at` after it.
fn unfolded(dropped: &[usize], at: usize) -> usize {
    at + dropped.iter().take_while(|&&d| d <= at).count() * '年'.len_utf8()
}

/// The most characters of what a value is about ([`about`]); a longer
/// subject is cut with `…`.
const ABOUT_CHARS: usize = 16;

/// Words that open a clause without saying what it is about (`实现…`); not
/// 对 or 将, which open words too (`对外贸易`, `将乐`), and 并 only before
/// no word it opens (see [`subject_of`]).
const ABOUT_OPENERS: [&str; 11] = [
    "其中",
    "具体包括",
    "包括",
    "实现",
    "确保",
    "力争",
    "推动",
    "推进",
    "做到",
    "对于",
    "且",
];

/// Words that end a subject without belonging to it (`不动产登记机构在`,
/// `有关部门应当`).
const ABOUT_TRAILERS: [&str; 20] = [
    "应当",
    "应",
    "可以",
    "可",
    "予以",
    "分别",
    "原则上",
    "至少",
    "最高",
    "最多",
    "超过",
    "增至",
    "每年",
    "按",
    "在",
    "为",
    "于",
    "达",
    "均",
    "自",
];

/// Fewest characters of a subject: `适用`, `最高` say nothing of what is counted.
const ABOUT_MIN_CHARS: usize = 3;

/// Where the subject of a clause ends and the way to its value begins: a
/// route (`从签订…到…`), the procedure measured (`行政审批时间`), or the verb
/// that sets the value (`控制在`, `压缩至`, `不超过` …).
static ABOUT_END: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        "从[^业事严快重简而]|自[^主治愿行动查]|全流程|行政审批|审批时间|办理时间|办理时限|",
        "办结时限|时间控制|控制在|压缩至|压缩到|压减至|压减到|缩短至|缩短到|减少至|减少到|",
        "降低至|降低到|提高至|提高到|提升至|提升到|增加至|增加到|不超过|不少于|不低于|不高于|",
        "不大于|不小于|不多于|大于|小于|达到",
    ))
    .expect("about regex")
});

/// The subject a clause names: openers dropped, up to where the way to a
/// value begins ([`ABOUT_END`]), trailing function words dropped.
fn subject_of(clause: &str) -> &str {
    let mut clause = clause;
    loop {
        let opened = ABOUT_OPENERS.iter().find_map(|o| clause.strip_prefix(o));
        // 并 joins a clause (`并争取落地实施`) unless it opens a word (`并联审批`).
        let joined = clause
            .strip_prefix('并')
            .filter(|rest| !rest.starts_with(['联', '列', '购', '入', '行', '存', '网']));
        match opened.or(joined) {
            Some(rest) => clause = rest,
            None => break,
        }
    }
    let mut subject = ABOUT_END
        .find_iter(clause)
        .find(|m| clause[..m.start()].chars().count() >= 2)
        .map_or(clause, |m| &clause[..m.start()]);
    while let Some(rest) = ABOUT_TRAILERS.iter().find_map(|t| subject.strip_suffix(t)) {
        subject = rest;
    }
    subject
}

/// What the value at `start..end` of a compact text is about, as a reader
/// would name it: the start of its clause up to where the way to the value
/// begins (`社会投资简易低风险项目` of `实现社会投资简易低风险项目从签订…到…全流程
/// 行政审批时间控制在8个工作日内`), openers such as 实现 dropped ([`subject_of`]);
/// for a value that opens its clause (`2023年底前,完成…`, `力争2025年底前,…`),
/// the start of the clause after it. In a list of bare values
/// (`6月底前、12月底前,完成…`) only the last takes that clause. At most [`ABOUT_CHARS`] characters, else cut with `…`; empty when
/// fewer than [`ABOUT_MIN_CHARS`] are left or they hold a value themselves.
fn about(text: &str, start: usize, end: usize) -> String {
    let head = &text[..start];
    // A list's item (`管线长度不大于500米、临时占用道路面积不大于200平方米`) is a
    // clause of its own here, and so is what follows a cited title (`《…》明确的任务`).
    let clause = super::after_last(head, |c| {
        super::CLAUSE_ENDS.contains(&c) || c == '、' || c == '》'
    });
    let mut subject = subject_of(clause);
    if subject.is_empty() {
        // The value opens its clause (`力争2025年底前,完成…`): the clause after it.
        let tail = &text[end..];
        if tail.starts_with('、') {
            // One value of a list (`6月20日、9月20日前`): the rest is more values.
            return String::new();
        }
        let tail = tail.strip_prefix([',', '，']).unwrap_or(tail);
        subject = subject_of(super::first_clause(tail));
    }
    let n = subject.chars().count();
    // A subject holding a value of its own (`首批54家`, `至2023年11月`) is
    // more values, not what this one is about.
    if n < ABOUT_MIN_CHARS || NUMBER.is_match(subject) {
        String::new()
    } else if n <= ABOUT_CHARS {
        subject.to_owned()
    } else {
        let mut cut: String = subject.chars().take(ABOUT_CHARS - 1).collect();
        cut.push('…');
        cut
    }
}

/// The numbers with units in a compact text whose cited titles are `names`
/// ([`super::titles`]), in order.
pub(super) fn mentions(text: &str, names: &[Range<usize>]) -> Vec<Mention> {
    let (text, dropped) = fold_year_end(text);
    let mut out = Vec::new();
    for c in NUMBER.captures_iter(&text) {
        let m = c.get(0).expect("whole match");
        if text[..m.start()].ends_with('第') || within(names, unfolded(&dropped, m.start())) {
            continue;
        }
        let value = m
            .as_str()
            .replace("以内", "内")
            .replace("以前", "前")
            .replace("以后", "后");
        let (kind, label) = if c.name("date").is_some() {
            let limit = ["前", "底", "末", "止", "内"]
                .iter()
                .any(|s| value.ends_with(s))
                || LIMIT_WORDS.iter().any(|w| text[..m.start()].ends_with(w));
            (
                KeyDiffKind::Deadline,
                if limit {
                    KeyLabel::Deadline
                } else {
                    KeyLabel::Date
                },
            )
        } else if c.name("pct").is_some() {
            (KeyDiffKind::Percentage, KeyLabel::Percentage)
        } else if c.name("amt").is_some() {
            (KeyDiffKind::Amount, KeyLabel::Amount)
        } else if c.name("dur").is_some() {
            (KeyDiffKind::Quantity, KeyLabel::Duration)
        } else {
            (KeyDiffKind::Quantity, KeyLabel::Count)
        };
        out.push(Mention {
            kind,
            label,
            key: value.clone(),
            shown: value,
            context: clause_before(&text, m.start()),
            after: clause_after(&text, m.end()),
            about: about(&text, m.start(), m.end()),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(s: &str) -> Vec<(String, &'static str)> {
        mentions(s, &super::super::titles(s))
            .into_iter()
            .map(|m| (m.key, m.label.zh()))
            .collect()
    }

    /// What each value of a compact text is about.
    fn abouts(s: &str) -> Vec<(String, String)> {
        mentions(s, &super::super::titles(s))
            .into_iter()
            .map(|m| (m.key, m.about))
            .collect()
    }

    #[test]
    fn says_what_a_value_is_about() {
        // The subject ends where the way to the value begins: a route, the
        // procedure measured, the verb that sets it; openers and trailing
        // function words go.
        let got = abouts(
            "2023年6月底前,实现社会投资简易低风险项目从签订土地出让合同到完成不动产初始登记\
             全流程行政审批时间控制在8个工作日内;5G基站建设项目行政审批时间控制在5个工作日内;\
             不动产登记机构在1个工作日内办结;具体包括管线长度不大于500米、临时占用道路面积不大于200平方米",
        );
        let want = [
            ("2023年6月底前", "社会投资简易低风险项目"),
            ("8个工作日内", "社会投资简易低风险项目"),
            ("5个工作日内", "5G基站建设项目"),
            ("1个工作日内", "不动产登记机构"),
            ("500米", "管线长度"),
            ("200平方米", "临时占用道路面积"),
        ];
        let want: Vec<(String, String)> = want
            .iter()
            .map(|(k, a)| (k.to_string(), a.to_string()))
            .collect();
        assert_eq!(got, want);
        // Too long: cut. Too short, or holding values of its own: none.
        let long = abouts("全省中职以上院校每年毕业生留鄂就业创业比例达到60%");
        assert_eq!(long[0].1, "全省中职以上院校每年毕业生留鄂…");
        assert_eq!(abouts("减按1%")[0].1, "");
        assert_eq!(abouts("全市首批54家政府网站和26家")[1].1, "");
        assert_eq!(abouts("6月20日、9月20日前报送")[0].1, "");
        // 并 and 对 open words here, not the clause.
        assert_eq!(
            abouts("并联审批事项办理时间压缩至5个工作日")[0].1,
            "并联审批事项"
        );
        assert_eq!(abouts("对外贸易企业不少于50家")[0].1, "对外贸易企业");
        assert_eq!(abouts("并争取落地实施15条以上")[0].1, "争取落地实施");
        // Only an opener before the value: the clause after it.
        assert_eq!(abouts("力争2025年底前,建成示范园区")[0].1, "建成示范园区");
        assert_eq!(abouts("在2023年底前完成清理")[0].1, "完成清理");
        // Not into a cited title.
        assert_eq!(
            abouts("《2023年工作要点》明确的任务不少于50项")[0].1,
            "明确的任务"
        );
    }

    #[test]
    fn classifies() {
        let got = kinds("在2023年年底前梳理不少于50类场景，提速20%，奖励1000万元，5个工作日内办结，第3批，12345热线");
        let want: Vec<(String, &str)> = vec![
            ("2023年底前".into(), "时限"),
            ("50类".into(), "数量"),
            ("20%".into(), "比例"),
            ("1000万元".into(), "金额"),
            ("5个工作日内".into(), "时长"),
        ];
        assert_eq!(got, want);
        assert_eq!(
            kinds("2023年3月11日"),
            vec![("2023年3月11日".into(), "日期")]
        );
        assert_eq!(kinds("6月底前完成"), vec![("6月底前".into(), "时限")]);
        assert_eq!(
            kinds("(牵头单位:市商务局;完成时限:2023年9月)"),
            vec![("2023年9月".into(), "时限")]
        );
        assert_eq!(
            kinds("根据《海南自由贸易港进一步优化营商环境行动方案(2022-2025年)》,2025年底前完成"),
            vec![("2025年底前".into(), "时限")]
        );
        // `年年底` read as `年底` before a title, the title still skipped and
        // the value right after it still read.
        assert_eq!(
            kinds("2023年年底前、2024年年末前完成《行动方案(2022-2025年)》5项任务"),
            vec![
                ("2023年底前".into(), "时限"),
                ("2024年末前".into(), "时限"),
                ("5项".into(), "数量"),
            ]
        );
        // Events, batches, sets and rounds are counts too (场次 and 批次 whole).
        assert_eq!(
            kinds(
                "全年举办8场政策宣讲、20场次培训，分5批次推进，配置3套设备，开展2轮评估，市场主体"
            ),
            vec![
                ("8场".into(), "数量"),
                ("20场次".into(), "数量"),
                ("5批次".into(), "数量"),
                ("3套".into(), "数量"),
                ("2轮".into(), "数量"),
            ]
        );
    }
}

/// Words before a value that make it a lower bound (more is stricter).
const LOWER: [&str; 20] = [
    "不少于",
    "不低于",
    "至少",
    "达到",
    "达",
    "超过",
    "高于",
    "提高",
    "提升",
    "提速",
    "增长",
    "增加",
    "扩大",
    "突破",
    "降低",
    "下降",
    "压减",
    "压缩",
    "减少",
    "缩短",
];

/// Words before a value that make it an upper bound (less is stricter). The
/// longest word of both lists that ends the context wins (`压缩至` over
/// `压缩`, `不少于` over `少于`).
const UPPER: [&str; 16] = [
    "不超过",
    "不高于",
    "不多于",
    "最多",
    "最高",
    "控制在",
    "低于",
    "少于",
    "压缩至",
    "压减至",
    "缩短至",
    "减少至",
    "降低至",
    "降至",
    "减至",
    "时限",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Bound {
    Lower,
    Upper,
}

fn bound(m: &Mention) -> Option<Bound> {
    let v = &m.key;
    if v.ends_with("以上") {
        return Some(Bound::Lower);
    }
    if v.ends_with("以下") || v.ends_with('内') {
        return Some(Bound::Upper);
    }
    let c = m.context.as_str();
    let words = UPPER
        .iter()
        .map(|w| (w, Bound::Upper))
        .chain(LOWER.iter().map(|w| (w, Bound::Lower)));
    words
        .filter(|(w, _)| c.ends_with(**w))
        .max_by_key(|(w, _)| w.len())
        .map(|(_, b)| b)
}

/// The value of a Chinese numeral up to the hundreds (`十五`, `两百`).
fn chinese(s: &str) -> Option<f64> {
    let digit = |c: char| "零一二三四五六七八九".find(c).map(|i| (i / 3) as f64);
    let (mut total, mut cur) = (0.0, None::<f64>);
    for c in s.chars() {
        match c {
            '两' => cur = Some(2.0),
            '十' => {
                total += cur.unwrap_or(1.0) * 10.0;
                cur = None;
            }
            '百' => {
                total += cur.unwrap_or(1.0) * 100.0;
                cur = None;
            }
            _ => cur = Some(digit(c)?),
        }
    }
    Some(total + cur.unwrap_or(0.0))
}

/// A value as a number in a base unit and that unit (`3.5亿元` → 3.5e8, `元`);
/// `None` for ranges (`2-3个工作日`).
fn quantity(value: &str) -> Option<(f64, String)> {
    let v = ["以上", "以下", "以内", "左右", "内"]
        .iter()
        .fold(value, |v, s| v.strip_suffix(s).unwrap_or(v));
    let split = v
        .char_indices()
        .find(|(_, c)| {
            !(c.is_ascii_digit() || *c == '.' || "零一二三四五六七八九十百两".contains(*c))
        })
        .map_or(v.len(), |(i, _)| i);
    let (num, unit) = v.split_at(split);
    if unit.starts_with('-') {
        return None;
    }
    let mut n: f64 = match num.parse() {
        Ok(n) => n,
        Err(_) => chinese(num)?,
    };
    let mut unit = unit.trim_start_matches('个').to_string();
    for (word, scale) in [("万亿", 1e12), ("亿", 1e8), ("万", 1e4), ("千", 1e3)] {
        if let Some(rest) = unit.strip_prefix(word) {
            if !rest.is_empty() {
                n *= scale;
                unit = rest.to_string();
                break;
            }
        }
    }
    let unit = match unit.as_str() {
        "天" => "日".to_string(),
        "小时" => "小时".to_string(),
        _ => unit,
    };
    Some((n, unit))
}

/// The last day a time limit allows, as (year, month, day); a missing year
/// is `None`. `None` for ranges and values that are no limit.
fn limit_end(value: &str) -> Option<(Option<u32>, u32, u32)> {
    static DATE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(concat!(
            r"^(?:(?P<y>\d{4})年)?(?:(?P<m>\d{1,2})月)?(?:(?P<d>\d{1,2})日)?",
            r"(?P<p>底|末|初|上旬|中旬|下旬|上半年|下半年)?(?:前|内|止|底|末)?$",
        ))
        .expect("date regex")
    });
    let c = DATE.captures(value)?;
    let num = |n: &str| c.name(n).and_then(|m| m.as_str().parse::<u32>().ok());
    let (year, month, day) = (num("y"), num("m"), num("d"));
    let part = c.name("p").map_or("", |m| m.as_str());
    let month_end = |m: u32| match m {
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    let (m, d) = match (month, day) {
        (Some(m), Some(d)) => (m, d),
        (Some(m), None) => match part {
            "初" => (m, 5),
            "上旬" => (m, 10),
            "中旬" => (m, 20),
            _ => (m, month_end(m)),
        },
        (None, _) => match part {
            "初" => (1, 31),
            "上半年" => (6, 30),
            _ => (12, 31),
        },
    };
    year.or(month).map(|_| (year, m, d))
}

/// Which way a value changed from `l` to `r` (same label), see the module docs.
pub(super) fn direction(l: &Mention, r: &Mention) -> Direction {
    let by = |stricter: bool| {
        if stricter {
            Direction::Stricter
        } else {
            Direction::Looser
        }
    };
    if l.kind == KeyDiffKind::Deadline {
        if l.label != KeyLabel::Deadline || r.label != KeyLabel::Deadline {
            return Direction::Changed;
        }
        let (Some(a), Some(b)) = (limit_end(&l.key), limit_end(&r.key)) else {
            return Direction::Changed;
        };
        let (ya, yb) = (a.0.or(b.0), b.0.or(a.0));
        let (a, b) = ((ya, a.1, a.2), (yb, b.1, b.2));
        return if a == b {
            Direction::Changed
        } else {
            by(b < a)
        };
    }
    let (Some((a, ua)), Some((b, ub))) = (quantity(&l.key), quantity(&r.key)) else {
        return Direction::Changed;
    };
    match (bound(l), bound(r)) {
        (Some(x), Some(y)) if x == y && ua == ub && a != b => match x {
            Bound::Lower => by(b > a),
            Bound::Upper => by(b < a),
        },
        _ => Direction::Changed,
    }
}

#[cfg(test)]
mod direction_tests {
    use super::*;

    fn dir(l: &str, r: &str) -> Direction {
        let (a, b) = (
            mentions(l, &super::super::titles(l)),
            mentions(r, &super::super::titles(r)),
        );
        assert_eq!((a.len(), b.len()), (1, 1), "{l} / {r}");
        direction(&a[0], &b[0])
    }

    #[test]
    fn directions() {
        use Direction::*;
        assert_eq!(dir("在2023年底前建成", "在2023年9月底前建成"), Stricter);
        assert_eq!(dir("6月底前完成", "2023年9月30日前完成"), Looser);
        assert_eq!(dir("梳理不少于50类场景", "梳理不少于30类场景"), Looser);
        assert_eq!(dir("满意率达98%", "满意率达99%"), Stricter);
        assert_eq!(dir("5个工作日内办结", "3个工作日内办结"), Stricter);
        assert_eq!(dir("最高不超过50万元", "最高不超过1亿元"), Looser);
        assert_eq!(dir("奖励50万元", "奖励30万元"), Changed);
        assert_eq!(dir("5个工作日内", "5个自然日内"), Changed);
        assert_eq!(dir("2023年3月11日", "2023年6月15日"), Changed);
        assert_eq!(dir("不少于两个月", "不少于三个月"), Stricter);
    }
}
