//! New and removed duties: the task items one document has and the other
//! does not.
//!
//! Takes the pairs of a finished comparison and hands on the one-sided units
//! that are task items, as [`Task`]s, for [`super::points`]. Only a comparison
//! where one text was written from the other has any ([`derived`]): between
//! independently written documents every unit is "one-sided" and none is a
//! dropped duty.
//!
//! A unit of the body (an article, item, point … or an un-numbered
//! paragraph) is a task item ([`task`]) when it either
//! - has a responsibility parenthesis naming lead units
//!   (`（省政务服务数据管理局牵头，…负责）`, see [`super::keys::duty`]): a task
//!   with a lead unit, ranked first; or
//! - is numbered, has a body of at least 15 characters beyond its heading (a
//!   bare title is no duty) and says what is to be done (`建立`, `推进`,
//!   `应当` …, [`ACTIONS`]).
//!
//! Boilerplate is never a duty: the title, cover letter, preamble, signature
//! and annexes by their kind; a unit naming the document itself (`制定本办法`,
//! `本方案自…起施行`, `由…负责解释`, [`BOILERPLATE`]) by its words.

use policydiff_model::{ClauseKind, Pair, PairKind, UnitView};

use super::keys::duty::{duties, paren_ranges};
use super::normalize::compact;

/// Pairs at least this similar show that one text was written from the other.
pub const DERIVED_SIMILARITY: f64 = 0.6;

/// At least this many such pairs, …
const DERIVED_MIN_PAIRS: usize = 3;

/// … and at least this share of the smaller document's units in them.
const DERIVED_MIN_SHARE: f64 = 0.3;

/// Characters of a task's title in its point (then `…`).
pub const TITLE_CHARS: usize = 20;

/// Words that make a numbered unit's body a duty: it says what is to be done.
pub const ACTIONS: &[&str] = &[
    "应当", "必须", "不得", "要求", "负责", "加强", "推进", "推动", "建立", "健全", "完善", "开展",
    "落实", "提升", "强化", "做好", "实施", "组织", "建设", "制定", "优化", "深化", "加快", "推广",
    "规范", "督促", "指导", "鼓励", "支持", "实行", "统筹", "确保", "加大", "提高", "探索", "构建",
    "打造", "畅通", "整合", "依托", "牵头", "配合", "开通", "设立",
];

/// Words of a unit about the document itself, not a duty.
pub const BOILERPLATE: &[&str] = &[
    "制定本办法",
    "制定本方案",
    "制定本规定",
    "制定本细则",
    "制定本条例",
    "制定本意见",
    "制定本实施",
    "本办法所称",
    "本规定所称",
    "本细则所称",
    "本方案所称",
    "起施行",
    "之日起实施",
    "负责解释",
    "同时废止",
    "有效期",
    "联系人",
    "联系电话",
    "此件公开发布",
];

/// A one-sided task item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Task {
    /// Its heading, or the first words of its body (ellipsised).
    pub title: String,
    /// It names lead units.
    pub lead: bool,
}

/// Whether the comparison is of a text and its rewrite: at least
/// [`DERIVED_MIN_PAIRS`] pairs of both sides (not topic-level) at least
/// [`DERIVED_SIMILARITY`] similar, covering at least [`DERIVED_MIN_SHARE`] of
/// the units of the document with fewer units.
pub fn derived(pairs: &[Pair]) -> bool {
    use std::collections::HashSet;
    let (mut left, mut right) = (HashSet::new(), HashSet::new());
    let (mut close_left, mut close_right) = (HashSet::new(), HashSet::new());
    for p in pairs {
        let l = p.left.as_ref().map(|u| u.path.as_str());
        let r = p.right.as_ref().map(|u| u.path.as_str());
        left.extend(l);
        right.extend(r);
        if let (Some(l), Some(r)) = (l, r) {
            if p.kind != PairKind::Related && p.similarity >= DERIVED_SIMILARITY {
                close_left.insert(l);
                close_right.insert(r);
            }
        }
    }
    let close = close_left.len().min(close_right.len());
    let smaller = left.len().min(right.len());
    close >= DERIVED_MIN_PAIRS && close as f64 >= DERIVED_MIN_SHARE * smaller as f64
}

