//! Building the [`Document`]: each section from the comparison, the options
//! applied once.

use std::borrow::Cow;
use std::collections::HashMap;

use policydiff_model::{
    Comparison, DocInfo, KeyDiff, KeyDiffKind, KeyPoint, Note, OpTag, Pair, PairKind, PairOrder,
    PairSelection, ReportOptions,
};

use super::{
    Document, Figures, KeyDiffRow, KeyDiffTable, KeyPoints, LooseNote, Mark, MetaRow, PairView,
    PointLine, Remark, RemarkKind, Section, Span, MAX_TEXT_WIDTH, MIN_TEXT_WIDTH,
};
use crate::words::key_parts::{key_diff_text, key_point_text};
use crate::words::{words, Words};
use crate::{clean, clean_text};

impl<'c> Document<'c> {
    /// Build the report of `c` with `notes` as `opts` asks.
    pub fn build(c: &'c Comparison, notes: &'c [Note], opts: &ReportOptions) -> Document<'c> {
        let w = words(opts.lang);
        let index = NoteIndex::new(c, notes, opts.notes);
        let shown = shown_pairs(c, &index, opts.pairs);
        let order = Order::new(c, opts.order);
        let mut sections = Vec::new();
        if opts.key_diffs && !(c.key_points.is_empty() && c.hidden_key_points.is_empty()) {
            sections.push(Section::KeyPoints(key_points(
                w,
                c,
                &shown,
                &order,
                opts.summary,
            )));
        }
        sections.push(Section::Documents(meta_table(w, &c.left, &c.right)));
        if opts.summary {
            sections.push(Section::Summary(figures(w, c)));
        }
        if opts.key_diffs {
            sections.push(Section::KeyDiffs(key_diff_table(w, c, &shown, &order)));
        }
        let mut first_shown = FirstShown::default();
        let pairs = order
            .pairs
            .iter()
            .filter(|&&i| shown[i])
            .map(|&i| {
                let p = &c.pairs[i];
                let mut view = pair_view(w, order.number[i], p, &index.by_pair[i], opts.key_diffs);
                first_shown.fold_repeats(w, &mut view);
                view
            })
            .collect();
        sections.push(Section::Pairs(pairs));
        if !index.unmatched.is_empty() {
            sections.push(Section::Notes(
                index
                    .unmatched
                    .iter()
                    .map(|n| LooseNote {
                        target: note_target(w, n),
                        line: note_line(w, n),
                    })
                    .collect(),
            ));
        }
        Document {
            words: w,
            subtitle: w.subtitle(
                &clean_text(&c.left.meta.title),
                &clean_text(&c.right.meta.title),
            ),
            left_title: clean_text(&c.left.meta.title),
            right_title: clean_text(&c.right.meta.title),
            text_width: opts.width.clamp(MIN_TEXT_WIDTH, MAX_TEXT_WIDTH),
            color: opts.color,
            sections,
        }
    }
}

/// Which pairs of `c` a report with `notes` and `opts` shows (by index):
/// with [`PairSelection::ChangedOnly`], identical pairs are left out unless
/// they carry a note (and notes are on). The one place that decides it, for
/// every format, JSON included.
pub(crate) fn selection(c: &Comparison, notes: &[Note], opts: &ReportOptions) -> Vec<bool> {
    shown_pairs(c, &NoteIndex::new(c, notes, opts.notes), opts.pairs)
}

fn shown_pairs(c: &Comparison, index: &NoteIndex<'_>, sel: PairSelection) -> Vec<bool> {
    c.pairs
        .iter()
        .zip(&index.by_pair)
        .map(|(p, notes)| match sel {
            PairSelection::All => true,
            PairSelection::ChangedOnly => p.kind != PairKind::Same || !notes.is_empty(),
        })
        .collect()
}

/// The report's pair order ([`ReportOptions::order`]): the pairs' indices
/// in it, and each pair's number (1-based, by index) in it, which every
/// section cites.
struct Order {
    pairs: Vec<usize>,
    number: Vec<usize>,
}

