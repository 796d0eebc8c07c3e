//! Renumbering: a pair whose units carry different numbering labels (`4.` →
//! `1.`, `（三）` → `（一）`, `第五条` → `第七条`) has those labels in its word
//! diff as a deletion and an insertion. The row already shows both places,
//! and a city that numbers its items per section renumbers nearly every
//! item, so the label runs are marked [`WordOp::renumbered`] and drawn plain.

use policydiff_model::text::fold_punct;
use policydiff_model::{OpTag, UnitView, WordOp};

/// A unit's text with its numbering label (`4`, `（三）`, `第五条`).
#[derive(Debug, Clone, Copy)]
pub struct Labelled<'a> {
    /// The label, as the parser read it.
    pub label: &'a str,
    /// The unit's text, which starts with the label when it has one.
    pub text: &'a str,
}

impl<'a> From<&'a UnitView> for Labelled<'a> {
    fn from(u: &'a UnitView) -> Self {
        Labelled {
            label: &u.label,
            text: &u.text,
        }
    }
}

/// Mark the runs of `ops` that are the two units' own labels, splitting a
/// run that goes on past its label. Nothing changes when either text does
/// not start with its label or the labels are the same.
pub(crate) fn mark(ops: Vec<WordOp>, left: Labelled<'_>, right: Labelled<'_>) -> Vec<WordOp> {
    let (Some(lend), Some(rend)) = (label_len(left), label_len(right)) else {
        return ops;
    };
    if folded(left.label) == folded(right.label) {
        return ops;
    }
    let (mut lpos, mut rpos) = (0usize, 0usize);
    let mut out = Vec::with_capacity(ops.len() + 2);
    for op in ops {
        if lpos >= lend && rpos >= rend {
            out.push(op);
            continue;
        }
        let n = counted(&op.text);
        let (pos, end) = match op.tag {
            OpTag::Equal => {
                lpos += n;
                rpos += n;
                out.push(op);
                continue;
            }
            OpTag::Delete => (&mut lpos, lend),
            OpTag::Insert => (&mut rpos, rend),
        };
        if *pos >= end {
            *pos += n;
            out.push(op);
            continue;
        }
        let (head, tail) = split_counted(&op.text, end - *pos);
        *pos += n;
        out.push(WordOp {
            tag: op.tag,
            text: head.to_string(),
            renumbered: true,
        });
        if !tail.is_empty() {
            out.push(WordOp {
                tag: op.tag,
                text: tail.to_string(),
                renumbered: false,
            });
        }
    }
    out
}

/// The label's length in counted characters when the unit's text starts
/// with it (after leading whitespace); `None` for an unlabelled unit.
fn label_len(u: Labelled<'_>) -> Option<usize> {
    let label = u.label.trim();
    if label.is_empty() || !u.text.trim_start().starts_with(label) {
        return None;
    }
    Some(counted(label))
}

/// Characters that the diff's positions count: all but whitespace, which
/// the diff may ignore.
fn counted(s: &str) -> usize {
    s.chars().filter(|c| !c.is_whitespace()).count()
}

fn folded(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace())
        .map(fold_punct)
        .collect()
}

/// `s` cut after its `k`-th counted character (whitespace after it goes to
/// the tail).
fn split_counted(s: &str, k: usize) -> (&str, &str) {
    let mut seen = 0;
    for (i, c) in s.char_indices() {
        if seen == k {
            return s.split_at(i);
        }
        if !c.is_whitespace() {
            seen += 1;
        }
    }
    (s, "")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit<'a>(label: &'a str, text: &'a str) -> Labelled<'a> {
        Labelled { label, text }
    }

    fn op(tag: OpTag, text: &str) -> WordOp {
        WordOp {
            tag,
            text: text.into(),
            renumbered: false,
        }
    }

    fn marked(ops: &[WordOp]) -> Vec<(OpTag, &str)> {
        ops.iter()
            .filter(|o| o.renumbered)
            .map(|o| (o.tag, o.text.as_str()))
            .collect()
    }

    #[test]
    fn marks_whole_label_runs() {
        let ops = vec![
            op(OpTag::Delete, "4"),
            op(OpTag::Insert, "1"),
            op(OpTag::Equal, ".完善机制。"),
        ];
        let out = mark(ops, unit("4", "4.完善机制。"), unit("1", "1.完善机制。"));
        assert_eq!(marked(&out), [(OpTag::Delete, "4"), (OpTag::Insert, "1")]);
        assert_eq!(out.len(), 3);
    }

    #[test]
    fn marks_inside_brackets_and_splits_a_longer_run() {
        let ops = vec![
            op(OpTag::Equal, "（"),
            op(OpTag::Delete, "三）加强"),
            op(OpTag::Insert, "一）强化"),
            op(OpTag::Equal, "组织领导。"),
        ];
        let out = mark(
            ops,
            unit("（三）", "（三）加强组织领导。"),
            unit("（一）", "（一）强化组织领导。"),
        );
        assert_eq!(
            marked(&out),
            [(OpTag::Delete, "三）"), (OpTag::Insert, "一）")]
        );
        let left: String = out
            .iter()
            .filter(|o| o.tag != OpTag::Insert)
            .map(|o| o.text.as_str())
            .collect();
        assert_eq!(left, "（三）加强组织领导。");
        assert!(out.iter().any(|o| !o.renumbered && o.text == "加强"));
    }

    #[test]
    fn leaves_equal_labels_and_unlabelled_text_alone() {
        let ops = vec![
            op(OpTag::Delete, "5"),
            op(OpTag::Insert, "6"),
            op(OpTag::Equal, "个工作日"),
        ];
        let same = mark(
            ops.clone(),
            unit("1.", "5个工作日"),
            unit("1.", "6个工作日"),
        );
        assert!(marked(&same).is_empty());
        let unlabelled = mark(ops, unit("", "5个工作日"), unit("", "6个工作日"));
        assert!(marked(&unlabelled).is_empty());
    }

    #[test]
    fn a_number_after_the_label_stays_a_change() {
        let ops = vec![
            op(OpTag::Delete, "4"),
            op(OpTag::Insert, "1"),
            op(OpTag::Equal, ".在"),
            op(OpTag::Delete, "5"),
            op(OpTag::Insert, "3"),
            op(OpTag::Equal, "日内办结。"),
        ];
        let out = mark(
            ops,
            unit("4", "4.在5日内办结。"),
            unit("1", "1.在3日内办结。"),
        );
        assert_eq!(marked(&out), [(OpTag::Delete, "4"), (OpTag::Insert, "1")]);
    }
}
