//! The matrix report, built once from a [`Matrix`]: every label, cell text,
//! badge and sentence worded here; the renderers only lay it out.

use policydiff_model::{CellKind, KeyDiff, Matrix, MatrixCell, MatrixRow, ReportLang};

use crate::clean_text;
use crate::document::{category, one_line, percent, percent1};
use crate::words::key_parts::key_diff_text;
use crate::words::{words, Words};

/// The most document columns in one table of the briefing formats (an A4
/// page holds the unit column and six cells of about four characters).
pub(crate) const GROUP: usize = 6;

/// The symbol of a cell kind: `●` same, `◐` modified, `◇` related, `×` missing.
pub fn cell_symbol(kind: CellKind) -> &'static str {
    match kind {
        CellKind::Same => "●",
        CellKind::Modified => "◐",
        CellKind::Related => "◇",
        CellKind::Missing => "×",
    }
}

/// The badge of a key difference in `w`'s language: its category and
/// direction (`时限·更严`, `责任单位`), `None` for a non-substantive one
/// (localisation and the like, which are only counted).
fn badge(w: &Words, k: &KeyDiff) -> Option<String> {
    k.substantive.then(|| category(w, k))
}

/// The whole matrix report.
pub(crate) struct MatrixReport {
    /// The report's own words, in its language.
    pub words: &'static Words,
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
    /// A row that is not counted (the title, a bare heading, …) and has no
    /// counterpart in this document: a plain `—`, not a missing item.
    pub blank: bool,
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
        let s = if self.blank {
            "—"
        } else {
            cell_symbol(self.kind)
        };
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
    pub fn sentence(&self, w: &Words) -> String {
        w.matrix_key_diff(
            &self.base_path,
            &self.doc_paths,
            &self.category,
            &self.detail,
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
    /// Build the report of `m` in `lang`.
    pub fn build(m: &Matrix, lang: ReportLang) -> MatrixReport {
        let w = words(lang);
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
                        format!("{}. {}", i + 1, w.paren(&title, &doc_number))
                    },
                    title,
                    doc_number,
                    coverage: percent1(d.coverage),
                    coverage_value: d.coverage,
                    tally: [c.same, c.modified, c.related, c.missing, c.additions],
                    counts: w.matrix_counts([
                        c.same,
                        c.modified,
                        c.related,
                        c.missing,
                        c.additions,
                    ]),
                }
            })
            .collect();
        let n = columns.len();
        let rows = m.rows.iter().map(|r| row_view(w, r, n)).collect();
        let key_diffs = columns
            .iter()
            .enumerate()
            .map(|(j, col)| doc_key_diffs(w, m, j, col))
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
                        .map(|u| (w.path(&u.path), clean_text(&u.label), clean_text(&u.text)))
                        .collect(),
                    summary: (adopted_nothing && a.units.len() > 3)
                        .then(|| w.nothing_adopted(a.units.len())),
                }
            })
            .collect();
        let base_title = clean_text(&m.base.meta.title);
        let base_number = m.base.meta.doc_number.as_deref().map(clean_text);
        MatrixReport {
            words: w,
            subtitle: w.matrix_subtitle(&base_title, n),
            base_line: w.base_line(&base_title, base_number.as_deref()),
            base_title,
            base_number: base_number.unwrap_or_default(),
            legend: w.matrix_legend(cell_symbol),
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

fn row_view(w: &Words, r: &MatrixRow, n: usize) -> RowView {
    let adopted_text = r
        .adopted()
        .map_or_else(|| "—".to_owned(), |a| format!("{a}/{n}"));
    let path = w.path(&r.unit.path);
    let gist = unit_gist(r.unit.heading.as_deref(), &r.unit.label, &r.unit.text);
    RowView {
        name: format!("{path} {gist}").trim().to_owned(),
        gist,
        path,
        text: clean_text(&r.unit.text),
        adopted_text,
        cells: r
            .cells
            .iter()
            .map(|c| cell_view(w, c, r.unit.structural))
            .collect(),
    }
}

/// A cell of a row; `uncounted` for a row not counted (see
/// [`policydiff_model::MatrixUnit::structural`]).
fn cell_view(w: &Words, c: &MatrixCell, uncounted: bool) -> CellView {
    let blank = uncounted && c.kind == CellKind::Missing;
    let mut head = if blank {
        "—".to_owned()
    } else {
        format!("{} {}", cell_symbol(c.kind), w.cell(c.kind))
    };
    if matches!(c.kind, CellKind::Modified | CellKind::Related) {
        head.push(' ');
        head.push_str(&percent(c.similarity));
    }
    let mut badges: Vec<String> = Vec::new();
    for b in c.key_diffs.iter().filter_map(|k| badge(w, k)) {
        if !badges.contains(&b) {
            badges.push(b);
        }
    }
    CellView {
        kind: c.kind,
        blank,
        head,
        paths: (!c.paths.is_empty()).then(|| {
            let paths: Vec<String> = c.paths.iter().map(|p| w.path(p)).collect();
            format!("→ {}", paths.join(w.list))
        }),
        badges,
    }
}

fn doc_key_diffs(w: &Words, m: &Matrix, j: usize, col: &Column) -> DocKeyDiffs {
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
                base_path: w.path(&r.unit.path),
                doc_paths: cell
                    .paths
                    .iter()
                    .map(|p| w.path(p))
                    .collect::<Vec<_>>()
                    .join(w.list),
                category: category(w, k),
                detail: one_line(&key_diff_text(k, w)),
            });
        }
    }
    DocKeyDiffs {
        heading: format!(
            "{}{}{}",
            col.heading,
            w.colon,
            w.paren(&w.coverage(&col.coverage), &col.counts)
        ),
        rows,
        folded: (folded > 0).then(|| w.matrix_folded(folded)),
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
