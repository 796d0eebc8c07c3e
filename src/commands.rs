//! Run a parsed command: validate flags into core options and call the core.

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use policydiff::compare::{self, StoredOptions};
use policydiff::model::{
    DiffOptions, Doc, Format, Granularity, ListFilter, MetaEdit, PairSelection, PointMark,
    ReportOptions, SearchScope,
};
use policydiff::stages::report;
use policydiff::vectors::Model;
use policydiff::{library, Segmenter, Store};
use unicode_width::UnicodeWidthStr;

use crate::args::{Cli, ColorArg, Command, CompareArgs, DocFilter, NoteCommand, PointArgs};
use crate::input::Loader;
use crate::output::{visible, visible_doc, visible_line, visible_note, visible_path, write_json};

/// The library: `--db`, `$POLICYDIFF_DB` (a file, or a `postgres://` URL
/// of a team library), else the OS default file.
pub(crate) fn library_location(db: &Option<PathBuf>) -> Result<library::Location> {
    let location = match db {
        Some(p) => library::Location::from_path(p),
        None => library::Location::File(library::default_path()?),
    };
    if let Some(folder) = location.file().filter(|p| p.is_dir()) {
        // SQLite says only "unable to open database file".
        anyhow::bail!(
            "the library {0} is a folder: give a file, e.g. {0}/library.sqlite3",
            folder.display()
        );
    }
    // A library the user names is created in a folder that exists: a typo in
    // a folder name must not quietly start a new library (with the bundled
    // corpus) in folders made for it. Only the default location is made.
    if let Some(file) = location.file().filter(|_| db.is_some()) {
        if let Some(folder) = file.parent().filter(|d| !d.as_os_str().is_empty()) {
            if !folder.is_dir() {
                anyhow::bail!(
                    "the library {}: no folder {} (check the path; to start a new library there, create the folder first)",
                    file.display(),
                    folder.display()
                );
            }
        }
    }
    Ok(location)
}

/// The library file (none for a team library on a server).
pub(crate) fn library_path(db: &Option<PathBuf>) -> Result<PathBuf> {
    library_location(db)?
        .file()
        .map(Path::to_path_buf)
        .context("the library is on a server, not in a file")
}

/// Open the library (importing the bundled corpus into a new one, and saying so).
pub(crate) fn open_library(db: &Option<PathBuf>, seg: &Segmenter) -> Result<Box<dyn Store>> {
    // `Display` of a location never shows a password.
    let path = library_location(db)?;
    let opened =
        library::open_at(&path, seg).with_context(|| format!("opening the library {path}"))?;
    match (&opened.first_run, &opened.first_run_reason) {
        (Some(report), Some(why)) => eprintln!(
            "policydiff: {path}: {why}: imported {} documents of the bundled corpus",
            report.added.len()
        ),
        (None, Some(why)) => eprintln!(
            "policydiff: warning: {path}: {why}, but the library is read-only ({}): the bundled corpus was not imported",
            opened.read_only().unwrap_or_default()
        ),
        _ => {}
    }
    Ok(opened.store)
}

/// The sentence-vector model the flags ask for: none with
/// `--lexical-only`; `--model FILE` or the built-in static table. A model
/// that cannot be loaded is a warning (printed here, once) and the
/// commands go on by wording alone.
fn load_model(lexical_only: bool, path: Option<&Path>) -> Option<Model> {
    if lexical_only {
        return None;
    }
    let loaded = match path {
        // The error names the file.
        Some(path) => Model::open(path).context("loading the sentence-vector model"),
        None => Model::bundled().context("loading the built-in sentence-vector table"),
    };
    match loaded {
        Ok(m) => Some(m),
        Err(e) => {
            eprintln!("policydiff: warning: {e:#}; pairing clauses by wording alone");
            None
        }
    }
}

