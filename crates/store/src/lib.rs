//! The local library: documents, clauses and full-text search in one SQLite file.
//!
//! Takes [`SourceDoc`]s with their [`ClauseTree`]s and
//! stores them in one transaction per import; hands back document lists,
//! documents with their trees, and search hits.
//!
//! [`Store`] is the interface every backend implements and the application
//! layer programs against; [`SqliteStore`] is the local one. One
//! [`SqliteStore`] wraps one SQLite connection (rusqlite, bundled SQLite with
//! FTS5). Opening sets the pragmas (WAL, foreign keys, busy timeout) and then
//! creates or upgrades the schema in one transaction (`schema`); a file
//! written by a newer build is refused ([`Error::SchemaTooNew`]).
//!
//! Private modules, one per table, each with its queries: `documents`
//! (metadata and text), `clauses` (the trees), `search` (FTS5 over jieba
//! words), `recent` (recent comparisons), `notes` (notes on the pairs of a
//! comparison), `pairings` (manual pairings); `schema` holds the migrations.
//!
//! Notes and manual pairings belong to a comparison of two documents, named
//! by the documents' content hashes: deleting a document keeps them, and
//! re-importing the same text brings them back under its new id.
//!
//! ```no_run
//! use policydiff_model::SourceDoc;
//! use policydiff_segment::Segmenter;
//! use policydiff_store::{SqliteStore, Store};
//! # fn run(docs: Vec<SourceDoc>) -> policydiff_store::Result<()> {
//! let seg = Segmenter::new();
//! let mut lib = SqliteStore::open(&SqliteStore::default_path()?)?;
//! let docs: Vec<_> = docs
//!     .into_iter()
//!     .map(|d| { let t = policydiff_parse::parse(&d.text); (d, t) })
//!     .collect();
//! let report = lib.add(&seg, &docs)?;
//! println!("{} added, {} already there", report.added.len(), report.duplicates.len());
//! for hit in lib.search(&seg, "诉求响应", 20)? {
//!     println!("{} {}: {}", hit.title, hit.path, hit.text);
//! }
//! # Ok(()) }
//! ```
#![deny(missing_docs)]

mod clauses;
mod documents;
mod error;
mod notes;
mod pairings;
mod recent;
mod schema;
mod search;

use std::path::{Path, PathBuf};
use std::time::Duration;

use policydiff_model::{
    ClauseTree, DocRow, ImportReport, ListFilter, Overrides, RecentComparison, SearchHit,
    SourceDoc, Stats, StoredDoc, StoredNote,
};
use policydiff_segment::Segmenter;
use rusqlite::{Connection, OptionalExtension};

pub use error::{Error, Result};

pub use documents::content_hash;
pub use schema::SCHEMA_VERSION;

/// The tags offered for notes before the user has made up any:
/// needs attention, verified, local innovation, not implemented.
pub const DEFAULT_TAGS: [&str; 4] = ["需关注", "已核实", "地方创新", "未落实"];

/// An open library (one SQLite connection). Open it once and pass it around.
#[derive(Debug)]
pub struct SqliteStore {
    conn: Connection,
    path: Option<PathBuf>,
}

impl SqliteStore {
    /// The default library file: `<OS data dir>/policydiff/library.sqlite3`.
    pub fn default_path() -> Result<PathBuf> {
        directories::ProjectDirs::from("org", "PolicyDiff", "policydiff")
            .map(|d| d.data_dir().join("library.sqlite3"))
            .ok_or_else(|| Error::Other("no home directory: cannot place the library file".into()))
    }

