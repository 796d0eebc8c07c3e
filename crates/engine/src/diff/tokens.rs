//! The token sequences the diff compares.
//!
//! Takes one text and the [`DiffOptions`], hands on a [`Prepared`] text: its
//! tokens (comparison keys after the ignore options) and, for each run of
//! tokens, the stretch of the original text it covers. Tokens cover the text
//! completely: whitespace dropped by `ignore_whitespace` belongs to the token
//! before it (or to the first token, at the start).

use std::borrow::Cow;
use std::ops::Range;

use super::normalize::fold_char;
use policydiff_model::{DiffOptions, Granularity};
use policydiff_segment::Segmenter;

/// A text cut into diff tokens.
pub(crate) struct Prepared<'a> {
    /// The original text.
    pub text: &'a str,
    /// The text the tokens were cut from (after the ignore options).
    pub norm: Cow<'a, str>,
    /// Byte ranges of the tokens in `norm`, in order, contiguous.
    pub ranges: Vec<Range<usize>>,
    /// `norm` byte offset → `text` byte offset (at char boundaries), one past the end included.
    /// `None` when `norm` is `text`.
    map: Option<Vec<usize>>,
}

impl<'a> Prepared<'a> {
    /// Normalise and cut `text`.
    pub(crate) fn new(seg: &Segmenter, text: &'a str, opts: DiffOptions) -> Prepared<'a> {
        let (norm, map) = if opts.ignore_whitespace || opts.ignore_punct_width {
            let mut norm = String::with_capacity(text.len());
            let mut map = Vec::with_capacity(text.len() + 1);
            for (i, c) in text.char_indices() {
                if opts.ignore_whitespace && c.is_whitespace() {
                    continue;
                }
                let c = if opts.ignore_punct_width {
                    fold_char(c)
                } else {
                    c
                };
                norm.push(c);
                map.resize(norm.len(), i);
            }
            map.push(text.len());
            (Cow::Owned(norm), Some(map))
        } else {
            (Cow::Borrowed(text), None)
        };
        let mut ranges: Vec<Range<usize>> = match opts.granularity {
            Granularity::Word => seg.tokens(&norm).into_iter().map(|t| t.range).collect(),
            Granularity::Char => norm
                .char_indices()
                .map(|(i, c)| i..i + c.len_utf8())
                .collect(),
        };
        if ranges.is_empty() && !text.is_empty() {
            // Only ignored whitespace: one token with an empty key.
            ranges.push(0..0);
        }
        Prepared {
            text,
            norm,
            ranges,
            map,
        }
    }

    /// Number of tokens.
    pub(crate) fn len(&self) -> usize {
        self.ranges.len()
    }

    /// The comparison key of token `i`.
    pub(crate) fn key(&self, i: usize) -> &str {
        &self.norm[self.ranges[i].clone()]
    }

    fn orig(&self, norm_offset: usize) -> usize {
        match &self.map {
            Some(m) => m[norm_offset],
            None => norm_offset,
        }
    }

    /// The original text covered by tokens `r`.
    pub(crate) fn span(&self, r: Range<usize>) -> &'a str {
        if r.is_empty() {
            return "";
        }
        let start = if r.start == 0 {
            0
        } else {
            self.orig(self.ranges[r.start].start)
        };
        let end = if r.end == self.ranges.len() {
            self.text.len()
        } else {
            self.orig(self.ranges[r.end].start)
        };
        &self.text[start..end]
    }
}
