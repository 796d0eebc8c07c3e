//! Recognise the numbering label at the start of one paragraph.
//!
//! Takes one trimmed paragraph and hands on a [`Label`] (style, number,
//! normalised label, the text after it) when the paragraph starts with a
//! Chinese numbering label; `None` otherwise. Low level: the tree builder in
//! [`super::tree`] decides whether a recognised label is used (e.g. article
//! numbers must increase). Only the start of a paragraph is looked at, and
//! only a bounded prefix of it, so a label costs O(1) per paragraph.

use super::ClauseKind;

/// A numbering label found at the start of a paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Label {
    /// The numbering style (one style per [`ClauseKind`] of numbered units).
    pub kind: ClauseKind,
    /// The numeric value of the label (`三` → 3, `（12）` → 12); 0 for a bare `附件`.
    pub number: u32,
    /// The label as printed, normalised: full-width brackets `（一）`, ASCII
    /// digits, `1．` → `1.`, `附件：` → `附件`, spaces removed.
    pub label: String,
    /// Byte offset in the (markup-stripped) paragraph where the text after the label starts.
    pub rest: usize,
}

impl Label {
    /// The path segment of this label: the label without its trailing
    /// punctuation (`一、` → `一`, `1.` → `1`), brackets kept (`（一）`).
    pub fn segment(&self) -> &str {
        self.label.trim_end_matches(['、', '.'])
    }
}

/// Chinese numeral digits and their values.
fn cn_digit(c: char) -> Option<u32> {
    Some(match c {
        '零' | '〇' => 0,
        '一' => 1,
        '二' | '两' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    })
}

fn is_cn_numeral(c: char) -> bool {
    cn_digit(c).is_some() || matches!(c, '十' | '百' | '千')
}

/// Value of a Chinese numeral of up to four digits (`十二` → 12, `一百零三` → 103,
/// `二〇二三` read digit by digit → 2023). `None` when it is not a numeral.
pub(crate) fn cn_value(s: &str) -> Option<u32> {
    if s.is_empty() || s.chars().count() > 8 {
        return None;
    }
    let positional = s.chars().any(|c| matches!(c, '十' | '百' | '千'));
    if !positional {
        let mut v: u32 = 0;
        for c in s.chars() {
            v = v * 10 + cn_digit(c)?;
        }
        return Some(v);
    }
    let (mut total, mut cur) = (0u32, 0u32);
    for c in s.chars() {
        match c {
            '十' | '百' | '千' => {
                let unit = match c {
                    '十' => 10,
                    '百' => 100,
                    _ => 1000,
                };
                total += if cur == 0 { 1 } else { cur } * unit;
                cur = 0;
            }
            _ => cur = cn_digit(c)?,
        }
    }
    Some(total + cur)
}

/// Value of an ASCII or full-width decimal digit.
fn dec_digit(c: char) -> Option<u32> {
    match c {
        '0'..='9' => Some(c as u32 - '0' as u32),
        '０'..='９' => Some(c as u32 - '０' as u32),
        _ => None,
    }
}

/// A run of decimal digits read at the start of a paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Decimal {
    /// Its value, saturating at `u32::MAX` (numbering is compared, never computed with).
    value: u32,
    /// Byte length of the run.
    len: usize,
    /// Number of digits.
    digits: usize,
}

/// Read a run of ASCII or full-width decimal digits at the start of `s`, of
/// any length. `None` when `s` does not start with a digit.
fn leading_decimal(s: &str) -> Option<Decimal> {
    let mut d = Decimal {
        value: 0,
        len: 0,
        digits: 0,
    };
    for c in s.chars() {
        let Some(v) = dec_digit(c) else { break };
        d.value = d.value.saturating_mul(10).saturating_add(v);
        d.len += c.len_utf8();
        d.digits += 1;
    }
    (d.digits > 0).then_some(d)
}

