//! Markdown output (GitHub-flavoured): headings, the summary as a list, the
//! key differences and one two-column table per pair.
//!
//! Takes a [`Comparison`] and writes Markdown that renders the same in
//! GitHub, GitLab and most wikis. Deleted words are `~~struck~~` and inserted
//! words `**bold**`. Document text is always inline content (table cells,
//! headings, list items), never a block of its own, so only inline syntax has
//! to be neutralised: ASCII characters that mean something inline
//! (`\ ` * _ [ ] < > | ~ & # $`) are backslash-escaped, and newlines inside a
//! text become `<br>`.
//!
//! CommonMark only recognises `**`/`~~` next to punctuation under its
//! "flanking" rules, which Chinese text breaks often (`中**（一）**`). When a
//! marked run would not be recognised, it is written as `<del>…</del>` /
//! `<ins>…</ins>` instead, which GitHub renders the same way.

use std::io::{self, Write};

use super::{
    key_diff_entries, key_diff_label, meta_rows, note_line, note_target, pair_heading, selected,
    side_path, side_runs, subtitle, summary_items, Note, NoteIndex, ReportOptions, Side,
    KEY_DIFF_HEAD, REPORT_TITLE,
};
use policydiff_model::{Comparison, OpTag};

/// Write `c` as GitHub-flavoured Markdown.
pub fn write_markdown(
    w: &mut dyn Write,
    c: &Comparison,
    notes: &[Note],
    opts: &ReportOptions,
) -> io::Result<()> {
    let notes = NoteIndex::new(c, notes, opts.notes);
    writeln!(w, "# {REPORT_TITLE}")?;
    writeln!(w)?;
    writeln!(w, "{}", inline(&subtitle(c)))?;
    writeln!(w)?;

    writeln!(w, "## 比较文件")?;
    writeln!(w)?;
    writeln!(w, "| 项目 | 左（原文件） | 右（对照文件） |")?;
    writeln!(w, "|---|---|---|")?;
    for ((label, l), (_, r)) in meta_rows(&c.left).into_iter().zip(meta_rows(&c.right)) {
        if l.is_empty() && r.is_empty() {
            continue;
        }
        writeln!(w, "| {label} | {} | {} |", inline(&l), inline(&r))?;
    }
    writeln!(w)?;

    if opts.summary {
        writeln!(w, "## 概况")?;
        writeln!(w)?;
        for (k, v) in summary_items(&c.summary) {
            writeln!(w, "- {k}：{}", inline(&v))?;
        }
        writeln!(w)?;
    }

    if opts.key_diffs {
        writeln!(w, "## 关键差异")?;
        writeln!(w)?;
        let rows: Vec<_> = key_diff_entries(c).collect();
        if rows.is_empty() {
            writeln!(w, "未发现关键差异。")?;
        } else {
            writeln!(w, "| {} |", KEY_DIFF_HEAD.join(" | "))?;
            writeln!(w, "|---|---|---|---|---|---|")?;
            for (n, (number, p, k)) in rows.into_iter().enumerate() {
                writeln!(
                    w,
                    "| {} | {} | 第{number}项：左 {} ↔ 右 {} | {} | {} | {} |",
                    n + 1,
                    key_diff_label(k.kind),
                    inline(&side_path(p, Side::Left)),
                    inline(&side_path(p, Side::Right)),
                    inline(&k.left),
                    inline(&k.right),
                    inline(&k.detail)
                )?;
            }
        }
        writeln!(w)?;
    }

    writeln!(w, "## 逐条对比")?;
    writeln!(w)?;
    writeln!(
        w,
        "说明：~~删除线~~为左文有、右文删去的文字；**加粗**为右文新增的文字。"
    )?;
    let left_title = inline(&c.left.meta.title);
    let right_title = inline(&c.right.meta.title);
    for (number, p) in selected(c, &notes, opts) {
        writeln!(w)?;
        writeln!(w, "### {}", inline(&pair_heading(number, p)))?;
        writeln!(w)?;
        writeln!(w, "| 左：{left_title} | 右：{right_title} |")?;
        writeln!(w, "|---|---|")?;
        writeln!(
            w,
            "| {} | {} |",
            marked(&side_runs(p, Side::Left)),
            marked(&side_runs(p, Side::Right))
        )?;
        let mut extra = Vec::new();
        if opts.key_diffs {
            for k in &p.key_diffs {
                extra.push(format!(
                    "关键差异〔{}〕：{}",
                    key_diff_label(k.kind),
                    inline(&k.detail)
                ));
            }
        }
        for n in &notes.by_pair[number - 1] {
            extra.push(format!("备注：{}", inline(&note_line(n))));
        }
        if !extra.is_empty() {
            writeln!(w)?;
            for e in extra {
                writeln!(w, "> {e}")?;
                writeln!(w, ">")?;
            }
        }
    }

    if !notes.unmatched.is_empty() {
        writeln!(w)?;
        writeln!(w, "## 未对应条款的备注")?;
        writeln!(w)?;
        for n in &notes.unmatched {
            writeln!(
                w,
                "- {}：{}",
                inline(&note_target(n)),
                inline(&note_line(n))
            )?;
        }
    }
    Ok(())
}

