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
//! written by a newer build is refused ([`Error::SchemaTooNew`]). A library
//! whose file or folder is not writable is opened read-only ([`Access`]).
//!
//! Several processes may use one library file at once: every write is one
//! transaction that takes the write lock before it reads (SQLite `BEGIN
//! IMMEDIATE`), and a writer waits up to [`BUSY_TIMEOUT`] for another to
//! finish ([`Error::Busy`] after that). The expensive part of an import
//! (segmenting the text for the index) is done before the lock is taken.
//!
//! Private modules, one per table, each with its queries: `documents`
//! (metadata and text), `clauses` (the trees), `search` (FTS5 over jieba
//! words and their parts), `recent` (recent comparisons), `notes` (notes on
//! the pairs of a comparison), `marks` (pins and hides of its key points),
//! `pairings` (manual pairings), `state` (the first-run setup), `vectors`
//! (sentence vectors per comparison unit), `citations` (the citation graph);
//! `similar` finds candidates for similar clauses in the search index;
//! `schema` holds the migrations.
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

mod citations;
mod clauses;
mod documents;
mod edit;
mod error;
mod filter_sql;
mod marks;
mod notes;
mod pairings;
mod recent;
mod schema;
mod search;
mod similar;
mod state;
mod title_key;
mod vectors;

use std::path::{Path, PathBuf};
use std::time::Duration;

use policydiff_model::{
    CitationLink, ClauseTree, DocMeta, DocPage, DocRow, ImportReport, LibraryFacets, ListFilter,
    MetaEdit, Overrides, PointMark, RecentComparison, SameTitle, SearchHit, SearchScope, SourceDoc,
    Stats, StoredDoc, StoredNote, StoredPairing, StoredPointMark,
};
use policydiff_segment::Segmenter;
use rusqlite::{Connection, OpenFlags, OptionalExtension, TransactionBehavior};

pub use error::{Error, Result};

pub use documents::content_hash;
pub use schema::SCHEMA_VERSION;
pub use title_key::title_sort_key;

/// What the SQLite store does in Rust, for other backends to do the same:
/// each text stored once, the checks of a tree and of a note, and search
/// (the tiers over any index answering [`backend::SearchIndex`]). A second
/// backend built on these stores, checks and finds exactly what
/// [`SqliteStore`] does.
pub mod backend {
    pub use crate::clauses::{check_tree, kind_from_name, kind_name};
    pub use crate::documents::{
        facets_from, original_delta, original_from_delta, ListArgs, StoredText,
    };
    pub use crate::edit::apply as apply_meta_edit;
    pub use crate::filter_sql::{list_condition, Dialect};
    pub use crate::note_content;
    pub use crate::search::{
        search, Candidates, IndexEntry, Indexer, Lookup, Row, ScopeArgs, SearchIndex,
    };
    pub use crate::similar::{clauses_like, SimilarIndex};
    pub use crate::state::Ids;

    /// The citation graph: what a document adds to it, made before the
    /// write lock is taken, and the names its kinds are stored by.
    pub mod citations {
        pub use crate::citations::{kind_from_name, kind_name, Entry};
    }
}

/// Upgrade tests: create the schema of an older version in an empty database.
#[doc(hidden)]
pub use schema::create_version;

/// The tags offered for notes before the user has made up any:
/// needs attention, verified, local innovation, not implemented.
pub const DEFAULT_TAGS: [&str; 4] = ["需关注", "已核实", "地方创新", "未落实"];

/// How long a write waits for another process's write to the same library
/// to finish before it fails with [`Error::Busy`].
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(30);

/// Whether a library can be changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Access {
    /// Reading and writing.
    ReadWrite,
    /// Reading only, for the reason given (`the folder /mnt/usb is not
    /// writable`): every change fails with [`Error::ReadOnly`].
    ReadOnly(String),
}

/// Where a library is in its first-run setup (the application filling a
/// new library, e.g. with a bundled corpus). See [`Store::setup`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Setup {
    /// Created, never set up.
    New,
    /// Setup began and did not finish (it failed or was interrupted).
    Started,
    /// Set up; also every library that held documents before setup states existed.
    Done,
}

/// The stored sentence vector of one comparison unit: int8 values with one
/// scale (`value ≈ q · scale`, as `policydiff_embed::quantize_i8` makes them).
#[derive(Debug, Clone, PartialEq)]
pub struct UnitVector {
    /// Index of the unit's clause in the document's clause tree.
    pub clause: usize,
    /// Scale of the values.
    pub scale: f32,
    /// The values.
    pub values: Vec<i8>,
}

