//! Page flow for the PDF: paragraphs and tables poured onto A4 pages, kept as
//! a display list, then drawn with krilla.
//!
//! Tables split between pages at line boundaries (a clause longer than a page
//! continues on the next one), repeat their header row on every page, and
//! keep a pair's heading row with the first lines of its clauses. Page numbers
//! (`— N —`) and the bookmarks of the outline are added when the pages are
//! drawn.

use std::io;

use krilla::color::rgb;
use krilla::destination::XyzDestination;
use krilla::geom::{PathBuilder, Point, Rect};
use krilla::metadata::Metadata;
use krilla::outline::{Outline, OutlineNode};
use krilla::page::PageSettings;
use krilla::paint::Fill;
use krilla::text::{GlyphId, KrillaGlyph};
use krilla::Document;

use super::fonts::Role;
use super::layout::{Line, Piece, Rgb, Shaper, Span, Style};

/// A4 in points.
const PAGE_W: f32 = 595.28;
const PAGE_H: f32 = 841.89;
/// Millimetres to points.
const MM: f32 = 72.0 / 25.4;
/// GB/T 9704 margins: 37 mm top, 35 mm bottom, 28 mm left, 26 mm right.
const TOP: f32 = 37.0 * MM;
const BOTTOM: f32 = PAGE_H - 35.0 * MM;
const LEFT: f32 = 28.0 * MM;
/// Width of the text block.
pub(super) const TEXT_W: f32 = PAGE_W - LEFT - 26.0 * MM;
/// The page number's baseline, 17.5 mm above the bottom edge (as the DOCX's
/// footer).
const FOOTER_BASELINE: f32 = PAGE_H - 17.5 * MM;
/// Padding inside table cells.
const PAD_X: f32 = 4.0;
const PAD_Y: f32 = 3.0;
/// Table rules.
const RULE: f32 = 0.5;
const RULE_COLOR: Rgb = (0x80, 0x80, 0x80);
/// Where the glyphs' baseline sits in an em box (CJK fonts: ascender ≈ 0.88 em).
const ASCENT: f32 = 0.88;

/// One drawing operation.
enum Op {
    Text {
        x: f32,
        baseline: f32,
        piece: Piece,
    },
    Rect {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        color: Rgb,
    },
}

/// A bookmark in the PDF's outline.
struct Mark {
    title: String,
    level: u8,
    page: usize,
    y: f32,
}

/// Horizontal placement of a paragraph's lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Align {
    Left,
    Center,
}

/// A table cell: its text, how many columns it spans, its background.
pub(super) struct Cell {
    pub spans: Vec<Span>,
    pub columns: usize,
    pub fill: Option<Rgb>,
}

impl Cell {
    pub fn new(spans: Vec<Span>) -> Cell {
        Cell {
            spans,
            columns: 1,
            fill: None,
        }
    }

    pub fn wide(mut self, columns: usize) -> Cell {
        self.columns = columns;
        self
    }

    pub fn fill(mut self, color: Rgb) -> Cell {
        self.fill = Some(color);
        self
    }
}

/// A table row.
pub(super) struct Row {
    pub cells: Vec<Cell>,
    /// Keep this row on the page of the next row's first lines.
    pub keep_with_next: bool,
    /// A second-level bookmark to this row.
    pub bookmark: Option<String>,
}

impl Row {
    pub fn new(cells: Vec<Cell>) -> Row {
        Row {
            cells,
            keep_with_next: false,
            bookmark: None,
        }
    }
}

/// A row after line breaking: per cell, its x, width, fill and lines.
struct LaidRow {
    cells: Vec<LaidCell>,
}

struct LaidCell {
    x: f32,
    w: f32,
    fill: Option<Rgb>,
    lines: Vec<Line>,
}

impl LaidRow {
    fn height(&self) -> f32 {
        self.cells
            .iter()
            .map(|c| c.lines.iter().map(Line::height).sum::<f32>())
            .fold(0.0, f32::max)
            + 2.0 * PAD_Y
    }

    /// The height of the row's first `n` lines (what it needs on a page so
    /// that no cell starts with a lone line at a page's foot).
    fn head(&self, n: usize) -> f32 {
        self.cells
            .iter()
            .map(|c| c.lines.iter().take(n).map(Line::height).sum::<f32>())
            .fold(0.0, f32::max)
            + 2.0 * PAD_Y
    }

    /// The number of lines of its tallest cell.
    fn lines(&self) -> usize {
        self.cells.iter().map(|c| c.lines.len()).max().unwrap_or(0)
    }
}