impl Order {
    fn new(c: &Comparison, order: PairOrder) -> Order {
        let pairs = c.row_order(order);
        let mut number = vec![0; pairs.len()];
        for (k, &i) in pairs.iter().enumerate() {
            number[i] = k + 1;
        }
        Order { pairs, number }
    }
}

/// The notes of a comparison, assigned to its pairs.
struct NoteIndex<'a> {
    /// Per pair (same index as `Comparison::pairs`), its notes in input order.
    by_pair: Vec<Vec<&'a Note>>,
    /// Notes that match no pair.
    unmatched: Vec<&'a Note>,
}

impl<'a> NoteIndex<'a> {
    /// Match notes to pairs by (left path, right path). With `enabled` false,
    /// no notes at all.
    fn new(c: &Comparison, notes: &'a [Note], enabled: bool) -> NoteIndex<'a> {
        let mut by_pair = vec![Vec::new(); c.pairs.len()];
        let mut unmatched = Vec::new();
        if !enabled {
            return NoteIndex { by_pair, unmatched };
        }
        let index = path_index(c);
        for n in notes {
            let key = (n.left_path.as_deref(), n.right_path.as_deref());
            match index.get(&key) {
                Some(&i) => by_pair[i].push(n),
                None => unmatched.push(n),
            }
        }
        NoteIndex { by_pair, unmatched }
    }
}

/// (left path, right path) → index of the first pair with those paths.
fn path_index(c: &Comparison) -> HashMap<(Option<&str>, Option<&str>), usize> {
    let mut index = HashMap::new();
    for (i, p) in c.pairs.iter().enumerate() {
        let key = (
            p.left.as_ref().map(|u| u.path.as_str()),
            p.right.as_ref().map(|u| u.path.as_str()),
        );
        index.entry(key).or_insert(i);
    }
    index
}

// ---------------------------------------------------------------------------
// Sections

fn key_points(
    w: &Words,
    c: &Comparison,
    shown: &[bool],
    order: &Order,
    summary: bool,
) -> KeyPoints {
    let index = path_index(c);
    let points = c
        .key_points
        .iter()
        .map(|k| {
            let pair = index
                .get(&(k.left_path.as_deref(), k.right_path.as_deref()))
                .filter(|&&i| shown[i])
                .map(|&i| order.number[i]);
            PointLine {
                spans: point_sentence(w, k),
                pair,
            }
        })
        .collect();
    let hidden =
        (!c.hidden_key_points.is_empty()).then(|| w.hidden_points(c.hidden_key_points.len()));
    let (entries, substitutions) = localisation_totals(c);
    let localisation = (substitutions > 0).then(|| w.localisation_line(substitutions, entries));
    let counts = summary.then(|| {
        let mut parts = Vec::new();
        for (kind, n) in kind_counts(c) {
            if n > 0 {
                parts.push(format!("{} {n}", w.kind(kind)));
            }
        }
        let substantive = key_diffs(c).filter(|(_, k)| k.substantive).count();
        w.points_counts(c.pairs.len(), &parts, c.summary.key_diffs, substantive)
    });
    KeyPoints {
        points,
        hidden,
        localisation,
        counts,
    }
}

/// A key point as one sentence: `【置顶】` when the user pinned it, its
/// detail, then its direction and where it comes from:
/// `办结时限：5个工作日 → 3个工作日（更严；左 一 ↔ 右 一）`.
fn point_sentence(w: &Words, k: &KeyPoint) -> Vec<Span<'static>> {
    let mut spans = Vec::new();
    if k.pinned {
        spans.push(Span::new(Mark::Emphasis, w.pinned));
    }
    spans.push(Span::plain(one_line(&key_point_text(k, w))));
    let place = match (&k.left_path, &k.right_path) {
        (None, None) => None,
        (l, r) => Some(w.place(&opt_path(w, l.as_deref()), &opt_path(w, r.as_deref()))),
    };
    let direction = k.direction.map(|d| w.direction(d));
    if direction.is_none() && place.is_none() {
        return spans;
    }
    spans.push(Span::plain(w.open));
    if let Some(d) = direction {
        spans.push(Span::new(Mark::Emphasis, d));
        if place.is_some() {
            spans.push(Span::plain(w.semicolon));
        }
    }
    if let Some(p) = place {
        spans.push(Span::plain(p));
    }
    spans.push(Span::plain(w.close));
    spans
}

