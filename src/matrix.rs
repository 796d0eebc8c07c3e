//! `policydiff matrix BASE OTHER...`: one document against many (the
//! coverage matrix), from library ids or files.

use std::io::{self, Write};
use std::path::PathBuf;

use anyhow::{Context, Result};
use policydiff::compare::{self, StoredOptions};
use policydiff::matrix;
use policydiff::model::{ListFilter, MatrixFormat, ReportLang, RowOrder};
use policydiff::stages::report;
use policydiff::vectors::Model;
use policydiff::Segmenter;

use crate::commands::library_path;
use crate::input::Loader;

/// Options of `matrix`.
#[derive(Debug, clap::Args)]
pub struct MatrixArgs {
    /// The base document: a library id or a file path.
    pub base: String,
    /// The documents to compare with it: library ids or file paths.
    #[arg(required_unless_present = "all")]
    pub others: Vec<String>,
    /// Compare with every other document of the library.
    #[arg(long, conflicts_with = "others")]
    pub all: bool,
    /// Output format (default: from the output file's extension, else text).
    #[arg(long, short = 'f', value_enum)]
    pub format: Option<MatrixFormat>,
    /// Write to this file instead of standard output (`-`: standard output).
    #[arg(long, short = 'o')]
    pub output: Option<PathBuf>,
    /// Row order: the base's reading order, or the most adopted units first.
    #[arg(long, value_enum, default_value = "reading")]
    pub sort: RowOrder,
    /// Ignore the manual pairings (`policydiff pair`): the aligner's result only.
    #[arg(long)]
    pub no_manual_pairs: bool,
    /// Language of the report's own words (titles, labels, key differences):
    /// zh or en. The documents' text is quoted as written.
    #[arg(long, value_enum, default_value = "zh")]
    pub lang: ReportLang,
}

/// Run `matrix`.
pub fn run(
    args: &MatrixArgs,
    db: &Option<PathBuf>,
    model: Option<Model>,
    out: &mut dyn Write,
) -> Result<()> {
    let seg = Segmenter::new();
    let mut loader = Loader::new(db, &seg);
    let base = loader.load(&args.base)?;
    let mut others = Vec::new();
    for spec in &args.others {
        others.push(loader.load(spec)?);
    }
    if args.all {
        let store = loader.library()?;
        for row in store.list(&ListFilter::default())? {
            if Some(row.id) != base.id {
                others.push(compare::load_stored(store, row.id)?);
            }
        }
    }
    if let Some(output) = &args.output {
        loader.refuse_overwriting(output)?;
    }
    let lib = loader.into_library();
    let opts = StoredOptions {
        ignore_manual_pairs: args.no_manual_pairs,
        vectors: model,
        ..StoredOptions::default()
    };
    let mut m = matrix::compute(lib.as_deref(), &seg, &base, &others, &opts)?;
    matrix::sort_rows(&mut m, args.sort);
    let format = match (args.format, &args.output) {
        (Some(f), _) => f,
        (None, Some(path)) => MatrixFormat::from_path(path).with_context(|| {
            format!(
                "cannot tell the format of {} from its extension; use --format",
                path.display()
            )
        })?,
        (None, None) => MatrixFormat::Text,
    };
    if let Some(path) = &args.output {
        let library = library_path(db).ok();
        matrix::export(path, format, &m, args.lang, library.as_deref())?;
        return Ok(());
    }
    report::matrix::write_matrix(out, format, &m, args.lang)?;
    io::Write::flush(out)?;
    Ok(())
}
