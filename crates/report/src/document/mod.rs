//! The report as one document, built once from a comparison, the user's
//! notes and the report options; every renderer lays out this and nothing
//! else.
//!
//! [`Document::build`] applies the options exactly once: which pairs are
//! shown ([`PairSelection`]), whether the summary, the key differences and
//! the notes are in, the terminal width (clamped to [`MIN_TEXT_WIDTH`]..=
//! [`MAX_TEXT_WIDTH`]). It also words every sentence and label once: the
//! sections' titles, the pair headings, the key points, the folded
//! localisation lines. A renderer only chooses how a heading, a paragraph of
//! styled [`Span`]s, a table or a pair looks in its format.
//!
//! Sections, in order (each present only when it has something to say):
//! 要点摘要 (the ranked key points, the folded localisation line, the
//! counts), 比较文件 (metadata of both documents), 概况 (counts and reuse),
//! 重点差异 (the table of substantive key differences, with a line saying
//! how many non-substantive ones are folded under their pairs), 逐条对比 (the
//! pairs), 未对应条款的备注 (notes that match no pair).

use std::borrow::Cow;

use policydiff_model::{Note, Pair};

use crate::words::Words;

mod build;
pub(crate) use build::{category, one_line, percent, percent1, selection};

/// The narrowest terminal width a text report is laid out for (columns of 8).
pub const MIN_TEXT_WIDTH: usize = 19;
/// The widest terminal width a text report is laid out for: wider requests
/// (`--width 100000000`) are clamped to it, so a line is at most this many
/// columns and a report cannot grow without bound from padding.
pub const MAX_TEXT_WIDTH: usize = 1000;

/// How a span of text looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mark {
    /// Ordinary text.
    Plain,
    /// In the left text only (struck through, red).
    Deleted,
    /// In the right text only (underlined, blue).
    Inserted,
    /// Set off from the sentence (a key point's direction).
    Emphasis,
}

/// A run of text in one look. The text is clean (see `clean_text`), and
/// borrowed from the comparison when cleaning changed nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Span<'c> {
    pub mark: Mark,
    pub text: Cow<'c, str>,
}

impl<'c> Span<'c> {
    pub fn plain(text: impl Into<Cow<'c, str>>) -> Span<'c> {
        Span::new(Mark::Plain, text)
    }

    pub fn new(mark: Mark, text: impl Into<Cow<'c, str>>) -> Span<'c> {
        Span {
            mark,
            text: text.into(),
        }
    }
}

/// The legend of the comparison table, with the format's names for the
/// deleted and inserted looks (e.g. `删除线（红色）`, `下划线（蓝色）`:
/// [`Words::looks`], [`Words::markdown_looks`]).
pub(crate) fn legend<'a>(w: &Words, (deleted, inserted): (&'a str, &'a str)) -> Vec<Span<'a>> {
    let [lead, after_deleted, after_inserted] = w.legend;
    vec![
        Span::plain(lead),
        Span::new(Mark::Deleted, deleted),
        Span::plain(after_deleted),
        Span::new(Mark::Inserted, inserted),
        Span::plain(after_inserted),
    ]
}

/// The whole report.
pub(crate) struct Document<'c> {
    /// The report's own words, in its language.
    pub words: &'static Words,
    /// `《左》与《右》`.
    pub subtitle: String,
    /// Both documents' titles (the comparison table's column heads).
    pub left_title: String,
    pub right_title: String,
    /// Terminal width for the text format, clamped.
    pub text_width: usize,
    /// Text only: ANSI colours instead of markers.
    pub color: bool,
    pub sections: Vec<Section<'c>>,
}

/// One section of the report.
pub(crate) enum Section<'c> {
    KeyPoints(KeyPoints),
    Documents(Vec<MetaRow>),
    Summary(Figures),
    KeyDiffs(KeyDiffTable),
    Pairs(Vec<PairView<'c>>),
    Notes(Vec<LooseNote>),
}

impl Section<'_> {
    /// The section's title, as every format prints it.
    pub fn title(&self, w: &Words) -> &'static str {
        w.sections[match self {
            Section::KeyPoints(_) => 0,
            Section::Documents(_) => 1,
            Section::Summary(_) => 2,
            Section::KeyDiffs(_) => 3,
            Section::Pairs(_) => 4,
            Section::Notes(_) => 5,
        }]
    }
}

/// 要点摘要: the key points (the user's pinned ones first), then how many
/// the user hid, the folded localisation and the counts.
pub(crate) struct KeyPoints {
    pub points: Vec<PointLine>,
    /// `另有 N 项要点已由用户隐藏…`, when the user hid some.
    pub hidden: Option<String>,
    /// `本地化替换 N 处…`, when the comparison has any.
    pub localisation: Option<String>,
    /// `共 N 项对照：…；实质差异 M 处。`, when the summary is on.
    pub counts: Option<String>,
}