/// Compute the vectors the library is missing for `model` (the documents
/// just imported, or all after a change of model). A failure is a warning:
/// the documents are imported, and comparisons compute what is missing.
fn fill_vectors(lib: &mut dyn Store, model: &Model) {
    if let Err(e) = policydiff::vectors::fill_missing(lib, model, |_, _| {}) {
        eprintln!("policydiff: warning: sentence vectors not stored: {e}");
    }
}

/// Run one command.
pub fn run(mut cli: Cli) -> Result<()> {
    // `-o -` is standard output, as for most tools (not a file named `-`).
    let stdout_dash = |o: &mut Option<PathBuf>| {
        if o.as_deref() == Some(Path::new("-")) {
            *o = None;
        }
    };
    match &mut cli.command {
        Command::Compare(a) | Command::Export(a) => stdout_dash(&mut a.output),
        Command::Matrix(m) => stdout_dash(&mut m.output),
        _ => {}
    }
    let db = cli.db.clone();
    let model = || load_model(cli.lexical_only, cli.model.as_deref());
    let open = |seg: &Segmenter| open_library(&db, seg);
    let mut out = io::stdout().lock();
    match cli.command {
        Command::Import { files, json } => {
            let seg = Segmenter::new();
            let mut lib = open(&seg)?;
            let mut failed = 0;
            let mut results = Vec::new();
            for file in &files {
                match policydiff::import::import_path(lib.as_mut(), &seg, file) {
                    Ok(report) => {
                        // What import repaired or removed, per added document.
                        let mut warnings = Vec::new();
                        for &id in &report.added {
                            for w in lib.get(id)?.meta.warnings {
                                warnings.push(serde_json::json!({"id": id, "warning": w}));
                            }
                        }
                        if !json {
                            let dups: Vec<i64> = report.duplicates.iter().map(|d| d.1).collect();
                            writeln!(
                                out,
                                "{}: {} added{}, {} already in the library{}",
                                visible_path(file),
                                report.added.len(),
                                ids(&report.added),
                                dups.len(),
                                ids(&dups)
                            )?;
                            for t in &report.same_title {
                                writeln!(
                                    out,
                                    "  document {} has the title of document {} (both kept, \
                                     their texts differ): {}",
                                    t.id,
                                    t.existing,
                                    visible(&t.title)
                                )?;
                            }
                            for w in &warnings {
                                let text = w["warning"].as_str().unwrap_or_default();
                                writeln!(
                                    out,
                                    "  warning (document {}): {}",
                                    w["id"],
                                    visible(text)
                                )?;
                            }
                        }
                        results.push(serde_json::json!({
                            "file": file, "added": report.added, "duplicates": report.duplicates,
                            "same_title": report.same_title, "warnings": warnings,
                        }));
                    }
                    Err(e) => {
                        failed += 1;
                        // Import errors name the file; the library's (disk full,
                        // busy, read-only) do not, so say which file they stopped.
                        let e = match e {
                            policydiff::Error::Store(_) => format!("{}: {e}", file.display()),
                            e => e.to_string(),
                        };
                        eprintln!("policydiff: {}", visible_line(&e));
                        results.push(serde_json::json!({"file": file, "error": e}));
                    }
                }
            }
            if let Some(model) = model() {
                fill_vectors(lib.as_mut(), &model);
            }
            if json {
                write_json(&mut out, &results)?;
            }
            if failed > 0 {
                anyhow::bail!("{failed} of {} files could not be imported", files.len());
            }
        }
        Command::List {
            filter:
                DocFilter {
                    region,
                    level,
                    year,
                },
            sort,
            json,
        } => {
            let seg = Segmenter::new();
            let lib = open(&seg)?;
            let filter = ListFilter {
                region,
                level,
                year,
                text: None,
                sort,
            };
            let rows = lib.list(&filter)?;
            if json {
                write_json(&mut out, &rows)?;
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
                        .map(|cell| visible(&cell.replace('\n', " ")).into_owned())
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
                write_json(&mut out, &doc)?;
            } else {
                let m = &doc.meta;
                writeln!(out, "{}", visible(&m.title))?;
                for (k, v) in [
                    ("文号", &m.doc_number),
                    ("issuer", &m.issuer),
                    ("date", &m.date),
                    ("province", &m.province),
                    ("city", &m.city),
                    ("source", &m.source_url),
                ] {
                    if let Some(v) = v {
                        writeln!(out, "  {k}: {}", visible(v))?;
                    }
                }
                writeln!(out, "  level: {}", m.level.as_str())?;
                for w in &m.warnings {
                    writeln!(out, "  warning: {}", visible(w))?;
                }
                writeln!(out)?;
                if tree {
                    let outline = policydiff::stages::parse::outline(&doc.tree);
                    write!(out, "{}", visible(&outline))?;
                } else {
                    writeln!(out, "{}", visible(&doc.text))?;
                }
            }
        }
        Command::Search {
            query,
            filter:
                DocFilter {
                    region,
                    level,
                    year,
                },
            limit,
            json,
        } => {
            let seg = Segmenter::new();
            let lib = open(&seg)?;
            let scope = SearchScope {
                region,
                level,
                year,
            };
            let hits = lib.search_in(&seg, &query, &scope, limit)?;
            if json {
                write_json(&mut out, &hits)?;
            } else {
                for h in &hits {
                    writeln!(
                        out,
                        "[{}] {} › {}",
                        h.doc_id,
                        visible(&h.title),
                        visible(&h.path)
                    )?;
                    let around = snippet(&h.text, h.matches.first().map(|m| m.0), 60);
                    writeln!(out, "    {}", visible(&around))?;
                }
                if hits.is_empty() {
                    let mut within = Vec::new();
                    if let Some(r) = scope.region.as_deref().filter(|r| !r.is_empty()) {
                        within.push(format!("region {}", visible(r)));
                    }
                    if let Some(l) = scope.level {
                        within.push(format!("level {}", l.as_str()));
                    }
                    if let Some(y) = scope.year {
                        within.push(format!("year {y}"));
                    }
                    if within.is_empty() {
                        writeln!(out, "no clause matches {}", visible(&query))?;
                    } else {
                        writeln!(
                            out,
                            "no clause matches {} in the documents of {}",
                            visible(&query),
                            within.join(", ")
                        )?;
                    }
                }
            }
        }
        Command::Edit {
            id,
            title,
            issuer,
            date,
            number,
            region,
            level,
            url,
            json,
        } => {
            let (province, city) = match region.as_deref().map(policydiff::library::region_edit) {
                Some((p, c)) => (Some(p), Some(c)),
                None => (None, None),
            };
            let edit = MetaEdit {
                title,
                issuer,
                date,
                doc_number: number,
                province,
                city,
                level,
                source_url: url,
            };
            let seg = Segmenter::new();
            let mut lib = open(&seg)?;
            let meta = policydiff::library::edit_meta(lib.as_mut(), id, &edit)?;
            if json {
                write_json(&mut out, &meta)?;
            } else {
                writeln!(out, "edited document {id}: {}", visible(&meta.title))?;
                for (k, v) in [
                    ("文号", &meta.doc_number),
                    ("issuer", &meta.issuer),
                    ("date", &meta.date),
                    ("province", &meta.province),
                    ("city", &meta.city),
                    ("source", &meta.source_url),
                ] {
                    if let Some(v) = v {
                        writeln!(out, "  {k}: {}", visible(v))?;
                    }
                }
                writeln!(out, "  level: {}", meta.level.as_str())?;
            }
        }
        Command::Delete { id } => {
            let seg = Segmenter::new();
            let mut lib = open(&seg)?;
            lib.delete(id)?;
            writeln!(out, "deleted document {id}")?;
        }
        Command::Compare(args) | Command::Export(args) => {
            compare_cmd(&args, &db, model(), &mut out)?
        }
        Command::Matrix(args) => crate::matrix::run(&args, &db, model(), &mut out)?,
        Command::Related { id, limit, json } => {
            crate::related::run_related(&db, id, limit, json, &mut out)?
        }
        Command::Similar {
            id,
            path,
            limit,
            json,
        } => crate::related::run_similar(&db, id, &path, limit, json, &mut out)?,
        Command::Help { command } => help(&[], &command)?,
        // Before the library is opened: help never creates one.
        Command::Note(NoteCommand::Help { command }) => help(&["note"], &command)?,
        Command::Note(cmd) => {
            let seg = Segmenter::new();
            let mut lib = open(&seg)?;
            note_cmd(lib.as_mut(), &seg, cmd, &mut out)?;
        }
        Command::Pair {
            left,
            right,
            left_path,
            right_path,
            forbid,
            clear,
            candidates,
            limit,
            json,
        } => {
            let seg = Segmenter::new();
            let mut lib = open(&seg)?;
            let (left_path, right_path) = match (left_path, right_path) {
                (l, r) if candidates => {
                    let from = match (l, r) {
                        (Some(l), None) => (true, l),
                        (None, Some(r)) => (false, r),
                        _ => anyhow::bail!(
                            "--candidates lists the partners of one clause: give --left or --right, not both"
                        ),
                    };
                    let opts = StoredOptions {
                        vectors: model(),
                        ..StoredOptions::default()
                    };
                    let pair = compare::load_pair(lib.as_ref(), left, right, &opts)?;
                    if let Some(w) = &pair.vectors.warning {
                        eprintln!("policydiff: warning: {w}");
                    }
                    print_candidates(pair, &seg, from, limit, json, &mut out)?;
                    out.flush()?;
                    return Ok(());
                }
                (Some(l), Some(r)) => (l, r),
                // Both are required unless --candidates (clap says so first).
                _ => anyhow::bail!("give both --left and --right"),
            };
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
                // Earlier pairings by hand of either clause stay beside this one: say so.
                let earlier: Vec<String> = lib
                    .pairings(left, right)?
                    .into_iter()
                    .filter(|p| !p.forbid)
                    .filter(|p| (p.left_path == left_path) != (p.right_path == right_path))
                    .map(|p| format!("{} ↔ {}", p.left_path, p.right_path))
                    .collect();
                lib.force_pair(left, right, &left_path, &right_path)?;
                writeln!(out, "{left_path} ↔ {right_path} paired by hand")?;
                for e in earlier {
                    writeln!(
                        out,
                        "  besides {e}, paired by hand before (`pair --clear` forgets either)"
                    )?;
                }
            }
        }
    }
    out.flush()?;
    Ok(())
}