/// The digits of a number as ASCII, without leading zeros (`０１２` → `12`):
/// the form a label is normalised to, whatever its length.
fn ascii_digits(s: &str) -> String {
    let digits: String = s
        .chars()
        .filter_map(|c| dec_digit(c).and_then(|d| char::from_digit(d, 10)))
        .collect();
    match digits.trim_start_matches('0') {
        "" if !digits.is_empty() => "0".to_string(),
        t => t.to_string(),
    }
}

/// Read a run of Chinese numerals at the start of `s`. Returns (value, byte length).
fn leading_cn(s: &str, max: usize) -> Option<(u32, usize)> {
    let len: usize = s
        .chars()
        .take_while(|&c| is_cn_numeral(c))
        .take(max + 1)
        .map(char::len_utf8)
        .sum();
    if len == 0 || s[..len].chars().count() > max {
        return None;
    }
    cn_value(&s[..len]).map(|v| (v, len))
}

/// Skip spaces (ASCII, ideographic) at the start of `s`; returns the byte count skipped.
fn spaces(s: &str) -> usize {
    s.len()
        - s.trim_start_matches([' ', '\t', '\u{3000}', '\u{a0}'])
            .len()
}

/// Remove Markdown block markup in front of a paragraph: heading marks
/// (`## 第一章`) always, a list bullet (`- （一）`) or bold marks (`**一、`)
/// only when a label follows. Returns the paragraph to use as the clause text.
pub(crate) fn strip_markup(p: &str) -> &str {
    let hashes = p.len() - p.trim_start_matches('#').len();
    if (1..=6).contains(&hashes) {
        let rest = &p[hashes..];
        if rest.starts_with([' ', '\t', '\u{3000}']) {
            return rest.trim_start();
        }
    }
    // A bullet (with or without a space after it, the cleaner may have removed it) before a label.
    let bullets = p.trim_start_matches(['-', '*', '+', '•', '·']);
    let n = p.len() - bullets.len();
    if (1..=2).contains(&n) {
        let rest = bullets.trim_start();
        if recognize(rest).is_some() {
            return rest;
        }
    }
    p
}

/// Recognise the numbering label at the start of a trimmed paragraph.
///
/// Recognised: `第X编/章/节/条` (Chinese or Arabic numerals), `一、`
/// (also `一．`), `（一）`, `1.` / `1．` / `1、`, `（1）` / `⑴`, `①`…`⑳`,
/// `附件` / `附件1` / `附件：…`. Half-width brackets are accepted.
/// Numbers of any length are recognised (`1200.`); whether a long one
/// (`（2023）41号`, a year) is numbering depends on its neighbours, which the
/// tree builder checks. Rejected: a number followed by a digit (`2023.5`,
/// `1.5倍`), a label with nothing after it (`3.` alone; except 第X章 and 附件),
/// a number without its punctuation (`12345热线`), and 第X条 followed by words
/// that make it a cross-reference (`第三条规定的`).
pub(crate) fn recognize(p: &str) -> Option<Label> {
    let first = p.chars().next()?;
    match first {
        '第' => ordinal(p),
        '（' | '(' => bracketed(p),
        '附' => annex(p),
        '①'..='⑳' => {
            let n = first as u32 - '①' as u32 + 1;
            let rest = first.len_utf8();
            nonempty_after(p, rest).then(|| Label {
                kind: ClauseKind::Circled,
                number: n,
                label: first.to_string(),
                rest: rest + spaces(&p[rest..]),
            })
        }
        '⑴'..='⒇' => {
            let n = first as u32 - '⑴' as u32 + 1;
            let rest = first.len_utf8();
            nonempty_after(p, rest).then(|| Label {
                kind: ClauseKind::SubPoint,
                number: n,
                label: format!("（{n}）"),
                rest: rest + spaces(&p[rest..]),
            })
        }
        c if dec_digit(c).is_some() => point(p),
        c if is_cn_numeral(c) => item(p),
        _ => None,
    }
}

