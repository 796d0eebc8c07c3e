//! Lines for the PDF: styled spans → lines of placed pieces.
//!
//! Each character is measured by its glyph's advance; where lines break is
//! decided by the reports' one line breaker ([`crate::linebreak`]: UAX #14
//! plus the 禁则 — a closing mark never starts a line, an opening mark never
//! ends one; Latin words and numbers such as `2023`, `5%`, `IVR` stay whole
//! unless longer than a line). Nothing but spaces at a break hangs past the
//! width, so text never crosses a table's rules.

use std::collections::HashMap;

use super::fonts::{Glyph, PdfFonts, Role};
use crate::linebreak::{break_lines, Unit};

/// An RGB colour.
pub(super) type Rgb = (u8, u8, u8);

/// How a span looks.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Style {
    pub role: Role,
    /// Size in points.
    pub size: f32,
    pub color: Rgb,
    pub strike: bool,
    pub underline: bool,
}

impl Style {
    pub fn new(role: Role, size: f32) -> Style {
        Style {
            role,
            size,
            color: (0, 0, 0),
            strike: false,
            underline: false,
        }
    }
}

/// A run of text in one style.
#[derive(Debug, Clone)]
pub(super) struct Span {
    pub text: String,
    pub style: Style,
}

impl Span {
    pub fn new(text: impl Into<String>, style: Style) -> Span {
        Span {
            text: text.into(),
            style,
        }
    }
}

/// Consecutive characters of one line in one style and one face.
#[derive(Debug, Clone)]
pub(super) struct Piece {
    /// Offset from the line's start, in points.
    pub x: f32,
    pub width: f32,
    pub text: String,
    /// Per glyph: its id, its advance in ems and its byte range in `text`.
    pub glyphs: Vec<(u32, f32, std::ops::Range<usize>)>,
    pub face: usize,
    pub style: Style,
}

/// One laid-out line.
#[derive(Debug, Clone, Default)]
pub(super) struct Line {
    pub pieces: Vec<Piece>,
    pub width: f32,
    /// The largest font size on the line (points).
    pub size: f32,
}

/// Line height as a multiple of the font size.
pub(super) const LEADING: f32 = 1.5;

impl Line {
    /// The line's height in points.
    pub fn height(&self) -> f32 {
        self.size * LEADING
    }
}

/// Glyph lookup with a per-report cache (a report uses a few thousand
/// distinct characters; each lookup otherwise parses the font's tables).
pub(super) struct Shaper<'f> {
    pub fonts: &'f PdfFonts,
    cache: HashMap<(Role, char), Glyph>,
}