/// (localisation entries, substitutions) over the comparison; the
/// substitutions as the summary counts them when it does.
fn localisation_totals(c: &Comparison) -> (usize, usize) {
    let entries: Vec<&KeyDiff> = key_diffs(c)
        .map(|(_, k)| k)
        .filter(|k| k.kind == KeyDiffKind::Localisation)
        .collect();
    let counted: usize = entries.iter().map(|k| substitutions(k)).sum();
    (entries.len(), c.summary.localisation.max(counted))
}

/// The number of substitutions of a localisation entry.
fn substitutions(k: &KeyDiff) -> usize {
    k.count.unwrap_or(k.substitutions.len())
}

/// Every key difference with the index of its pair.
fn key_diffs(c: &Comparison) -> impl Iterator<Item = (usize, &KeyDiff)> {
    c.pairs
        .iter()
        .enumerate()
        .flat_map(|(i, p)| p.key_diffs.iter().map(move |k| (i, k)))
}

/// Each pair kind with its count in the summary, in display order.
fn kind_counts(c: &Comparison) -> Vec<(PairKind, usize)> {
    let s = &c.summary;
    vec![
        (PairKind::Same, s.same),
        (PairKind::Modified, s.modified),
        (PairKind::Moved, s.moved),
        (PairKind::Split, s.split),
        (PairKind::Merged, s.merged),
        (PairKind::Related, s.related),
        (PairKind::LeftOnly, s.left_only),
        (PairKind::RightOnly, s.right_only),
    ]
}

fn meta_table(w: &Words, left: &DocInfo, right: &DocInfo) -> Vec<MetaRow> {
    meta_rows(w, left)
        .into_iter()
        .zip(meta_rows(w, right))
        .filter(|((_, l), (_, r))| !(l.is_empty() && r.is_empty()))
        .map(|((label, left), (_, right))| MetaRow { label, left, right })
        .collect()
}

/// Metadata rows of one document: (label, value), value empty when unknown.
fn meta_rows(w: &Words, d: &DocInfo) -> Vec<(&'static str, String)> {
    let m = &d.meta;
    let opt = |o: &Option<String>| o.as_deref().map(clean_text).unwrap_or_default();
    let source = m
        .source_url
        .as_deref()
        .or(m.source_file.as_deref())
        .map(clean_text)
        .unwrap_or_default();
    let mut flags = Vec::new();
    if m.fragment {
        flags.push(w.fragment.to_string());
    }
    if m.excerpt {
        flags.push(w.excerpt.to_string());
    }
    flags.extend(m.warnings.iter().map(|w| clean_text(w)));
    let [title, number, issuer, date, level, from, remarks] = w.meta;
    vec![
        (title, clean_text(&m.title)),
        (number, opt(&m.doc_number)),
        (issuer, opt(&m.issuer)),
        (date, opt(&m.date)),
        (level, w.level(m.level).to_string()),
        (from, source),
        (remarks, flags.join(w.semicolon)),
    ]
}

