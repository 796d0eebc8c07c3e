//! Build the clause tree of one document from its paragraphs.
//!
//! Takes the cleaned text, splits it into paragraphs, recognises labels
//! ([`super::numbering`]) and head shapes ([`super::head`]), and hands on a
//! [`ClauseTree`]. Two passes over the paragraphs:
//!
//! 1. **Head** (everything before the first numbered unit of the body): title
//!    line(s) with the 文号, the cover letter (salutation and letter paragraphs,
//!    one clause), the signature (issuer lines and date, one clause), the inner
//!    title of the plan, and one preamble clause per remaining paragraph. An
//!    attachment list (`附件：…`) inside the cover letter and a bare `附件`
//!    marker between the signature and the inner title stay in the head.
//! 2. **Body**: a stack of numbering styles. 第X编/章/节/条 have fixed ranks and
//!    must increase (else the line is text, e.g. a cross-reference); `附件`
//!    always starts a top-level unit. Other styles (一、 （一） 1. （1） ①) take
//!    their level from the order they appear in: a style not on the stack goes
//!    one level deeper, a style already on it pops back to its level.
//!    Un-numbered paragraphs join the nearest preceding numbered unit; inside
//!    an article they become its paragraphs (款, `in_article`). A signature
//!    block in the body (e.g. `…秘书处` / `2023年5月18日印发` at the end) is a
//!    top-level [`ClauseKind::Signature`] clause.
//!
//! Every step looks at a bounded number of neighbouring paragraphs, so the
//! whole build is linear in the size of the text.

use std::collections::HashMap;

use policydiff_model::unit_names;

use super::head;
use super::heading::heading;
use super::numbering::{self, Label};
use super::{Clause, ClauseKind, ClauseTree};

/// How many paragraphs after an attachment line a signature may start for the
/// attachment line to count as part of the cover letter.
const ANNEX_LIST_LOOKAHEAD: usize = 10;

/// Split a text into trimmed, non-empty paragraphs without Markdown block
/// markup; HTML comments on a line of their own (`<!-- INFO END -->`) are dropped.
fn paragraphs(text: &str) -> Vec<&str> {
    text.lines()
        .map(str::trim)
        .filter(|p| !p.is_empty() && !is_html_comment(p))
        .map(numbering::strip_markup)
        .filter(|p| !p.is_empty())
        .collect()
}

/// A line that is only an HTML comment (`<!-- INFO END -->` in Markdown sources).
fn is_html_comment(p: &str) -> bool {
    p.starts_with("<!--") && p.ends_with("-->")
}

/// Rank of a structural style: lower is higher in the tree. `None` for the
/// styles whose level depends on the document.
fn rank(kind: ClauseKind) -> Option<u8> {
    match kind {
        ClauseKind::Annex => Some(0),
        ClauseKind::Part => Some(1),
        ClauseKind::Chapter => Some(2),
        ClauseKind::Section => Some(3),
        ClauseKind::Article => Some(4),
        _ => None,
    }
}

/// Numbers of the last accepted structural labels, to reject out-of-sequence ones.
#[derive(Default)]
struct Counters {
    part: u32,
    chapter: u32,
    section: u32,
    article: u32,
}

impl Counters {
    /// Accept a label (and record it), or refuse it as a cross-reference / noise.
    fn accept(&mut self, l: &Label) -> bool {
        let slot = match l.kind {
            ClauseKind::Part => &mut self.part,
            ClauseKind::Chapter => &mut self.chapter,
            ClauseKind::Section => &mut self.section,
            ClauseKind::Article => &mut self.article,
            ClauseKind::Annex => {
                *self = Counters::default();
                return true;
            }
            _ => return true,
        };
        if l.number != 1 && l.number <= *slot {
            return false;
        }
        *slot = l.number;
        match l.kind {
            ClauseKind::Part => {
                self.chapter = 0;
                self.section = 0;
            }
            ClauseKind::Chapter => self.section = 0,
            _ => {}
        }
        true
    }
}

