//! Run a parsed command: validate flags into core options and call the core.

use std::io::{self, IsTerminal, Write};
use std::path::Path;

use anyhow::{Context, Result};
use policydiff::compare::{self, CompareOptions, Doc};
use policydiff::diff::{DiffOptions, Granularity};
use policydiff::library;
use policydiff::report::{self, Format, PairSelection, ReportOptions};
use policydiff::store::{Library, ListFilter, SortBy};
use policydiff::{Level, Segmenter};
use unicode_width::UnicodeWidthStr;

use crate::args::{Cli, ColorArg, Command, CompareArgs, FormatArg, LevelArg, NoteCommand, SortArg};

/// Run one command.
pub fn run(cli: Cli) -> Result<()> {
    let db = cli.db.clone();
    let open = |seg: &Segmenter| -> Result<Library> {
        let path = match &db {
            Some(p) => p.clone(),
            None => Library::default_path()?,
        };
        let (lib, imported) = library::open(&path, seg)
            .with_context(|| format!("opening the library {}", path.display()))?;
        if let Some(report) = imported {
            eprintln!(
                "policydiff: new library {}: imported {} documents of the bundled corpus",
                path.display(),
                report.added.len()
            );
        }
        Ok(lib)
    };
    let mut out = io::stdout().lock();
    match cli.command {
        Command::Import { files, json } => {
            let seg = Segmenter::new();
            let mut lib = open(&seg)?;
            let mut failed = 0;
            let mut results = Vec::new();
            for file in &files {
                match library::import_path(&mut lib, &seg, file) {
                    Ok(report) => {
                        if !json {
                            writeln!(
                                out,
                                "{}: {} added, {} already in the library",
                                file.display(),
                                report.added.len(),
                                report.duplicates.len()
                            )?;
                        }
                        results.push(serde_json::json!({
                            "file": file, "added": report.added, "duplicates": report.duplicates,
                        }));
                    }
                    Err(e) => {
                        failed += 1;
                        eprintln!("policydiff: {e}");
                        results.push(serde_json::json!({"file": file, "error": e.to_string()}));
                    }
                }
            }
            if json {
                serde_json::to_writer_pretty(&mut out, &results)?;
                writeln!(out)?;
            }
            if failed > 0 {
                anyhow::bail!("{failed} of {} files could not be imported", files.len());
            }
        }
        Command::List {
            region,
            level,
            year,
            sort,
            json,
        } => {
            let seg = Segmenter::new();
            let lib = open(&seg)?;
            let filter = ListFilter {
                region,
                level: level.map(|l| match l {
                    LevelArg::Province => Level::Province,
                    LevelArg::City => Level::City,
                    LevelArg::District => Level::District,
                    LevelArg::Other => Level::Other,
                }),
                year,
                sort: match sort {
                    SortArg::Id => SortBy::Id,
                    SortArg::Date => SortBy::DateDesc,
                    SortArg::DateAsc => SortBy::DateAsc,
                    SortArg::Title => SortBy::Title,
                },
            };
            let rows = lib.list(&filter)?;
            if json {
                serde_json::to_writer_pretty(&mut out, &rows)?;
                writeln!(out)?;
            } else {
                let table: Vec<[String; 6]> = rows
                    .iter()
                    .map(|r| {
                        let region = [r.meta.province.as_deref(), r.meta.city.as_deref()]
                            .into_iter()
                            .flatten()
                            .collect::<Vec<_>>()
                            .join("/");
                        [
                            r.id.to_string(),
                            region,
                            r.meta.level.as_str().to_string(),
                            r.meta.date.clone().unwrap_or_default(),
                            r.meta.doc_number.clone().unwrap_or_default(),
                            r.meta.title.clone(),
                        ]
                    })
                    .collect();
                print_table(
                    &mut out,
                    ["id", "region", "level", "date", "文号", "title"],
                    &table,
                )?;
            }
        }
        Command::Show { id, tree, json } => {
            let seg = Segmenter::new();
            let lib = open(&seg)?;
            let doc = lib.get(id)?;
            if json {
                serde_json::to_writer_pretty(&mut out, &doc)?;
                writeln!(out)?;
            } else {
                let m = &doc.meta;
                writeln!(out, "{}", m.title)?;
                for (k, v) in [
                    ("文号", &m.doc_number),
                    ("issuer", &m.issuer),
                    ("date", &m.date),
                    ("province", &m.province),
                    ("city", &m.city),
                    ("source", &m.source_url),
                ] {
                    if let Some(v) = v {
                        writeln!(out, "  {k}: {v}")?;
                    }
                }
                writeln!(out, "  level: {}", m.level.as_str())?;
                for w in &m.warnings {
                    writeln!(out, "  warning: {w}")?;
                }
                writeln!(out)?;
                if tree {
                    write!(out, "{}", policydiff::parse::outline(&doc.tree))?;
                } else {
                    writeln!(out, "{}", doc.text)?;
                }
            }
        }
        Command::Search { query, limit, json } => {
            let seg = Segmenter::new();
            let lib = open(&seg)?;
            let hits = lib.search(&seg, &query, limit)?;
            if json {
                serde_json::to_writer_pretty(&mut out, &hits)?;
                writeln!(out)?;
            } else {
                for h in &hits {
                    writeln!(out, "[{}] {} › {}", h.doc_id, h.title, h.path)?;
                    writeln!(
                        out,
                        "    {}",
                        snippet(&h.text, h.matches.first().map(|m| m.0), 60)
                    )?;
                }
                if hits.is_empty() {
                    writeln!(out, "no clause matches {query}")?;
                }
            }
        }
        Command::Delete { id } => {
            let seg = Segmenter::new();
            let mut lib = open(&seg)?;
            lib.delete(id)?;
            writeln!(out, "deleted document {id}")?;
        }
        Command::Compare(args) | Command::Export(args) => compare_cmd(&args, &db, &mut out)?,
        Command::Note(cmd) => {
            let seg = Segmenter::new();
            let mut lib = open(&seg)?;
            note_cmd(&mut lib, cmd, &mut out)?;
        }
        Command::Pair {
            left,
            right,
            left_path,
            right_path,
            forbid,
            clear,
        } => {
            let seg = Segmenter::new();
            let mut lib = open(&seg)?;
            if clear {
                if lib.clear_pairing(left, right, &left_path, &right_path)? {
                    writeln!(
                        out,
                        "cleared the manual pairing of {left_path} ↔ {right_path}"
                    )?;
                } else {
                    writeln!(out, "no manual pairing of {left_path} ↔ {right_path}")?;
                }
            } else if forbid {
                lib.forbid_pair(left, right, &left_path, &right_path)?;
                writeln!(out, "{left_path} ↔ {right_path} will not be paired")?;
            } else {
                lib.force_pair(left, right, &left_path, &right_path)?;
                writeln!(out, "{left_path} ↔ {right_path} paired by hand")?;
            }
        }
    }
    out.flush()?;
    Ok(())
}