/// An open library (one SQLite connection). Open it once and pass it around.
#[derive(Debug)]
pub struct SqliteStore {
    conn: Connection,
    path: Option<PathBuf>,
    access: Access,
    author: Option<String>,
}

impl SqliteStore {
    /// [`Store::search_in`], a scope of at most `small_scope` documents
    /// looked up document by document (0: every scope through the index's
    /// matches in library order). For tests that both ways find the same.
    #[doc(hidden)]
    pub fn search_scoped(
        &self,
        seg: &Segmenter,
        query: &str,
        scope: &SearchScope,
        limit: usize,
        small_scope: usize,
    ) -> Result<Vec<SearchHit>> {
        let scope = search::ScopeArgs::of(scope);
        self.read(|conn| {
            let index = search::Fts5::new(conn, scope, small_scope)?;
            search::search(&index, seg, query, limit)
        })
    }

    /// The default library file: `<OS data dir>/policydiff/library.sqlite3`.
    pub fn default_path() -> Result<PathBuf> {
        directories::ProjectDirs::from("org", "PolicyDiff", "policydiff")
            .map(|d| d.data_dir().join("library.sqlite3"))
            .ok_or_else(|| Error::Other("no home directory: cannot place the library file".into()))
    }

    /// Open (creating or upgrading) the library at `path`, creating its directory.
    /// Sets WAL and foreign keys. A file written by a newer PolicyDiff is refused
    /// with [`Error::SchemaTooNew`] and left untouched.
    ///
    /// When the file exists but it or its folder is not writable (a read-only
    /// file, a read-only mount, a shared folder), the library is opened
    /// read-only instead ([`SqliteStore::open_read_only`]).
    pub fn open(path: &Path) -> Result<SqliteStore> {
        if path.exists() {
            if let Some(reason) = why_not_writable(path) {
                return SqliteStore::open_read_only_because(path, reason);
            }
        }
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|source| Error::Io {
                path: dir.to_owned(),
                source,
            })?;
        }
        let conn = Connection::open(path)?;
        SqliteStore::setup(conn, Some(path.to_owned()))
    }

    /// Open the existing library at `path` for reading only, whatever the
    /// permissions: nothing is written to the file or its folder when
    /// SQLite can avoid it. Every change fails with [`Error::ReadOnly`]. A
    /// library that needs a schema upgrade is refused
    /// ([`Error::NeedsUpgrade`]).
    ///
    /// The library is read with the usual locking, so a writer elsewhere is
    /// seen consistently; when its folder does not even allow the lock file
    /// (`-shm`) to be created (a read-only mount), it is read as an
    /// unchanging file, which needs the last writer to have closed it cleanly
    /// (no `-wal` file left).
    pub fn open_read_only(path: &Path) -> Result<SqliteStore> {
        SqliteStore::open_read_only_because(path, "opened read-only".to_string())
    }

    fn open_read_only_because(path: &Path, reason: String) -> Result<SqliteStore> {
        if !path.exists() {
            return Err(Error::Io {
                path: path.to_owned(),
                source: std::io::ErrorKind::NotFound.into(),
            });
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY
            | OpenFlags::SQLITE_OPEN_URI
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let open = |params: &str| -> Result<Connection> {
            let conn = Connection::open_with_flags(format!("{}?{params}", file_uri(path)), flags)?;
            conn.busy_timeout(BUSY_TIMEOUT)?;
            // The first read opens the WAL index: this is where a read-only folder fails.
            schema::stored_version(&conn)?;
            Ok(conn)
        };
        let conn = match open("mode=ro") {
            Ok(conn) => conn,
            Err(e) => {
                if wal_has_content(path) {
                    return Err(e);
                }
                open("immutable=1")?
            }
        };
        let found = schema::stored_version(&conn)?;
        if found > SCHEMA_VERSION {
            return Err(Error::SchemaTooNew {
                found,
                supported: SCHEMA_VERSION,
            });
        }
        if found < SCHEMA_VERSION {
            return Err(Error::NeedsUpgrade { found, reason });
        }
        conn.pragma_update(None, "foreign_keys", "ON")?;
        cache_pragmas(&conn)?;
        search::register_functions(&conn)?;
        Ok(SqliteStore {
            conn,
            path: Some(path.to_owned()),
            access: Access::ReadOnly(reason),
            author: None,
        })
    }

    /// An in-memory library (tests).
    pub fn open_in_memory() -> Result<SqliteStore> {
        SqliteStore::setup(Connection::open_in_memory()?, None)
    }

    /// Pragmas (outside any transaction: `journal_mode` cannot change inside
    /// one), then the schema.
    fn setup(mut conn: Connection, path: Option<PathBuf>) -> Result<SqliteStore> {
        conn.busy_timeout(BUSY_TIMEOUT)?;
        // Every transaction takes the write lock first: a transaction that
        // reads and then writes cannot wait for another writer (SQLite skips
        // the busy handler to avoid a deadlock) and fails instead.
        conn.set_transaction_behavior(TransactionBehavior::Immediate);
        conn.pragma_update(None, "foreign_keys", "ON")?;
        // In-memory databases answer "memory"; files "wal".
        let _mode: String =
            conn.pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get(0))?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        cache_pragmas(&conn)?;
        schema::migrate(&mut conn)?;
        search::register_functions(&conn)?;
        Ok(SqliteStore {
            conn,
            path,
            access: Access::ReadWrite,
            author: None,
        })
    }

    /// The library file, `None` when in memory.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// [`Error::ReadOnly`] when the library is open read-only.
    fn writable(&self) -> Result<()> {
        match &self.access {
            Access::ReadWrite => Ok(()),
            Access::ReadOnly(why) => Err(Error::ReadOnly(why.clone())),
        }
    }

    /// Run `f` in one write transaction (write lock first): all or nothing.
    /// Counts one more revision of the library.
    fn write<T>(&mut self, f: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        self.writable()?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let out = f(&tx)?;
        state::bump_revision(&tx)?;
        tx.commit()?;
        Ok(out)
    }

    /// Run `f` on one snapshot of the library (a read transaction), so
    /// reads that belong together see the same state.
    fn read<T>(&self, f: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        if !self.conn.is_autocommit() {
            return f(&self.conn);
        }
        self.conn.execute_batch("BEGIN DEFERRED")?;
        let out = f(&self.conn);
        // Ending a read transaction cannot lose anything; keep f's error first.
        let end = self.conn.execute_batch("COMMIT");
        let out = out?;
        end?;
        Ok(out)
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
        let author = self.author.clone();
        self.write(|tx| {
            let (lh, rh) = hashes(tx, left_doc, right_doc)?;
            check_unit(tx, left_doc, left_path)?;
            check_unit(tx, right_doc, right_path)?;
            pairings::set(
                tx,
                (&lh, &rh),
                left_path,
                right_path,
                kind,
                author.as_deref(),
            )
        })
    }
}