struct Builder {
    clauses: Vec<Clause>,
    /// Byte offset of the text after the label in each clause's first line.
    rest: Vec<usize>,
    /// Number of 款 added under each clause.
    paragraphs: Vec<u32>,
    /// For an article: 1 when its own first line is its first 款, else 0 (see [`Builder::own_kuan`]).
    own: Vec<u32>,
    top_paragraphs: u32,
    /// Count of each base path used, to make paths unique (`标题#2`).
    paths: HashMap<String, u32>,
}

impl Builder {
    fn new() -> Self {
        Builder {
            clauses: Vec::new(),
            rest: Vec::new(),
            paragraphs: Vec::new(),
            own: Vec::new(),
            top_paragraphs: 0,
            paths: HashMap::new(),
        }
    }

    fn unique(&mut self, base: String) -> String {
        let n = self.paths.entry(base.clone()).or_insert(0);
        *n += 1;
        if *n == 1 {
            base
        } else {
            format!("{base}#{n}")
        }
    }

    /// Add a clause under `parent` whose first line is `line`.
    fn add(
        &mut self,
        parent: Option<usize>,
        kind: ClauseKind,
        label: &str,
        segment: &str,
        line: &str,
        rest: usize,
    ) -> usize {
        let index = self.clauses.len();
        let (depth, base, in_article) = match parent {
            Some(p) => {
                let pc = &self.clauses[p];
                (
                    pc.depth + 1,
                    format!("{}/{segment}", pc.path),
                    pc.in_article || pc.kind == ClauseKind::Article,
                )
            }
            None => (0, segment.to_string(), false),
        };
        let path = self.unique(base);
        if let Some(p) = parent {
            self.clauses[p].children.push(index);
        }
        self.clauses.push(Clause {
            index,
            parent,
            children: Vec::new(),
            depth,
            kind,
            label: label.to_string(),
            path,
            heading: None,
            text: line.to_string(),
            original: String::new(),
            in_article,
        });
        self.rest.push(rest);
        self.paragraphs.push(0);
        let own = if kind == ClauseKind::Article {
            Self::own_kuan(line, rest)
        } else {
            0
        };
        self.own.push(own);
        index
    }

    /// Add an un-numbered clause (head units, free paragraphs).
    fn add_plain(&mut self, kind: ClauseKind, path: &str, line: &str) -> usize {
        self.add(None, kind, "", path, line, 0)
    }

    /// Add a free-standing top-level paragraph (`段N`).
    fn add_paragraph(&mut self, kind: ClauseKind, line: &str) -> usize {
        let seg = match kind {
            ClauseKind::Preamble => unit_names::PREAMBLE.to_string(),
            _ => {
                self.top_paragraphs += 1;
                format!("{}{}", unit_names::PARAGRAPH, self.top_paragraphs)
            }
        };
        self.add(None, kind, "", &seg, line, 0)
    }

    /// 1 when an article's own first line (`line`, its text after the label
    /// from byte `rest`) says more than a heading, so it is the article's first 款; else 0.
    fn own_kuan(line: &str, rest: usize) -> u32 {
        let rest = line.get(rest..).unwrap_or("");
        let after_heading = match heading(ClauseKind::Article, rest, false, false) {
            None => rest,
            Some(_) => rest
                .strip_prefix('【')
                .and_then(|r| r.split_once('】'))
                .map_or("", |(_, body)| body),
        };
        u32::from(!after_heading.trim().is_empty())
    }

    /// Add a paragraph (款) of article `a`.
    fn add_kuan(&mut self, a: usize, line: &str) -> usize {
        self.paragraphs[a] += 1;
        let seg = format!("{}{}", unit_names::KUAN, self.paragraphs[a] + self.own[a]);
        self.add(Some(a), ClauseKind::Paragraph, "", &seg, line, 0)
    }

    fn append(&mut self, i: usize, line: &str) {
        let t = &mut self.clauses[i].text;
        if !t.is_empty() {
            t.push('\n');
        }
        t.push_str(line);
    }