/// Pages being filled.
pub(super) struct Flow<'f> {
    pub shaper: Shaper<'f>,
    pages: Vec<Vec<Op>>,
    y: f32,
    marks: Vec<Mark>,
}

impl<'f> Flow<'f> {
    pub fn new(shaper: Shaper<'f>) -> Flow<'f> {
        Flow {
            shaper,
            pages: vec![Vec::new()],
            y: TOP,
            marks: Vec::new(),
        }
    }

    fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = TOP;
    }

    /// Vertical space (dropped at the top of a page).
    pub fn space(&mut self, h: f32) {
        if self.y > TOP {
            self.y = (self.y + h).min(BOTTOM);
        }
    }

    /// A paragraph over the text block's width.
    pub fn paragraph(&mut self, spans: &[Span], indent: f32, align: Align) {
        self.hanging(spans, indent, 0.0, align);
    }

    /// A paragraph whose first line starts `first` points in and whose other
    /// lines start `rest` points in (a numbered item's hanging indent).
    pub fn hanging(&mut self, spans: &[Span], first: f32, rest: f32, align: Align) {
        let lines = self.shaper.wrap_hanging(spans, TEXT_W, first, rest);
        for line in &lines {
            if self.y + line.height() > BOTTOM {
                self.new_page();
            }
            let x = match align {
                Align::Left => LEFT,
                Align::Center => LEFT + ((TEXT_W - line.width) / 2.0).max(0.0),
            };
            self.draw_line(line, x, self.y);
            self.y += line.height();
        }
    }

    /// A section heading, bookmarked, kept with at least three lines of what
    /// follows.
    pub fn heading(&mut self, text: &str, size: f32) {
        let spans = [Span::new(text, Style::new(Role::Heading, size))];
        let lines = self.shaper.wrap(&spans, TEXT_W, 0.0);
        let h: f32 = lines.iter().map(Line::height).sum();
        self.space(size * 0.5);
        if self.y + h + 3.0 * 12.0 * 1.5 > BOTTOM {
            self.new_page();
        }
        self.marks.push(Mark {
            title: text.to_string(),
            level: 0,
            page: self.pages.len() - 1,
            y: self.y,
        });
        for line in &lines {
            self.draw_line(line, LEFT, self.y);
            self.y += line.height();
        }
        self.space(size * 0.25);
    }

    /// A table with columns of `widths` points (summing to the text width), a
    /// header row repeated on each page, and its rows.
    pub fn table(&mut self, widths: &[f32], header: Option<Row>, rows: Vec<Row>) {
        let header = header.map(|h| self.lay_row(&h, widths));
        let header_h = header.as_ref().map_or(0.0, LaidRow::height);
        let laid: Vec<(LaidRow, &Row)> =
            rows.iter().map(|r| (self.lay_row(r, widths), r)).collect();
        // The header starts a page when its first row (as much of it as the
        // rule below keeps together) would not follow it on this one.
        let first_h = laid.first().map_or(0.0, |(r, src)| {
            let next_min = if src.keep_with_next {
                laid.get(1).map_or(0.0, |(n, _)| n.head(2))
            } else {
                0.0
            };
            let fresh = BOTTOM - TOP - header_h;
            let whole = r.height() + next_min;
            if (r.lines() <= 3 || src.keep_with_next) && whole <= fresh {
                whole
            } else {
                r.head(2) + next_min
            }
        });
        if self.y + header_h + first_h > BOTTOM {
            self.new_page();
        }
        if let Some(h) = &header {
            self.place_row(h, None);
        }
        let fresh = BOTTOM - TOP - header_h;
        for (i, (row, src)) in laid.iter().enumerate() {
            // A pair's heading row stays with two lines of its clauses.
            let next_min = if src.keep_with_next {
                laid.get(i + 1).map_or(0.0, |(r, _)| r.head(2))
            } else {
                0.0
            };
            let full = row.height();
            let avail = BOTTOM - self.y;
            // Rows of up to three lines are not split; longer ones split
            // once two lines fit.
            let short = row.lines() <= 3 || src.keep_with_next;
            let at_top = self.y <= TOP + header_h + 0.01;
            if !at_top
                && ((full + next_min > avail && full + next_min <= fresh && short)
                    || row.head(2) + next_min > avail)
            {
                self.new_page();
                if let Some(h) = &header {
                    self.place_row(h, None);
                }
            }
            if let Some(title) = &src.bookmark {
                self.marks.push(Mark {
                    title: title.clone(),
                    level: 1,
                    page: self.pages.len() - 1,
                    y: self.y,
                });
            }
            self.place_row(row, header.as_ref());
        }
    }