/// `pair --candidates`: the clauses of the other document the clause `from`
/// (left when `from.0`, and its path) could be paired with, likeliest first.
fn print_candidates(
    pair: compare::StoredPair,
    seg: &Segmenter,
    from: (bool, String),
    limit: usize,
    json: bool,
    out: &mut dyn Write,
) -> Result<()> {
    let (from_left, path) = from;
    let ranked = pair.counterparts(seg, from_left, &path)?;
    let (this, other) = if from_left {
        (&pair.left, &pair.right)
    } else {
        (&pair.right, &pair.left)
    };
    let (this_title, other_title) = (this.meta.title.clone(), other.meta.title.clone());
    let texts: std::collections::HashMap<String, String> = other
        .tree
        .units()
        .into_iter()
        .map(|(i, text)| (other.tree.clauses[i].path.clone(), text))
        .collect();
    // The clause's partners now: the comparison with the user's pairings (it takes the documents).
    let c = pair.compare(seg, DiffOptions::default());
    let partners: Vec<&str> = c
        .pairs
        .iter()
        .filter_map(|p| match (&p.left, &p.right) {
            (Some(l), Some(r)) if from_left && l.path == path => Some(r.path.as_str()),
            (Some(l), Some(r)) if !from_left && r.path == path => Some(l.path.as_str()),
            _ => None,
        })
        .collect();
    if json {
        let rows: Vec<serde_json::Value> = ranked
            .iter()
            .take(limit)
            .map(|s| {
                serde_json::json!({
                    "path": s.path,
                    "strength": s.strength,
                    "paired": partners.contains(&s.path.as_str()),
                    "text": texts.get(&s.path).map(String::as_str).unwrap_or(""),
                })
            })
            .collect();
        write_json(out, &rows)?;
        return Ok(());
    }
    writeln!(
        out,
        "clauses of {} to pair with {} of {}, likeliest first (relatedness: the strength of the topic match):",
        visible_line(&other_title),
        visible_line(&path),
        visible_line(&this_title)
    )?;
    for s in ranked.iter().take(limit) {
        let text = texts.get(&s.path).map(String::as_str).unwrap_or("");
        let opening: String = text
            .split_whitespace()
            .collect::<String>()
            .chars()
            .take(40)
            .collect();
        let paired = if partners.contains(&s.path.as_str()) {
            "  [paired with it]"
        } else {
            ""
        };
        writeln!(
            out,
            "{:>4.0}%  {}  {}{paired}",
            s.strength * 100.0,
            visible_line(&s.path),
            visible_line(&opening)
        )?;
    }
    if ranked.len() > limit {
        writeln!(out, "… {} more (--limit)", ranked.len() - limit)?;
    }
    Ok(())
}

