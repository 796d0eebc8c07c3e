//! The matrix report, built once from a [`Matrix`]: every label, cell text,
//! badge and sentence worded here; the renderers only lay it out.

use policydiff_model::{CellKind, KeyDiff, Matrix, MatrixCell, MatrixRow};

use crate::document::{category, one_line, percent, percent1};
use crate::{clean_text, key_diff_label};

/// The report's title.
pub(crate) const MATRIX_TITLE: &str = "覆盖矩阵分析报告";
/// The most document columns in one table of the briefing formats (an A4
/// page holds the unit column and six cells of about four characters).
pub(crate) const GROUP: usize = 6;
/// Head of the unit column.
pub(crate) const UNIT_HEAD: &str = "基准条款";
/// Head of the adoption column.
pub(crate) const ADOPTED_HEAD: &str = "采纳";
/// Column heads of a document's key-difference table.
pub(crate) const KEY_DIFF_HEAD: [&str; 4] = ["基准条款", "对应条款", "类别", "说明"];
/// Column heads of the documents table.
pub(crate) const DOCS_HEAD: [&str; 5] = ["序号", "文件", "文号", "覆盖率", "构成"];
/// Said when a document has no substantive key difference.
pub(crate) const NO_KEY_DIFFS: &str = "未发现关键差异。";
/// Said when a document has no additions.
pub(crate) const NO_ADDITIONS: &str = "无新增条款。";
/// Said when the base has no units.
pub(crate) const NO_ROWS: &str = "基准文件没有可比对的条款。";

/// The symbol of a cell kind: `●` same, `◐` modified, `◇` related, `×` missing.
pub fn cell_symbol(kind: CellKind) -> &'static str {
    match kind {
        CellKind::Same => "●",
        CellKind::Modified => "◐",
        CellKind::Related => "◇",
        CellKind::Missing => "×",
    }
}

/// The word of a cell kind: 相同, 修改, 相关, 缺失.
pub fn cell_word(kind: CellKind) -> &'static str {
    match kind {
        CellKind::Same => "相同",
        CellKind::Modified => "修改",
        CellKind::Related => "相关",
        CellKind::Missing => "缺失",
    }
}

/// The badge of a key difference: its category and direction (`时限·更严`,
/// `责任单位`), `None` for a non-substantive one (localisation and the like,
/// which are only counted).
pub fn badge(k: &KeyDiff) -> Option<String> {
    k.substantive.then(|| category(k))
}

/// The whole matrix report.
pub(crate) struct MatrixReport {
    /// `以《基准》为基准，对照 3 份文件`.
    pub subtitle: String,
    /// The base's title.
    pub base_title: String,
    /// The base's 文号, empty when unknown.
    pub base_number: String,
    /// `基准文件：《…》（粤办函〔2023〕41号）`.
    pub base_line: String,
    /// The legend: `● 相同 ◐ 修改 …` with what each means.
    pub legend: String,
    /// One per compared document, in column order.
    pub columns: Vec<Column>,
    /// One per base unit, in the matrix's row order.
    pub rows: Vec<RowView>,
    /// Per document, in column order.
    pub key_diffs: Vec<DocKeyDiffs>,
    /// Per document, in column order.
    pub additions: Vec<DocAdditions>,
}

/// A compared document.
pub(crate) struct Column {
    /// 1-based column number.
    pub number: usize,
    /// `1 佛山`: the number and the document's short name
    /// ([`policydiff_model::MatrixDoc::name`]), the column head of the narrow formats.
    pub head: String,
    /// Title.
    pub title: String,
    /// 文号, empty when unknown.
    pub doc_number: String,
    /// `87.5%`.
    pub coverage: String,
    /// The coverage as a number, 0.0–1.0.
    pub coverage_value: f64,
    /// `相同 5，修改 19，相关 0，缺失 0；新增 2`.
    pub counts: String,
    /// The same counts as numbers: same, modified, related, missing, additions.
    pub tally: [usize; 5],
    /// `1. 佛山市…（佛府办函〔2023〕75号）`.
    pub heading: String,
}

/// A row: a base unit and its cells.
pub(crate) struct RowView {
    /// Clause path.
    pub path: String,
    /// `二/（二）/4 完善诉求响应协调机制`: the path with the [`RowView::gist`].
    pub name: String,
    /// The heading, or the text's opening words: `完善诉求响应协调机制`.
    pub gist: String,
    /// The unit's full text.
    pub text: String,
    /// `2/3`.
    pub adopted_text: String,
    /// One per document.
    pub cells: Vec<CellView>,
}

