//! PDF: the text layer, read back into paragraphs.
//!
//! `pdf-extract` decodes the glyphs (fonts, encodings, ToUnicode maps); this
//! module only decides where they go. Glyphs are collected with their
//! positions and put in reading order by position, not by their order in the
//! content stream: LibreOffice, Word and WPS draw “ ” — and other marks from a
//! fallback font in separate text objects, so stream order moves them to the
//! start of a line (measured: plain `pdf-extract` and `lopdf` both get this
//! wrong; sorting by position makes the text identical to the source).
//!
//! Lines are then joined into paragraphs the way a reader sees them: a new
//! paragraph starts after a larger vertical gap, at an indented line (Chinese
//! paragraphs open with a two-character indent), or after a line that stops
//! well short of the right margin; a line that runs on over a page break
//! continues its paragraph. Page numbers in the top or bottom margin
//! (`— 3 —`, `- 3 -`, `第3页 共9页`, `3/9`) are dropped.
//!
//! A PDF without a text layer (a scan) has nothing to read: it is refused with
//! a reason, as is a damaged or password-protected file.

use std::panic::{catch_unwind, AssertUnwindSafe};

use crate::error::{Problem, Refusal};
use pdf_extract::{MediaBox, OutputDev, OutputError, Transform};
use policydiff_model::text::is_cjk_wide;

/// One glyph: its text, position (points from the page's top-left), size.
#[derive(Debug, Clone)]
struct Glyph {
    text: String,
    x: f64,
    end: f64,
    y: f64,
    size: f64,
}

/// One line of a page, left to right.
#[derive(Debug, Clone)]
struct Line {
    text: String,
    x0: f64,
    x1: f64,
    y: f64,
    size: f64,
    /// Index of its page.
    page: usize,
    /// The producer drew a space before its first or after its last mark
    /// (a space that falls on a line break).
    space_before: bool,
    space_after: bool,
}

/// Collects glyphs page by page.
#[derive(Default)]
struct Collector {
    page: usize,
    page_height: f64,
    glyphs: Vec<Glyph>,
    lines: Vec<Line>,
}

impl OutputDev for Collector {
    fn begin_page(
        &mut self,
        page_num: u32,
        media_box: &MediaBox,
        _art_box: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), OutputError> {
        self.page = page_num as usize;
        self.page_height = media_box.ury - media_box.lly;
        self.glyphs.clear();
        Ok(())
    }

    fn end_page(&mut self) -> Result<(), OutputError> {
        let glyphs = std::mem::take(&mut self.glyphs);
        let lines = page_lines(glyphs, self.page);
        self.lines
            .extend(drop_page_numbers(lines, self.page_height));
        Ok(())
    }

    fn output_character(
        &mut self,
        trm: &Transform,
        width: f64,
        _spacing: f64,
        font_size: f64,
        text: &str,
    ) -> Result<(), OutputError> {
        // The size as pdf-extract's own text output measures it: the side of
        // the square with the area of the transformed (size, size) vector.
        let vx = font_size * (trm.m11 + trm.m21);
        let vy = font_size * (trm.m12 + trm.m22);
        let size = (vx * vy).abs().sqrt();
        if !size.is_finite() || size <= 0.0 || text.is_empty() {
            return Ok(());
        }
        let x = trm.m31;
        self.glyphs.push(Glyph {
            text: text.to_string(),
            x,
            end: x + width * size,
            y: self.page_height - trm.m32,
            size,
        });
        Ok(())
    }