fn compare_cmd(
    args: &CompareArgs,
    db: &Option<PathBuf>,
    model: Option<Model>,
    out: &mut dyn Write,
) -> Result<()> {
    let seg = Segmenter::new();
    let mut loader = Loader::new(db, &seg);
    let mut load = |spec: &str| -> Result<Doc> {
        let mut doc = loader.load(spec)?;
        visible_doc(&mut doc);
        Ok(doc)
    };
    let left = load(&args.left)?;
    let right = load(&args.right)?;
    if let Some(output) = &args.output {
        loader.refuse_overwriting(output)?;
    }
    let mut lib = loader.into_library();
    let opts = StoredOptions {
        diff: DiffOptions {
            granularity: if args.char {
                Granularity::Char
            } else {
                Granularity::Word
            },
            ignore_whitespace: args.ignore_whitespace,
            ignore_punct_width: args.ignore_punct_width,
        },
        ignore_manual_pairs: args.no_manual_pairs,
        vectors: model,
    };
    let compared = compare::compare_docs(lib.as_deref(), &seg, &left, &right, &opts)?;
    if let Some(w) = &compared.warning {
        eprintln!("policydiff: warning: {w}");
    }
    let result = compared.comparison;
    let mut notes = compare::notes_for(lib.as_deref(), &result)?;
    notes.iter_mut().for_each(visible_note);
    if let Some(lib) = lib.as_mut() {
        if let (Some(l), Some(r)) = (left.id, right.id) {
            if let compare::Remembered::Skipped(why) = compare::remember(lib.as_mut(), l, r)? {
                eprintln!("policydiff: warning: {why}");
            }
        }
    }
    let format = match (args.format, &args.output) {
        (Some(f), _) => f,
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
        width: usize::from(args.width),
        lang: args.lang,
        order: args.order,
    };
    if let Some(path) = &args.output {
        // Even when both documents are files, the output must not be the library.
        let library = library_path(db).ok();
        policydiff::export::export(path, format, &result, &notes, &ropts, library.as_deref())?;
        return Ok(());
    }
    report::write_report(out, format, &result, &notes, &ropts)?;
    Ok(())
}

