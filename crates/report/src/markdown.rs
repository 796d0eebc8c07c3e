//! Markdown output (GitHub-flavoured): headings, the key points as a
//! numbered list, the summary as a list, the key differences and one
//! two-column table per pair.
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

use crate::document::{legend, Document, KeyDiffTable, Mark, PairView, Section, Span};
use crate::words::Words;
use crate::{Note, ReportOptions};
use policydiff_model::Comparison;

/// Write `c` as GitHub-flavoured Markdown.
pub fn write_markdown(
    w: &mut dyn Write,
    c: &Comparison,
    notes: &[Note],
    opts: &ReportOptions,
) -> io::Result<()> {
    render(w, &Document::build(c, notes, opts))
}

/// Lay out `doc` as Markdown.
pub(crate) fn render(w: &mut dyn Write, doc: &Document<'_>) -> io::Result<()> {
    let words = doc.words;
    writeln!(w, "# {}", words.report_title)?;
    writeln!(w)?;
    writeln!(w, "{}", inline(&doc.subtitle))?;
    writeln!(w)?;
    for s in &doc.sections {
        if matches!(s, Section::Notes(_)) {
            // The pairs end without a blank line.
            writeln!(w)?;
        }
        writeln!(w, "## {}", s.title(words))?;
        writeln!(w)?;
        match s {
            Section::KeyPoints(k) => {
                for (n, p) in k.points.iter().enumerate() {
                    writeln!(w, "{}. {}", n + 1, marked(&p.spans))?;
                }
                writeln!(w)?;
                for line in k.lines() {
                    writeln!(w, "{}", inline(line))?;
                    writeln!(w)?;
                }
            }
            Section::Documents(rows) => {
                writeln!(w, "| {} |", words.meta_head.join(" | "))?;
                writeln!(w, "|---|---|---|")?;
                for r in rows {
                    writeln!(
                        w,
                        "| {} | {} | {} |",
                        r.label,
                        inline(&r.left),
                        inline(&r.right)
                    )?;
                }
                writeln!(w)?;
            }
            Section::Summary(f) => {
                for (k, v) in f.items() {
                    writeln!(w, "- {k}{}{}", words.colon, inline(v))?;
                }
                writeln!(w)?;
            }
            Section::KeyDiffs(k) => key_diffs(w, words, k)?,
            Section::Pairs(pairs) => compare(w, doc, pairs)?,
            Section::Notes(notes) => {
                for n in notes {
                    writeln!(
                        w,
                        "- {}{}{}",
                        inline(&n.target),
                        words.colon,
                        inline(&n.line)
                    )?;
                }
            }
        }
    }
    Ok(())
}

fn key_diffs(w: &mut dyn Write, words: &Words, k: &KeyDiffTable) -> io::Result<()> {
    if k.rows.is_empty() {
        writeln!(w, "{}", words.no_key_diffs)?;
    } else {
        writeln!(w, "| {} |", words.key_diff_head.join(" | "))?;
        writeln!(w, "|---|---|---|---|---|---|")?;
        for (n, r) in k.rows.iter().enumerate() {
            writeln!(
                w,
                "| {} | {} | {}{}{} | {} | {} | {} |",
                n + 1,
                inline(&r.category),
                words.pair_ref(r.pair),
                words.colon,
                words.place(&inline(&r.left_path), &inline(&r.right_path)),
                inline(&r.left),
                inline(&r.right),
                inline(&r.detail)
            )?;
        }
    }
    if let Some(f) = &k.folded {
        writeln!(w)?;
        writeln!(w, "{}", inline(f))?;
    }
    writeln!(w)
}

fn compare(w: &mut dyn Write, doc: &Document<'_>, pairs: &[PairView<'_>]) -> io::Result<()> {
    let words = doc.words;
    writeln!(w, "{}", marked(&legend(words, words.markdown_looks)))?;
    let left_title = inline(&doc.left_title);
    let right_title = inline(&doc.right_title);
    for p in pairs {
        writeln!(w)?;
        writeln!(w, "### {}", inline(&p.heading))?;
        writeln!(w)?;
        writeln!(
            w,
            "| {} | {} |",
            words.side_head(true, &left_title),
            words.side_head(false, &right_title)
        )?;
        writeln!(w, "|---|---|")?;
        writeln!(w, "| {} | {} |", marked(&p.left), marked(&p.right))?;
        if !p.remarks.is_empty() {
            writeln!(w)?;
            for r in &p.remarks {
                writeln!(w, "> {}", inline(&r.line(words)))?;
                writeln!(w, ">")?;
            }
        }
    }
    if pairs.is_empty() {
        writeln!(w)?;
        writeln!(w, "{}", words.no_pairs)?;
    }
    Ok(())
}

/// Escape text for inline Markdown: backslash before inline-significant ASCII
/// punctuation, `<br>` for newlines, a space for tabs.
fn inline(s: &str) -> String {
    let s = crate::clean(s);
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

/// Spans with `~~deleted~~` and `**inserted**` (or `<del>`/`<ins>` where
/// CommonMark would not see the delimiters); emphasis stays plain, as `**`
/// means inserted here. Leading and trailing whitespace of a marked span
/// stays outside the delimiters.
fn marked(spans: &[Span]) -> String {
    let mut out = String::new();
    for (i, s) in spans.iter().enumerate() {
        let text: &str = &s.text;
        if matches!(s.mark, Mark::Plain | Mark::Emphasis) {
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
            i.checked_sub(1).and_then(|j| spans[j].text.chars().last())
        } else {
            lead.chars().last()
        };
        let next = if trail.is_empty() {
            spans.get(i + 1).and_then(|r| r.text.chars().next())
        } else {
            trail.chars().next()
        };
        let first = core.chars().next();
        let last = core.chars().last();
        let body = inline(core);
        let flanking = opens(prev, first) && closes(last, next) && !core.contains('\n');
        let (delim, tag) = if s.mark == Mark::Deleted {
            ("~~", "del")
        } else {
            ("**", "ins")
        };
        if flanking {
            out.push_str(&format!("{delim}{body}{delim}"));
        } else {
            out.push_str(&format!("<{tag}>{body}</{tag}>"));
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
        let span = |mark, text: &'static str| Span::new(mark, text);
        let spans = [
            span(Mark::Plain, "在"),
            span(Mark::Deleted, "5个"),
            span(Mark::Inserted, "3个"),
            span(Mark::Plain, "工作日内"),
        ];
        assert_eq!(marked(&spans), "在~~5个~~**3个**工作日内");
        // A span starting with punctuation after a letter: `**` would not open.
        let spans = [
            span(Mark::Plain, "中"),
            span(Mark::Inserted, "（一）"),
            span(Mark::Plain, "文"),
        ];
        assert_eq!(marked(&spans), "中<ins>（一）</ins>文");
    }
}