    /// Open (creating or upgrading) the library at `path`, creating its directory.
    /// Sets WAL and foreign keys. A file written by a newer PolicyDiff is refused
    /// with [`Error::SchemaTooNew`] and left untouched.
    pub fn open(path: &Path) -> Result<SqliteStore> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|source| Error::Io {
                path: dir.to_owned(),
                source,
            })?;
        }
        SqliteStore::setup(Connection::open(path)?, Some(path.to_owned()))
    }

    /// An in-memory library (tests).
    pub fn open_in_memory() -> Result<SqliteStore> {
        SqliteStore::setup(Connection::open_in_memory()?, None)
    }

    /// Pragmas (outside any transaction: `journal_mode` cannot change inside
    /// one), then the schema.
    fn setup(mut conn: Connection, path: Option<PathBuf>) -> Result<SqliteStore> {
        conn.busy_timeout(Duration::from_secs(5))?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        // In-memory databases answer "memory"; files "wal".
        let _mode: String =
            conn.pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get(0))?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        schema::migrate(&mut conn)?;
        Ok(SqliteStore { conn, path })
    }

    /// The library file, `None` when in memory.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    fn set_pairing(
        &mut self,
        left_doc: i64,
        right_doc: i64,
        left_path: &str,
        right_path: &str,
        kind: pairings::Kind,
    ) -> Result<()> {
        let (left_path, right_path) = (left_path.trim(), right_path.trim());
        let (lh, rh) = self.hashes(left_doc, right_doc)?;
        self.check_unit(left_doc, left_path)?;
        self.check_unit(right_doc, right_path)?;
        let tx = self.conn.transaction()?;
        pairings::set(&tx, (&lh, &rh), left_path, right_path, kind)?;
        tx.commit()?;
        Ok(())
    }

    /// The content hashes of two documents. [`Error::NoSuchDocument`] when absent.
    fn hashes(&self, left: i64, right: i64) -> Result<(String, String)> {
        let hash = |id: i64| -> Result<String> {
            self.conn
                .prepare_cached("SELECT content_hash FROM documents WHERE id = ?1")?
                .query_row([id], |r| r.get(0))
                .optional()?
                .ok_or(Error::NoSuchDocument(id))
        };
        Ok((hash(left)?, hash(right)?))
    }

    /// Document `doc` has a comparison unit (a clause not inside an article)
    /// at `path`; [`Error::NoSuchClause`] otherwise.
    fn check_unit(&self, doc: i64, path: &str) -> Result<()> {
        let tree = clauses::load_tree(&self.conn, doc)?;
        if tree
            .units()
            .iter()
            .any(|(i, _)| tree.clauses[*i].path == path)
        {
            Ok(())
        } else {
            Err(Error::NoSuchClause {
                doc,
                path: path.to_string(),
            })
        }
    }
}

impl Store for SqliteStore {
    fn count(&self) -> Result<usize> {
        documents::count(&self.conn)
    }

    fn stats(&self) -> Result<Stats> {
        Ok(Stats {
            documents: documents::count(&self.conn)?,
            clauses: clauses::count(&self.conn)?,
            indexed: search::count(&self.conn)?,
        })
    }

    fn add(&mut self, seg: &Segmenter, docs: &[(SourceDoc, ClauseTree)]) -> Result<ImportReport> {
        let tx = self.conn.transaction()?;
        let mut report = ImportReport::default();
        for (doc, tree) in docs {
            let hash = documents::content_hash(&doc.text);
            if let Some(id) = documents::find_by_hash(&tx, &hash)? {
                report.duplicates.push((doc.meta.title.clone(), id));
                continue;
            }
            clauses::check_tree(&doc.meta.title, tree)?;
            let id = documents::insert(&tx, doc, &hash)?;
            let rowids = clauses::insert(&tx, id, tree)?;
            for (rowid, clause) in rowids.into_iter().zip(&tree.clauses) {
                search::index(&tx, seg, rowid, &clause.text)?;
            }
            report.added.push(id);
        }
        tx.commit()?;
        Ok(report)
    }

    fn list(&self, filter: &ListFilter) -> Result<Vec<DocRow>> {
        documents::list(&self.conn, filter)
    }

    fn get(&self, id: i64) -> Result<StoredDoc> {
        let (meta, original, text) = documents::get(&self.conn, id)?;
        let tree = clauses::load_tree(&self.conn, id)?;
        Ok(StoredDoc {
            id,
            meta,
            original,
            text,
            tree,
        })
    }

    fn delete(&mut self, id: i64) -> Result<()> {
        let tx = self.conn.transaction()?;
        search::unindex_document(&tx, id)?;
        documents::delete(&tx, id)?;
        tx.commit()?;
        Ok(())
    }

    fn search(&self, seg: &Segmenter, query: &str, limit: usize) -> Result<Vec<SearchHit>> {
        search::search(&self.conn, seg, query, limit)
    }

    fn remember_comparison(&mut self, left: i64, right: i64) -> Result<()> {
        for id in [left, right] {
            if !documents::exists(&self.conn, id)? {
                return Err(Error::NoSuchDocument(id));
            }
        }
        recent::remember(&self.conn, left, right)
    }

    fn recent(&self, limit: usize) -> Result<Vec<RecentComparison>> {
        recent::recent(&self.conn, limit)
    }