    fn lay_row(&mut self, row: &Row, widths: &[f32]) -> LaidRow {
        let mut x = LEFT;
        let mut col = 0;
        let mut cells = Vec::new();
        for cell in &row.cells {
            let n = cell.columns.max(1);
            let w: f32 = widths[col.min(widths.len())..(col + n).min(widths.len())]
                .iter()
                .sum();
            let lines = self.shaper.wrap(&cell.spans, w - 2.0 * PAD_X, 0.0);
            cells.push(LaidCell {
                x,
                w,
                fill: cell.fill,
                lines,
            });
            x += w;
            col += n;
        }
        LaidRow { cells }
    }

    /// Draw a row from the cursor down, continuing on new pages (under a
    /// repeated `header`) while its cells have lines left.
    fn place_row(&mut self, row: &LaidRow, header: Option<&LaidRow>) {
        let mut next = vec![0usize; row.cells.len()];
        loop {
            let avail = BOTTOM - self.y - 2.0 * PAD_Y;
            let mut takes = Vec::with_capacity(row.cells.len());
            let mut content_h: f32 = 0.0;
            let mut done = true;
            for (cell, &from) in row.cells.iter().zip(&next) {
                let mut h = 0.0;
                let mut to = from;
                while to < cell.lines.len() && h + cell.lines[to].height() <= avail + 0.01 {
                    h += cell.lines[to].height();
                    to += 1;
                }
                if to == from && to < cell.lines.len() && self.y <= TOP + header_h(header) {
                    // A line taller than a page: place it anyway.
                    h += cell.lines[to].height();
                    to += 1;
                }
                done &= to == cell.lines.len();
                content_h = content_h.max(h);
                takes.push(to);
            }
            let h = if done {
                content_h
            } else {
                avail.max(content_h)
            } + 2.0 * PAD_Y;
            let top = self.y;
            for (cell, (&from, &to)) in row.cells.iter().zip(next.iter().zip(&takes)) {
                if let Some(color) = cell.fill {
                    self.rect(cell.x, top, cell.w, h, color);
                }
                let mut y = top + PAD_Y;
                for line in &cell.lines[from..to] {
                    self.draw_line(line, cell.x + PAD_X, y);
                    y += line.height();
                }
                self.rect(cell.x, top, cell.w, RULE, RULE_COLOR);
                self.rect(cell.x, top + h - RULE, cell.w, RULE, RULE_COLOR);
                self.rect(cell.x, top, RULE, h, RULE_COLOR);
                self.rect(cell.x + cell.w - RULE, top, RULE, h, RULE_COLOR);
            }
            self.y = top + h;
            next = takes;
            if done {
                return;
            }
            self.new_page();
            if let Some(hd) = header {
                self.place_row(hd, None);
            }
        }
    }

    fn rect(&mut self, x: f32, y: f32, w: f32, h: f32, color: Rgb) {
        self.page().push(Op::Rect { x, y, w, h, color });
    }

    fn page(&mut self) -> &mut Vec<Op> {
        self.pages.last_mut().expect("at least one page")
    }

    /// Draw `line` with its box's top-left corner at (`x`, `top`): glyphs,
    /// then strike-through and underline rules in the text's colour.
    fn draw_line(&mut self, line: &Line, x: f32, top: f32) {
        let baseline = top + (line.height() - line.size) / 2.0 + ASCENT * line.size;
        for piece in &line.pieces {
            let s = piece.style;
            let px = x + piece.x;
            let thick = (s.size * 0.06).max(0.5);
            if s.strike {
                self.rect(px, baseline - 0.3 * s.size, piece.width, thick, s.color);
            }
            if s.underline {
                self.rect(px, baseline + 0.12 * s.size, piece.width, thick, s.color);
            }
            self.page().push(Op::Text {
                x: px,
                baseline,
                piece: piece.clone(),
            });
        }
    }