impl<'f> Shaper<'f> {
    pub fn new(fonts: &'f PdfFonts) -> Shaper<'f> {
        Shaper {
            fonts,
            cache: HashMap::new(),
        }
    }

    fn glyph(&mut self, role: Role, c: char) -> Glyph {
        let fonts = self.fonts;
        *self
            .cache
            .entry((role, c))
            .or_insert_with(|| fonts.glyph(role, c))
    }

    /// Lay `spans` out in lines of at most `width` points; the first line is
    /// indented by `indent` points. `\n` forces a break; a tab is two spaces.
    /// Always at least one line (an empty one for empty text, so that an empty
    /// cell still has a height). Breaks are the reports' one line breaker's
    /// ([`crate::linebreak`]) with each character as wide as its glyph.
    pub fn wrap(&mut self, spans: &[Span], width: f32, indent: f32) -> Vec<Line> {
        self.wrap_hanging(spans, width, indent, 0.0)
    }

    /// [`Shaper::wrap`] with the lines after the first indented by `rest`
    /// points: a list item whose text lines align after its number.
    pub fn wrap_hanging(&mut self, spans: &[Span], width: f32, first: f32, rest: f32) -> Vec<Line> {
        let fallback_size = spans.first().map_or(12.0, |s| s.style.size);
        let chars = self.chars(spans);
        let units: Vec<Unit> = chars.iter().map(|c| Unit::char(c.c, c.width())).collect();
        let width = width.max(1.0);
        let room = |indent: f32| (width - indent).max(1.0);
        break_lines(&units, room(first), room(rest))
            .into_iter()
            .enumerate()
            .map(|(i, r)| {
                let start = if i == 0 { first } else { rest };
                build_line(&chars[r], start, fallback_size)
            })
            .collect()
    }

    /// The width in points of `spans` on one line.
    pub fn width(&mut self, spans: &[Span]) -> f32 {
        self.chars(spans).iter().map(ShapedChar::width).sum()
    }

    /// The characters of `spans` with their glyphs (`\r` dropped, a tab as
    /// two spaces).
    fn chars(&mut self, spans: &[Span]) -> Vec<ShapedChar> {
        let mut out = Vec::new();
        for span in spans {
            for c in span.text.chars() {
                let (c, repeat) = match c {
                    '\r' => continue,
                    '\t' => (' ', 2),
                    c => (c, 1),
                };
                let glyph = self.glyph(span.style.role, c);
                for _ in 0..repeat {
                    out.push(ShapedChar {
                        c,
                        glyph,
                        style: span.style,
                    });
                }
            }
        }
        out
    }
}

/// A character with its glyph and style.
#[derive(Debug, Clone)]
struct ShapedChar {
    c: char,
    glyph: Glyph,
    style: Style,
}

impl ShapedChar {
    fn width(&self) -> f32 {
        if self.c == '\n' {
            0.0
        } else {
            self.glyph.advance * self.style.size
        }
    }
}

/// Turn a line's characters into pieces (consecutive characters of one style
/// and one face), starting at `start` points.
fn build_line(chars: &[ShapedChar], start: f32, fallback_size: f32) -> Line {
    let mut line = Line {
        pieces: Vec::new(),
        width: start,
        size: 0.0,
    };
    for ch in chars {
        let w = ch.width();
        line.size = line.size.max(ch.style.size);
        let same = line
            .pieces
            .last()
            .is_some_and(|p| p.face == ch.glyph.face && p.style == ch.style);
        if !same {
            line.pieces.push(Piece {
                x: line.width,
                width: 0.0,
                text: String::new(),
                glyphs: Vec::new(),
                face: ch.glyph.face,
                style: ch.style,
            });
        }
        let p = line.pieces.last_mut().expect("a piece");
        let from = p.text.len();
        p.text.push(ch.c);
        p.glyphs
            .push((ch.glyph.id, ch.glyph.advance, from..p.text.len()));
        p.width += w;
        line.width += w;
    }
    if line.size == 0.0 {
        line.size = fallback_size;
    }
    line
}

#[cfg(test)]
mod tests {
    use super::*;
    use policydiff_model::text::{is_no_line_end as is_no_end, is_no_line_start as is_no_start};

    fn shaper() -> Shaper<'static> {
        Shaper::new(PdfFonts::system().expect("a CJK system font (fonts-noto-cjk)"))
    }

    fn text_of(line: &Line) -> String {
        text(line)
    }

    fn text(line: &Line) -> String {
        line.pieces.iter().map(|p| p.text.as_str()).collect()
    }

    fn body(text: &str) -> Vec<Span> {
        vec![Span::new(text, Style::new(Role::Body, 10.0))]
    }

    /// A real clause of Guangdong's plan (point 1 of 二/（一）), with its
    /// commas, brackets and a number.
    const CLAUSE: &str = "1.推进诉求服务标准化。结合“一网统管”治理事项标准化工作，建立科学、合理、\
        简易的诉求分类体系，分级组织制定市场主体诉求问题模板，引导用户准确表达诉求，提高诉求分办效率。\
        持续优化升级省市两级12345平台，增设互联网入口服务专区、话务入口语音IVR服务按键等便捷功能。";

    #[test]
    fn lines_fit_keep_all_text_and_respect_the_break_rules() {
        let mut s = shaper();
        for width in [60.0, 97.0, 150.0, 221.0, 400.0] {
            let lines = s.wrap(&body(CLAUSE), width, 20.0);
            let joined: String = lines.iter().map(text).collect();
            assert_eq!(joined, CLAUSE, "width {width}");
            assert!(lines.len() > 1, "width {width}");
            for (i, l) in lines.iter().enumerate() {
                let t = text(l);
                let first = t.chars().next().unwrap();
                assert!(
                    !is_no_start(first) || i == 0,
                    "{width}: line starts with {first}: {t}"
                );
                let last = t.chars().last().unwrap();
                assert!(
                    !is_no_end(last) || i + 1 == lines.len(),
                    "{width}: ends with {last}"
                );
                assert!(
                    l.width <= width + 0.01,
                    "{width}: {} > {width}: {t}",
                    l.width
                );
                // Pieces follow each other without gaps or overlaps.
                let mut x = if i == 0 { 20.0 } else { 0.0 };
                for p in &l.pieces {
                    assert!((p.x - x).abs() < 0.01);
                    x += p.width;
                }
            }
            // `12345` and `IVR` are never cut.
            assert!(
                lines.iter().any(|l| text(l).contains("12345")),
                "width {width}"
            );
            assert!(
                lines.iter().any(|l| text(l).contains("IVR")),
                "width {width}"
            );
        }
    }