/// True when something other than spaces follows byte offset `at`.
fn nonempty_after(p: &str, at: usize) -> bool {
    !p[at..].trim().is_empty()
}

/// Words that, right after `第X条`, make it a cross-reference rather than a label.
fn is_reference_tail(rest: &str) -> bool {
    const TAILS: [&str; 18] = [
        "规定", "之", "的", "所", "中", "至", "、", "，", "和", "或", "及", "第", "款", "项", "（",
        "(", "到", "以",
    ];
    TAILS.iter().any(|t| rest.starts_with(t))
}

/// `第X编/章/节/条`.
fn ordinal(p: &str) -> Option<Label> {
    let after = &p['第'.len_utf8()..];
    let sp = spaces(after);
    let num_s = &after[sp..];
    let (number, nlen) =
        leading_cn(num_s, 8).or_else(|| leading_decimal(num_s).map(|d| (d.value, d.len)))?;
    let after_num = &num_s[nlen..];
    let sp2 = spaces(after_num);
    let unit = after_num[sp2..].chars().next()?;
    let kind = match unit {
        '编' => ClauseKind::Part,
        '章' => ClauseKind::Chapter,
        '节' => ClauseKind::Section,
        '条' => ClauseKind::Article,
        _ => return None,
    };
    let rest = '第'.len_utf8() + sp + nlen + sp2 + unit.len_utf8();
    let tail = p[rest..].trim_start();
    if is_reference_tail(tail) {
        return None;
    }
    // A 第X条 must say something; a 第X章 may stand alone (its heading on the next line).
    if kind == ClauseKind::Article && tail.is_empty() {
        return None;
    }
    let digits: String = num_s[..nlen]
        .chars()
        .map(|c| dec_digit(c).map_or(c, |d| char::from_digit(d, 10).unwrap_or(c)))
        .collect();
    Some(Label {
        kind,
        number,
        label: format!("第{digits}{unit}"),
        rest: rest + spaces(&p[rest..]),
    })
}

/// `（一）` / `（1）` with full- or half-width brackets.
fn bracketed(p: &str) -> Option<Label> {
    let open = p.chars().next()?.len_utf8();
    let inner = &p[open..];
    let sp = spaces(inner);
    let inner = &inner[sp..];
    let (number, nlen, kind) = if let Some((n, l)) = leading_cn(inner, 4) {
        (n, l, ClauseKind::SubItem)
    } else {
        let d = leading_decimal(inner)?;
        (d.value, d.len, ClauseKind::SubPoint)
    };
    let after = &inner[nlen..];
    let sp2 = spaces(after);
    let close = after[sp2..].chars().next()?;
    if close != '）' && close != ')' {
        return None;
    }
    let rest = open + sp + nlen + sp2 + close.len_utf8();
    if !nonempty_after(p, rest) {
        return None;
    }
    let num_text = &inner[..nlen];
    let label = match kind {
        ClauseKind::SubItem => format!("（{num_text}）"),
        _ => format!("（{}）", ascii_digits(num_text)),
    };
    Some(Label {
        kind,
        number,
        label,
        rest: rest + spaces(&p[rest..]),
    })
}

/// `一、` (also `一．` / `一.`).
fn item(p: &str) -> Option<Label> {
    let (number, nlen) = leading_cn(p, 4)?;
    let punct = p[nlen..].chars().next()?;
    if !matches!(punct, '、' | '．' | '.') {
        return None;
    }
    let rest = nlen + punct.len_utf8();
    if !nonempty_after(p, rest) {
        return None;
    }
    Some(Label {
        kind: ClauseKind::Item,
        number,
        label: format!("{}、", &p[..nlen]),
        rest: rest + spaces(&p[rest..]),
    })
}