/// The task item a unit is, if it is one (see the module docs).
pub fn task(unit: &UnitView) -> Option<Task> {
    let numbered = match unit.kind {
        ClauseKind::Article
        | ClauseKind::Item
        | ClauseKind::SubItem
        | ClauseKind::Point
        | ClauseKind::SubPoint
        | ClauseKind::Circled => true,
        ClauseKind::Paragraph => false,
        ClauseKind::Title
        | ClauseKind::Cover
        | ClauseKind::Preamble
        | ClauseKind::Signature
        | ClauseKind::Part
        | ClauseKind::Chapter
        | ClauseKind::Section
        | ClauseKind::Annex => return None,
    };
    let text = compact(&unit.text);
    let label = compact(&unit.label);
    let text = text.strip_prefix(label.as_str()).unwrap_or(&text);
    if text.starts_with("附件") || BOILERPLATE.iter().any(|w| text.contains(w)) {
        return None;
    }
    let parens = paren_ranges(text);
    let lead = !duties(text, &parens).lead.is_empty();
    // The body: the text without its heading and responsibility parentheses.
    let mut body = String::with_capacity(text.len());
    let mut at = 0;
    for r in &parens {
        body.push_str(&text[at..r.start]);
        at = r.end;
    }
    body.push_str(&text[at..]);
    let heading = unit
        .heading
        .as_deref()
        .map(compact)
        .filter(|h| !h.is_empty());
    let rest = match &heading {
        Some(h) => body.strip_prefix(h.as_str()).unwrap_or(&body),
        None => &body,
    };
    let rest = rest.trim_start_matches(['。', '.', ':', '：']);
    if !lead {
        let bare = rest.chars().filter(|c| !c.is_ascii_punctuation()).count() < 15;
        if !numbered || bare || !ACTIONS.iter().any(|w| rest.contains(w)) {
            return None;
        }
    }
    let title = match heading {
        Some(h) => h,
        None => first_sentence(&body),
    };
    let title = shown(title.trim_end_matches(['。', '.', ';', '；', ',', '，', ':', '：']));
    (!title.is_empty()).then_some(Task {
        title: ellipsis(&title),
        lead,
    })
}

/// The text up to its first full stop or semicolon.
fn first_sentence(text: &str) -> String {
    let end = text.find(['。', ';', '；']).unwrap_or(text.len());
    text[..end].to_string()
}

/// A compact text's punctuation in its full-width display form.
fn shown(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '(' => '（',
            ')' => '）',
            ',' => '，',
            ';' => '；',
            ':' => '：',
            c => c,
        })
        .collect()
}

/// At most [`TITLE_CHARS`] characters, `…` when cut.
fn ellipsis(s: &str) -> String {
    if s.chars().count() <= TITLE_CHARS {
        return s.to_string();
    }
    let mut out: String = s.chars().take(TITLE_CHARS).collect();
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit(kind: ClauseKind, label: &str, heading: Option<&str>, text: &str) -> UnitView {
        UnitView {
            clause: 0,
            kind,
            path: String::new(),
            label: label.to_string(),
            heading: heading.map(str::to_string),
            text: text.to_string(),
        }
    }

    #[test]
    fn task_items_and_what_is_none() {
        let t = task(&unit(
            ClauseKind::Point,
            "1.",
            Some("畅通诉求渠道"),
            "1. 畅通诉求渠道。依托12345热线受理市场主体诉求。（市政务服务数据管理局牵头，各区人民政府负责）",
        ))
        .unwrap();
        assert_eq!(
            t,
            Task {
                title: "畅通诉求渠道".into(),
                lead: true
            }
        );
        // No heading: the first words, ellipsised.
        let t = task(&unit(
            ClauseKind::SubItem,
            "（三）",
            None,
            "（三）建立市场主体诉求办理情况定期通报和评估考核机制，每季度通报一次。",
        ))
        .unwrap();
        assert_eq!(t.title, "建立市场主体诉求办理情况定期通报和评估考…");
        assert!(!t.lead);
        // A bare title, a heading with a short body, boilerplate, kinds that are no duties.
        assert_eq!(
            task(&unit(
                ClauseKind::Item,
                "二、",
                Some("主要任务"),
                "二、主要任务"
            )),
            None
        );
        assert_eq!(
            task(&unit(
                ClauseKind::Article,
                "第二十条",
                None,
                "第二十条 本办法自2024年1月1日起施行。"
            )),
            None
        );
        assert_eq!(
            task(&unit(
                ClauseKind::Article,
                "第一条",
                None,
                "第一条 为规范招标投标活动，根据有关法律法规，结合本市实际，制定本办法。"
            )),
            None
        );
        assert_eq!(
            task(&unit(ClauseKind::Annex, "附件", None, "附件：任务清单")),
            None
        );
        assert_eq!(
            task(&unit(
                ClauseKind::Paragraph,
                "",
                None,
                "各地要加强组织领导，确保各项任务落到实处，切实提升服务水平。"
            )),
            None
        );
        assert_eq!(
            task(&unit(
                ClauseKind::Signature,
                "",
                None,
                "广东省人民政府办公厅 2023年3月11日"
            )),
            None
        );
    }
}