    #[test]
    fn chinese_glyphs_are_real_and_full_width() {
        let mut s = shaper();
        let lines = s.wrap(&body("市场主体诉求"), 1000.0, 0.0);
        assert_eq!(lines.len(), 1);
        for p in &lines[0].pieces {
            for (id, advance, _) in &p.glyphs {
                assert_ne!(*id, 0, "a glyph, not .notdef");
                assert!(
                    (advance - 1.0).abs() < 0.01,
                    "CJK advance is one em: {advance}"
                );
            }
        }
        assert!((lines[0].width - 60.0).abs() < 0.1, "{}", lines[0].width);
    }

    #[test]
    fn newlines_tabs_long_words_and_empty_text() {
        let mut s = shaper();
        let lines = s.wrap(&body("第一行\n第二行"), 500.0, 0.0);
        assert_eq!(
            lines.iter().map(text).collect::<Vec<_>>(),
            ["第一行", "第二行"]
        );
        let lines = s.wrap(&body("a\tb"), 500.0, 0.0);
        assert_eq!(text(&lines[0]), "a  b");
        let url = "http://www.foshan.gov.cn/gkmlpt/content/5/5677/post_5677109.html";
        let lines = s.wrap(&body(url), 80.0, 0.0);
        assert!(lines.len() > 2);
        assert_eq!(lines.iter().map(text).collect::<String>(), url);
        assert!(lines.iter().all(|l| l.width <= 80.1));
        let lines = s.wrap(&body(""), 100.0, 0.0);
        assert_eq!(lines.len(), 1);
        assert!(lines[0].height() > 0.0);
    }

    /// Random slices of the bundled corpus with odd characters mixed in (emoji
    /// no CJK font has, combining marks, long Latin runs, blank lines), at
    /// random widths: no text is lost or reordered, and no line is wider than
    /// the width unless it is a single character wider than the width itself.
    #[test]
    fn random_text_keeps_every_character_within_the_width() {
        let corpus: Vec<char> =
            include_str!("../../../../assets/corpus/south-china-2023-business-environment.txt")
                .chars()
                .collect();
        let odd = [
            "😀",
            "e\u{301}",
            "\n\n",
            "\t",
            "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789",
            "（",
            "）",
            "，",
            " ",
        ];
        let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as usize
        };
        let mut s = shaper();
        for _ in 0..200 {
            let start = next(corpus.len() - 400);
            let mut text: String = corpus[start..start + next(400)].iter().collect();
            for _ in 0..next(6) {
                let at = text
                    .char_indices()
                    .map(|(i, _)| i)
                    .nth(next(text.chars().count() + 1));
                text.insert_str(at.unwrap_or(text.len()), odd[next(odd.len())]);
            }
            let width = 40.0 + next(300) as f32;
            let indent = if next(2) == 0 { 0.0 } else { 20.0 };
            let lines = s.wrap(&body(&text), width, indent);
            let got: String = lines.iter().map(text_of).collect::<Vec<_>>().join("");
            let want: String = text
                .replace('\t', "  ")
                .chars()
                .filter(|&c| c != '\n')
                .collect();
            // Spaces that would start a wrapped line are dropped.
            assert_eq!(got.replace(' ', ""), want.replace(' ', ""), "width {width}");
            for (i, l) in lines.iter().enumerate() {
                let start = if i == 0 { indent } else { 0.0 };
                assert!(
                    l.width <= width + 0.01
                        || (l.pieces.len() == 1 && l.pieces[0].glyphs.len() == 1),
                    "width {width}: {} for {:?}",
                    l.width - start,
                    text_of(l)
                );
            }
        }
    }

    #[test]
    fn styles_become_separate_pieces() {
        let mut s = shaper();
        let del = Style {
            strike: true,
            color: (0xC0, 0, 0),
            ..Style::new(Role::Body, 10.0)
        };
        let spans = vec![
            Span::new("持续优化升级", Style::new(Role::Body, 10.0)),
            Span::new("省市两级", del),
            Span::new("12345平台", Style::new(Role::Body, 10.0)),
        ];
        let lines = s.wrap(&spans, 1000.0, 0.0);
        let struck: Vec<&str> = lines[0]
            .pieces
            .iter()
            .filter(|p| p.style.strike)
            .map(|p| p.text.as_str())
            .collect();
        assert_eq!(struck.concat(), "省市两级");
    }
}