fn compare_cmd(
    args: &CompareArgs,
    db: &Option<std::path::PathBuf>,
    out: &mut dyn Write,
) -> Result<()> {
    let seg = Segmenter::new();
    let mut lib: Option<Library> = None;
    let mut load = |spec: &str| -> Result<Doc> {
        let path = Path::new(spec);
        if path.exists() {
            return library::load_file(path).with_context(|| format!("reading {spec}"));
        }
        let id: i64 = spec
            .parse()
            .with_context(|| format!("{spec} is neither a file nor a document id"))?;
        if lib.is_none() {
            let p = match db {
                Some(p) => p.clone(),
                None => Library::default_path()?,
            };
            lib = Some(library::open(&p, &seg)?.0);
        }
        Ok(library::load_stored(lib.as_ref().expect("opened"), id)?)
    };
    let left = load(&args.left)?;
    let right = load(&args.right)?;
    // Notes and manual pairings exist for two stored documents.
    let (notes, overrides) = match (lib.as_ref(), left.id, right.id) {
        (Some(lib), Some(l), Some(r)) => {
            let notes: Vec<report::Note> =
                lib.notes_for(l, r)?.into_iter().map(Into::into).collect();
            let overrides = if args.no_manual_pairs {
                Default::default()
            } else {
                lib.pairing_overrides(l, r)?
            };
            (notes, overrides)
        }
        _ => (Vec::new(), Default::default()),
    };
    let opts = CompareOptions {
        overrides,
        diff: DiffOptions {
            granularity: if args.char {
                Granularity::Char
            } else {
                Granularity::Word
            },
            ignore_whitespace: args.ignore_whitespace,
            ignore_punct_width: args.ignore_punct_width,
        },
    };
    let mut result = compare::compare(&seg, &left, &right, &opts);
    if let Some(lib) = lib.as_mut() {
        if let (Some(l), Some(r)) = (left.id, right.id) {
            lib.remember_comparison(l, r)?;
        }
    }
    let format = match (args.format, &args.output) {
        (Some(f), _) => report_format(f),
        (None, Some(path)) => Format::from_path(path).with_context(|| {
            format!(
                "cannot tell the format of {} from its extension; use --format",
                path.display()
            )
        })?,
        (None, None) => Format::Text,
    };
    let color = match args.color {
        ColorArg::Always => true,
        ColorArg::Never => false,
        ColorArg::Auto => args.output.is_none() && io::stdout().is_terminal(),
    };
    let ropts = ReportOptions {
        summary: !args.no_summary,
        key_diffs: !args.no_key_diffs,
        pairs: if args.changed_only {
            PairSelection::ChangedOnly
        } else {
            PairSelection::All
        },
        notes: !args.no_notes,
        color,
        width: args.width,
    };
    if let Some(path) = &args.output {
        report::export_to_file(path, format, &result, &notes, &ropts)?;
        return Ok(());
    }
    if args.changed_only && format == Format::Json {
        result.pairs.retain(|p| p.kind != compare::PairKind::Same);
    }
    match format {
        Format::Text => report::write_text(out, &result, &notes, &ropts)?,
        Format::Json => report::write_json(out, &result)?,
        Format::Html => report::write_html(out, &result, &notes, &ropts)?,
        Format::Markdown => report::write_markdown(out, &result, &notes, &ropts)?,
        Format::Csv => report::write_csv(out, &result, &notes, &ropts)?,
        Format::Docx => {
            anyhow::bail!("a Word document is binary: write it to a file with -o FILE.docx")
        }
        Format::Pdf => anyhow::bail!("a PDF is binary: write it to a file with -o FILE.pdf"),
    }
    Ok(())
}