    fn begin_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_line(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
}

/// The text of a PDF, one paragraph per line.
///
/// Errors (a reason for the user): not a PDF lopdf can parse, password
/// protected, damaged, or without a text layer.
pub(crate) fn pdf_text(bytes: &[u8]) -> Result<String, Refusal> {
    let mut doc =
        pdf_extract::Document::load_mem(bytes).map_err(|e| format!("not a readable PDF ({e})"))?;
    if doc.is_encrypted() && doc.decrypt("").is_err() {
        return Err(Refusal::new(
            Problem::Protected,
            "the PDF is password-protected; save an unprotected copy",
        ));
    }
    let mut collector = Collector::default();
    // pdf-extract panics on some malformed files (it unwraps freely); a bad
    // file must give an error, never take the app down.
    let outcome = catch_unwind(AssertUnwindSafe(|| {
        pdf_extract::output_doc(&doc, &mut collector)
    }));
    match outcome {
        Ok(Ok(())) => {}
        Ok(Err(e)) => return Err(format!("cannot read the PDF's text ({e:?})").into()),
        Err(_) => {
            return Err(
                "cannot read the PDF's text (the file is damaged or uses a feature not supported)"
                    .into(),
            )
        }
    }
    let text = paragraphs(&collector.lines);
    if text.trim().is_empty() {
        return Err(Refusal::new(
            Problem::NoText,
            "the PDF has no text layer (a scanned document?); run OCR on it or use the DOCX/text version",
        ));
    }
    Ok(text)
}

/// Group a page's glyphs into lines (same baseline within a third of the
/// size), each sorted left to right.
fn page_lines(mut glyphs: Vec<Glyph>, page: usize) -> Vec<Line> {
    glyphs.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x.total_cmp(&b.x)));
    let mut rows: Vec<Vec<Glyph>> = Vec::new();
    for g in glyphs {
        match rows.last_mut() {
            Some(row) if (g.y - row[0].y).abs() <= row[0].size.max(g.size) * 0.35 => row.push(g),
            _ => rows.push(vec![g]),
        }
    }
    rows.into_iter()
        .map(|mut row| {
            row.sort_by(|a, b| a.x.total_cmp(&b.x));
            let size = row.iter().map(|g| g.size).fold(0.0, f64::max);
            let mut text = String::new();
            let mut last_end: Option<f64> = None;
            let mut last_char: Option<char> = None;
            let mut space = false;
            for g in &row {
                if g.text.trim().is_empty() {
                    // A space the producer drew: kept (once) between words.
                    space = true;
                    continue;
                }
                let first = g.text.chars().next();
                if let (Some(end), Some(prev), Some(next)) = (last_end, last_char, first) {
                    // Latin words separated by a gap keep a space; CJK text
                    // gets one only where the producer drew it.
                    let gap = g.x - end > size * 0.25 && !is_cjk_wide(prev) && !is_cjk_wide(next);
                    if space || gap {
                        text.push(' ');
                    }
                }
                space = false;
                text.push_str(&g.text);
                last_end = Some(g.end);
                last_char = g.text.chars().last();
            }
            let space_after = space;
            let space_before = row.first().is_some_and(|g| g.text.trim().is_empty());
            let inked: Vec<&Glyph> = row.iter().filter(|g| !g.text.trim().is_empty()).collect();
            Line {
                text,
                x0: inked.first().map_or(row[0].x, |g| g.x),
                x1: inked.iter().map(|g| g.end).fold(f64::MIN, f64::max),
                y: row[0].y,
                size,
                page,
                space_before,
                space_after,
            }
        })
        .filter(|l| !l.text.is_empty())
        .collect()
}

/// Drop page numbers: lines in the top or bottom 10% of the page that hold
/// nothing but a page number.
fn drop_page_numbers(lines: Vec<Line>, page_height: f64) -> Vec<Line> {
    lines
        .into_iter()
        .filter(|l| {
            let margin = l.y < page_height * 0.1 || l.y > page_height * 0.9;
            !(margin && is_page_number(&l.text))
        })
        .collect()
}

fn is_page_number(s: &str) -> bool {
    let t: String = s.chars().filter(|c| !c.is_whitespace()).collect();
    let t = t.trim_matches(|c| matches!(c, '-' | '—' | '–' | '－' | '·'));
    if t.is_empty() {
        return false;
    }
    let digits_only = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
    if digits_only(t) {
        return true;
    }
    if let Some((a, b)) = t.split_once('/') {
        return digits_only(a) && digits_only(b);
    }
    // 第3页 / 第3页共9页 / 第 3 页，共 9 页
    let rest = t.strip_prefix('第').unwrap_or(t);
    let (num, rest) = rest.split_at(
        rest.find(|c: char| !c.is_ascii_digit())
            .unwrap_or(rest.len()),
    );
    if num.is_empty() || !rest.starts_with('页') {
        return false;
    }
    let rest = rest['页'.len_utf8()..].trim_start_matches(['，', ',']);
    rest.is_empty()
        || rest
            .strip_prefix('共')
            .and_then(|r| r.strip_suffix('页'))
            .is_some_and(digits_only)
}