    /// Draw every page (with its number) and serialise the PDF.
    pub fn finish(mut self, title: &str, language: &str) -> io::Result<Vec<u8>> {
        let mut doc = Document::new();
        let pages = std::mem::take(&mut self.pages);
        for (i, ops) in pages.iter().enumerate() {
            let number = format!("— {} —", i + 1);
            let spans = [Span::new(number, Style::new(Role::Body, 12.0))];
            let footer = self.shaper.wrap(&spans, TEXT_W, 0.0);
            let mut page = doc.start_page_with(
                PageSettings::from_wh(PAGE_W, PAGE_H).expect("A4 is a valid size"),
            );
            let mut surface = page.surface();
            for op in ops {
                match op {
                    Op::Rect { x, y, w, h, color } => {
                        let Some(r) = Rect::from_xywh(*x, *y, w.max(0.1), h.max(0.1)) else {
                            continue;
                        };
                        let mut pb = PathBuilder::new();
                        pb.push_rect(r);
                        if let Some(path) = pb.finish() {
                            surface.set_fill(Some(fill(*color)));
                            surface.draw_path(&path);
                        }
                    }
                    Op::Text { x, baseline, piece } => {
                        draw_piece(&mut surface, &self.shaper, piece, *x, *baseline);
                    }
                }
            }
            for line in &footer {
                let x = LEFT + (TEXT_W - line.width) / 2.0;
                for piece in &line.pieces {
                    draw_piece(
                        &mut surface,
                        &self.shaper,
                        piece,
                        x + piece.x,
                        FOOTER_BASELINE,
                    );
                }
            }
            surface.finish();
            page.finish();
        }

        let mut outline = Outline::new();
        let mut current: Option<OutlineNode> = None;
        for m in &self.marks {
            let node = OutlineNode::new(
                m.title.clone(),
                XyzDestination::new(m.page, Point::from_xy(LEFT, m.y)),
            );
            if m.level == 0 {
                if let Some(done) = current.take() {
                    outline.push_child(done);
                }
                current = Some(node);
            } else if let Some(parent) = current.as_mut() {
                parent.push_child(node);
            } else {
                outline.push_child(node);
            }
        }
        if let Some(done) = current {
            outline.push_child(done);
        }
        doc.set_outline(outline);
        doc.set_metadata(
            Metadata::new()
                .title(title.to_string())
                .creator("PolicyDiff".to_string())
                .language(language.to_string()),
        );
        doc.finish()
            .map_err(|e| io::Error::other(format!("PDF could not be written: {e:?}")))
    }
}

fn header_h(header: Option<&LaidRow>) -> f32 {
    header.map_or(0.0, LaidRow::height)
}

fn fill(color: Rgb) -> Fill {
    Fill {
        paint: rgb::Color::new(color.0, color.1, color.2).into(),
        ..Fill::default()
    }
}

fn draw_piece(
    surface: &mut krilla::surface::Surface<'_>,
    shaper: &Shaper<'_>,
    piece: &Piece,
    x: f32,
    baseline: f32,
) {
    let glyphs: Vec<KrillaGlyph> = piece
        .glyphs
        .iter()
        .map(|(id, advance, range)| KrillaGlyph {
            glyph_id: GlyphId::new(*id),
            text_range: range.clone(),
            x_advance: *advance,
            x_offset: 0.0,
            y_offset: 0.0,
            y_advance: 0.0,
            location: None,
        })
        .collect();
    surface.set_fill(Some(fill(piece.style.color)));
    surface.draw_glyphs(
        Point::from_xy(x, baseline),
        &glyphs,
        shaper.fonts.font(piece.face),
        &piece.text,
        piece.style.size,
        false,
    );
}

#[cfg(test)]
mod tests {
    use super::super::fonts::PdfFonts;
    use super::*;

