//! Decide the heading of a numbered unit from the text after its label.
//!
//! Takes the kind of unit, the rest of its first line and whether it has
//! numbered children; hands on the heading, if any. The rules:
//!
//! - 第X编/章/节: the words after the number (`第一章 总 则` → `总则`).
//! - 第X条: the 【标题】 (`第三条【适用范围】…` → `适用范围`), or the whole rest when
//!   it is a short title without punctuation (`第一条 目的依据`).
//! - 附件: the words after `附件：` when short.
//! - 一、/（一）/1./（1）/①: the whole rest when it is short (≤ 40 characters) and
//!   has no sentence punctuation (`一、工作目标` → `工作目标`); else the first
//!   sentence when it is short (≤ 30 characters) and is a lead sentence (more
//!   text follows on the line, `1. 推进诉求服务标准化。结合…` → `推进诉求服务标准化`)
//!   or the line is that one sentence and more follows it (body paragraphs or
//!   numbered children: `（一）加强用户侧服务，提升平台使用体验。`). A lone short
//!   sentence with nothing under it (`（四）故意弄虚作假的；`) has no heading.
//!   Leftover Markdown bold marks (`**`) are removed from headings.
//! - Parts of an article (项, 目) and un-numbered units have no heading.

use super::head::chars;
use super::ClauseKind;

/// Longest heading taken from a short line without sentence punctuation.
const SHORT_LINE: usize = 40;
/// Longest lead sentence taken as a heading.
const LEAD_SENTENCE: usize = 30;

/// Remove whitespace between two CJK characters (`总 则` → `总则`).
pub(crate) fn squeeze_cjk(s: &str) -> String {
    let cs: Vec<char> = s.trim().chars().collect();
    let mut out = String::with_capacity(s.len());
    let mut last: Option<char> = None;
    for (i, &c) in cs.iter().enumerate() {
        if c.is_whitespace() {
            let next = cs[i + 1..].iter().find(|c| !c.is_whitespace());
            let wide = |c: Option<char>| c.is_some_and(|c| !c.is_ascii());
            if wide(last) && wide(next.copied()) || last.is_some_and(char::is_whitespace) {
                continue;
            }
        }
        out.push(c);
        last = Some(c);
    }
    out
}

/// The heading of a unit of `kind` whose first line continues with `rest`
/// after the label; `has_more`: the unit has more paragraphs or numbered children.
pub(crate) fn heading(
    kind: ClauseKind,
    rest: &str,
    has_more: bool,
    in_article: bool,
) -> Option<String> {
    let h = heading_raw(kind, rest, has_more, in_article)?;
    let h = if h.contains("**") {
        h.replace("**", "")
    } else {
        h
    };
    let h = h.trim();
    (!h.is_empty()).then(|| h.to_string())
}

fn heading_raw(
    kind: ClauseKind,
    rest: &str,
    has_children: bool,
    in_article: bool,
) -> Option<String> {
    let rest = rest.trim();
    if rest.is_empty() {
        return None;
    }
    match kind {
        ClauseKind::Part | ClauseKind::Chapter | ClauseKind::Section => {
            (chars(rest) <= SHORT_LINE).then(|| squeeze_cjk(rest))
        }
        ClauseKind::Article => {
            if let Some(inner) = rest.strip_prefix('【') {
                let end = inner.find('】')?;
                let h = inner[..end].trim();
                return (!h.is_empty()).then(|| h.to_string());
            }
            (chars(rest) <= 20 && !rest.contains(PUNCT)).then(|| squeeze_cjk(rest))
        }
        ClauseKind::Annex => (chars(rest) <= 80).then(|| rest.to_string()),
        ClauseKind::Item
        | ClauseKind::SubItem
        | ClauseKind::Point
        | ClauseKind::SubPoint
        | ClauseKind::Circled
            if !in_article =>
        {
            item_heading(rest, has_children)
        }
        _ => None,
    }
}

const PUNCT: [char; 12] = [
    '。', '，', '；', '：', '！', '？', ',', ';', ':', '!', '?', '、',
];
const STOPS: [char; 4] = ['。', '！', '？', '!'];

fn item_heading(rest: &str, has_children: bool) -> Option<String> {
    if chars(rest) <= SHORT_LINE && !rest.contains(STOPS) && !rest.contains(['；', ';']) {
        let h = rest.trim_end_matches(['，', ',', '：', ':', ' ']);
        return (!h.is_empty()).then(|| h.to_string());
    }
    let end = rest.find(STOPS)?;
    let first = rest[..end].trim();
    let stop_len = rest[end..].chars().next().map_or(1, char::len_utf8);
    let more = !rest[end + stop_len..].trim().is_empty();
    (!first.is_empty() && chars(first) <= LEAD_SENTENCE && (more || has_children))
        .then(|| first.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use ClauseKind::*;

    #[test]
    fn headings() {
        let h = |k, r, c| heading(k, r, c, false);
        assert_eq!(h(Item, "工作目标", false).as_deref(), Some("工作目标"));
        assert_eq!(
            h(SubItem, "加强用户侧服务，提升平台使用体验。", true).as_deref(),
            Some("加强用户侧服务，提升平台使用体验")
        );
        assert_eq!(
            h(
                Point,
                "推进诉求服务标准化。结合“一网统管”治理事项标准化工作。",
                false
            )
            .as_deref(),
            Some("推进诉求服务标准化")
        );
        assert_eq!(h(Point, "严禁违规收费。", false), None);
        assert_eq!(
            h(SubItem, "推进政务服务事项标准化。", true).as_deref(),
            Some("推进政务服务事项标准化")
        );
        assert_eq!(
            h(SubItem, "**提高思想认识**。各级财政部门要高度重视。", false).as_deref(),
            Some("提高思想认识")
        );
        assert_eq!(
            h(
                Point,
                "为深入贯彻党的二十大精神和中央经济工作会议精神，全面落实省委十三届二次全会部署。",
                true
            ),
            None
        );
        assert_eq!(h(Chapter, "总 则", false).as_deref(), Some("总则"));
        assert_eq!(
            h(Article, "【适用范围】本条例适用于", false).as_deref(),
            Some("适用范围")
        );
        assert_eq!(h(Article, "目的依据", false).as_deref(), Some("目的依据"));
        assert_eq!(h(Article, "为了规范管理，制定本办法。", false), None);
        assert_eq!(heading(SubItem, "加强领导", false, true), None);
        assert_eq!(h(Annex, "", false), None);
    }

    #[test]
    fn squeeze() {
        assert_eq!(squeeze_cjk("总 则"), "总则");
        assert_eq!(squeeze_cjk("IVR 服务"), "IVR 服务");
        assert_eq!(squeeze_cjk("a  b"), "a b");
    }
}