/// Whether the line's last word is a web address (`http://…`, `www.…`,
/// `<https://…`).
fn ends_with_url(s: &str) -> bool {
    let s = s.trim_end();
    let start = match (s.rfind("http"), s.rfind("www.")) {
        (Some(a), Some(b)) => a.min(b),
        (Some(a), None) | (None, Some(a)) => a,
        (None, None) => return false,
    };
    let tail = &s[start..];
    (tail.contains("://") || tail.starts_with("www.")) && tail.chars().all(|c| c.is_ascii_graphic())
}

fn ends_sentence(s: &str) -> bool {
    s.trim_end()
        .ends_with(['。', '；', '：', '！', '？', '）', ')', '”'])
}

fn starts_with_label(s: &str) -> bool {
    static LABEL: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(
            r"^\s*(?:[-•·]\s*)?(第[一二三四五六七八九十百零〇两\d]+[编章节条]|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|\d+[.．、]\D|[（(]\d+[）)]|[①-⑳]|附件)",
        )
        .expect("label pattern")
    });
    LABEL.is_match(s)
}

/// The value with the largest total weight, values rounded to `step` (the
/// smaller value on a tie); 0 when there are none.
fn most_common(values: impl Iterator<Item = (f64, usize)>, step: f64) -> f64 {
    let mut counts: std::collections::HashMap<i64, usize> = std::collections::HashMap::new();
    for (v, weight) in values {
        *counts.entry((v / step).round() as i64).or_default() += weight;
    }
    counts
        .into_iter()
        .max_by_key(|&(v, n)| (n, -v))
        .map_or(0.0, |(v, _)| v as f64 * step)
}

/// What goes between two lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Join {
    /// A new paragraph.
    Paragraph,
    /// The same paragraph, with a space (one drawn at the break, or two
    /// Latin words meeting).
    Space,
    /// The same paragraph, run together (Chinese text, a wrapped address).
    Together,
}

/// The page's text block, as the lines show it.
struct Block {
    /// Left edge: the most common line start.
    left: f64,
    /// Right edge: the 90th percentile of line ends (full lines end there).
    right: f64,
    /// The body text's size: the most common one. Lines set larger are titles.
    body_size: f64,
}

impl Block {
    fn of(lines: &[Line]) -> Block {
        let mut ends: Vec<f64> = lines.iter().map(|l| l.x1).collect();
        ends.sort_by(f64::total_cmp);
        Block {
            left: most_common(lines.iter().map(|l| (l.x0, 1)), 1.0),
            right: ends
                .get((ends.len() * 9 / 10).min(ends.len().saturating_sub(1)))
                .copied()
                .unwrap_or(0.0),
            body_size: most_common(lines.iter().map(|l| (l.size, l.text.chars().count())), 0.5),
        }
    }

    fn centered(&self, l: &Line) -> bool {
        l.x0 > self.left + 2.0 * l.size
            && ((l.x0 - self.left) - (self.right - l.x1)).abs() < 2.0 * l.size
    }

    /// How line `l` follows line `p`.
    fn join(&self, p: &Line, l: &Line) -> Join {
        // A web address wrapped at a `/` runs on into the next line when that
        // line goes on in ASCII; anything else after an address (a 文号, a
        // title) is a new paragraph.
        if ends_with_url(&p.text) {
            let runs_on =
                l.text.starts_with(|c: char| c.is_ascii_graphic()) && !starts_with_label(&l.text);
            return if runs_on {
                Join::Together
            } else {
                Join::Paragraph
            };
        }
        let size = p.size.max(l.size);
        let same_page = p.page == l.page;
        let gap = same_page && l.y - p.y > size * 2.1;
        let indented = l.x0 > self.left + size * 1.5;
        // Short: it stops before the margin by more than two and a half
        // characters (line breaking moves a character and its closing marks
        // down, so a line two characters short may still run on; a paragraph
        // that ends closer to the margin is told by an indent, a gap or a
        // numbering label).
        let short = p.x1 < self.right - size * 2.5;
        // The next line opens with a numbering label (`3.`, `（二）`, `第五条` …)
        // after a line that ends a sentence or stops short.
        let item = starts_with_label(&l.text)
            && (ends_sentence(&p.text) || p.x1 < self.right - size * 0.5);
        // A title wrapped over lines: same size, larger than the body (or
        // centred like it), no gap.
        let title_run = (p.size - l.size).abs() < 0.5
            && same_page
            && !gap
            && (l.size > self.body_size + 1.0 || self.centered(p) && self.centered(l));
        let size_change = (p.size - l.size).abs() > 1.0;
        if !title_run && (gap || indented || short || item || size_change || self.centered(p)) {
            return Join::Paragraph;
        }
        let latin = p.text.ends_with(|c: char| c.is_ascii_alphanumeric())
            && l.text.starts_with(|c: char| c.is_ascii_alphanumeric());
        if p.space_after || l.space_before || latin {
            Join::Space
        } else {
            Join::Together
        }
    }
}