fn note_cmd(
    lib: &mut dyn Store,
    seg: &Segmenter,
    cmd: NoteCommand,
    out: &mut dyn Write,
) -> Result<()> {
    let compared = |lib: &dyn Store, left: i64, right: i64| {
        compare::compare_stored(lib, seg, left, right, &StoredOptions::default())
    };
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
                write_json(out, &notes)?;
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
                        .map(|cell| visible(&cell).into_owned())
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
        NoteCommand::Points { left, right, json } => {
            let c = compared(lib, left, right)?;
            if json {
                write_json(
                    out,
                    &serde_json::json!({
                        "key_points": c.key_points,
                        "hidden_key_points": c.hidden_key_points,
                    }),
                )?;
            } else {
                let shown = c
                    .key_points
                    .iter()
                    .map(|p| (p, p.pinned.then_some("pinned")));
                let hidden = c.hidden_key_points.iter().map(|p| (p, Some("hidden")));
                let rows: Vec<[String; 3]> = shown
                    .chain(hidden)
                    .map(|(p, mark)| {
                        [
                            p.id.clone(),
                            mark.unwrap_or("").to_owned(),
                            visible(&p.detail.replace('\n', " ")).into_owned(),
                        ]
                    })
                    .collect();
                print_table(out, ["id", "mark", "point"], &rows)?;
            }
        }
        NoteCommand::Pin(p) => mark_point(lib, seg, &p, Some(PointMark::Pinned), out)?,
        NoteCommand::Hide(p) => mark_point(lib, seg, &p, Some(PointMark::Hidden), out)?,
        NoteCommand::Unpin(p) => mark_point(lib, seg, &p, None, out)?,
        NoteCommand::Help { command } => help(&["note"], &command)?,
    }
    Ok(())
}