fn figures(w: &Words, c: &Comparison) -> Figures {
    let s = &c.summary;
    let mut counts: Vec<(&'static str, String)> = kind_counts(c)
        .into_iter()
        // Topic-level pairs only exist between independent documents: not
        // counted when there are none.
        .filter(|&(k, n)| k != PairKind::Related || n > 0)
        .map(|(k, n)| (w.kind(k), n.to_string()))
        .collect();
    // All key differences, and how many of them are substantive: the same two
    // figures as the key points' counts and the key-differences table.
    let substantive = key_diffs(c).filter(|(_, k)| k.substantive).count();
    counts.push((
        w.key_diffs_count,
        w.key_diffs_figure(s.key_diffs, substantive),
    ));
    let (_, substitutions) = localisation_totals(c);
    if substitutions > 0 {
        counts.push((
            w.key_kind(KeyDiffKind::Localisation),
            substitutions.to_string(),
        ));
    }
    let items: Vec<String> = counts.iter().map(|(k, v)| format!("{k} {v}")).collect();
    let reuse = [percent1(s.left_reused), percent1(s.right_reused)];
    // Older comparisons (JSON from before the counts) have none.
    let has_units = s.left_units.units > 0 && s.right_units.units > 0;
    Figures {
        counts_sentence: w.pairs_counts(c.pairs.len(), &items),
        reuse_sentence: w.reuse_sentence(&reuse[0], &reuse[1]),
        units: if has_units {
            vec![
                w.side_counts(true, &s.left_units),
                w.side_counts(false, &s.right_units),
            ]
        } else {
            Vec::new()
        },
        units_sentence: has_units.then(|| w.side_counts_sentence(&s.left_units, &s.right_units)),
        counts,
        reuse: [
            (w.reuse[0], reuse[0].clone()),
            (w.reuse[1], reuse[1].clone()),
        ],
    }
}

fn key_diff_table(w: &Words, c: &Comparison, shown: &[bool], order: &Order) -> KeyDiffTable {
    let mut rows = Vec::new();
    let (mut folded, mut folded_pairs) = (0, 0);
    for &i in &order.pairs {
        let p = &c.pairs[i];
        let number = order.number[i];
        let before = folded;
        for k in &p.key_diffs {
            if !k.substantive {
                folded += 1;
                continue;
            }
            let (left_path, right_path) = (
                side_path(w, p.left.as_ref()),
                side_path(w, p.right.as_ref()),
            );
            rows.push(KeyDiffRow {
                pair: number,
                shown: shown[i],
                category: category(w, k),
                place: w.pair_place(number, &left_path, &right_path),
                left_path,
                right_path,
                left: clean_text(&k.left),
                right: clean_text(&k.right),
                detail: clean_text(&key_diff_text(k, w)),
            });
        }
        folded_pairs += usize::from(folded > before);
    }
    let (_, substitutions) = localisation_totals(c);
    let folded = (folded > 0).then(|| w.folded_key_diffs(folded, folded_pairs, substitutions));
    KeyDiffTable { rows, folded }
}

/// A key difference's category with its direction: `时限·更严`.
pub(crate) fn category(w: &Words, k: &KeyDiff) -> String {
    match k.direction {
        Some(d) => format!("{}{}{}", w.key_kind(k.kind), w.dot, w.direction(d)),
        None => w.key_kind(k.kind).to_string(),
    }
}

fn pair_view<'c>(
    w: &Words,
    number: usize,
    p: &'c Pair,
    notes: &[&'c Note],
    key_diffs: bool,
) -> PairView<'c> {
    let (lp, rp) = (
        side_path(w, p.left.as_ref()),
        side_path(w, p.right.as_ref()),
    );
    let mut remarks = Vec::new();
    if key_diffs {
        remarks.extend(p.key_diffs.iter().map(|k| remark(w, k)));
    }
    remarks.extend(notes.iter().map(|n| Remark {
        kind: RemarkKind::Note,
        head: w.remark_heads[2].into(),
        tag: None,
        direction: None,
        body: note_line(w, n),
    }));
    PairView {
        number,
        pair: p,
        heading: pair_heading(w, number, p, &lp, &rp),
        bookmark: format!("{number}. {} {lp} ↔ {rp}", w.kind(p.kind)),
        left: side_spans(p, OpTag::Insert),
        right: side_spans(p, OpTag::Delete),
        remarks,
        notes: notes.to_vec(),
    }
}

/// A clause folds only when that leaves out more than this many characters:
/// a short clause (a cover notice's addressees) reads better whole.
const FOLD_MIN_SAVING: usize = 20;

/// The pair (its number) that first shows each clause of either side, by
/// (left side, clause index, path).
#[derive(Default)]
struct FirstShown(HashMap<(bool, usize, String), usize>);