/// Escape text for inline Markdown: backslash before inline-significant ASCII
/// punctuation, `<br>` for newlines, a space for tabs.
fn inline(s: &str) -> String {
    let s = super::clean_text(s);
    let mut out = String::with_capacity(s.len() + 8);
    for ch in s.chars() {
        match ch {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '&' | '#' | '$' => {
                out.push('\\');
                out.push(ch);
            }
            '\n' => out.push_str("<br>"),
            '\t' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Runs of one side with `~~deleted~~` and `**inserted**` (or `<del>`/`<ins>`
/// where CommonMark would not see the delimiters). Leading and trailing
/// whitespace of a marked run stays outside the delimiters.
fn marked(runs: &[(OpTag, String)]) -> String {
    let mut out = String::new();
    for (i, (tag, text)) in runs.iter().enumerate() {
        if *tag == OpTag::Equal {
            out.push_str(&inline(text));
            continue;
        }
        let core = text.trim();
        if core.is_empty() {
            out.push_str(&inline(text));
            continue;
        }
        let lead = &text[..text.len() - text.trim_start().len()];
        let trail = &text[text.trim_end().len()..];
        out.push_str(&inline(lead));
        // Characters around the delimiters as the parser will see them.
        let prev = if lead.is_empty() {
            i.checked_sub(1).and_then(|j| runs[j].1.chars().last())
        } else {
            lead.chars().last()
        };
        let next = if trail.is_empty() {
            runs.get(i + 1).and_then(|r| r.1.chars().next())
        } else {
            trail.chars().next()
        };
        let first = core.chars().next();
        let last = core.chars().last();
        let body = inline(core);
        let flanking = opens(prev, first) && closes(last, next) && !core.contains('\n');
        match (tag, flanking) {
            (OpTag::Delete, true) => out.push_str(&format!("~~{body}~~")),
            (OpTag::Insert, true) => out.push_str(&format!("**{body}**")),
            (OpTag::Delete, false) => out.push_str(&format!("<del>{body}</del>")),
            (OpTag::Insert, false) => out.push_str(&format!("<ins>{body}</ins>")),
            (OpTag::Equal, _) => unreachable!("equal runs handled above"),
        }
        out.push_str(&inline(trail));
    }
    out
}

/// Treat anything that is neither a letter/digit nor whitespace as punctuation
/// (CommonMark counts Unicode P and S categories; erring towards punctuation
/// only means falling back to HTML tags more often).
fn is_punct(c: char) -> bool {
    !c.is_alphanumeric() && !c.is_whitespace()
}

/// A left-flanking delimiter run between `prev` and `first` (CommonMark 6.2).
/// `prev` is `None` at the start of the cell. Delimiters pasted next to other
/// delimiters (`~~a~~**b**`) see punctuation, which is fine.
fn opens(prev: Option<char>, first: Option<char>) -> bool {
    let Some(first) = first else { return false };
    if first.is_whitespace() {
        return false;
    }
    !is_punct(first) || prev.is_none_or(|p| p.is_whitespace() || is_punct(p) || p == '\n')
}

/// A right-flanking delimiter run between `last` and `next`.
fn closes(last: Option<char>, next: Option<char>) -> bool {
    let Some(last) = last else { return false };
    if last.is_whitespace() {
        return false;
    }
    !is_punct(last) || next.is_none_or(|n| n.is_whitespace() || is_punct(n) || n == '\n')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_escapes_specials() {
        assert_eq!(inline("a|b*c\nd<e>"), r"a\|b\*c<br>d\<e\>");
    }

    #[test]
    fn marks_with_delimiters_or_tags() {
        let runs = vec![
            (OpTag::Equal, "在".to_string()),
            (OpTag::Delete, "5个".to_string()),
            (OpTag::Insert, "3个".to_string()),
            (OpTag::Equal, "工作日内".to_string()),
        ];
        assert_eq!(marked(&runs), "在~~5个~~**3个**工作日内");
        // A run starting with punctuation after a letter: `**` would not open.
        let runs = vec![
            (OpTag::Equal, "中".to_string()),
            (OpTag::Insert, "（一）".to_string()),
            (OpTag::Equal, "文".to_string()),
        ];
        assert_eq!(marked(&runs), "中<ins>（一）</ins>文");
    }
}
