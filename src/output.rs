//! Terminal-safe output: document text never reaches the terminal with its
//! control, bidirectional or invisible characters raw.
//!
//! Import removes them ([`policydiff::stages::import::controls`]), but a
//! library written by an older version may still hold some. Text output
//! writes each as `<U+202E>` ([`visible`]); JSON output escapes them as
//! `\u202e` ([`write_json`]: the same data, nothing a terminal acts on);
//! documents are made visible before a comparison is rendered
//! ([`visible_doc`]).

use std::borrow::Cow;
use std::io::{self, Write};
use std::path::Path;

use policydiff::model::{Doc, DocMeta, Note};
use policydiff::stages::import::controls::{is_hidden, make_visible};
use serde::Serialize;
use serde_json::ser::{Formatter, PrettyFormatter};

/// `text` with its hidden characters written as `<U+XXXX>`.
pub fn visible(text: &str) -> Cow<'_, str> {
    make_visible(text)
}

/// A file name or a message for one line of output: its hidden characters
/// and line breaks written as `<U+XXXX>` (a file may be named `a\nb.txt`).
pub fn visible_line(text: &str) -> String {
    visible(text).replace('\n', "<U+000A>")
}

/// [`visible_line`] of a path.
pub fn visible_path(path: &Path) -> String {
    visible_line(&path.display().to_string())
}

fn visible_in_place(s: &mut String) {
    if let Cow::Owned(v) = make_visible(s) {
        *s = v;
    }
}

fn visible_meta(m: &mut DocMeta) {
    for s in [&mut m.title]
        .into_iter()
        .chain(m.warnings.iter_mut())
        .chain(
            [
                &mut m.issuer,
                &mut m.date,
                &mut m.doc_number,
                &mut m.province,
                &mut m.city,
                &mut m.source_url,
                &mut m.source_file,
            ]
            .into_iter()
            .flatten(),
        )
    {
        visible_in_place(s);
    }
}

/// Make every text of a document visible (metadata and clauses), for output.
pub fn visible_doc(doc: &mut Doc) {
    visible_meta(&mut doc.meta);
    for c in &mut doc.tree.clauses {
        for s in [&mut c.label, &mut c.path, &mut c.text, &mut c.original]
            .into_iter()
            .chain(c.heading.as_mut())
        {
            visible_in_place(s);
        }
    }
}

/// Make a note's text and tag visible, for output.
pub fn visible_note(note: &mut Note) {
    for s in [&mut note.text]
        .into_iter()
        .chain(note.tag.as_mut())
        .chain(note.left_path.as_mut())
        .chain(note.right_path.as_mut())
    {
        visible_in_place(s);
    }
}

/// Write `value` as pretty JSON and a newline, hidden characters escaped
/// (`\u202e`) as JSON allows; the data is unchanged.
pub fn write_json(out: &mut dyn Write, value: &impl Serialize) -> io::Result<()> {
    let mut ser = serde_json::Serializer::with_formatter(&mut *out, SafeFormatter::default());
    value.serialize(&mut ser).map_err(io::Error::from)?;
    writeln!(out)
}

/// serde_json's pretty formatter that also escapes hidden characters
/// (serde_json escapes only U+0000–U+001F).
#[derive(Default)]
struct SafeFormatter(PrettyFormatter<'static>);

impl Formatter for SafeFormatter {
    fn write_string_fragment<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        let mut from = 0;
        for (i, c) in fragment.char_indices() {
            if is_hidden(c) {
                writer.write_all(&fragment.as_bytes()[from..i])?;
                let mut units = [0u16; 2];
                for u in c.encode_utf16(&mut units) {
                    write!(writer, "\\u{:04x}", u)?;
                }
                from = i + c.len_utf8();
            }
        }
        writer.write_all(&fragment.as_bytes()[from..])
    }

    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_array(w)
    }
    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array(w)
    }
    fn begin_array_value<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.0.begin_array_value(w, first)
    }
    fn end_array_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array_value(w)
    }
    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object(w)
    }
    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object(w)
    }
    fn begin_object_key<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.0.begin_object_key(w, first)
    }
    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object_value(w)
    }
    fn end_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object_value(w)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_escapes_hidden_characters_and_keeps_the_data() {
        let value = serde_json::json!({"t": "3个\u{202e}工作日\u{1b}[2J\u{e0041}", "n": [1, 2]});
        let mut out = Vec::new();
        write_json(&mut out, &value).unwrap();
        let s = String::from_utf8(out).unwrap();
        assert!(
            s.contains(r#""3个\u202e工作日\u001b[2J\udb40\udc41""#),
            "{s}"
        );
        assert!(!s.chars().any(|c| is_hidden(c) && c != '\n'), "{s:?}");
        let back: serde_json::Value = serde_json::from_str(&s).unwrap();
        assert_eq!(back, value);
    }
}