    fn add_note(
        &mut self,
        left_doc: i64,
        right_doc: i64,
        left_path: Option<&str>,
        right_path: Option<&str>,
        tag: Option<&str>,
        text: &str,
    ) -> Result<i64> {
        let left_path = left_path.map(str::trim).filter(|p| !p.is_empty());
        let right_path = right_path.map(str::trim).filter(|p| !p.is_empty());
        if left_path.is_none() && right_path.is_none() {
            return Err(Error::InvalidNote(
                "a note needs the clause path of at least one side".into(),
            ));
        }
        let (tag, text) = note_content(tag, text)?;
        let (lh, rh) = self.hashes(left_doc, right_doc)?;
        if let Some(p) = left_path {
            self.check_unit(left_doc, p)?;
        }
        if let Some(p) = right_path {
            self.check_unit(right_doc, p)?;
        }
        notes::insert(&self.conn, (&lh, &rh), left_path, right_path, tag, text)
    }

    fn update_note(&mut self, id: i64, tag: Option<&str>, text: &str) -> Result<()> {
        let (tag, text) = note_content(tag, text)?;
        notes::update(&self.conn, id, tag, text)
    }

    fn delete_note(&mut self, id: i64) -> Result<()> {
        notes::delete(&self.conn, id)
    }

    fn note(&self, id: i64) -> Result<StoredNote> {
        notes::get(&self.conn, id)
    }

    fn notes_for(&self, left_doc: i64, right_doc: i64) -> Result<Vec<StoredNote>> {
        let (lh, rh) = self.hashes(left_doc, right_doc)?;
        notes::for_comparison(&self.conn, (&lh, &rh))
    }

    fn tags(&self) -> Result<Vec<String>> {
        let mut tags: Vec<String> = DEFAULT_TAGS.iter().map(|t| t.to_string()).collect();
        for t in notes::tags_in_use(&self.conn)? {
            if !tags.contains(&t) {
                tags.push(t);
            }
        }
        Ok(tags)
    }

    fn force_pair(
        &mut self,
        left_doc: i64,
        right_doc: i64,
        left_path: &str,
        right_path: &str,
    ) -> Result<()> {
        self.set_pairing(
            left_doc,
            right_doc,
            left_path,
            right_path,
            pairings::Kind::Force,
        )
    }

    fn forbid_pair(
        &mut self,
        left_doc: i64,
        right_doc: i64,
        left_path: &str,
        right_path: &str,
    ) -> Result<()> {
        self.set_pairing(
            left_doc,
            right_doc,
            left_path,
            right_path,
            pairings::Kind::Forbid,
        )
    }

    fn clear_pairing(
        &mut self,
        left_doc: i64,
        right_doc: i64,
        left_path: &str,
        right_path: &str,
    ) -> Result<bool> {
        let (lh, rh) = self.hashes(left_doc, right_doc)?;
        pairings::clear(&self.conn, (&lh, &rh), left_path.trim(), right_path.trim())
    }

    fn pairing_overrides(&self, left_doc: i64, right_doc: i64) -> Result<Overrides> {
        let (lh, rh) = self.hashes(left_doc, right_doc)?;
        pairings::overrides(&self.conn, (&lh, &rh))
    }
}

/// A library of documents, whatever holds it: the interface the application
/// layer programs against. [`SqliteStore`] implements it over one SQLite file;
/// a server backend implements the same calls with the same results.
///
/// Writes (`&mut self`) are each one transaction: a failed call leaves the
/// library as it was.
pub trait Store: Send {
    /// Number of documents.
    fn count(&self) -> Result<usize>;

    /// Row counts of documents, clauses and index entries.
    fn stats(&self) -> Result<Stats>;

    /// Store documents and their clause trees in one transaction: all or nothing.
    /// A document whose content hash ([`content_hash`] of its cleaned text) is
    /// already stored, or appears earlier in the same batch, is reported as a
    /// duplicate, not added. A tree that is not consistent (see
    /// [`Error::InvalidTree`]) fails the whole import.
    fn add(&mut self, seg: &Segmenter, docs: &[(SourceDoc, ClauseTree)]) -> Result<ImportReport>;

    /// List documents.
    fn list(&self, filter: &ListFilter) -> Result<Vec<DocRow>>;

    /// One document with its text and tree. `Error::NoSuchDocument` when absent.
    fn get(&self, id: i64) -> Result<StoredDoc>;

    /// Delete a document, its clauses, their index entries and its recent
    /// comparisons. `Error::NoSuchDocument` when absent.
    fn delete(&mut self, id: i64) -> Result<()>;