impl FirstShown {
    /// Note where `view`'s clauses are first shown, and fold a clause an
    /// earlier pair shows in full to its heading and where to find it
    /// (`八、加快合同签订及支付（同上，全文见第12项）`): a clause related to
    /// several clauses of the other document would otherwise be printed once
    /// per partner. Only a related pair's side folds, and only when nothing in
    /// it is set off (a contrast value stays in its text): it carries no
    /// edits. A clause of another kind stays whole (a split's whole clause is
    /// diffed against each part), as does a short one.
    fn fold_repeats(&mut self, w: &Words, view: &mut PairView<'_>) {
        let p = view.pair;
        for (is_left, unit) in [(true, &p.left), (false, &p.right)] {
            let Some(u) = unit else { continue };
            let first = *self
                .0
                .entry((is_left, u.clause, u.path.clone()))
                .or_insert(view.number);
            let spans = if is_left {
                &mut view.left
            } else {
                &mut view.right
            };
            if first == view.number
                || p.kind != PairKind::Related
                || spans.iter().any(|s| s.mark != Mark::Plain)
            {
                continue;
            }
            let gist = gist(u);
            if u.text.chars().count() <= gist.chars().count() + FOLD_MIN_SAVING {
                continue;
            }
            *spans = vec![Span::plain(gist), Span::plain(w.as_above(first))];
        }
    }
}

/// What a folded clause still shows: its number and heading, else its first
/// line (at most 40 characters).
fn gist(u: &policydiff_model::UnitView) -> String {
    if let Some(h) = &u.heading {
        return clean_text(&format!("{}{h}", u.label));
    }
    let line = u.text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let mut out: String = line.chars().take(40).collect();
    if line.chars().count() > 40 {
        out.push('…');
    }
    clean_text(&out)
}

/// The line under a pair for one key difference: substantive ones with their
/// category, localisation folded into one line with its substitutions.
fn remark(w: &Words, k: &KeyDiff) -> Remark {
    if k.kind == KeyDiffKind::Localisation {
        let subs: Vec<String> = k
            .substitutions
            .iter()
            .map(|s| format!("{}→{}", one_line(&s.left), one_line(&s.right)))
            .collect();
        let body = if subs.is_empty() {
            one_line(&k.detail)
        } else {
            subs.join(w.semicolon)
        };
        return Remark {
            kind: RemarkKind::Folded,
            head: w.substitutions(substitutions(k)),
            tag: None,
            direction: None,
            body,
        };
    }
    Remark {
        kind: if k.substantive {
            RemarkKind::KeyDiff
        } else {
            RemarkKind::Folded
        },
        head: w.remark_heads[usize::from(!k.substantive)].into(),
        tag: Some(category(w, k)),
        direction: k.direction.map(|d| w.direction(d)),
        body: clean_text(&key_diff_text(k, w)),
    }
}

/// The header line of a pair: `3. 【修改】 相似度 85% · 左 二/（一） ↔ 右 二/（一）`;
/// a topic-level pair says how strongly it relates: `【主题相关】 关联度 35%`;
/// a pair made by hand ends `· 手动配对`.
fn pair_heading(w: &Words, number: usize, p: &Pair, lp: &str, rp: &str) -> String {
    let mut s = w.pair_kind_head(number, p.kind);
    if p.left.is_some() && p.right.is_some() {
        let what = if p.kind == PairKind::Related {
            w.relatedness
        } else {
            w.similarity
        };
        s.push_str(&format!(" {what} {}", percent(p.similarity)));
    }
    s.push_str(&format!(" · {}", w.place(lp, rp)));
    if let Some(g) = p.group {
        s.push_str(&format!(" · {} {g}", w.group));
    }
    if p.manual {
        s.push_str(&format!(" · {}", w.manual));
    }
    s
}

