//! Print a clause tree as an indented outline for people (`policydiff show --tree`).
//!
//! Takes a [`ClauseTree`] and hands on a `String`: one line per clause,
//! indented two spaces per level, the label (or the name of an un-numbered
//! unit: 标题, 印发通知, 落款, 序言, 段, 款) then the heading, or the start of
//! the text when there is no heading.

use policydiff_model::unit_names;

use super::{Clause, ClauseKind, ClauseTree};

/// Characters of text shown for a unit without a heading.
const SNIPPET: usize = 24;

/// The name shown for a unit without a label.
fn name(c: &Clause) -> &'static str {
    match c.kind {
        ClauseKind::Title => unit_names::TITLE,
        ClauseKind::Cover => unit_names::COVER,
        ClauseKind::Signature => unit_names::SIGNATURE,
        ClauseKind::Preamble => unit_names::PREAMBLE,
        ClauseKind::Paragraph if c.in_article => unit_names::KUAN,
        _ => unit_names::PARAGRAPH,
    }
}

/// The start of a unit's text after its label, on one line, shortened with `…`.
fn snippet(c: &Clause) -> String {
    let first = c.text.lines().next().unwrap_or("");
    let body = first.strip_prefix(c.label.as_str()).unwrap_or(first).trim();
    let mut s: String = body.chars().take(SNIPPET).collect();
    if body.chars().nth(SNIPPET).is_some() {
        s.push('…');
    }
    s
}

/// An indented outline of labels and headings, one line per clause, e.g.
///
/// ```text
/// 标题 广东省进一步强化市场主体诉求响应服务工作方案
/// 序言 为深入贯彻党的二十大精神和中央经济工作会议精神，全面…
/// 二、 重点任务
///   （一） 加强用户侧服务，提升平台使用体验
///     1. 推进诉求服务标准化
/// ```
pub fn outline(tree: &ClauseTree) -> String {
    let mut out = String::new();
    for c in &tree.clauses {
        for _ in 0..c.depth {
            out.push_str("  ");
        }
        let label = if c.label.is_empty() {
            name(c)
        } else {
            c.label.as_str()
        };
        out.push_str(label);
        let tail = match &c.heading {
            Some(h) => h.clone(),
            None => snippet(c),
        };
        if !tail.is_empty() {
            out.push(' ');
            out.push_str(&tail);
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse;

    #[test]
    fn outline_indents_labels_and_headings() {
        let t =
            parse("一、工作目标\n（一）加强领导。\n1. 健全机制。具体内容很多很多。\n二、保障措施");
        assert_eq!(
            outline(&t),
            "一、 工作目标\n  （一） 加强领导\n    1. 健全机制\n二、 保障措施\n"
        );
    }

    #[test]
    fn outline_names_unlabelled_units() {
        let t = parse(
            "第一条为了规范管理，制定本办法。\n本办法所称网上办事，是指公民通过网络办理事项。",
        );
        assert_eq!(
            outline(&t),
            "第一条 为了规范管理，制定本办法。\n  款 本办法所称网上办事，是指公民通过网络办理事项。\n"
        );
        assert_eq!(outline(&ClauseTree::default()), "");
    }
}