/// Store a pin, a hide or neither for a key point and say what was done.
fn mark_point(
    lib: &mut dyn Store,
    seg: &Segmenter,
    p: &PointArgs,
    mark: Option<PointMark>,
    out: &mut dyn Write,
) -> Result<()> {
    let c = compare::compare_stored(lib, seg, p.left, p.right, &StoredOptions::default())?;
    policydiff::points::mark(lib, &c, &p.point_id, mark)?;
    let done = match mark {
        Some(PointMark::Pinned) => "pinned",
        Some(PointMark::Hidden) => "hidden",
        None => "no longer pinned or hidden",
    };
    writeln!(out, "key point {} {done}", p.point_id.trim())?;
    Ok(())
}

/// The documents `ids` name, for `import`'s line: ` (document 5)`, ` (documents
/// 3, 7)`, a run of more than three as ` (documents 1–38)`; nothing for none.
fn ids(ids: &[i64]) -> String {
    let mut sorted = ids.to_vec();
    sorted.sort_unstable();
    let run = sorted.windows(2).all(|w| w[1] == w[0] + 1);
    match sorted.as_slice() {
        [] => String::new(),
        [one] => format!(" (document {one})"),
        [first, .., last] if run && sorted.len() > 3 => format!(" (documents {first}–{last})"),
        all => {
            let shown: Vec<String> = all.iter().take(10).map(i64::to_string).collect();
            let more = if all.len() > 10 { ", …" } else { "" };
            format!(" (documents {}{more})", shown.join(", "))
        }
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

/// `policydiff help [COMMAND…]` and `policydiff note help [COMMAND…]`: what
/// `policydiff [COMMAND…] --help` prints (clap's own help subcommand takes
/// no flags, so `help --help` was an error).
fn help(parent: &[&str], command: &[String]) -> Result<()> {
    let args = std::iter::once("policydiff")
        .chain(parent.iter().copied())
        .chain(command.iter().map(String::as_str))
        .chain(["--help"]);
    match <Cli as clap::Parser>::try_parse_from(args) {
        Err(e) if e.kind() == clap::error::ErrorKind::DisplayHelp => {
            e.print()?;
            Ok(())
        }
        // An unknown command: clap's usage error, as for any other.
        Err(e) => e.exit(),
        Ok(_) => anyhow::bail!("no help for `{}`", command.join(" ")),
    }
}