    fn flow() -> Flow<'static> {
        Flow::new(Shaper::new(
            PdfFonts::system().expect("a CJK system font (fonts-noto-cjk)"),
        ))
    }

    fn page_text(ops: &[Op]) -> String {
        ops.iter()
            .filter_map(|op| match op {
                Op::Text { piece, .. } => Some(piece.text.as_str()),
                Op::Rect { .. } => None,
            })
            .collect()
    }

    #[test]
    fn a_long_row_splits_across_pages_under_a_repeated_header() {
        let mut f = flow();
        let style = Style::new(Role::Body, 10.5);
        let long: String = (1..=400).map(|i| format!("第{i}句条款文字。")).collect();
        let header = Row::new(vec![
            Cell::new(vec![Span::new("左栏标题", style)]),
            Cell::new(vec![Span::new("右栏标题", style)]),
        ]);
        let rows = vec![
            Row::new(vec![
                Cell::new(vec![Span::new(long.clone(), style)]),
                Cell::new(vec![Span::new("短", style)]),
            ]),
            Row {
                bookmark: Some("末行".into()),
                ..Row::new(vec![
                    Cell::new(vec![Span::new("末行左", style)]),
                    Cell::new(vec![Span::new("末行右", style)]),
                ])
            },
        ];
        f.table(&[TEXT_W / 2.0, TEXT_W / 2.0], Some(header), rows);
        assert!(f.pages.len() >= 3, "{} pages", f.pages.len());
        let mut all = String::new();
        for (i, ops) in f.pages.iter().enumerate() {
            let t = page_text(ops);
            assert!(
                t.starts_with("左栏标题右栏标题"),
                "page {i} starts with the header: {t:.40}"
            );
            for op in ops {
                match op {
                    Op::Text { baseline, .. } => assert!(*baseline <= BOTTOM, "page {i}"),
                    Op::Rect { y, h, .. } => assert!(y + h <= BOTTOM + 0.01, "page {i}"),
                }
            }
            all.push_str(&t.replace("左栏标题右栏标题", ""));
        }
        // The bookmark points at the page and height where its row starts.
        let last = f.pages.len() - 1;
        assert!(page_text(&f.pages[last]).contains("末行左"));
        assert_eq!(f.marks.len(), 1);
        assert_eq!((f.marks[0].title.as_str(), f.marks[0].page), ("末行", last));
        let row_top = f.pages[last].iter().find_map(|op| match op {
            Op::Text {
                baseline, piece, ..
            } if piece.text == "末行左" => Some(*baseline),
            _ => None,
        });
        assert!(row_top.is_some_and(|b| b > f.marks[0].y && b < f.marks[0].y + 30.0));
        // The short right cell sits beside the first lines of the long one.
        assert!(page_text(&f.pages[0]).contains('短'));
        assert_eq!(
            all.replacen('短', "", 1),
            format!("{long}末行左末行右"),
            "every line once, in order"
        );
    }

    #[test]
    fn a_table_header_is_not_left_alone_at_the_foot_of_a_page() {
        let mut f = flow();
        let style = Style::new(Role::Body, 10.5);
        let row_of_three = || {
            Row::new(vec![Cell::new(vec![Span::new(
                "第一行\n第二行\n第三行",
                style,
            )])])
        };
        let header = || Row::new(vec![Cell::new(vec![Span::new("表头", style)])]);
        let (h, two, all) = {
            let mut g = flow();
            let h = g.lay_row(&header(), &[TEXT_W]).height();
            let r = g.lay_row(&row_of_three(), &[TEXT_W]);
            (h, r.head(2), r.height())
        };
        // Room for the header and two of the row's three lines, not all three.
        f.paragraph(&[Span::new("前文。", style)], 0.0, Align::Left);
        f.y = BOTTOM - (h + two + all) / 2.0 - h / 2.0;
        assert!(BOTTOM - f.y > h + two && BOTTOM - f.y < h + all);
        f.table(&[TEXT_W], Some(header()), vec![row_of_three()]);
        assert_eq!(f.pages.len(), 2);
        let second = page_text(&f.pages[1]);
        assert!(second.starts_with("表头第一行"), "{second}");
        assert!(!page_text(&f.pages[0]).contains("表头"));
    }

    #[test]
    fn struck_and_underlined_text_gets_rules_in_its_colour() {
        let mut f = flow();
        let red = (0xC0, 0, 0);
        let blue = (0, 0x40, 0xA8);
        let spans = [
            Span::new("升级", Style::new(Role::Body, 12.0)),
            Span::new(
                "省市两级",
                Style {
                    strike: true,
                    color: red,
                    ..Style::new(Role::Body, 12.0)
                },
            ),
            Span::new(
                "市级",
                Style {
                    underline: true,
                    color: blue,
                    ..Style::new(Role::Body, 12.0)
                },
            ),
        ];
        f.paragraph(&spans, 0.0, Align::Left);
        let ops = &f.pages[0];
        let text_at = |word: &str| {
            ops.iter()
                .find_map(|op| match op {
                    Op::Text { x, baseline, piece } if piece.text == word => {
                        Some((*x, *baseline, piece.width))
                    }
                    _ => None,
                })
                .unwrap()
        };
        let rule = |color: Rgb| {
            ops.iter()
                .find_map(|op| match op {
                    Op::Rect {
                        x, y, w, color: c, ..
                    } if *c == color => Some((*x, *y, *w)),
                    _ => None,
                })
                .unwrap()
        };
        let (sx, sb, sw) = text_at("省市两级");
        let (rx, ry, rw) = rule(red);
        assert!((rx - sx).abs() < 0.01 && (rw - sw).abs() < 0.01);
        assert!(ry < sb && ry > sb - 12.0, "the strike crosses the glyphs");
        let (ux, ub, uw) = text_at("市级");
        let (bx, by, bw) = rule(blue);
        assert!((bx - ux).abs() < 0.01 && (bw - uw).abs() < 0.01);
        assert!(by > ub, "the underline is below the baseline");
        assert!(f.finish("t", "zh-CN").unwrap().starts_with(b"%PDF-"));
    }
}
