//! `policydiff related` and `policydiff similar`: the documents related to
//! one, and the clauses of other documents most like one clause.

use std::io::Write;
use std::path::PathBuf;

use anyhow::{Context, Result};
use policydiff::{related, similar, Segmenter};

use crate::commands::open_library;
use crate::output::{visible, write_json};

/// Longest text shown per line in the terminal, in characters.
const SHOWN_CHARS: usize = 80;

fn shown(text: &str) -> String {
    let one_line = text.replace('\n', " ");
    let mut s: String = one_line.chars().take(SHOWN_CHARS).collect();
    if one_line.chars().count() > SHOWN_CHARS {
        s.push('…');
    }
    visible(&s).into_owned()
}

/// `policydiff related DOC [--limit N] [--json]`.
pub fn run_related(
    db: &Option<PathBuf>,
    doc: i64,
    limit: usize,
    json: bool,
    out: &mut dyn Write,
) -> Result<()> {
    let seg = Segmenter::new();
    let lib = open_library(db, &seg)?;
    let found = related::related(lib.as_ref(), &seg, doc, limit)
        .with_context(|| format!("finding the documents related to document {doc}"))?;
    if json {
        write_json(out, &found)?;
        return Ok(());
    }
    for r in &found {
        let number = r
            .doc_number
            .as_deref()
            .map(|n| format!(" ({})", visible(n)))
            .unwrap_or_default();
        writeln!(out, "[{}] {}{number}", r.id, visible(&r.title))?;
        let reasons: Vec<String> = r
            .reasons
            .iter()
            .map(|x| {
                serde_json::to_value(x).map_or_else(
                    |_| String::new(),
                    |v| v.as_str().unwrap_or_default().to_string(),
                )
            })
            .collect();
        writeln!(
            out,
            "    {:.2}  {}; {} shared units",
            r.score,
            reasons.join(", "),
            r.shared_units
        )?;
        if !r.evidence.is_empty() {
            writeln!(out, "    {}", shown(&r.evidence))?;
        }
    }
    if found.is_empty() {
        writeln!(out, "no document related to document {doc}")?;
    }
    Ok(())
}

/// `policydiff similar DOC PATH [--limit N] [--json]`.
pub fn run_similar(
    db: &Option<PathBuf>,
    doc: i64,
    path: &str,
    limit: usize,
    json: bool,
    out: &mut dyn Write,
) -> Result<()> {
    let seg = Segmenter::new();
    let lib = open_library(db, &seg)?;
    let found = similar::similar(lib.as_ref(), &seg, doc, path, limit)
        .with_context(|| format!("finding the clauses similar to {path} of document {doc}"))?;
    if json {
        write_json(out, &found)?;
        return Ok(());
    }
    for s in &found {
        writeln!(
            out,
            "[{}] {} › {}  {:.2}",
            s.doc_id,
            visible(&s.title),
            visible(&s.path),
            s.similarity
        )?;
        writeln!(out, "    {}", shown(&s.text))?;
        for k in &s.contrasts {
            writeln!(out, "    {}", visible(&k.detail))?;
        }
    }
    if found.is_empty() {
        writeln!(
            out,
            "no clause of another document is like {path} of document {doc}"
        )?;
    }
    Ok(())
}