/// The text of one side of a pair as spans: the left side keeps `Equal` and
/// `Delete` ops (`skip` = `Insert`), the right side `Equal` and `Insert`.
/// Without ops (identical or one-sided pairs), the whole text plain, as for a
/// topic-level (related) pair, which is no rewrite: nothing in it is struck
/// through or inserted, only the values its contrasts name are set off
/// ([`contrast_spans`]). A changed numbering label (a renumbering) is plain
/// too. Empty when the side is absent.
fn side_spans(p: &Pair, skip: OpTag) -> Vec<Span<'_>> {
    let unit = if skip == OpTag::Insert {
        &p.left
    } else {
        &p.right
    };
    let Some(u) = unit else {
        return Vec::new();
    };
    if p.kind == PairKind::Related {
        let values: Vec<&str> = p
            .key_diffs
            .iter()
            .flat_map(|k| &k.parts)
            .filter(|x| x.contrast)
            .map(|x| {
                if skip == OpTag::Insert {
                    &x.left
                } else {
                    &x.right
                }
            })
            .map(String::as_str)
            .filter(|v| !v.is_empty())
            .collect();
        return contrast_spans(clean(&u.text), &values);
    }
    if p.ops.is_empty() || p.left.is_none() || p.right.is_none() {
        return vec![Span::plain(clean(&u.text))];
    }
    p.ops
        .iter()
        .filter(|op| op.tag != skip && !op.text.is_empty())
        .map(|op| {
            let mark = match op.tag {
                _ if op.renumbered => Mark::Plain,
                OpTag::Equal => Mark::Plain,
                OpTag::Delete => Mark::Deleted,
                OpTag::Insert => Mark::Inserted,
            };
            Span::new(mark, clean(&op.text))
        })
        .collect()
}

/// A related pair's side: plain text with every place a contrast value
/// stands (`20日内` of `时长对比：20日内 ↔ 5个工作日内`) set off, as the app
/// marks it, so a reader finds the two values in long texts. Overlapping
/// values make one span.
fn contrast_spans<'c>(text: Cow<'c, str>, values: &[&str]) -> Vec<Span<'c>> {
    let mut ranges: Vec<(usize, usize)> = values
        .iter()
        .flat_map(|v| text.match_indices(v).map(|(at, m)| (at, at + m.len())))
        .collect();
    if ranges.is_empty() {
        return vec![Span::plain(text)];
    }
    ranges.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
    let mut merged: Vec<(usize, usize)> = Vec::new();
    for (s, e) in ranges {
        match merged.last_mut() {
            Some(last) if s < last.1 => last.1 = last.1.max(e),
            _ => merged.push((s, e)),
        }
    }
    let piece = |a: usize, b: usize| -> Cow<'c, str> {
        match &text {
            Cow::Borrowed(t) => Cow::Borrowed(&t[a..b]),
            Cow::Owned(t) => Cow::Owned(t[a..b].to_string()),
        }
    };
    let mut out = Vec::new();
    let mut at = 0;
    for (s, e) in merged {
        if s > at {
            out.push(Span::new(Mark::Plain, piece(at, s)));
        }
        out.push(Span::new(Mark::Emphasis, piece(s, e)));
        at = e;
    }
    if at < text.len() {
        out.push(Span::new(Mark::Plain, piece(at, text.len())));
    }
    out
}

/// The path shown for one side of a pair (`—` when absent).
fn side_path(w: &Words, u: Option<&policydiff_model::UnitView>) -> String {
    opt_path(w, u.map(|u| u.path.as_str()))
}

/// A stored path in the report's words, `—` when there is none.
fn opt_path(w: &Words, path: Option<&str>) -> String {
    path.map_or_else(|| "—".to_string(), |p| w.path(p))
}

/// A note as one line: `〔tag〕text` (tag omitted when absent).
fn note_line(w: &Words, n: &Note) -> String {
    let tag = n.tag.as_deref().map(str::trim).filter(|t| !t.is_empty());
    w.note_line(tag.map(clean_text).as_deref(), &clean_text(&n.text))
}

/// Where an unmatched note was meant to go, e.g. `左 ¶3 ↔ 右 —`.
fn note_target(w: &Words, n: &Note) -> String {
    w.place(
        &opt_path(w, n.left_path.as_deref()),
        &opt_path(w, n.right_path.as_deref()),
    )
}

/// Clean text on one line (newlines and tabs become spaces).
pub(crate) fn one_line(s: &str) -> String {
    clean_text(s).replace(['\n', '\t'], " ")
}

