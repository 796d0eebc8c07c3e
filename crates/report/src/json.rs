//! JSON output: the [`Comparison`] model itself, pretty-printed.
//!
//! This is the wire format of `policydiff compare --format json` and of the
//! app's IPC. It is exactly `serde_json` of [`Comparison`] (see the format
//! description in `policydiff_model::Comparison`): one object with `left`, `right`
//! (document metadata, flattened [`crate::DocMeta`] plus `id`), `summary` and
//! `pairs` (kind, similarity, left/right unit views, word `ops`, `key_diffs`,
//! `group`). Field names are snake_case, enum values snake_case strings,
//! absent values `null`. Notes and report options are not part of it.
//! Output ends with a newline.

use std::io::{self, Write};

use policydiff_model::{Comparison, Note, PairOrder, PairSelection, ReportOptions};

use crate::document::selection;

/// Write `c` as pretty-printed JSON followed by a newline.
pub fn write_json(w: &mut dyn Write, c: &Comparison) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *w, c)?;
    w.write_all(b"\n")
}

/// [`write_json`] with the report options' pair selection and order applied,
/// as every other format applies them: with [`PairSelection::ChangedOnly`],
/// identical pairs are left out unless they carry a note; the pairs come in
/// [`ReportOptions::order`]. The summary still counts the
/// whole comparison.
pub fn write_json_selected(
    w: &mut dyn Write,
    c: &Comparison,
    notes: &[Note],
    opts: &ReportOptions,
) -> io::Result<()> {
    if opts.pairs == PairSelection::All && opts.order == PairOrder::Aligned {
        return write_json(w, c);
    }
    let keep = selection(c, notes, opts);
    let mut shown = Comparison {
        pairs: Vec::new(),
        ..c.clone()
    };
    shown.pairs = c
        .row_order(opts.order)
        .into_iter()
        .filter(|&i| keep[i])
        .map(|i| c.pairs[i].clone())
        .collect();
    write_json(w, &shown)
}