/// A cell as shown.
pub(crate) struct CellView {
    pub kind: CellKind,
    /// `◐ 修改 85%` (no percentage for same and missing).
    pub head: String,
    /// `→ 二/（二）/1、二/（二）/2`, when paired.
    pub paths: Option<String>,
    /// Badges of the substantive key differences, each once.
    pub badges: Vec<String>,
}

impl CellView {
    /// The cell's lines: head, paths, badges.
    pub fn lines(&self) -> Vec<&str> {
        let mut out = vec![self.head.as_str()];
        out.extend(self.paths.as_deref());
        out.extend(self.badges.iter().map(String::as_str));
        out
    }

    /// The cell on one line, parts separated by `；`.
    pub fn one_line(&self) -> String {
        self.lines().join("；")
    }

    /// The symbol alone, with `!` when the cell has badges (the text table).
    pub fn mark(&self) -> String {
        let s = cell_symbol(self.kind);
        if self.badges.is_empty() {
            s.to_owned()
        } else {
            format!("{s}!")
        }
    }
}

/// One document's key differences.
pub(crate) struct DocKeyDiffs {
    pub heading: String,
    pub rows: Vec<KeyDiffLine>,
    /// `另有非实质差异 N 处…`, when there are some.
    pub folded: Option<String>,
}

/// One key difference of one cell.
pub(crate) struct KeyDiffLine {
    pub base_path: String,
    pub doc_paths: String,
    /// `时限·更严`.
    pub category: String,
    pub detail: String,
}

impl KeyDiffLine {
    /// The line as the text and the lists print it.
    pub fn sentence(&self) -> String {
        format!(
            "{} → {}〔{}〕{}",
            self.base_path, self.doc_paths, self.category, self.detail
        )
    }
}

/// One document's additions.
pub(crate) struct DocAdditions {
    pub heading: String,
    /// (path, label, text) of each added unit, in reading order.
    pub units: Vec<(String, String, String)>,
    /// What the briefing formats and the text print instead of the list for
    /// a document that adopted nothing: every unit is an addition, and
    /// listing them would repeat the document (the XLSX lists them all).
    pub summary: Option<String>,
}

impl MatrixReport {
    /// Build the report of `m`.
    pub fn build(m: &Matrix) -> MatrixReport {
        let columns: Vec<Column> = m
            .documents
            .iter()
            .enumerate()
            .map(|(i, d)| {
                let c = &d.counts;
                let short = clean_text(&d.name);
                let title = clean_text(&d.info.meta.title);
                let doc_number = d
                    .info
                    .meta
                    .doc_number
                    .as_deref()
                    .map(clean_text)
                    .unwrap_or_default();
                Column {
                    number: i + 1,
                    head: format!("{} {short}", i + 1),
                    heading: if doc_number.is_empty() {
                        format!("{}. {title}", i + 1)
                    } else {
                        format!("{}. {title}（{doc_number}）", i + 1)
                    },
                    title,
                    doc_number,
                    coverage: percent1(d.coverage),
                    coverage_value: d.coverage,
                    tally: [c.same, c.modified, c.related, c.missing, c.additions],
                    counts: format!(
                        "相同 {}，修改 {}，相关 {}，缺失 {}；新增 {}",
                        c.same, c.modified, c.related, c.missing, c.additions
                    ),
                }
            })
            .collect();
        let n = columns.len();
        let rows = m.rows.iter().map(|r| row_view(r, n)).collect();
        let key_diffs = columns
            .iter()
            .enumerate()
            .map(|(j, col)| doc_key_diffs(m, j, col))
            .collect();
        let additions = columns
            .iter()
            .zip(&m.documents)
            .zip(&m.additions)
            .map(|((col, d), a)| {
                let adopted_nothing =
                    d.counts.same + d.counts.modified + d.counts.related == 0 && !m.rows.is_empty();
                DocAdditions {
                    heading: col.heading.clone(),
                    units: a
                        .units
                        .iter()
                        .map(|u| {
                            (
                                clean_text(&u.path),
                                clean_text(&u.label),
                                clean_text(&u.text),
                            )
                        })
                        .collect(),
                    summary: (adopted_nothing && a.units.len() > 3).then(|| {
                        format!(
                            "与基准无对应条款，其 {} 个条款均未与基准对应，从略。",
                            a.units.len()
                        )
                    }),
                }
            })
            .collect();
        let base_title = clean_text(&m.base.meta.title);
        let base_number = m.base.meta.doc_number.as_deref().map(clean_text);
        MatrixReport {
            subtitle: format!("以《{base_title}》为基准，对照 {n} 份文件"),
            base_line: match &base_number {
                Some(num) => format!("基准文件：《{base_title}》（{num}）"),
                None => format!("基准文件：《{base_title}》"),
            },
            base_title,
            base_number: base_number.unwrap_or_default(),
            legend: format!(
                "图例：{} {}（原样采纳）  {} {}（采纳并修改，含拆分、合并、移动）  {} {}（仅主题相关）  {} {}（未采纳）；百分比为相似度，→ 后为对应条款，其后为关键差异。",
                cell_symbol(CellKind::Same),
                cell_word(CellKind::Same),
                cell_symbol(CellKind::Modified),
                cell_word(CellKind::Modified),
                cell_symbol(CellKind::Related),
                cell_word(CellKind::Related),
                cell_symbol(CellKind::Missing),
                cell_word(CellKind::Missing),
            ),
            columns,
            rows,
            key_diffs,
            additions,
        }
    }