/// Join lines into paragraphs (see the module doc for the rules).
fn paragraphs(lines: &[Line]) -> String {
    if lines.is_empty() {
        return String::new();
    }
    let block = Block::of(lines);
    let mut out = String::new();
    for (i, l) in lines.iter().enumerate() {
        if i > 0 {
            match block.join(&lines[i - 1], l) {
                Join::Paragraph => out.push('\n'),
                Join::Space => out.push(' '),
                Join::Together => {}
            }
        }
        out.push_str(l.text.trim());
    }
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_labels_and_spaces_at_line_ends() {
        let mut lines = vec![
            line(
                "http://www.foshan.gov.cn/gkmlpt/content/",
                80.0,
                400.0,
                100.0,
                1,
            ),
            line("5/5677/post_5677109.html", 80.0, 300.0, 128.0, 1),
            line("佛府办函（2023）75号", 80.0, 240.0, 156.0, 1),
            // Full lines: a sentence ends at the margin, then an item starts.
            line("各区人民政府按照职责分工负责落实。", 80.0, 520.0, 184.0, 1),
            line("2.加强数据共享应用。建立统一完善的", 80.0, 520.0, 212.0, 1),
            line("市场主体标签数据库，不少于10%", 80.0, 520.0, 240.0, 1),
            line("的企业。", 80.0, 150.0, 268.0, 1),
        ];
        lines[5].space_after = true;
        assert_eq!(
            paragraphs(&lines),
            "http://www.foshan.gov.cn/gkmlpt/content/5/5677/post_5677109.html\n佛府办函（2023）75号\n\
             各区人民政府按照职责分工负责落实。\n2.加强数据共享应用。建立统一完善的市场主体标签数据库，不少于10% 的企业。\n"
        );
    }

    #[test]
    fn page_numbers() {
        for s in [
            "— 3 —",
            "- 12 -",
            "3",
            "第3页",
            "第 3 页 共 9 页",
            "第3页，共9页",
            "3/9",
        ] {
            assert!(is_page_number(s), "{s}");
        }
        for s in ["3.加强监管", "第三条", "2023年", "一、", "第3条", ""] {
            assert!(!is_page_number(s), "{s}");
        }
    }

    fn line(text: &str, x0: f64, x1: f64, y: f64, page: usize) -> Line {
        Line {
            text: text.into(),
            x0,
            x1,
            y,
            size: 16.0,
            page,
            space_before: false,
            space_after: false,
        }
    }

    #[test]
    fn lines_join_into_paragraphs() {
        // Left edge 80, right edge 520, 16 pt text, 28 pt line pitch.
        let lines = [
            line("关于印发某某方案的通知", 200.0, 400.0, 100.0, 1),
            line("各区人民政府：", 80.0, 192.0, 150.0, 1),
            line("现将方案印发给你们，请认真", 112.0, 520.0, 178.0, 1),
            line("贯彻执行。", 80.0, 160.0, 206.0, 1),
            line("一、工作目标", 112.0, 208.0, 234.0, 1),
            line("到2023年底，全面建成市场主体诉求", 112.0, 520.0, 262.0, 1),
            line("响应平台，", 80.0, 520.0, 290.0, 1),
            // Page 2: the sentence runs on over the page break.
            line("实现诉求一站式办理。", 80.0, 240.0, 100.0, 2),
        ];
        assert_eq!(
            paragraphs(&lines),
            "关于印发某某方案的通知\n各区人民政府：\n现将方案印发给你们，请认真贯彻执行。\n\
             一、工作目标\n到2023年底，全面建成市场主体诉求响应平台，实现诉求一站式办理。\n"
        );
    }
}
