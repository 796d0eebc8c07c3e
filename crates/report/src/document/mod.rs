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
//! 关键差异 (the table of substantive key differences, with a line saying
//! how many non-substantive ones are folded under their pairs), 逐条对比 (the
//! pairs), 未对应条款的备注 (notes that match no pair).

use std::borrow::Cow;

use policydiff_model::{Note, Pair};

mod build;
pub(crate) use build::{category, one_line, percent, percent1, selection};

/// The report's title.
pub(crate) const REPORT_TITLE: &str = "对比分析报告";
/// Said when no pair is shown.
pub(crate) const NO_PAIRS: &str = "没有需要显示的条款。";
/// Said when the comparison has no substantive key difference.
pub(crate) const NO_KEY_DIFFS: &str = "未发现关键差异。";
/// Column heads of the key-difference table (every format that has one).
pub(crate) const KEY_DIFF_HEAD: [&str; 6] = ["序号", "类别", "位置", "左", "右", "说明"];
/// Column heads of the metadata table.
pub(crate) const META_HEAD: [&str; 3] = ["项目", "左（原文件）", "右（对照文件）"];

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
/// deleted and inserted looks (e.g. `删除线（红色）`, `下划线（蓝色）`).
pub(crate) fn legend<'a>(deleted: &'a str, inserted: &'a str) -> Vec<Span<'a>> {
    vec![
        Span::plain("说明："),
        Span::new(Mark::Deleted, deleted),
        Span::plain("为左文有、右文删去的文字；"),
        Span::new(Mark::Inserted, inserted),
        Span::plain("为右文新增的文字。"),
    ]
}

/// The legend's names of the two looks in DOCX, PDF and HTML.
pub(crate) const LEGEND_LOOKS: (&str, &str) = ("删除线（红色）", "下划线（蓝色）");

/// The whole report.
pub(crate) struct Document<'c> {
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
    pub fn title(&self) -> &'static str {
        match self {
            Section::KeyPoints(_) => "要点摘要",
            Section::Documents(_) => "比较文件",
            Section::Summary(_) => "概况",
            Section::KeyDiffs(_) => "关键差异",
            Section::Pairs(_) => "逐条对比",
            Section::Notes(_) => "未对应条款的备注",
        }
    }
}

/// `一、要点摘要`: a section title with its number (1-based).
pub(crate) fn numbered(number: usize, title: &str) -> String {
    let n = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"]
        .get(number.wrapping_sub(1))
        .copied()
        .unwrap_or("十");
    format!("{n}、{title}")
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
    /// Number of pairs in the whole comparison.
    pub pairs: usize,
    /// (label, value): pair kinds, key differences, localisation.
    pub counts: Vec<(&'static str, String)>,
    /// (label, value): 左文保留, 右文沿用.
    pub reuse: [(&'static str, String); 2],
}

impl Figures {
    /// `共 N 项对照：相同 3，修改 5，…。`
    pub fn counts_sentence(&self) -> String {
        let counts: Vec<String> = self
            .counts
            .iter()
            .map(|(k, v)| format!("{k} {v}"))
            .collect();
        format!("共 {} 项对照：{}。", self.pairs, counts.join("，"))
    }

    /// `左文 72.4% 的文字在右文中保留；右文 80.1% 的文字沿用左文。`
    pub fn reuse_sentence(&self) -> String {
        format!(
            "左文 {} 的文字在右文中保留；右文 {} 的文字沿用左文。",
            self.reuse[0].1, self.reuse[1].1
        )
    }

    /// Every item, counts then reuse.
    pub fn items(&self) -> impl Iterator<Item = &(&'static str, String)> {
        self.counts.iter().chain(&self.reuse)
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
}

impl KeyDiffRow {
    /// `第3项（左 ¶3 ↔ 右 ¶5）`.
    pub fn place(&self) -> String {
        format!(
            "第{}项（左 {} ↔ 右 {}）",
            self.pair, self.left_path, self.right_path
        )
    }
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
    /// `关键差异`, `本地化替换 3 处`, `非实质差异`, `备注`.
    pub head: String,
    /// The category (`时限·更严`), when the line has one.
    pub tag: Option<String>,
    pub body: String,
}

impl Remark {
    /// The line as DOCX, PDF, HTML and Markdown print it.
    pub fn line(&self) -> String {
        match &self.tag {
            Some(t) => format!("{}〔{t}〕：{}", self.head, self.body),
            None => format!("{}：{}", self.head, self.body),
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