    /// The columns in groups of at most [`GROUP`] (the briefing formats'
    /// tables), as (first column index, columns).
    pub fn groups(&self) -> Vec<(usize, &[Column])> {
        self.columns
            .chunks(GROUP)
            .enumerate()
            .map(|(i, g)| (i * GROUP, g))
            .collect()
    }
}

fn row_view(r: &MatrixRow, n: usize) -> RowView {
    let adopted = r.adopted();
    let path = clean_text(&r.unit.path);
    let gist = unit_gist(r.unit.heading.as_deref(), &r.unit.label, &r.unit.text);
    RowView {
        name: format!("{path} {gist}").trim().to_owned(),
        gist,
        path,
        text: clean_text(&r.unit.text),
        adopted_text: format!("{adopted}/{n}"),
        cells: r.cells.iter().map(cell_view).collect(),
    }
}

fn cell_view(c: &MatrixCell) -> CellView {
    let mut head = format!("{} {}", cell_symbol(c.kind), cell_word(c.kind));
    if matches!(c.kind, CellKind::Modified | CellKind::Related) {
        head.push(' ');
        head.push_str(&percent(c.similarity));
    }
    let mut badges: Vec<String> = Vec::new();
    for b in c.key_diffs.iter().filter_map(badge) {
        if !badges.contains(&b) {
            badges.push(b);
        }
    }
    CellView {
        kind: c.kind,
        head,
        paths: (!c.paths.is_empty()).then(|| {
            let paths: Vec<String> = c.paths.iter().map(|p| clean_text(p)).collect();
            format!("→ {}", paths.join("、"))
        }),
        badges,
    }
}

fn doc_key_diffs(m: &Matrix, j: usize, col: &Column) -> DocKeyDiffs {
    let mut rows = Vec::new();
    let mut folded = 0;
    for r in &m.rows {
        let Some(cell) = r.cells.get(j) else { continue };
        for k in &cell.key_diffs {
            if !k.substantive {
                folded += 1;
                continue;
            }
            rows.push(KeyDiffLine {
                base_path: clean_text(&r.unit.path),
                doc_paths: cell
                    .paths
                    .iter()
                    .map(|p| clean_text(p))
                    .collect::<Vec<_>>()
                    .join("、"),
                category: category(k),
                detail: one_line(&k.detail),
            });
        }
    }
    DocKeyDiffs {
        heading: format!("{}：覆盖 {}（{}）", col.heading, col.coverage, col.counts),
        rows,
        folded: (folded > 0).then(|| {
            format!(
                "另有非实质差异 {folded} 处（如{}），未列出。",
                key_diff_label(policydiff_model::KeyDiffKind::Localisation)
            )
        }),
    }
}

/// The heading, or the text's first sixteen characters after the label.
fn unit_gist(heading: Option<&str>, label: &str, text: &str) -> String {
    match heading {
        Some(h) if !h.trim().is_empty() => one_line(h),
        _ => {
            let t = one_line(text.strip_prefix(label).unwrap_or(text));
            let t = t.trim();
            let mut s: String = t.chars().take(16).collect();
            if t.chars().count() > 16 {
                s.push('…');
            }
            s
        }
    }
}
