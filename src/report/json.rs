//! JSON output: the [`Comparison`] model itself, pretty-printed.
//!
//! This is the wire format of `policydiff compare --format json` and of the
//! app's IPC. It is exactly `serde_json` of [`Comparison`] (see the format
//! description in [`crate::compare`]): one object with `left`, `right`
//! (document metadata, flattened [`crate::DocMeta`] plus `id`), `summary` and
//! `pairs` (kind, similarity, left/right unit views, word `ops`, `key_diffs`,
//! `group`). Field names are snake_case, enum values snake_case strings,
//! absent values `null`. Notes and report options are not part of it.
//! Output ends with a newline.

use std::io::{self, Write};

use crate::compare::Comparison;

/// Write `c` as pretty-printed JSON followed by a newline.
pub fn write_json(w: &mut dyn Write, c: &Comparison) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *w, c)?;
    w.write_all(b"\n")
}