fn note_cmd(lib: &mut Library, cmd: NoteCommand, out: &mut dyn Write) -> Result<()> {
    match cmd {
        NoteCommand::Add {
            left,
            right,
            left_path,
            right_path,
            tag,
            text,
        } => {
            let id = lib.add_note(
                left,
                right,
                left_path.as_deref(),
                right_path.as_deref(),
                tag.as_deref(),
                &text,
            )?;
            writeln!(out, "added note {id}")?;
        }
        NoteCommand::List { left, right, json } => {
            let notes = lib.notes_for(left, right)?;
            if json {
                serde_json::to_writer_pretty(&mut *out, &notes)?;
                writeln!(out)?;
            } else {
                let rows: Vec<[String; 5]> = notes
                    .iter()
                    .map(|n| {
                        [
                            n.id.to_string(),
                            n.left_path.clone().unwrap_or_else(|| "—".into()),
                            n.right_path.clone().unwrap_or_else(|| "—".into()),
                            n.tag.clone().unwrap_or_default(),
                            n.text.replace('\n', " "),
                        ]
                    })
                    .collect();
                print_table(out, ["id", "left", "right", "tag", "note"], &rows)?;
            }
        }
        NoteCommand::Edit { id, tag, text } => {
            if tag.is_none() && text.is_none() {
                anyhow::bail!("nothing to change: give --tag or --text");
            }
            let old = lib.note(id)?;
            let tag = tag.or(old.tag);
            let text = text.unwrap_or(old.text);
            lib.update_note(id, tag.as_deref(), &text)?;
            writeln!(out, "updated note {id}")?;
        }
        NoteCommand::Delete { id } => {
            lib.delete_note(id)?;
            writeln!(out, "deleted note {id}")?;
        }
        NoteCommand::Tags => {
            for t in lib.tags()? {
                writeln!(out, "{t}")?;
            }
        }
    }
    Ok(())
}

fn report_format(f: FormatArg) -> Format {
    match f {
        FormatArg::Text => Format::Text,
        FormatArg::Json => Format::Json,
        FormatArg::Html => Format::Html,
        FormatArg::Md => Format::Markdown,
        FormatArg::Csv => Format::Csv,
        FormatArg::Docx => Format::Docx,
        FormatArg::Pdf => Format::Pdf,
    }
}

/// A text snippet of about `width` characters around byte offset `at`.
fn snippet(text: &str, at: Option<usize>, width: usize) -> String {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let center = at
        .and_then(|b| chars.iter().position(|(i, _)| *i >= b))
        .unwrap_or(0);
    let start = center.saturating_sub(width / 3);
    let end = (start + width).min(chars.len());
    let mut s: String = chars[start..end].iter().map(|(_, c)| *c).collect();
    s = s.replace('\n', " ");
    if start > 0 {
        s.insert(0, '…');
    }
    if end < chars.len() {
        s.push('…');
    }
    s
}

/// Print rows as an aligned table, CJK characters counted as two columns.
fn print_table<const N: usize>(
    out: &mut dyn Write,
    header: [&str; N],
    rows: &[[String; N]],
) -> Result<()> {
    let mut widths = header.map(UnicodeWidthStr::width);
    for r in rows {
        for (w, cell) in widths.iter_mut().zip(r) {
            *w = (*w).max(cell.width());
        }
    }
    let line = |out: &mut dyn Write, cells: Vec<&str>| -> io::Result<()> {
        let last = cells.len() - 1;
        for (i, c) in cells.iter().enumerate() {
            if i == last {
                writeln!(out, "{c}")?;
            } else {
                write!(out, "{c}{}  ", " ".repeat(widths[i] - c.width()))?;
            }
        }
        Ok(())
    };
    line(out, header.to_vec())?;
    for r in rows {
        line(out, r.iter().map(String::as_str).collect())?;
    }
    Ok(())
}
