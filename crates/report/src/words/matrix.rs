//! The sentences of the coverage-matrix report, in either language.

use policydiff_model::{CellKind, KeyDiffKind};

use super::{count, MatrixWords, Words};

impl MatrixWords {
    /// The heads of the XLSX key-difference sheet: the additions sheet's
    /// number and document, then the report's key-difference columns.
    pub fn xlsx_key_diffs_head(&self) -> [&'static str; 6] {
        let [base, found, category, detail] = self.key_diff_head;
        let [no, doc, ..] = self.additions_head;
        [no, doc, base, found, category, detail]
    }
}

impl Words {
    /// `相同 5，修改 19，相关 0，缺失 0；新增 2`.
    pub fn matrix_counts(&self, tally: [usize; 5]) -> String {
        let [same, modified, related, missing, added] = tally;
        let c = |k| self.cell(k);
        format!(
            "{} {same}{comma}{} {modified}{comma}{} {related}{comma}{} {missing}{}{} {added}",
            c(CellKind::Same),
            c(CellKind::Modified),
            c(CellKind::Related),
            c(CellKind::Missing),
            self.semicolon,
            self.matrix.additions,
            comma = self.comma,
        )
    }

    /// `以《基准》为基准，对照 3 份文件`.
    pub fn matrix_subtitle(&self, base: &str, n: usize) -> String {
        if self.zh() {
            format!("以《{base}》为基准，对照 {n} 份文件")
        } else {
            format!(
                "{} compared with “{base}” as the base",
                count(n, "document", "documents")
            )
        }
    }

    /// `基准文件：《…》（粤办函〔2023〕41号）`.
    pub fn base_line(&self, base: &str, number: Option<&str>) -> String {
        let line = if self.zh() {
            format!("基准文件：《{base}》")
        } else {
            format!("Base document: “{base}”")
        };
        match number {
            Some(n) => self.paren(&line, n),
            None => line,
        }
    }

    /// The legend: each cell's symbol, word and meaning.
    pub fn matrix_legend(&self, symbol: impl Fn(CellKind) -> &'static str) -> String {
        let items: Vec<String> = [
            CellKind::Same,
            CellKind::Modified,
            CellKind::Related,
            CellKind::Missing,
        ]
        .into_iter()
        .map(|k| {
            self.paren(
                &format!("{} {}", symbol(k), self.cell(k)),
                self.cell_meaning(k),
            )
        })
        .collect();
        let (lead, tail) = self.matrix.legend;
        format!("{lead}{}{tail}", items.join("  "))
    }

    /// `二/（一） → 二/（二）〔时限·更严〕…` / `… [Deadline · stricter] …`.
    pub fn matrix_key_diff(&self, base: &str, paths: &str, category: &str, detail: &str) -> String {
        if self.zh() {
            format!("{base} → {paths}〔{category}〕{detail}")
        } else {
            format!("{base} → {paths} [{category}] {detail}")
        }
    }

    /// `覆盖 87.5%`.
    pub fn coverage(&self, share: &str) -> String {
        format!("{} {share}", self.matrix.coverage)
    }

    /// What a document that adopted nothing says instead of its `n` additions.
    pub fn nothing_adopted(&self, n: usize) -> String {
        if self.zh() {
            format!("与基准无对应条款，其 {n} 个条款均未与基准对应，从略。")
        } else {
            format!("No clause matches the base: its {n} clauses are all additions, not listed.")
        }
    }

    /// `另有非实质差异 N 处（如本地化替换），未列出。`
    pub fn matrix_folded(&self, n: usize) -> String {
        let local = self.key_kind(KeyDiffKind::Localisation);
        if self.zh() {
            format!("另有非实质差异 {n} 处（如{local}），未列出。")
        } else {
            format!(
                "{n} more non-substantive {} (such as {}) {} not listed.",
                if n == 1 { "difference" } else { "differences" },
                local.to_lowercase(),
                if n == 1 { "is" } else { "are" }
            )
        }
    }
}