    fn finish(mut self) -> ClauseTree {
        for i in 0..self.clauses.len() {
            let c = &self.clauses[i];
            let h = match c.kind {
                ClauseKind::Title => {
                    // Title lines (not the 文号 or bracketed lines, not an 附件 marker) joined.
                    let t: String = c
                        .text
                        .lines()
                        .filter(|l| {
                            !head::is_wenhao(l)
                                && !head::is_parenthetical(l)
                                && numbering::recognize(l).is_none_or(|l| l.number >= LONG_NUMBER)
                        })
                        .collect();
                    (!t.is_empty()).then_some(t)
                }
                ClauseKind::Cover
                | ClauseKind::Preamble
                | ClauseKind::Signature
                | ClauseKind::Paragraph => None,
                kind => {
                    let first = c.text.lines().next().unwrap_or("");
                    let rest = first.get(self.rest[i]..).unwrap_or("");
                    let has_more = c.text.contains('\n')
                        || c.children
                            .iter()
                            .any(|&ch| self.clauses[ch].kind != ClauseKind::Paragraph);
                    heading(kind, rest, has_more, c.in_article)
                }
            };
            let c = &mut self.clauses[i];
            c.heading = h;
            c.original = c.text.clone();
        }
        ClauseTree {
            clauses: self.clauses,
        }
    }
}

/// Where the body starts: the first numbered paragraph that is not part of the
/// head (an attachment list in the cover letter, an `附件` marker before the
/// inner title). `ps.len()` when the document has no numbered body.
fn body_start(ps: &[&str], labels: &[Option<Label>]) -> usize {
    let mut i = 0;
    let mut after_signature = false;
    while i < ps.len() {
        let Some(l) = &labels[i] else {
            if let Some(end) = head::signature_at(ps, i) {
                i = end;
                after_signature = true;
            } else {
                after_signature = false;
                i += 1;
            }
            continue;
        };
        if l.kind == ClauseKind::Annex {
            if let Some(sig) = annex_list_before_signature(ps, i) {
                i = sig;
                after_signature = false;
                continue;
            }
            if after_signature && ps[i][l.rest..].trim().is_empty() && starts_title(ps, i + 1) {
                i += 1;
                after_signature = false;
                continue;
            }
        }
        return i;
    }
    ps.len()
}

/// An attachment line `ps[i]` followed, within a few short lines, by a
/// signature: the attachment list of a cover letter. Returns where the signature starts.
fn annex_list_before_signature(ps: &[&str], i: usize) -> Option<usize> {
    for j in i + 1..(i + 1 + ANNEX_LIST_LOOKAHEAD).min(ps.len()) {
        if head::signature_at(ps, j).is_some() {
            return Some(j);
        }
        if head::chars(ps[j]) > 80 || ps[j].contains('。') {
            return None;
        }
    }
    None
}

/// Does a title start at `ps[i]` (a complete title line, or the first line of a wrapped one)?
fn starts_title(ps: &[&str], i: usize) -> bool {
    i < ps.len()
        && (head::is_title(ps[i])
            || (head::is_title_like(ps[i])
                && i + 1 < ps.len()
                && head::continues_title(ps[i], ps[i + 1])))
}

/// Build the tree.
pub(crate) fn build(text: &str) -> ClauseTree {
    let ps = paragraphs(text);
    let mut labels: Vec<Option<Label>> = ps.iter().map(|p| numbering::recognize(p)).collect();
    drop_out_of_sequence_long_numbers(&mut labels);
    let start = body_start(&ps, &labels);
    let mut b = Builder::new();
    build_head(&mut b, &ps, start, start < ps.len());
    build_body(&mut b, &ps, &labels, start);
    b.finish()
}

/// From this value on, a `1.` or `（1）` number is numbering only when it
/// continues the list: the previous label of its style is the number before
/// it (`999.` then `1000.`). A lone `2023. …` or `（2023）41号` is text.
const LONG_NUMBER: u32 = 1000;

/// Unlabel the long `1.` / `（1）` numbers that do not continue their list (see
/// [`LONG_NUMBER`]). One pass, so a list of any length costs linear time.
fn drop_out_of_sequence_long_numbers(labels: &mut [Option<Label>]) {
    let mut last_point = 0u32;
    let mut last_sub_point = 0u32;
    for slot in labels.iter_mut() {
        let Some(l) = slot else { continue };
        let last = match l.kind {
            ClauseKind::Point => &mut last_point,
            ClauseKind::SubPoint => &mut last_sub_point,
            _ => continue,
        };
        if l.number >= LONG_NUMBER && last.checked_add(1) != Some(l.number) {
            *slot = None;
        } else {
            *last = l.number;
        }
    }
}

