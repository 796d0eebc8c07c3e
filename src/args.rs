//! Raw command-line flags (clap). Validation into core options happens in `commands`.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};
use policydiff::model::{Format, Level, PairOrder, ReportLang, SortBy};

/// Which documents `list` shows and `search` looks in (the app's library filters).
#[derive(Debug, Args)]
pub struct DocFilter {
    /// Only documents whose province or city contains this text (e.g. 佛山).
    #[arg(long)]
    pub region: Option<String>,
    /// Only documents of this level.
    #[arg(long, value_enum)]
    pub level: Option<Level>,
    /// Only documents issued in this year.
    #[arg(long)]
    pub year: Option<i32>,
}

/// Compare Chinese government policy documents clause by clause.
#[derive(Debug, Parser)]
#[command(name = "policydiff", version, about, disable_help_subcommand = true)]
pub struct Cli {
    /// Library: a file (SQLite), or a team library on a PostgreSQL server
    /// (`postgres://user@host:port/db`; password from the URL, $PGPASSWORD or
    /// ~/.pgpass). Default: a file in the OS data directory.
    #[arg(
        long,
        global = true,
        env = "POLICYDIFF_DB",
        hide_env_values = true,
        value_name = "PATH|URL"
    )]
    pub db: Option<PathBuf>,

    /// Pair clauses by wording alone: no sentence vectors (neither computed
    /// at import nor used to compare).
    #[arg(long, global = true, env = "POLICYDIFF_LEXICAL_ONLY",
          value_parser = clap::builder::FalseyValueParser::new())]
    pub lexical_only: bool,

    /// Sentence-vector model file (an e5 file or a static table) instead of
    /// the built-in static table.
    #[arg(long, global = true, env = "POLICYDIFF_MODEL", value_name = "PATH")]
    pub model: Option<PathBuf>,

    /// More log output on stderr (-v info, -vv debug).
    #[arg(short, long, global = true, action = clap::ArgAction::Count)]
    pub verbose: u8,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Import files (text, Markdown, Word .docx, .doc and .wps, PDF, web pages; UTF-8, UTF-16 or GBK) into the library.
    Import {
        /// Files to import; a compilation is split into its documents.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Print the result as JSON.
        #[arg(long)]
        json: bool,
    },
    /// List the documents of the library.
    List {
        #[command(flatten)]
        filter: DocFilter,
        /// Sort order.
        #[arg(long, value_enum, default_value = "id")]
        sort: SortBy,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Show one document: metadata and text, or its clause outline.
    Show {
        /// Document id (see `list`).
        #[arg(value_parser = parse_id)]
        id: i64,
        /// Print the clause outline.
        #[arg(long)]
        tree: bool,
        /// Print JSON (metadata and clause tree).
        #[arg(long)]
        json: bool,
    },
    /// Full-text search over the clauses of the library.
    Search {
        /// Words to find (Chinese is segmented).
        #[arg(value_parser = parse_query)]
        query: String,
        #[command(flatten)]
        filter: DocFilter,
        /// Maximum number of hits.
        #[arg(long, default_value_t = 20, value_parser = parse_limit)]
        limit: usize,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Compare two documents (library ids or files) clause by clause.
    Compare(CompareArgs),
    /// Export a comparison as a briefing note (same options as `compare`; the format
    /// defaults to the output file's extension).
    Export(CompareArgs),
    /// One document against many (library ids or files): the coverage matrix.
    Matrix(crate::matrix::MatrixArgs),
    /// Documents related to one, best first, with why: it cites them or is
    /// cited by them (文号, 《title》), they share clauses, or the same topic.
    Related {
        /// Document id.
        #[arg(value_parser = parse_id)]
        id: i64,
        /// Maximum number of documents.
        #[arg(long, default_value_t = policydiff::related::DEFAULT_LIMIT, value_parser = parse_limit)]
        limit: usize,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// The clauses of other documents most similar to one clause, best first.
    Similar {
        /// Document id.
        #[arg(value_parser = parse_id)]
        id: i64,
        /// Clause path of one of its units, e.g. 二/（二）/4 (see `show ID --tree`).
        #[arg(value_parser = clause_path)]
        path: String,
        /// Maximum number of clauses.
        #[arg(long, default_value_t = policydiff::similar::DEFAULT_LIMIT, value_parser = parse_limit)]
        limit: usize,
        /// Print JSON (with each clause's word diff against the chosen one).
        #[arg(long)]
        json: bool,
    },
    /// Delete a document from the library.
    Delete {
        /// Document id.
        #[arg(value_parser = parse_id)]
        id: i64,
    },
    /// Change a stored document's metadata: only the fields given change
    /// (an empty value clears a field; the title cannot be cleared).
    #[command(group(clap::ArgGroup::new("fields").required(true).multiple(true)
        .args(["title", "issuer", "date", "number", "region", "level", "url"])))]
    Edit {
        /// Document id.
        #[arg(value_parser = parse_id)]
        id: i64,
        /// Title.
        #[arg(long)]
        title: Option<String>,
        /// Issuing body (发文机关).
        #[arg(long)]
        issuer: Option<String>,
        /// Date (成文日期), YYYY-MM-DD.
        #[arg(long)]
        date: Option<String>,
        /// Document number (文号), e.g. 粤办函〔2023〕41号.
        #[arg(long)]
        number: Option<String>,
        /// Province, or province/city (广东/佛山).
        #[arg(long)]
        region: Option<String>,
        /// Level of the issuing government.
        #[arg(long, value_enum)]
        level: Option<Level>,
        /// Source URL.
        #[arg(long)]
        url: Option<String>,
        /// Print the metadata now stored as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Notes on the pairs of a comparison of two stored documents.
    #[command(subcommand)]
    Note(NoteCommand),
    /// Pair two clauses by hand in a comparison of two stored documents (or,
    /// with --forbid, never pair them; with --clear, forget either). A clause
    /// may be paired by hand with several clauses of the other document. With
    /// --candidates and one clause, list the clauses it could be paired with.
    Pair {
        /// Left document id.
        #[arg(value_parser = parse_id)]
        left: i64,
        /// Right document id.
        #[arg(value_parser = parse_id)]
        right: i64,
        /// Clause path in the left document (as `compare` shows it, e.g. 二/（二）/4).
        #[arg(long = "left", value_name = "PATH", value_parser = clause_path, required_unless_present = "candidates")]
        left_path: Option<String>,
        /// Clause path in the right document.
        #[arg(long = "right", value_name = "PATH", value_parser = clause_path, required_unless_present = "candidates")]
        right_path: Option<String>,
        /// Never pair these two clauses.
        #[arg(long, conflicts_with = "clear")]
        forbid: bool,
        /// Forget the manual pairing of these two clauses.
        #[arg(long)]
        clear: bool,
        /// List the clauses of the other document that the one clause given
        /// (--left or --right alone) could be paired with, likeliest first:
        /// the strength of their topic match (as a related pair's), path and
        /// opening words, and those paired with it already marked.
        #[arg(long, conflicts_with_all = ["forbid", "clear"])]
        candidates: bool,
        /// With --candidates, list at most this many.
        #[arg(long, default_value_t = 10, requires = "candidates", value_name = "N")]
        limit: usize,
        /// With --candidates, print them as JSON: `path`, `strength` (0–1),
        /// `paired` (with this clause already) and `text`.
        #[arg(long, requires = "candidates")]
        json: bool,
    },
    /// Print the help of policydiff or of one of its commands (as `--help` does).
    Help {
        /// The command, e.g. `compare` or `note add`.
        #[arg(value_name = "COMMAND")]
        command: Vec<String>,
    },
}

