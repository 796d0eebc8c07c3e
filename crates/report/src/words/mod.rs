//! Every word a report says of its own, in the report's language
//! ([`ReportLang`]): titles, section names, table heads, labels, the legend,
//! the sentences around the figures. Chinese ([`zh`]) and English ([`en`])
//! are two values of one table, [`Words`]; the sentences with figures in
//! them are methods that word them once per language. The documents' own
//! text is never translated: it is quoted as written.
//!
//! A key difference or key point is said in Chinese by its engine sentence
//! (`detail`); in English it is worded from its parts ([`key_parts`]), as
//! the UI does.

use policydiff_model::{CellKind, Direction, KeyDiffKind, Level, PairKind, ReportLang, SideCounts};

mod en;
pub use en::stored_unit_path;
pub(crate) mod key_parts;
mod matrix;
mod zh;

/// The fixed words of one language.
pub(crate) struct Words {
    pub lang: ReportLang,
    /// `zh-CN`, `en`: the HTML page's and the PDF's language.
    pub tag: &'static str,
    /// Punctuation: `：`, `，`, `；`, `（`, `）` and their English forms.
    pub colon: &'static str,
    pub comma: &'static str,
    pub semicolon: &'static str,
    pub open: &'static str,
    pub close: &'static str,
    /// A list of paths: `、` / `, `.
    pub list: &'static str,
    /// Between a category and its direction: `时限·更严`.
    pub dot: &'static str,
    /// `左`, `右`: the sides as labels (`左：…`) and in places (`左 ¶3`).
    pub left: &'static str,
    pub right: &'static str,
    pub report_title: &'static str,
    pub no_pairs: &'static str,
    pub no_key_diffs: &'static str,
    pub key_diff_head: [&'static str; 6],
    /// Widths of the key-difference table's columns in DOCX twips (of an
    /// 8845-twip text block; the PDF uses the same proportions): English
    /// categories (`Responsible units`) need a wider column than `责任单位`.
    pub key_diff_widths: [usize; 6],
    pub meta_head: [&'static str; 3],
    /// Section titles: key points, documents, summary, key differences,
    /// pairs, loose notes.
    pub sections: [&'static str; 6],
    /// The legend around its two looks: before, after the deleted look,
    /// after the inserted look.
    pub legend: [&'static str; 3],
    /// The two looks as DOCX, PDF and HTML show them.
    pub looks: (&'static str, &'static str),
    /// The two looks as Markdown shows them.
    pub markdown_looks: (&'static str, &'static str),
    pub pinned: &'static str,
    /// Metadata rows: title, number, issuer, date, level, source, remarks.
    pub meta: [&'static str; 7],
    /// A fragment's and an excerpt's remark.
    pub fragment: &'static str,
    pub excerpt: &'static str,
    /// Province, city, district, other.
    pub levels: [&'static str; 4],
    /// Same, modified, moved, split, merged, related, left only, right only.
    pub kinds: [&'static str; 8],
    /// [`KeyDiffKind`] in declaration order.
    pub key_kinds: [&'static str; 11],
    /// Stricter, looser, changed.
    pub directions: [&'static str; 3],
    /// The summary's key-difference count.
    pub key_diffs_count: &'static str,
    /// 左文保留, 右文沿用.
    pub reuse: [&'static str; 2],
    /// The heads of the lines under a pair: key difference, non-substantive, note.
    pub remark_heads: [&'static str; 3],
    /// 相似度, 关联度 (a topic-level pair).
    pub similarity: &'static str,
    pub relatedness: &'static str,
    pub group: &'static str,
    /// Said of a pair the user made by hand (`Pair::manual`).
    pub manual: &'static str,
    pub csv_head: [&'static str; 12],
    pub matrix: MatrixWords,
}

/// The fixed words of the coverage-matrix report.
pub(crate) struct MatrixWords {
    pub title: &'static str,
    /// Documents, coverage matrix, key differences, additions.
    pub sections: [&'static str; 4],
    pub unit_head: &'static str,
    pub adopted_head: &'static str,
    pub key_diff_head: [&'static str; 4],
    pub docs_head: [&'static str; 5],
    /// Widths of the documents table's columns in DOCX twips (of an
    /// 8845-twip text block; the PDF uses the same proportions).
    pub docs_widths: [usize; 5],
    /// Width of the matrix's adopted column in DOCX twips (the PDF's in
    /// points is a twentieth): `Adopted` needs more room than `采纳`.
    pub adopted_width: usize,
    pub no_additions: &'static str,
    pub no_rows: &'static str,
    /// Same, modified, related, missing.
    pub cells: [&'static str; 4],
    /// What each cell kind means in the legend.
    pub cell_meanings: [&'static str; 4],
    pub legend: (&'static str, &'static str),
    /// `覆盖`, before a coverage figure.
    pub coverage: &'static str,
    /// The additions' word in the counts (`新增`).
    pub additions: &'static str,
    /// CSV heads before the documents: path, label, text; and after: adopted.
    pub csv_head: [&'static str; 4],
    /// XLSX sheet names: matrix, additions, key differences, documents.
    pub sheets: [&'static str; 4],
    /// XLSX heads of the additions sheet.
    pub additions_head: [&'static str; 5],
    /// XLSX heads of the documents sheet (before the cell kinds and additions):
    /// number, title, doc number, coverage.
    pub documents_head: [&'static str; 4],
    /// XLSX: the base's row in the documents sheet.
    pub base: &'static str,
}

/// The words of `lang`.
pub(crate) fn words(lang: ReportLang) -> &'static Words {
    match lang {
        ReportLang::Zh => &zh::WORDS,
        ReportLang::En => &en::WORDS,
    }
}

impl Words {
    fn zh(&self) -> bool {
        self.lang == ReportLang::Zh
    }

    /// The label of a pair kind.
    pub fn kind(&self, k: PairKind) -> &'static str {
        self.kinds[match k {
            PairKind::Same => 0,
            PairKind::Modified => 1,
            PairKind::Moved => 2,
            PairKind::Split => 3,
            PairKind::Merged => 4,
            PairKind::Related => 5,
            PairKind::LeftOnly => 6,
            PairKind::RightOnly => 7,
        }]
    }

    /// The label of a key-difference category.
    pub fn key_kind(&self, k: KeyDiffKind) -> &'static str {
        self.key_kinds[match k {
            KeyDiffKind::Deadline => 0,
            KeyDiffKind::Percentage => 1,
            KeyDiffKind::Amount => 2,
            KeyDiffKind::Quantity => 3,
            KeyDiffKind::Scope => 4,
            KeyDiffKind::Responsibility => 5,
            KeyDiffKind::Obligation => 6,
            KeyDiffKind::Condition => 7,
            KeyDiffKind::Localisation => 8,
            KeyDiffKind::DutyRemoved => 9,
            KeyDiffKind::DutyAdded => 10,
        }]
    }

    /// 更严 / 更宽松 / 有变化.
    pub fn direction(&self, d: Direction) -> &'static str {
        self.directions[match d {
            Direction::Stricter => 0,
            Direction::Looser => 1,
            Direction::Changed => 2,
        }]
    }

    pub fn level(&self, l: Level) -> &'static str {
        self.levels[match l {
            Level::Province => 0,
            Level::City => 1,
            Level::District => 2,
            Level::Other => 3,
        }]
    }

    /// The word of a matrix cell kind.
    pub fn cell(&self, k: CellKind) -> &'static str {
        self.matrix.cells[cell_index(k)]
    }

    /// What a matrix cell kind means (the legend).
    pub fn cell_meaning(&self, k: CellKind) -> &'static str {
        self.matrix.cell_meanings[cell_index(k)]
    }

    /// `一、要点摘要` / `1. Key points`: a section title with its number (1-based).
    pub fn numbered(&self, number: usize, title: &str) -> String {
        if !self.zh() {
            return format!("{number}. {title}");
        }
        let n = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"]
            .get(number.wrapping_sub(1))
            .copied()
            .unwrap_or("十");
        format!("{n}、{title}")
    }

    /// `text（aside）` / `text (aside)`.
    pub fn paren(&self, text: &str, aside: &str) -> String {
        format!("{text}{}{aside}{}", self.open, self.close)
    }

    /// `《左》与《右》` / `“left” vs “right”`.
    pub fn subtitle(&self, left: &str, right: &str) -> String {
        if self.zh() {
            format!("《{left}》与《{right}》")
        } else {
            format!("“{left}” vs “{right}”")
        }
    }

    /// A unit's path as the report shows it: cleaned, and in English the
    /// parser's names of un-numbered units in English, as the UI shows them
    /// (`标题` Title, `印发通知` Cover notice, `落款` Signature, `序言`
    /// Preamble, `段3` ¶3, `款2` Para. 2; a repeat's `#2` kept). The
    /// document's own numbering (`二/（一）/1`) is quoted as written.
    pub fn path(&self, raw: &str) -> String {
        let clean = crate::clean_text(raw);
        if self.zh() {
            return clean;
        }
        clean
            .split('/')
            .map(en::unit_segment)
            .collect::<Vec<_>>()
            .join("/")
    }

    /// `左 ¶3 ↔ 右 ¶5` / `left ¶3 ↔ right ¶5`.
    pub fn place(&self, left: &str, right: &str) -> String {
        if self.zh() {
            format!("左 {left} ↔ 右 {right}")
        } else {
            format!("left {left} ↔ right {right}")
        }
    }

    /// `第3项` / `Pair 3`.
    pub fn pair_ref(&self, n: usize) -> String {
        if self.zh() {
            format!("第{n}项")
        } else {
            format!("Pair {n}")
        }
    }

    /// `（同上，全文见第3项）` / ` (as above; in full under Pair 3)`: said of
    /// a clause an earlier pair shows in full.
    pub fn as_above(&self, n: usize) -> String {
        if self.zh() {
            format!("（同上，全文见{}）", self.pair_ref(n))
        } else {
            format!(" (as above; in full under {})", self.pair_ref(n))
        }
    }

    /// `第3项（左 ¶3 ↔ 右 ¶5）`.
    pub fn pair_place(&self, n: usize, left: &str, right: &str) -> String {
        self.paren(&self.pair_ref(n), &self.place(left, right))
    }

    /// The place cell of the key-difference tables of DOCX and PDF:
    /// `第3项`, `左 ¶3`, `右 ¶5` on three lines.
    pub fn pair_cell(&self, n: usize, left: &str, right: &str) -> String {
        format!(
            "{}\n{} {left}\n{} {right}",
            self.pair_ref(n),
            self.left,
            self.right
        )
    }

    /// `左：title` / `Left: title`, the comparison table's column heads.
    pub fn side_head(&self, left: bool, title: &str) -> String {
        let side = if left { self.left } else { self.right };
        format!("{side}{}{title}", self.colon)
    }

    /// `另有 N 项要点已由用户隐藏，未列出。`
    pub fn hidden_points(&self, n: usize) -> String {
        match (self.zh(), n) {
            (true, _) => format!("另有 {n} 项要点已由用户隐藏，未列出。"),
            (false, 1) => "1 more key point, hidden by the user, is not listed.".into(),
            (false, _) => format!("{n} more key points, hidden by the user, are not listed."),
        }
    }

    /// The folded localisation line of the key points.
    pub fn localisation_line(&self, substitutions: usize, entries: usize) -> String {
        if self.zh() {
            format!("本地化替换 {substitutions} 处（涉及 {entries} 项），为对应机构、地域的层级替换，已在各项下折叠，不计入要点。")
        } else {
            format!(
                "{} in {} (counterpart bodies and places one level down), folded under their pairs and not counted as key points.",
                self.substitutions(substitutions),
                count(entries, "pair", "pairs")
            )
        }
    }

    /// `本地化替换 3 处` / `3 localisation substitutions`.
    pub fn substitutions(&self, n: usize) -> String {
        if self.zh() {
            format!("{} {n} 处", self.key_kind(KeyDiffKind::Localisation))
        } else {
            count(n, "localisation substitution", "localisation substitutions")
        }
    }

    /// `共 N 项对照：相同 3，修改 5；重点差异 K 条，其中实质性 M 条。` (the key
    /// points' counts: rows are 项/处, findings 条, as in the app).
    pub fn points_counts(
        &self,
        pairs: usize,
        kinds: &[String],
        key_diffs: usize,
        substantive: usize,
    ) -> String {
        let kinds = kinds.join(self.comma);
        if self.zh() {
            format!(
                "共 {pairs} 项对照：{kinds}；重点差异 {key_diffs} 条，其中实质性 {substantive} 条。"
            )
        } else {
            format!(
                "{}: {kinds}; {}, {substantive} of them substantive.",
                count(pairs, "clause pair", "clause pairs"),
                count(key_diffs, "finding", "findings"),
            )
        }
    }

    /// The summary's key-differences figure: `34（实质性 20）` / `34 (20 substantive)`.
    pub fn key_diffs_figure(&self, key_diffs: usize, substantive: usize) -> String {
        if self.zh() {
            format!("{key_diffs}（实质性 {substantive}）")
        } else {
            format!("{key_diffs} ({substantive} substantive)")
        }
    }

    /// `共 N 项对照：相同 3，修改 5，…。` (the summary's counts).
    pub fn pairs_counts(&self, pairs: usize, items: &[String]) -> String {
        let items = items.join(self.comma);
        if self.zh() {
            format!("共 {pairs} 项对照：{items}。")
        } else {
            format!("{}: {items}.", count(pairs, "clause pair", "clause pairs"))
        }
    }

    /// How one side's clauses fare, as a summary item: its label and value
    /// (`左文条款` / `11 条（沿用或修改 0，主题相关 10，无对应 1）`).
    pub fn side_counts(&self, left: bool, c: &SideCounts) -> (&'static str, String) {
        let (label, taken) = match (self.zh(), left) {
            (true, true) => ("左文条款", "沿用或修改"),
            (true, false) => ("右文条款", "来自左文"),
            (false, true) => ("Left clauses", "taken over"),
            (false, false) => ("Right clauses", "from the left"),
        };
        let (n, m, r, none) = (c.units, c.matched, c.related, c.unpaired());
        let value = if self.zh() {
            format!("{n} 条（{taken} {m}，主题相关 {r}，无对应 {none}）")
        } else {
            format!("{n} ({taken} {m}, related {r}, no counterpart {none})")
        };
        (label, value)
    }

    /// The two sides' clause counts as a sentence: `左文 11 条条款中，0 条在右文中沿用或修改，10 条仅主题相关，1 条无对应；右文 45 条中，…。`
    pub fn side_counts_sentence(&self, l: &SideCounts, r: &SideCounts) -> String {
        let none = SideCounts::unpaired;
        if self.zh() {
            format!(
                "左文 {} 条条款中，{} 条在右文中沿用或修改，{} 条仅主题相关，{} 条无对应；右文 {} 条中，{} 条来自左文，{} 条仅主题相关，{} 条无对应。",
                l.units, l.matched, l.related, none(l), r.units, r.matched, r.related, none(r)
            )
        } else {
            format!(
                "Of the left document's {} clauses, {} are taken over by the right one (changed or not), {} correspond in topic only and {} have no counterpart; of the right document's {}, {} come from the left one, {} correspond in topic only and {} have none.",
                l.units, l.matched, l.related, none(l), r.units, r.matched, r.related, none(r)
            )
        }
    }

    /// `左文 72.4% 的文字在右文中保留；右文 80.1% 的文字沿用左文。`
    pub fn reuse_sentence(&self, left: &str, right: &str) -> String {
        if self.zh() {
            format!("左文 {left} 的文字在右文中保留；右文 {right} 的文字沿用左文。")
        } else {
            format!("{left} of the left text is kept in the right one; {right} of the right text comes from the left one.")
        }
    }

    /// The line under the key-difference table about the folded entries.
    pub fn folded_key_diffs(&self, folded: usize, pairs: usize, substitutions: usize) -> String {
        if self.zh() {
            let local = if substitutions > 0 {
                format!("，其中本地化替换 {substitutions} 处")
            } else {
                String::new()
            };
            format!("另有非实质差异 {folded} 条（涉及 {pairs} 项{local}），已折叠在逐条对比的各项下，不列入本表。")
        } else {
            let local = if substitutions > 0 {
                format!(", {} among them", self.substitutions(substitutions))
            } else {
                String::new()
            };
            format!(
                "{} more non-substantive {} (in {}{local}) {} folded under their pairs, not listed in this table.",
                folded,
                if folded == 1 { "difference" } else { "differences" },
                count(pairs, "pair", "pairs"),
                if folded == 1 { "is" } else { "are" }
            )
        }
    }

    /// `3. 【修改】` / `3. [Modified]`.
    pub fn pair_kind_head(&self, number: usize, kind: PairKind) -> String {
        if self.zh() {
            format!("{number}. 【{}】", self.kind(kind))
        } else {
            format!("{number}. [{}]", self.kind(kind))
        }
    }

    /// `〔tag〕` / `[tag] ` around a note's tag or a remark's category.
    pub fn tag(&self, tag: &str) -> String {
        if self.zh() {
            format!("〔{tag}〕")
        } else {
            format!(" [{tag}]")
        }
    }

    /// A note as one line: `〔tag〕text` / `[tag] text`.
    pub fn note_line(&self, tag: Option<&str>, text: &str) -> String {
        match (tag, self.zh()) {
            (Some(t), true) => format!("〔{t}〕{text}"),
            (Some(t), false) => format!("[{t}] {text}"),
            (None, _) => text.to_owned(),
        }
    }
}

fn cell_index(k: CellKind) -> usize {
    match k {
        CellKind::Same => 0,
        CellKind::Modified => 1,
        CellKind::Related => 2,
        CellKind::Missing => 3,
    }
}

/// `1 pair`, `3 pairs`.
pub(crate) fn count(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}