/// `1.` / `1．` / `1、`.
fn point(p: &str) -> Option<Label> {
    let Decimal {
        value: number,
        len: nlen,
        ..
    } = leading_decimal(p)?;
    let after = &p[nlen..];
    let punct = after.chars().next()?;
    if !matches!(punct, '.' | '．' | '、') {
        return None;
    }
    let rest = nlen + punct.len_utf8();
    let tail = &p[rest..];
    // `1.5倍`, `2023.5`, `1. 5`: a number, not a label.
    if tail
        .trim_start()
        .chars()
        .next()
        .is_some_and(|c| dec_digit(c).is_some())
    {
        return None;
    }
    if tail.trim().is_empty() {
        return None;
    }
    let digits = ascii_digits(&p[..nlen]);
    let label = if punct == '、' {
        format!("{digits}、")
    } else {
        format!("{digits}.")
    };
    Some(Label {
        kind: ClauseKind::Point,
        number,
        label,
        rest: rest + spaces(tail),
    })
}

/// `附件`, `附件1`, `附件 1`, `附件一`, `附件：…`, `附件1：…`, `附件（略）：`.
fn annex(p: &str) -> Option<Label> {
    let after = p.strip_prefix("附件").or_else(|| p.strip_prefix("附 件"))?;
    let mut at = p.len() - after.len();
    at += spaces(&p[at..]);
    let (number, nlen) = leading_decimal(&p[at..])
        .filter(|d| d.digits <= 2)
        .map(|d| (d.value, d.len))
        .or_else(|| leading_cn(&p[at..], 3))
        .unwrap_or((0, 0));
    let num_text = &p[at..at + nlen];
    at += nlen;
    at += spaces(&p[at..]);
    for omitted in ["（略）", "(略)"] {
        if p[at..].starts_with(omitted) {
            at += omitted.len();
            at += spaces(&p[at..]);
        }
    }
    let tail = &p[at..];
    let ok = if let Some(t) = tail.strip_prefix('：').or_else(|| tail.strip_prefix(':')) {
        at = p.len() - t.len();
        true
    } else {
        // No colon: a bare marker, or a number followed by the annex title.
        tail.is_empty() || nlen > 0
    };
    if !ok {
        return None;
    }
    Some(Label {
        kind: ClauseKind::Annex,
        number,
        label: format!("附件{num_text}"),
        rest: at + spaces(&p[at..]),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind_label(p: &str) -> Option<(ClauseKind, String, u32, String)> {
        recognize(p).map(|l| (l.kind, l.label.clone(), l.number, p[l.rest..].to_string()))
    }

    #[test]
    fn chinese_numerals() {
        assert_eq!(cn_value("一"), Some(1));
        assert_eq!(cn_value("十"), Some(10));
        assert_eq!(cn_value("十二"), Some(12));
        assert_eq!(cn_value("二十"), Some(20));
        assert_eq!(cn_value("三十五"), Some(35));
        assert_eq!(cn_value("一百零三"), Some(103));
        assert_eq!(cn_value("二〇二三"), Some(2023));
        assert_eq!(cn_value("甲"), None);
    }

    #[test]
    fn structural_labels() {
        use ClauseKind::*;
        assert_eq!(
            kind_label("第一章总则"),
            Some((Chapter, "第一章".into(), 1, "总则".into()))
        );
        assert_eq!(
            kind_label("第一章  总则"),
            Some((Chapter, "第一章".into(), 1, "总则".into()))
        );
        assert_eq!(
            kind_label("第三条【适用范围】本条例适用于"),
            Some((
                Article,
                "第三条".into(),
                3,
                "【适用范围】本条例适用于".into()
            ))
        );
        assert_eq!(
            kind_label("第3条 本办法"),
            Some((Article, "第3条".into(), 3, "本办法".into()))
        );
        assert_eq!(kind_label("第二十一节 x").unwrap().0, Section);
        assert_eq!(kind_label("第二编 分则").unwrap().0, Part);
        assert_eq!(kind_label("第三条规定的情形"), None);
        assert_eq!(kind_label("第三条第二款"), None);
        assert_eq!(kind_label("第三条"), None);
        assert_eq!(kind_label("第三方机构"), None);
    }

    #[test]
    fn item_labels() {
        use ClauseKind::*;
        assert_eq!(
            kind_label("一、工作目标"),
            Some((Item, "一、".into(), 1, "工作目标".into()))
        );
        assert_eq!(kind_label("十二、其他").unwrap().2, 12);
        assert_eq!(
            kind_label("(一)加强领导").map(|l| l.1),
            Some("（一）".into())
        );
        assert_eq!(kind_label("（ 二 ） 做好").unwrap().1, "（二）");
        assert_eq!(
            kind_label("1. 推进诉求服务标准化。").map(|l| (l.1, l.3)),
            Some(("1.".into(), "推进诉求服务标准化。".into()))
        );
        assert_eq!(kind_label("１．全角").unwrap().1, "1.");
        assert_eq!(kind_label("1000. 第一千项").unwrap().1, "1000.");
        assert_eq!(kind_label("１２００．全角").unwrap().2, 1200);
        assert_eq!(kind_label("007. 前导零").unwrap().1, "7.");
        let long = kind_label("123456789012345. 很长的编号").unwrap();
        assert_eq!((long.1.as_str(), long.2), ("123456789012345.", u32::MAX));
        assert_eq!(kind_label("（1001）括号").unwrap().1, "（1001）");
        assert_eq!(kind_label("3、顿号").unwrap().1, "3、");
        assert_eq!(kind_label("(5)深化").unwrap().1, "（5）");
        assert_eq!(kind_label("⑵ 括号数字").unwrap().1, "（2）");
        assert_eq!(kind_label("②其次").unwrap().0, Circled);
        assert_eq!(kind_label("十分重要"), None);
        assert_eq!(kind_label("一是加强"), None);
    }

    #[test]
    fn false_numbering() {
        assert_eq!(kind_label("2023.5 起施行"), None);
        assert_eq!(kind_label("1.5倍以上"), None);
        assert_eq!(kind_label("12345热线"), None);
        assert_eq!(
            kind_label("（2023）41号").unwrap().2,
            2023,
            "kept for the tree to judge"
        );
        assert_eq!(kind_label("3."), None);
        assert_eq!(kind_label("3"), None);
        assert_eq!(kind_label("（一）"), None);
        assert_eq!(kind_label("“（一）加强"), None);
        assert_eq!(kind_label("（以下简称学校）"), None);
        assert_eq!(kind_label("2023年3月11日"), None);
    }

    #[test]
    fn annex_labels() {
        use ClauseKind::Annex;
        assert_eq!(
            kind_label("附件"),
            Some((Annex, "附件".into(), 0, "".into()))
        );
        assert_eq!(kind_label("附件 1").unwrap().1, "附件1");
        assert_eq!(
            kind_label("附件：汕尾市实施方案").map(|l| l.3),
            Some("汕尾市实施方案".into())
        );
        assert_eq!(
            kind_label("附件2：清单").map(|l| (l.1, l.3)),
            Some(("附件2".into(), "清单".into()))
        );
        assert_eq!(kind_label("附件（略）：").unwrap().1, "附件");
        assert_eq!(kind_label("附件所列事项"), None);
    }

    #[test]
    fn markup() {
        assert_eq!(strip_markup("## 第一章  总则"), "第一章  总则");
        assert_eq!(strip_markup("- （一）不按规定"), "（一）不按规定");
        assert_eq!(strip_markup("-（二）承诺"), "（二）承诺");
        assert_eq!(strip_markup("**一、总体要求**"), "一、总体要求**");
        assert_eq!(strip_markup("- 普通"), "- 普通");
        assert_eq!(strip_markup("-1.5倍"), "-1.5倍");
        assert_eq!(strip_markup("#标签"), "#标签");
    }
}