/// A similarity as a whole percentage, e.g. `85%`.
pub(crate) fn percent(x: f64) -> String {
    if x.is_finite() {
        format!("{:.0}%", (x * 100.0).clamp(0.0, 100.0))
    } else {
        "—".to_string()
    }
}

/// A share with one decimal, e.g. `72.4%`.
pub(crate) fn percent1(x: f64) -> String {
    if x.is_finite() {
        format!("{:.1}%", (x * 100.0).clamp(0.0, 100.0))
    } else {
        "—".to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use policydiff_model::{ClauseKind, KeyLabel, KeyPart, ReportLang, UnitView};

    const BODY: &str =
        "合理缩短合同签订时间，各采购单位原则上在中标通知书发出之日起20日内签订政府采购合同。";

    fn unit(clause: usize, label: &str, heading: Option<&str>, text: &str) -> UnitView {
        UnitView {
            clause,
            kind: ClauseKind::Item,
            path: format!("¶{clause}"),
            label: label.into(),
            heading: heading.map(Into::into),
            text: text.into(),
        }
    }

    /// Huizhou's 八 with its heading and body.
    fn contract() -> UnitView {
        unit(
            8,
            "八、",
            Some("加快合同签订及支付"),
            &format!("八、加快合同签订及支付\n{BODY}"),
        )
    }

    fn pair(kind: PairKind, left: UnitView, right: UnitView) -> Pair {
        Pair::new(kind, 0.5, Some(left), Some(right))
    }

    /// Each pair's (left, right) text as the report prints it.
    fn printed(pairs: &[Pair]) -> Vec<(String, String)> {
        let w = words(ReportLang::Zh);
        let mut first = FirstShown::default();
        pairs
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let mut v = pair_view(w, i + 1, p, &[], true);
                first.fold_repeats(w, &mut v);
                let text = |s: &[Span<'_>]| s.iter().map(|s| s.text.as_ref()).collect::<String>();
                (text(&v.left), text(&v.right))
            })
            .collect()
    }

    #[test]
    fn a_related_clause_folds_after_its_first_pair() {
        let right = |i: usize| {
            unit(
                i,
                "",
                None,
                &format!("第{i}条措施，推行合同签订线上办理，缩短合同签订时间。"),
            )
        };
        let p = printed(&[
            pair(PairKind::Related, contract(), right(1)),
            pair(PairKind::Related, contract(), right(2)),
            pair(PairKind::Related, contract(), right(3)),
        ]);
        assert!(p[0].0.contains(BODY));
        for (l, r) in &p[1..] {
            assert_eq!(l, "八、加快合同签订及支付（同上，全文见第1项）");
            assert!(
                r.starts_with("第"),
                "the other side, each clause once, stays: {r}"
            );
        }
    }

    #[test]
    fn a_rewrite_a_contrast_or_a_short_clause_stays_whole() {
        let other = unit(1, "", None, "推行合同签订线上办理。");
        let mut contrast = pair(
            PairKind::Related,
            contract(),
            unit(2, "", None, "5个工作日内签订合同。"),
        );
        contrast.key_diffs =
            vec![
                KeyDiff::new(KeyDiffKind::Deadline, "20日内", "5个工作日内", "时长对比")
                    .with_parts(vec![KeyPart {
                        contrast: true,
                        ..KeyPart::new(KeyLabel::Duration, "20日内", "5个工作日内")
                    }]),
            ];
        let short = unit(5, "", None, "市直各部门：\n现印发给你们。");
        let p = printed(&[
            pair(PairKind::Related, contract(), other.clone()),
            pair(
                PairKind::Modified,
                contract(),
                unit(3, "", None, "加快合同签订。"),
            ),
            contrast,
            pair(
                PairKind::Related,
                short.clone(),
                unit(6, "", None, "各区："),
            ),
            pair(PairKind::Related, short, unit(7, "", None, "各单位：")),
        ]);
        assert!(p[1].0.contains(BODY), "a rewrite's diff is its own");
        assert!(
            p[2].0.contains(BODY),
            "the contrast value is set off in the text"
        );
        assert_eq!(p[4].0, "市直各部门：\n现印发给你们。");
    }
}