impl KeyPoints {
    /// The lines after the points, in order: hidden, localisation, counts.
    pub fn lines(&self) -> impl Iterator<Item = &String> {
        self.hidden
            .iter()
            .chain(&self.localisation)
            .chain(&self.counts)
    }
}

/// One key point: its sentence and the number of its pair when shown.
pub(crate) struct PointLine {
    pub spans: Vec<Span<'static>>,
    pub pair: Option<usize>,
}

/// A row of the metadata table (rows empty on both sides are left out).
pub(crate) struct MetaRow {
    pub label: &'static str,
    pub left: String,
    pub right: String,
}

/// The summary's figures.
pub(crate) struct Figures {
    /// (label, value): pair kinds, key differences, localisation.
    pub counts: Vec<(&'static str, String)>,
    /// (label, value): 左文保留, 右文沿用.
    pub reuse: [(&'static str, String); 2],
    /// `共 N 项对照：相同 3，修改 5，…。`
    pub counts_sentence: String,
    /// `左文 72.4% 的文字在右文中保留；右文 80.1% 的文字沿用左文。`
    pub reuse_sentence: String,
    /// (label, value): how each side's clauses fare (左文条款, 右文条款;
    /// none for a comparison without the counts).
    pub units: Vec<(&'static str, String)>,
    /// The same as a sentence.
    pub units_sentence: Option<String>,
}

impl Figures {
    /// Every item: counts, the clauses of each side, reuse.
    pub fn items(&self) -> impl Iterator<Item = &(&'static str, String)> {
        self.counts.iter().chain(&self.units).chain(&self.reuse)
    }
}

/// The key-difference table.
pub(crate) struct KeyDiffTable {
    /// Substantive key differences in pair order.
    pub rows: Vec<KeyDiffRow>,
    /// `另有非实质差异…`, when some entries are folded under their pairs.
    pub folded: Option<String>,
}

/// One row of the key-difference table.
pub(crate) struct KeyDiffRow {
    /// The 1-based number of its pair in the whole comparison.
    pub pair: usize,
    /// Whether that pair is shown (a link to it has a target).
    pub shown: bool,
    /// `时限` or `时限·更严`.
    pub category: String,
    pub left_path: String,
    pub right_path: String,
    pub left: String,
    pub right: String,
    pub detail: String,
    /// `第3项（左 ¶3 ↔ 右 ¶5）`.
    pub place: String,
}

/// A pair as shown.
pub(crate) struct PairView<'c> {
    /// 1-based number in the whole comparison (stable when a filter hides pairs).
    pub number: usize,
    pub pair: &'c Pair,
    /// `3. 【修改】 相似度 85% · 左 二/（一） ↔ 右 二/（一）`.
    pub heading: String,
    /// `3. 修改 二/（一） ↔ 二/（一）` (the PDF's outline).
    pub bookmark: String,
    /// The left text with its deletions (empty when the side is absent).
    pub left: Vec<Span<'c>>,
    /// The right text with its insertions (empty when the side is absent).
    pub right: Vec<Span<'c>>,
    /// Key differences, folded localisation, notes: the lines under the pair.
    pub remarks: Vec<Remark>,
    /// The notes on this pair (CSV writes their texts and tags apart).
    pub notes: Vec<&'c Note>,
}

/// What a line under a pair says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RemarkKind {
    /// A substantive key difference.
    KeyDiff,
    /// Localisation or another non-substantive entry, folded into one line.
    Folded,
    /// The user's note.
    Note,
}

/// A line under a pair: `{head}〔{tag}〕：{body}`.
pub(crate) struct Remark {
    pub kind: RemarkKind,
    /// `重点差异`, `本地化替换 3 处`, `非实质差异`, `备注`.
    pub head: String,
    /// The category (`时限·更严`), when the line has one.
    pub tag: Option<String>,
    /// The direction in the category, when it has one (CSV writes it after
    /// the body).
    pub direction: Option<&'static str>,
    pub body: String,
}

impl Remark {
    /// The line as DOCX, PDF, HTML and Markdown print it.
    pub fn line(&self, w: &Words) -> String {
        match &self.tag {
            Some(t) => format!("{}{}{}{}", self.head, w.tag(t), w.colon, self.body),
            None => format!("{}{}{}", self.head, w.colon, self.body),
        }
    }
}

/// A note that matches no pair: where it was meant to go, and its line.
pub(crate) struct LooseNote {
    /// `左 ¶3 ↔ 右 —`.
    pub target: String,
    /// `〔tag〕text`.
    pub line: String,
}