/// Page cache and memory map: a search reads a few thousand clause rows
/// spread over the file; read through SQLite's default 2 MB cache each
/// search spent a third of its time in `pread`.
fn cache_pragmas(conn: &Connection) -> Result<()> {
    conn.pragma_update(None, "cache_size", -32_768)?; // KiB: 32 MiB
    conn.pragma_update(None, "mmap_size", 1i64 << 30)?;
    Ok(())
}

/// Why the existing library file `path` cannot be written, if it cannot:
/// the file itself, or its folder (SQLite creates its `-wal` and `-shm`
/// files beside it). Checked by trying, so it holds for the user running
/// (root may write a file whose mode says read-only).
fn why_not_writable(path: &Path) -> Option<String> {
    use std::io::ErrorKind;
    let denied = |e: &std::io::Error, what: &Path| match e.kind() {
        ErrorKind::PermissionDenied => Some(format!("{} is not writable", what.display())),
        ErrorKind::ReadOnlyFilesystem => {
            Some(format!("{} is on a read-only file system", what.display()))
        }
        _ => None,
    };
    if let Err(e) = std::fs::OpenOptions::new().write(true).open(path) {
        return denied(&e, path);
    }
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let probe = dir.join(format!(
        ".{}.{}.write-test",
        path.file_name()?.to_string_lossy(),
        std::process::id()
    ));
    match std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&probe)
    {
        Ok(_) => {
            let _ = std::fs::remove_file(&probe);
            None
        }
        Err(e) => denied(&e, dir).map(|_| match e.kind() {
            ErrorKind::ReadOnlyFilesystem => {
                format!("the folder {} is on a read-only file system", dir.display())
            }
            _ => format!("the folder {} is not writable", dir.display()),
        }),
    }
}

/// The library has a `-wal` file with writes not yet in the main file.
fn wal_has_content(path: &Path) -> bool {
    let mut wal = path.as_os_str().to_owned();
    wal.push("-wal");
    std::fs::metadata(PathBuf::from(wal)).is_ok_and(|m| m.len() > 0)
}