    /// Full-text search over clauses, best first: whole-word phrase hits, then
    /// substring hits (one-character queries, or when no clause has the phrase),
    /// then clauses with all the words apart. See [`HitKind`].
    fn search(&self, seg: &Segmenter, query: &str, limit: usize) -> Result<Vec<SearchHit>>;

    /// Remember that two documents were compared (most recent first in [`Store::recent`]).
    /// Reopening a pair updates its row. `Error::NoSuchDocument` if either is absent.
    fn remember_comparison(&mut self, left: i64, right: i64) -> Result<()>;

    /// Recent comparisons, most recent first.
    fn recent(&self, limit: usize) -> Result<Vec<RecentComparison>>;

    /// Add a note to the pair (`left_path`, `right_path`) of the comparison of
    /// `left_doc` with `right_doc`; returns its id. A path is a clause path of
    /// a comparison unit ([`UnitView::path`](policydiff_model::UnitView::path)); one may be
    /// `None` for a one-sided pair. The tag is trimmed, an empty tag is none.
    ///
    /// Errors: [`Error::NoSuchDocument`], [`Error::NoSuchClause`] when a path
    /// names no unit of its document, [`Error::InvalidNote`] when both paths
    /// are `None` or the text is blank.
    fn add_note(
        &mut self,
        left_doc: i64,
        right_doc: i64,
        left_path: Option<&str>,
        right_path: Option<&str>,
        tag: Option<&str>,
        text: &str,
    ) -> Result<i64>;

    /// Replace the tag and text of note `id` (a `None` or blank tag removes
    /// it) and stamp its `updated_at`. Errors: [`Error::NoSuchNote`],
    /// [`Error::InvalidNote`] for a blank text.
    fn update_note(&mut self, id: i64, tag: Option<&str>, text: &str) -> Result<()>;

    /// Delete note `id`. [`Error::NoSuchNote`] when absent.
    fn delete_note(&mut self, id: i64) -> Result<()>;

    /// Note `id`. [`Error::NoSuchNote`] when absent.
    fn note(&self, id: i64) -> Result<StoredNote>;

    /// The notes of the comparison of `left_doc` (left) with `right_doc`
    /// (right), oldest first; also those written when either document had
    /// another id but the same text. Convert them with
    /// `Note::from` for the report writers.
    fn notes_for(&self, left_doc: i64, right_doc: i64) -> Result<Vec<StoredNote>>;

    /// Tags to offer: [`DEFAULT_TAGS`] first, then the other tags of stored
    /// notes, most used first.
    fn tags(&self) -> Result<Vec<String>>;

    /// Pair the left clause `left_path` with the right clause `right_path`
    /// by hand in the comparison of `left_doc` with `right_doc`, whatever the
    /// aligner says (see [`Overrides`]). Replaces a forbid of the same pair
    /// and other forced pairs of either clause.
    ///
    /// Errors: [`Error::NoSuchDocument`], [`Error::NoSuchClause`].
    fn force_pair(
        &mut self,
        left_doc: i64,
        right_doc: i64,
        left_path: &str,
        right_path: &str,
    ) -> Result<()>;

    /// Never pair the left clause `left_path` with the right clause
    /// `right_path` in the comparison of `left_doc` with `right_doc` (see
    /// [`Overrides`]). Replaces a forced pairing of the same two clauses.
    ///
    /// Errors: [`Error::NoSuchDocument`], [`Error::NoSuchClause`].
    fn forbid_pair(
        &mut self,
        left_doc: i64,
        right_doc: i64,
        left_path: &str,
        right_path: &str,
    ) -> Result<()>;

    /// Forget the forced or forbidden pairing of these two clauses; true when
    /// there was one. [`Error::NoSuchDocument`] when a document is absent.
    fn clear_pairing(
        &mut self,
        left_doc: i64,
        right_doc: i64,
        left_path: &str,
        right_path: &str,
    ) -> Result<bool>;

    /// The manual pairings of the comparison of `left_doc` with `right_doc`,
    /// for [`CompareOptions::overrides`](policydiff_model::CompareOptions::overrides).
    fn pairing_overrides(&self, left_doc: i64, right_doc: i64) -> Result<Overrides>;
}

/// A note's tag (trimmed, blank = none) and text (must not be blank).
fn note_content<'a>(tag: Option<&'a str>, text: &'a str) -> Result<(Option<&'a str>, &'a str)> {
    let tag = tag.map(str::trim).filter(|t| !t.is_empty());
    if text.trim().is_empty() {
        return Err(Error::InvalidNote("the note has no text".into()));
    }
    Ok((tag, text))
}