/// Add the title lines starting at `ps[i]` (with a wrapped continuation, the
/// 文号 and bracketed lines like `（草案征求意见稿）`) to a new Title clause.
/// `prefix` is an `附件` marker line printed above the title. Returns the next index.
fn add_title(
    b: &mut Builder,
    ps: &[&str],
    mut i: usize,
    end: usize,
    prefix: Option<&str>,
) -> usize {
    let t = match prefix {
        Some(m) => {
            let t = b.add_plain(ClauseKind::Title, unit_names::TITLE, m);
            b.append(t, ps[i]);
            t
        }
        None => b.add_plain(ClauseKind::Title, unit_names::TITLE, ps[i]),
    };
    i += 1;
    if i < end && head::continues_title(ps[i - 1], ps[i]) {
        b.append(t, ps[i]);
        i += 1;
    }
    while i < end
        && (head::is_wenhao(ps[i]) || head::is_parenthetical(ps[i]) && !head::is_date_line(ps[i]))
    {
        b.append(t, ps[i]);
        i += 1;
    }
    i
}

/// Pass 1: the head, paragraphs `ps[..end]`.
fn build_head(b: &mut Builder, ps: &[&str], end: usize, has_body: bool) {
    let rest_kind = if has_body {
        ClauseKind::Preamble
    } else {
        ClauseKind::Paragraph
    };
    let mut i = 0;
    // A title may come now: at the start and after a signature, not after a preamble paragraph.
    let mut title_allowed = true;
    let mut cover: Option<usize> = None;
    let mut cover_open = false;
    // Does a signature close the cover letter before the body starts?
    let mut signed_cover = false;
    let mut annex_marker: Option<&str> = None;
    while i < end {
        let p = ps[i];
        if i == 0 && head::is_title_like(p) {
            i = add_title(b, ps, i, end, None);
            continue;
        }
        if head::is_wenhao(p) {
            match b.clauses.last() {
                Some(c) if c.kind == ClauseKind::Title => {
                    let t = c.index;
                    b.append(t, p);
                }
                _ => {
                    b.add_plain(ClauseKind::Title, unit_names::TITLE, p);
                }
            }
            i += 1;
            continue;
        }
        if title_allowed && !cover_open && starts_title(ps, i) {
            i = add_title(b, ps, i, end, annex_marker.take());
            continue;
        }
        if let Some(sig_end) = head::signature_at(ps, i) {
            let s = b.add_plain(ClauseKind::Signature, unit_names::SIGNATURE, p);
            for line in &ps[i + 1..sig_end] {
                b.append(s, line);
            }
            i = sig_end;
            cover_open = false;
            title_allowed = true;
            continue;
        }
        if let Some(l) = numbering::recognize(p) {
            // Only an 附件 marker or an attachment list can be numbered in the head.
            if l.kind == ClauseKind::Annex && !cover_open && p[l.rest..].trim().is_empty() {
                annex_marker = Some(p);
                i += 1;
                continue;
            }
        }
        if cover.is_none()
            && title_allowed
            && (head::is_salutation(p) || head::is_cover_sentence(p))
        {
            let c = b.add_plain(ClauseKind::Cover, unit_names::COVER, p);
            cover = Some(c);
            cover_open = true;
            signed_cover = has_body && (i + 1..end).any(|j| head::signature_at(ps, j).is_some());
            i += 1;
            continue;
        }
        if cover_open {
            if signed_cover
                || head::is_cover_sentence(p)
                || numbering::recognize(p).is_some_and(|l| l.number < LONG_NUMBER)
            {
                if let Some(c) = cover {
                    b.append(c, p);
                }
                i += 1;
                continue;
            }
            cover_open = false;
        }
        if let Some(m) = annex_marker.take() {
            b.add_paragraph(rest_kind, m);
        }
        b.add_paragraph(rest_kind, p);
        title_allowed = false;
        i += 1;
    }
    if let Some(m) = annex_marker {
        b.add_paragraph(rest_kind, m);
    }
}