/// `note` subcommands.
#[derive(Debug, Subcommand)]
#[command(disable_help_subcommand = true)]
pub enum NoteCommand {
    /// Add a note to one pair of a comparison.
    Add {
        /// Left document id.
        #[arg(value_parser = parse_id)]
        left: i64,
        /// Right document id.
        #[arg(value_parser = parse_id)]
        right: i64,
        /// Clause path of the pair's left side (omit for a right-only pair).
        #[arg(long = "left", value_name = "PATH", value_parser = clause_path)]
        left_path: Option<String>,
        /// Clause path of the pair's right side (omit for a left-only pair).
        #[arg(long = "right", value_name = "PATH", value_parser = clause_path)]
        right_path: Option<String>,
        /// A short tag, e.g. 需关注, 已核实, 地方创新, 未落实.
        #[arg(long)]
        tag: Option<String>,
        /// The note.
        text: String,
    },
    /// List the notes of a comparison.
    List {
        /// Left document id.
        #[arg(value_parser = parse_id)]
        left: i64,
        /// Right document id.
        #[arg(value_parser = parse_id)]
        right: i64,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Change a note's tag or text.
    Edit {
        /// Note id (see `note list`).
        #[arg(value_parser = parse_id)]
        id: i64,
        /// New tag (an empty tag removes it).
        #[arg(long)]
        tag: Option<String>,
        /// New text.
        #[arg(long)]
        text: Option<String>,
    },
    /// Delete a note.
    Delete {
        /// Note id.
        #[arg(value_parser = parse_id)]
        id: i64,
    },
    /// List the tags in use and the default ones.
    Tags,
    /// List the key points (要点摘要) of a comparison with their ids, as
    /// `compare` shows them: pinned first, then the others, then the hidden ones.
    Points {
        /// Left document id.
        #[arg(value_parser = parse_id)]
        left: i64,
        /// Right document id.
        #[arg(value_parser = parse_id)]
        right: i64,
        /// Print JSON (`key_points` and `hidden_key_points`).
        #[arg(long)]
        json: bool,
    },
    /// Pin a key point: it comes first in the summary of every view and export.
    Pin(PointArgs),
    /// Hide a key point: left out of the summary (and counted there).
    Hide(PointArgs),
    /// Take a key point's pin or hide away.
    #[command(alias = "unhide")]
    Unpin(PointArgs),
    /// Print the help of `note` or of one of its commands (as `--help` does).
    Help {
        /// The command, e.g. `add`.
        #[arg(value_name = "COMMAND")]
        command: Vec<String>,
    },
}

/// A key point of a comparison of two stored documents.
#[derive(Debug, clap::Args)]
pub struct PointArgs {
    /// Left document id.
    #[arg(value_parser = parse_id)]
    pub left: i64,
    /// Right document id.
    #[arg(value_parser = parse_id)]
    pub right: i64,
    /// The point's id (see `note points`, or `key_points[].id` of `compare --format json`).
    pub point_id: String,
}

/// Options of `compare`.
#[derive(Debug, clap::Args)]
pub struct CompareArgs {
    /// Left document: a library id or a file path.
    pub left: String,
    /// Right document: a library id or a file path.
    pub right: String,
    /// Output format (default: from the output file's extension, else text).
    #[arg(long, short = 'f', value_enum)]
    pub format: Option<Format>,
    /// Write to this file instead of standard output (`-`: standard output).
    #[arg(long, short = 'o')]
    pub output: Option<PathBuf>,
    /// Show only pairs that differ.
    #[arg(long)]
    pub changed_only: bool,
    /// Order of the pairs: as aligned, or in the left or right document's
    /// order (the pairs of one clause together); numbered in that order.
    #[arg(long, value_enum, default_value = "aligned")]
    pub order: PairOrder,
    /// Leave the summary out of the report.
    #[arg(long)]
    pub no_summary: bool,
    /// Leave the key-differences list out of the report.
    #[arg(long)]
    pub no_key_diffs: bool,
    /// Leave the notes out of the report.
    #[arg(long)]
    pub no_notes: bool,
    /// Ignore the manual pairings (`policydiff pair`): the aligner's result only.
    #[arg(long)]
    pub no_manual_pairs: bool,
    /// Treat whitespace differences as equal.
    #[arg(long)]
    pub ignore_whitespace: bool,
    /// Treat full-width and half-width punctuation as equal.
    #[arg(long)]
    pub ignore_punct_width: bool,
    /// Highlight changed characters instead of words.
    #[arg(long)]
    pub char: bool,
    /// Colour in the terminal output.
    #[arg(long, value_enum, default_value = "auto")]
    pub color: ColorArg,
    /// Width of the terminal output, in columns (20–1000).
    #[arg(long, default_value_t = 120, value_parser = clap::value_parser!(u16).range(20..=1000))]
    pub width: u16,
    /// Language of the report's own words (titles, labels, key differences):
    /// zh or en. The documents' text is quoted as written.
    #[arg(long, value_enum, default_value = "zh")]
    pub lang: ReportLang,
}

/// When to colour the terminal output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorArg {
    /// When standard output is a terminal.
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}

/// A clause path as `compare` shows it; the English names of un-numbered
/// units that English reports show (`Title`, `Signature`, `¶3`) name the
/// same units as the stored ones (`标题`, `落款`, `段3`).
fn clause_path(s: &str) -> Result<String, String> {
    Ok(policydiff::stages::report::stored_unit_path(s))
}

/// A document or note id: a whole number (as `list` and `note list` show them).
fn parse_id(s: &str) -> Result<i64, String> {
    s.trim()
        .parse()
        .map_err(|_| "ids are whole numbers (see `policydiff list`)".to_owned())
}

/// A result limit: a whole number of at least 1.
fn parse_limit(s: &str) -> Result<usize, String> {
    match s.trim().parse::<usize>() {
        Ok(0) => Err("the limit must be at least 1".to_owned()),
        Ok(n) => Ok(n),
        Err(_) => Err(format!(
            "{s:?} is not a limit: a whole number of at least 1"
        )),
    }
}

/// A search query: something besides blank space.
fn parse_query(s: &str) -> Result<String, String> {
    if s.trim().is_empty() {
        return Err("give the words to search for".to_owned());
    }
    Ok(s.to_owned())
}