/// A `file:` URI for `path` (absolute, percent-encoded).
fn file_uri(path: &Path) -> String {
    let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_owned());
    let mut out = String::from("file:");
    for b in abs.to_string_lossy().bytes() {
        if b.is_ascii_alphanumeric() || b"/-._~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The content hashes of two documents. [`Error::NoSuchDocument`] when absent.
fn hashes(conn: &Connection, left: i64, right: i64) -> Result<(String, String)> {
    let hash = |id: i64| -> Result<String> {
        conn.prepare_cached("SELECT content_hash FROM documents WHERE id = ?1")?
            .query_row([id], |r| r.get(0))
            .optional()?
            .ok_or(Error::NoSuchDocument(id))
    };
    Ok((hash(left)?, hash(right)?))
}

/// Document `doc` has a comparison unit (a clause not inside an article,
/// see [`ClauseTree::units`]) at `path`; [`Error::NoSuchClause`] otherwise.
fn check_unit(conn: &Connection, doc: i64, path: &str) -> Result<()> {
    let found = conn
        .prepare_cached("SELECT 1 FROM clauses WHERE doc_id = ?1 AND path = ?2 AND in_article = 0")?
        .exists(rusqlite::params![doc, path])?;
    if found {
        Ok(())
    } else {
        Err(Error::NoSuchClause {
            doc,
            path: path.to_string(),
        })
    }
}

/// One document made ready to store, before the write lock is taken.
struct Prepared {
    hash: String,
    text: documents::StoredText,
    delta: Option<Vec<u8>>,
    entries: Vec<search::IndexEntry>,
    citations: citations::Entry,
}

impl Prepared {
    /// Check the tree, find the gaps between the clause texts,
    /// compress the original, segment the clauses for the index.
    fn new(
        indexer: &mut search::Indexer<'_>,
        doc: &SourceDoc,
        tree: &ClauseTree,
        hash: String,
    ) -> Result<Prepared> {
        clauses::check_tree(&doc.meta.title, tree)?;
        let delta = (doc.original != doc.text)
            .then(|| documents::original_delta(&doc.original, &doc.text))
            .transpose()?;
        Ok(Prepared {
            hash,
            text: documents::StoredText::new(
                &doc.text,
                tree.clauses.iter().map(|c| c.text.as_str()),
            )?,
            delta,
            entries: tree
                .clauses
                .iter()
                .map(|c| indexer.entry(&c.text))
                .collect(),
            citations: citations::Entry::new(
                &doc.meta,
                tree.clauses
                    .iter()
                    .map(|c| (c.path.as_str(), c.text.as_str())),
            ),
        })
    }
}

impl Store for SqliteStore {
    fn access(&self) -> Access {
        self.access.clone()
    }

    fn count(&self) -> Result<usize> {
        documents::count(&self.conn)
    }

    fn stats(&self) -> Result<Stats> {
        self.read(|conn| {
            Ok(Stats {
                documents: documents::count(conn)?,
                clauses: clauses::count(conn)?,
                indexed: search::count(conn)?,
            })
        })
    }

    fn add(&mut self, seg: &Segmenter, docs: &[(SourceDoc, ClauseTree)]) -> Result<ImportReport> {
        self.writable()?;
        // Everything that takes time, before the write lock: other
        // processes keep writing meanwhile. A document already stored is
        // not prepared (it is a duplicate, unless deleted meanwhile).
        let mut indexer = search::Indexer::new(seg);
        let mut prepared = Vec::with_capacity(docs.len());
        for (doc, tree) in docs {
            let hash = documents::content_hash(&doc.text);
            prepared.push(match documents::find_by_hash(&self.conn, &hash)? {
                Some(_) => None,
                None => Some(Prepared::new(&mut indexer, doc, tree, hash)?),
            });
        }
        self.write(|tx| {
            let mut report = ImportReport::default();
            for ((doc, tree), p) in docs.iter().zip(prepared) {
                let hash = match &p {
                    Some(p) => p.hash.clone(),
                    None => documents::content_hash(&doc.text),
                };
                if let Some(id) = documents::find_by_hash(tx, &hash)? {
                    report.duplicates.push((doc.meta.title.clone(), id));
                    continue;
                }
                let p = match p {
                    Some(p) => p,
                    // Stored when we looked, deleted since.
                    None => Prepared::new(&mut indexer, doc, tree, hash)?,
                };
                let id = documents::insert(
                    tx,
                    doc,
                    &p.hash,
                    tree.clauses.len(),
                    &p.text,
                    p.delta.as_deref(),
                )?;
                let rowids = clauses::insert(tx, id, tree)?;
                for (rowid, entry) in rowids.into_iter().zip(&p.entries) {
                    search::index(tx, rowid, entry)?;
                }
                citations::insert(tx, id, &p.citations)?;
                if let Some(existing) = documents::same_title(tx, &doc.meta.title, id)? {
                    report.same_title.push(SameTitle {
                        title: doc.meta.title.clone(),
                        id,
                        existing,
                    });
                }
                report.added.push(id);
            }
            Ok(report)
        })
    }

    fn list_page(&self, filter: &ListFilter, offset: usize, limit: usize) -> Result<DocPage> {
        self.read(|conn| documents::list(conn, filter, offset, Some(limit)))
    }

    fn list(&self, filter: &ListFilter) -> Result<Vec<DocRow>> {
        Ok(documents::list(&self.conn, filter, 0, None)?.rows)
    }

    fn list_position(&self, filter: &ListFilter, id: i64) -> Result<Option<usize>> {
        self.read(|conn| documents::position(conn, filter, id))
    }

    fn rows_by_id(&self, ids: &[i64]) -> Result<Vec<DocRow>> {
        self.read(|c| documents::rows_by_id(c, ids))
    }

    fn facets(&self) -> Result<LibraryFacets> {
        self.read(documents::facets)
    }

    fn get(&self, id: i64) -> Result<StoredDoc> {
        self.read(|conn| {
            let stored = documents::get(conn, id)?;
            let tree = clauses::load_tree(conn, id)?;
            let text = stored
                .text
                .clone()
                .rebuild(id, tree.clauses.iter().map(|c| c.text.as_str()))?;
            let original = stored.original(&text)?;
            Ok(StoredDoc {
                id,
                meta: stored.meta,
                original,
                text,
                tree,
            })
        })
    }

    fn delete(&mut self, id: i64) -> Result<()> {
        self.write(|tx| {
            search::unindex_document(tx, id)?;
            documents::delete(tx, id)
        })
    }

    fn edit_meta(&mut self, id: i64, edit: &MetaEdit) -> Result<DocMeta> {
        self.writable()?;
        let old = documents::get(&self.conn, id)?.meta;
        let new = edit::apply(&old, edit)?;
        if new == old {
            return Ok(old);
        }
        self.write(|tx| {
            let old = documents::get(tx, id)?.meta;
            let new = edit::apply(&old, edit)?;
            documents::update_meta(tx, id, &new)?;
            let clauses = clauses::texts(tx, id)?;
            let entry =
                citations::Entry::new(&new, clauses.iter().map(|(p, t)| (p.as_str(), t.as_str())));
            citations::replace(tx, id, &entry)?;
            Ok(new)
        })
    }

    fn search_in(
        &self,
        seg: &Segmenter,
        query: &str,
        scope: &SearchScope,
        limit: usize,
    ) -> Result<Vec<SearchHit>> {
        self.search_scoped(seg, query, scope, limit, search::SMALL_SCOPE)
    }

    fn remember_comparison(&mut self, left: i64, right: i64) -> Result<()> {
        self.write(|tx| {
            for id in [left, right] {
                if !documents::exists(tx, id)? {
                    return Err(Error::NoSuchDocument(id));
                }
            }
            recent::remember(tx, left, right)
        })
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
        let author = self.author.clone();
        self.write(|tx| {
            let (lh, rh) = hashes(tx, left_doc, right_doc)?;
            if let Some(p) = left_path {
                check_unit(tx, left_doc, p)?;
            }
            if let Some(p) = right_path {
                check_unit(tx, right_doc, p)?;
            }
            let paths = (left_path, right_path);
            notes::insert(tx, (&lh, &rh), paths, tag, text, author.as_deref())
        })
    }

    fn update_note(&mut self, id: i64, tag: Option<&str>, text: &str) -> Result<()> {
        let (tag, text) = note_content(tag, text)?;
        self.write(|tx| notes::update(tx, id, tag, text))
    }

    fn delete_note(&mut self, id: i64) -> Result<()> {
        self.write(|tx| notes::delete(tx, id))
    }

    fn note(&self, id: i64) -> Result<StoredNote> {
        notes::get(&self.conn, id)
    }

    fn notes_for(&self, left_doc: i64, right_doc: i64) -> Result<Vec<StoredNote>> {
        self.read(|conn| {
            let (lh, rh) = hashes(conn, left_doc, right_doc)?;
            notes::for_comparison(conn, (&lh, &rh))
        })
    }

    fn set_point_mark(
        &mut self,
        left_doc: i64,
        right_doc: i64,
        point_id: &str,
        mark: Option<PointMark>,
    ) -> Result<bool> {
        let point_id = point_id_checked(point_id)?;
        self.write(|tx| {
            let (lh, rh) = hashes(tx, left_doc, right_doc)?;
            marks::set(tx, (&lh, &rh), point_id, mark)
        })
    }

    fn point_marks(&self, left_doc: i64, right_doc: i64) -> Result<Vec<StoredPointMark>> {
        self.read(|conn| {
            let (lh, rh) = hashes(conn, left_doc, right_doc)?;
            marks::for_comparison(conn, (&lh, &rh))
        })
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
        self.write(|tx| {
            let (lh, rh) = hashes(tx, left_doc, right_doc)?;
            pairings::clear(tx, (&lh, &rh), left_path.trim(), right_path.trim())
        })
    }

    fn pairing_overrides(&self, left_doc: i64, right_doc: i64) -> Result<Overrides> {
        self.read(|conn| {
            let (lh, rh) = hashes(conn, left_doc, right_doc)?;
            pairings::overrides(conn, (&lh, &rh))
        })
    }

    fn setup(&self) -> Result<Setup> {
        state::get(&self.conn)
    }

    fn clauses_like(
        &self,
        seg: &Segmenter,
        text: &str,
        exclude: Option<i64>,
        limit: usize,
    ) -> Result<Vec<SearchHit>> {
        self.read(|conn| {
            similar::clauses_like(&similar::FtsSimilar(conn), seg, text, exclude, limit)
        })
    }

    fn citations(&self, doc: i64) -> Result<Vec<CitationLink>> {
        self.read(|conn| {
            documents::get(conn, doc)?;
            citations::outgoing(conn, doc)
        })
    }

    fn cited_by(&self, doc: i64) -> Result<Vec<CitationLink>> {
        self.read(|conn| {
            documents::get(conn, doc)?;
            citations::incoming(conn, doc)
        })
    }

    fn set_setup(&mut self, setup: Setup) -> Result<()> {
        self.write(|tx| state::set(tx, setup))
    }

    fn put_vectors(&mut self, doc: i64, model: &str, vectors: &[UnitVector]) -> Result<()> {
        self.write(|tx| vectors::put(tx, doc, model, vectors))
    }

    fn vectors(&self, doc: i64, model: &str) -> Result<Option<Vec<UnitVector>>> {
        self.read(|conn| vectors::get(conn, doc, model))
    }

    fn missing_vectors(&self, model: &str, limit: usize) -> Result<Vec<i64>> {
        self.read(|conn| vectors::missing(conn, model, limit))
    }

    fn set_author(&mut self, author: Option<&str>) {
        self.author = author.map(str::to_string);
    }

    fn pairings(&self, left_doc: i64, right_doc: i64) -> Result<Vec<StoredPairing>> {
        self.read(|conn| {
            let (lh, rh) = hashes(conn, left_doc, right_doc)?;
            pairings::list(conn, (&lh, &rh))
        })
    }

    fn revision(&self) -> Result<u64> {
        state::revision(&self.conn)
    }
}

/// A library of documents, whatever holds it: the interface the application
/// layer programs against. [`SqliteStore`] implements it over one SQLite file;
/// a server backend implements the same calls with the same results.
///
/// Writes (`&mut self`) are each one transaction: a failed call leaves the
/// library as it was. Several processes may write one library at once: a
/// write waits for another to finish (up to a backend-defined time, then
/// [`Error::Busy`]) instead of failing. A full disk fails a write with
/// [`Error::DiskFull`].
pub trait Store: Send {
    /// Whether the library can be changed. On a read-only library every
    /// change (`&mut self` method) fails with [`Error::ReadOnly`] and
    /// changes nothing; reading works as usual.
    fn access(&self) -> Access;

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

    /// All documents matching `filter`, in its order. For a library of any
    /// size prefer [`Store::list_page`].
    fn list(&self, filter: &ListFilter) -> Result<Vec<DocRow>>;

    /// One page of the documents matching `filter`, in its order: at most
    /// `limit` rows starting at row `offset` (0-based), and the number of
    /// matching documents in all ([`DocPage::total`]), read together. A
    /// page past the end is empty (with the total). Time grows with
    /// `offset + limit` and the number of matching documents, not with the
    /// text stored: a library pane shows 50,000 documents a screenful at a time.
    fn list_page(&self, filter: &ListFilter, offset: usize, limit: usize) -> Result<DocPage>;

    /// Where document `id` stands (0-based) among the documents matching
    /// `filter`, in its order: the row a library pane scrolls to to show it
    /// (a document just imported). `None` when it does not match the filter
    /// or is not stored. Time grows with the number of matching documents.
    fn list_position(&self, filter: &ListFilter, id: i64) -> Result<Option<usize>>;

    /// The list rows of documents `ids`, in that order, without their text:
    /// what the app shows of the documents it names (the two sides, recent
    /// comparisons) without listing the library. An id of no stored document
    /// is skipped (it was deleted); a repeated id is given once.
    fn rows_by_id(&self, ids: &[i64]) -> Result<Vec<DocRow>>;

    /// The choices of the library pane's filters (provinces and cities,
    /// levels, issue years) with their document counts, in a stable order
    /// ([`LibraryFacets`]). Reads no document text: the filter menus of a
    /// library of 50,000 documents without listing them.
    fn facets(&self) -> Result<LibraryFacets>;

    /// One document with its text and tree. `Error::NoSuchDocument` when absent.
    fn get(&self, id: i64) -> Result<StoredDoc>;

    /// Delete a document, its clauses, their index entries and its recent
    /// comparisons. `Error::NoSuchDocument` when absent.
    fn delete(&mut self, id: i64) -> Result<()>;

    /// Change some of document `id`'s metadata (title, issuer, date, 文号,
    /// region, level, source URL: the fields `edit` gives) in one
    /// transaction, with the keys it is cited by (its 文号 and title) and
    /// the citations it makes (its own number and title are left out of
    /// them); returns the metadata now stored. The text, its clauses and
    /// their index entries are not touched (the index holds clause text, not
    /// metadata). An edit that changes nothing writes nothing.
    ///
    /// Errors: [`Error::NoSuchDocument`], [`Error::InvalidMeta`] (see
    /// [`backend::apply_meta_edit`]), [`Error::ReadOnly`].
    fn edit_meta(&mut self, id: i64, edit: &MetaEdit) -> Result<DocMeta>;

    /// Full-text search over clauses, at most `limit` hits, best first (see
    /// [`HitKind`](policydiff_model::HitKind) for the tiers):
    ///
    /// 1. `Phrase`: the query's words as whole words, adjacent and in order;
    ///    whitespace inside the query does not count (`诉求 响应` finds
    ///    `诉求响应` and the reverse);
    /// 2. `WithinWord`: the query inside longer words (`环境` in `营商环境`),
    ///    starting and ending where the words they are made of do, so a
    ///    two-character query is never found across two words (`专班` is
    ///    not in `大专班`, 大专|班); with 1 and 2 a word query finds every
    ///    clause containing it as a word or a part of one;
    /// 3. `Substring`: only for a one-character query, or when 1 and 2 find
    ///    nothing: the query as a substring of the clause text, most
    ///    occurrences first;
    /// 4. `AllWords`: to fill up to `limit`, clauses with all the query's
    ///    words apart (queries of a few words).
    ///
    /// Within a tier, shorter clauses come first (the query is more of what
    /// they say). A backend may rank a bounded number of each tier's matches
    /// so that time does not grow with the library ([`SqliteStore`]: the first
    /// 500 in library order, or `limit` if more). Time grows linearly with the
    /// query's length (a pasted paragraph is searched as a phrase).
    ///
    /// Looks in every document; [`Store::search_in`] looks in some.
    fn search(&self, seg: &Segmenter, query: &str, limit: usize) -> Result<Vec<SearchHit>> {
        self.search_in(seg, query, &SearchScope::default(), limit)
    }

    /// [`Store::search`] within the documents of `scope` (region, level,
    /// year): every tier looks only at them, so the `limit` hits are the
    /// best of those documents, not what is left of the library's best
    /// once the others are dropped.
    fn search_in(
        &self,
        seg: &Segmenter,
        query: &str,
        scope: &SearchScope,
        limit: usize,
    ) -> Result<Vec<SearchHit>>;

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

    /// Pin or hide (or with `None`, neither) the key point `point_id`
    /// ([`KeyPoint::id`](policydiff_model::KeyPoint::id)) of the comparison of
    /// `left_doc` with `right_doc`; a point has at most one mark, the last
    /// set. Kept with the notes (they outlive deleting and re-importing the
    /// same texts). True when this changed what was stored. The store does not
    /// check that the comparison has such a point (it does not compare).
    ///
    /// Errors: [`Error::NoSuchDocument`], [`Error::InvalidNote`] for a blank id.
    fn set_point_mark(
        &mut self,
        left_doc: i64,
        right_doc: i64,
        point_id: &str,
        mark: Option<PointMark>,
    ) -> Result<bool>;

    /// The pins and hides of the comparison of `left_doc` (left) with
    /// `right_doc` (right), in point-id order (also those set when either
    /// document had another id but the same text). [`Error::NoSuchDocument`].
    fn point_marks(&self, left_doc: i64, right_doc: i64) -> Result<Vec<StoredPointMark>>;

    /// Pair the left clause `left_path` with the right clause `right_path`
    /// by hand in the comparison of `left_doc` with `right_doc`, whatever the
    /// aligner says (see [`Overrides`]). Replaces a forbid of the same pair;
    /// other forced pairs of either clause stay (a clause may be paired by
    /// hand with several clauses of the other document).
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

    /// Where the library is in its first-run setup: a new library is
    /// [`Setup::New`] until [`Store::set_setup`] says otherwise. Decided by
    /// the library's own record, not by whether its file existed, so a
    /// first run that failed (a 0-byte file, an interrupted import) is seen
    /// as [`Setup::New`] or [`Setup::Started`] the next time.
    fn setup(&self) -> Result<Setup>;

    /// Record where the first-run setup is: [`Setup::Started`] before it
    /// changes anything, [`Setup::Done`] when it has finished.
    fn set_setup(&mut self, setup: Setup) -> Result<()>;

    /// Store the sentence vectors of a document's comparison units, made by
    /// the encoder `model` (its model id), in one transaction: they replace
    /// every vector the document had (of any model). All vectors have the
    /// same length (else [`Error::Other`]); an empty list records that the
    /// document has none to make. [`Error::NoSuchDocument`] for an unknown id.
    fn put_vectors(&mut self, doc: i64, model: &str, vectors: &[UnitVector]) -> Result<()>;

    /// The document's vectors made by `model`, by clause index; `None` when
    /// it has none made by that model (not computed yet, or by another).
    /// Stored values that cannot be such vectors are [`Error::CorruptVectors`].
    fn vectors(&self, doc: i64, model: &str) -> Result<Option<Vec<UnitVector>>>;

    /// Up to `limit` documents (ids, ascending) that have no vectors made by
    /// `model`: what an application computes in the background.
    fn missing_vectors(&self, model: &str, limit: usize) -> Result<Vec<i64>>;
    /// Candidates for a similar-clause search: the clauses sharing the most
    /// rare words with `text` (weighted by how few clauses hold each), best
    /// first, at most `limit`, none of document `exclude`. For the caller to
    /// re-rank (the application layer uses the engine's similarity); time
    /// must not grow with the library's size ([`SqliteStore`]: a bounded
    /// number of index entries for a dozen of the text's rarest words).
    /// `SearchHit::rank` is the score, `kind` is `AllWords`, `matches` empty.
    fn clauses_like(
        &self,
        seg: &Segmenter,
        text: &str,
        exclude: Option<i64>,
        limit: usize,
    ) -> Result<Vec<SearchHit>>;

    /// The citations document `doc` makes (extracted at import with
    /// `policydiff_parse::citations::extract`, its own number and title left
    /// out), in reading order, each resolved to the library's documents whose
    /// keys (`policydiff_parse::citations::own_keys`) equal its key: one link
    /// per document it resolves to, one with `to: None` when it resolves to
    /// none. Resolution is by the documents stored now: a document imported
    /// after the one citing it is found. [`Error::NoSuchDocument`] when absent.
    fn citations(&self, doc: i64) -> Result<Vec<CitationLink>>;

    /// The citations of document `doc` by the other documents of the library
    /// (links with `to == Some(doc)`), by citing document, then reading
    /// order. [`Error::NoSuchDocument`] when absent.
    fn cited_by(&self, doc: i64) -> Result<Vec<CitationLink>>;

    /// Who is writing through this handle: the name stored as the author
    /// of the notes ([`StoredNote::author`]) and manual pairings
    /// ([`StoredPairing::author`]) it adds from now on. `None` (the
    /// default) stores none. The application sets it when it opens the
    /// library (the OS user name, or a name the user chose).
    fn set_author(&mut self, author: Option<&str>);

    /// The manual pairings of the comparison of `left_doc` with `right_doc`,
    /// with who made each and when, in path order (left, then right).
    /// [`Error::NoSuchDocument`] when a document is absent.
    fn pairings(&self, left_doc: i64, right_doc: i64) -> Result<Vec<StoredPairing>>;

    /// The library's revision: a number that grows with every change made
    /// to it (by any process or user: documents, notes, pairings, recent
    /// comparisons, setup), so a program showing the library polls it
    /// cheaply (e.g. when its window regains focus) and reloads what it
    /// shows when it differs from the last value seen. 0 for a library
    /// never written. Only its changes mean something, not its value.
    fn revision(&self) -> Result<u64>;
}

/// A key point id, trimmed; [`Error::InvalidNote`] when blank.
fn point_id_checked(id: &str) -> Result<&str> {
    let id = id.trim();
    if id.is_empty() {
        return Err(Error::InvalidNote("no key point id given".into()));
    }
    Ok(id)
}

/// A note's tag (trimmed, blank = none) and text (must not be blank):
/// [`Error::InvalidNote`] for a blank text.
pub fn note_content<'a>(tag: Option<&'a str>, text: &'a str) -> Result<(Option<&'a str>, &'a str)> {
    let tag = tag.map(str::trim).filter(|t| !t.is_empty());
    if text.trim().is_empty() {
        return Err(Error::InvalidNote("the note has no text".into()));
    }
    Ok((tag, text))
}