/// Pass 2: the numbered body, paragraphs `ps[start..]`.
fn build_body(b: &mut Builder, ps: &[&str], labels: &[Option<Label>], start: usize) {
    let mut stack: Vec<usize> = Vec::new();
    let mut counters = Counters::default();
    // Where un-numbered paragraphs go.
    let mut attach: Option<usize> = None;
    let mut i = start;
    while i < ps.len() {
        let p = ps[i];
        let label = labels[i].as_ref().filter(|l| counters.accept(l));
        if let Some(l) = label {
            let parent = place(&b.clauses, &mut stack, l.kind);
            let idx = b.add(parent, l.kind, &l.label, l.segment(), p, l.rest);
            stack.push(idx);
            attach = Some(idx);
            i += 1;
            continue;
        }
        if let Some(end) = body_signature(ps, labels, i) {
            let s = b.add_plain(ClauseKind::Signature, unit_names::SIGNATURE, p);
            for line in &ps[i + 1..end] {
                b.append(s, line);
            }
            stack.clear();
            attach = None;
            i = end;
            continue;
        }
        // Inside an article: a new paragraph (款) of the article, unless the
        // previous paragraph stops mid-sentence (a page break cut it in two).
        if let Some(k) = stack
            .iter()
            .rposition(|&s| b.clauses[s].kind == ClauseKind::Article)
        {
            let a = stack[k];
            let last = b.clauses.len() - 1;
            let heading_only = last == a && b.own[a] == 0;
            if !heading_only && !ends_sentence(&b.clauses[last].text) {
                b.append(last, p);
            } else {
                stack.truncate(k + 1);
                b.add_kuan(a, p);
            }
            i += 1;
            continue;
        }
        match attach {
            Some(a) => b.append(a, p),
            None => {
                b.add_paragraph(ClauseKind::Paragraph, p);
            }
        }
        i += 1;
    }
}

/// A signature block inside the body: optional colophon line(s)
/// (`公开方式：主动公开`), issuer line(s), a date line. A bare date line counts
/// only at the end of the document or before an 附件. Returns the end index.
fn body_signature(ps: &[&str], labels: &[Option<Label>], i: usize) -> Option<usize> {
    let mut j = i;
    while j < ps.len() && j - i < 2 && head::is_colophon(ps[j]) {
        j += 1;
    }
    let end = head::signature_at(ps, j)?;
    if head::is_date_line(ps[j]) {
        let at_end = end == ps.len()
            || labels[end]
                .as_ref()
                .is_some_and(|l| l.kind == ClauseKind::Annex);
        if !at_end {
            return None;
        }
    }
    Some(end)
}

/// Does a paragraph end a sentence (or a list lead-in, or a bracketed note)?
/// A paragraph of an article that does not was cut by a page break.
fn ends_sentence(text: &str) -> bool {
    text.trim_end().chars().last().is_none_or(|c| {
        matches!(
            c,
            '。' | '；'
                | '：'
                | '！'
                | '？'
                | '.'
                | ';'
                | ':'
                | '!'
                | '?'
                | '…'
                | '”'
                | '’'
                | '」'
                | '』'
                | '）'
                | ')'
                | '】'
                | '》'
        )
    })
}

/// Pop the style stack for a new label of `kind`; returns the parent.
fn place(clauses: &[Clause], stack: &mut Vec<usize>, kind: ClauseKind) -> Option<usize> {
    match rank(kind) {
        Some(0) => stack.clear(),
        Some(r) => {
            while let Some(&top) = stack.last() {
                match rank(clauses[top].kind) {
                    Some(tr) if tr < r => break,
                    _ => {
                        stack.pop();
                    }
                }
            }
        }
        None => {
            // Search the same style down to the nearest structural unit.
            let mut found = None;
            for (k, &s) in stack.iter().enumerate().rev() {
                let sk = clauses[s].kind;
                if sk == kind {
                    found = Some(k);
                    break;
                }
                if rank(sk).is_some() {
                    break;
                }
            }
            if let Some(k) = found {
                stack.truncate(k);
            }
        }
    }
    stack.last().copied()
}
