//! PolicyDiff's team library: the [`Store`] on a PostgreSQL server.
//!
//! [`PgStore`] keeps the same tables as the SQLite store (one library per
//! database schema), stores each text once the same way, checks what it is
//! given with the same rules, and answers search through the same tiers
//! ([`policydiff_store::backend::search`]) over a `tsvector` of the jieba
//! words each clause has (see the `search` module): the same calls give
//! the same results on either backend. Stock PostgreSQL (12 or newer) is
//! all the server needs.
//!
//! - Every write is one transaction, which first takes the library's write
//!   lock (writers take turns, as on SQLite; readers never wait), and
//!   counts one more [`Store::revision`], which other users' programs poll
//!   to see a change.
//! - Every read runs in one read-only snapshot (`REPEATABLE READ`).
//! - A lost connection fails the call in progress with
//!   [`Error::Unreachable`] (a write in progress is rolled back by the
//!   server); the next call connects again.
//! - Locations in messages never hold the password ([`redact`]).
//!
//! ```no_run
//! use policydiff_store::Store;
//! let store = policydiff_store_pg::PgStore::open("postgres://zhang@db.example/policy")?;
//! println!("{} documents", store.count()?);
//! # Ok::<(), policydiff_store::Error>(())
//! ```

mod citations;
mod clauses;
mod db;
mod documents;
mod error;
mod location;
mod marks;
mod notes;
mod pairings;
mod postings;
mod recent;
mod schema;
mod search;
mod similar;
mod state;
mod vectors;

use std::sync::{Mutex, MutexGuard};

use policydiff_model::{
    CitationLink, ClauseTree, DocMeta, DocPage, DocRow, ImportReport, LibraryFacets, ListFilter,
    MetaEdit, Overrides, PointMark, RecentComparison, SameTitle, SearchHit, SearchScope, SourceDoc,
    Stats, StoredDoc, StoredNote, StoredPairing, StoredPointMark,
};
use policydiff_segment::Segmenter;
use policydiff_store::backend::{
    apply_meta_edit, check_tree, note_content, original_delta, IndexEntry, Indexer, ScopeArgs,
    StoredText,
};
use policydiff_store::{
    Access, Error, Result, Setup, Store, UnitVector, BUSY_TIMEOUT, DEFAULT_TAGS,
};
use postgres::{Client, IsolationLevel};

use crate::db::{Db, Statements};
use crate::location::Target;

pub use location::{is_server_url, redact, with_password, without_password, CONNECT_TIMEOUT};
pub use schema::SCHEMA_VERSION;

/// An open team library: one connection to the server.
pub struct PgStore {
    target: Target,
    conn: Mutex<Option<Conn>>,
    author: Option<String>,
}

impl std::fmt::Debug for PgStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PgStore")
            .field("location", &self.target.location)
            .field("author", &self.author)
            .finish_non_exhaustive()
    }
}

/// A connection and the statements prepared on it.
struct Conn {
    client: Client,
    statements: Statements,
}

impl PgStore {
    /// [`Store::search_in`], a scope of at most `small_scope` documents
    /// looked up by its clauses (0: every scope through the index's
    /// matches). For tests that both ways find the same.
    #[doc(hidden)]
    pub fn search_scoped(
        &self,
        seg: &Segmenter,
        query: &str,
        scope: &SearchScope,
        limit: usize,
        small_scope: usize,
    ) -> Result<Vec<SearchHit>> {
        let scope = ScopeArgs::of(scope);
        self.read(|db| {
            let index = search::TsIndex::new(db, scope, small_scope)?;
            policydiff_store::backend::search(&index, seg, query, limit)
        })
    }

    /// Connect to the library at `url` (`postgres://user@host:port/db`,
    /// password from the URL, `$PGPASSWORD` or `~/.pgpass`), creating or
    /// upgrading its tables. A library written by a newer PolicyDiff is
    /// refused with [`Error::SchemaTooNew`] and left untouched; a server
    /// that cannot be reached is [`Error::Unreachable`].
    pub fn open(url: &str) -> Result<PgStore> {
        let target = Target::new(url)?;
        let mut client = target.connect()?;
        let mut statements = Statements::new();
        let location = target.location.clone();
        let err = |e| error::error(&location, e);
        let tx = client.transaction().map_err(err)?;
        let mut db = Db::new(tx, &mut statements, &location);
        schema::migrate(&mut db, err)?;
        db.commit()?;
        tracing::debug!(location = %target.location, "opened the team library");
        Ok(PgStore {
            target,
            conn: Mutex::new(Some(Conn { client, statements })),
            author: None,
        })
    }

    /// The library's location, without its password.
    pub fn location(&self) -> &str {
        &self.target.location
    }

    /// The server's version (`server_version`, e.g. `16.4 (Debian 16.4-1)`).
    pub fn server_version(&self) -> Result<String> {
        self.read(|db| {
            let row = db.one("SELECT current_setting('server_version')", &[])?;
            db::get(&row, 0)
        })
    }

    /// The connection, connected again if it was lost.
    fn conn(&self) -> Result<MutexGuard<'_, Option<Conn>>> {
        let mut guard = self.conn.lock().unwrap_or_else(|p| p.into_inner());
        if guard.as_ref().is_none_or(|c| c.client.is_closed()) {
            *guard = None;
            let client = self.target.connect()?;
            *guard = Some(Conn {
                client,
                statements: Statements::new(),
            });
        }
        Ok(guard)
    }

    /// Run `f` in one transaction: `write` ones take the write lock first
    /// and count a revision. All or nothing.
    fn run<T>(&self, write: bool, f: impl FnOnce(&mut Db<'_>) -> Result<T>) -> Result<T> {
        let mut guard = self.conn()?;
        let conn = guard.as_mut().expect("connected above");
        let location = self.target.location.as_str();
        let tx = conn
            .client
            .build_transaction()
            .isolation_level(if write {
                IsolationLevel::ReadCommitted
            } else {
                IsolationLevel::RepeatableRead
            })
            .read_only(!write)
            .start()
            .map_err(|e| error::error(location, e))?;
        let mut db = Db::new(tx, &mut conn.statements, location);
        let out = (|| {
            if write {
                state::lock(&mut db, BUSY_TIMEOUT.as_millis())?;
            }
            let out = f(&mut db)?;
            if write {
                state::bump_revision(&mut db)?;
            }
            Ok(out)
        })();
        let out = match out {
            Ok(out) => out,
            Err(e) => {
                // Dropping the transaction rolls it back.
                drop(db);
                if guard.as_ref().is_some_and(|c| c.client.is_closed()) {
                    *guard = None;
                }
                return Err(e);
            }
        };
        match db.commit() {
            Ok(()) => Ok(out),
            Err(e) => {
                if guard.as_ref().is_some_and(|c| c.client.is_closed()) {
                    *guard = None;
                }
                Err(e)
            }
        }
    }

    fn read<T>(&self, f: impl FnOnce(&mut Db<'_>) -> Result<T>) -> Result<T> {
        self.run(false, f)
    }

    fn write<T>(&mut self, f: impl FnOnce(&mut Db<'_>) -> Result<T>) -> Result<T> {
        self.run(true, f)
    }

    fn set_pairing(
        &mut self,
        (left_doc, right_doc): (i64, i64),
        (left_path, right_path): (&str, &str),
        forbid: bool,
    ) -> Result<()> {
        let (left_path, right_path) = (left_path.trim(), right_path.trim());
        let author = self.author.clone();
        self.write(|db| {
            let (lh, rh) = hashes(db, left_doc, right_doc)?;
            clauses::check_unit(db, left_doc, left_path)?;
            clauses::check_unit(db, right_doc, right_path)?;
            pairings::set(
                db,
                (&lh, &rh),
                (left_path, right_path),
                forbid,
                author.as_deref(),
            )
        })
    }
}

/// The content hashes of two documents. [`Error::NoSuchDocument`] when absent.
fn hashes(db: &mut Db<'_>, left: i64, right: i64) -> Result<(String, String)> {
    let mut hash = |id: i64| -> Result<String> {
        db.opt("SELECT content_hash FROM documents WHERE id = $1", &[&id])?
            .map(|r| db::get(&r, 0))
            .transpose()?
            .ok_or(Error::NoSuchDocument(id))
    };
    Ok((hash(left)?, hash(right)?))
}

/// One document made ready to store, before the write lock is taken.
struct Prepared {
    hash: String,
    text: StoredText,
    delta: Option<Vec<u8>>,
    entries: Vec<IndexEntry>,
    citations: policydiff_store::backend::citations::Entry,
}

impl Prepared {
    fn new(
        indexer: &mut Indexer<'_>,
        doc: &SourceDoc,
        tree: &ClauseTree,
        hash: String,
    ) -> Result<Prepared> {
        check_tree(&doc.meta.title, tree)?;
        let delta = (doc.original != doc.text)
            .then(|| original_delta(&doc.original, &doc.text))
            .transpose()?;
        Ok(Prepared {
            hash,
            text: StoredText::new(&doc.text, tree.clauses.iter().map(|c| c.text.as_str()))?,
            delta,
            entries: tree
                .clauses
                .iter()
                .map(|c| indexer.entry(&c.text))
                .collect(),
            citations: policydiff_store::backend::citations::Entry::new(
                &doc.meta,
                tree.clauses
                    .iter()
                    .map(|c| (c.path.as_str(), c.text.as_str())),
            ),
        })
    }
}

impl Store for PgStore {
    fn access(&self) -> Access {
        Access::ReadWrite
    }

    fn count(&self) -> Result<usize> {
        self.read(documents::count)
    }

    fn stats(&self) -> Result<Stats> {
        self.read(|db| {
            Ok(Stats {
                documents: documents::count(db)?,
                clauses: clauses::count(db)?,
                indexed: search::count(db)?,
            })
        })
    }

    fn add(&mut self, seg: &Segmenter, docs: &[(SourceDoc, ClauseTree)]) -> Result<ImportReport> {
        // Everything that takes time, before the write lock (as on SQLite).
        let hashes: Vec<String> = docs
            .iter()
            .map(|(doc, _)| policydiff_store::content_hash(&doc.text))
            .collect();
        let stored: Vec<bool> = self.read(|db| {
            hashes
                .iter()
                .map(|h| Ok(documents::find_by_hash(db, h)?.is_some()))
                .collect()
        })?;
        let mut indexer = Indexer::new(seg);
        let mut prepared = Vec::with_capacity(docs.len());
        for (((doc, tree), hash), stored) in docs.iter().zip(&hashes).zip(stored) {
            prepared.push(match stored {
                true => None,
                false => Some(Prepared::new(&mut indexer, doc, tree, hash.clone())?),
            });
        }
        self.write(|db| {
            let mut report = ImportReport::default();
            for (((doc, tree), hash), p) in docs.iter().zip(hashes).zip(prepared) {
                if let Some(id) = documents::find_by_hash(db, &hash)? {
                    report.duplicates.push((doc.meta.title.clone(), id));
                    continue;
                }
                let p = match p {
                    Some(p) => p,
                    // Stored when we looked, deleted since.
                    None => Prepared::new(&mut indexer, doc, tree, hash)?,
                };
                let id = documents::insert(
                    db,
                    doc,
                    &p.hash,
                    tree.clauses.len(),
                    &p.text,
                    p.delta.as_deref(),
                )?;
                let ids = clauses::insert(db, id, tree)?;
                search::index(db, &ids, &p.entries)?;
                citations::insert(db, id, &p.citations)?;
                if let Some(existing) = documents::same_title(db, &doc.meta.title, id)? {
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

    fn list(&self, filter: &ListFilter) -> Result<Vec<DocRow>> {
        Ok(self.read(|db| documents::list(db, filter, 0, None))?.rows)
    }

    fn list_page(&self, filter: &ListFilter, offset: usize, limit: usize) -> Result<DocPage> {
        self.read(|db| documents::list(db, filter, offset, Some(limit)))
    }

    fn list_position(&self, filter: &ListFilter, id: i64) -> Result<Option<usize>> {
        self.read(|db| documents::position(db, filter, id))
    }

    fn rows_by_id(&self, ids: &[i64]) -> Result<Vec<DocRow>> {
        self.read(|db| documents::rows_by_id(db, ids))
    }

    fn facets(&self) -> Result<LibraryFacets> {
        self.read(documents::facets)
    }

    fn get(&self, id: i64) -> Result<StoredDoc> {
        self.read(|db| {
            let stored = documents::get_doc(db, id)?;
            let tree = clauses::load_tree(db, id)?;
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
        self.write(|db| documents::delete(db, id))
    }

    fn edit_meta(&mut self, id: i64, edit: &MetaEdit) -> Result<DocMeta> {
        let old = self.read(|db| Ok(documents::get_doc(db, id)?.meta))?;
        if apply_meta_edit(&old, edit)? == old {
            return Ok(old);
        }
        self.write(|db| {
            let old = documents::get_doc(db, id)?.meta;
            let new = apply_meta_edit(&old, edit)?;
            documents::update_meta(db, id, &new)?;
            let clauses = clauses::texts(db, id)?;
            let entry = policydiff_store::backend::citations::Entry::new(
                &new,
                clauses.iter().map(|(p, t)| (p.as_str(), t.as_str())),
            );
            citations::replace(db, id, &entry)?;
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
        self.write(|db| {
            for id in [left, right] {
                if !documents::exists(db, id)? {
                    return Err(Error::NoSuchDocument(id));
                }
            }
            recent::remember(db, left, right)
        })
    }

    fn recent(&self, limit: usize) -> Result<Vec<RecentComparison>> {
        self.read(|db| recent::recent(db, limit))
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
        self.write(|db| {
            let (lh, rh) = hashes(db, left_doc, right_doc)?;
            if let Some(p) = left_path {
                clauses::check_unit(db, left_doc, p)?;
            }
            if let Some(p) = right_path {
                clauses::check_unit(db, right_doc, p)?;
            }
            let paths = (left_path, right_path);
            notes::insert(db, (&lh, &rh), paths, tag, text, author.as_deref())
        })
    }

    fn update_note(&mut self, id: i64, tag: Option<&str>, text: &str) -> Result<()> {
        let (tag, text) = note_content(tag, text)?;
        self.write(|db| notes::update(db, id, tag, text))
    }

    fn delete_note(&mut self, id: i64) -> Result<()> {
        self.write(|db| notes::delete(db, id))
    }

    fn note(&self, id: i64) -> Result<StoredNote> {
        self.read(|db| notes::get_note(db, id))
    }

    fn notes_for(&self, left_doc: i64, right_doc: i64) -> Result<Vec<StoredNote>> {
        self.read(|db| {
            let (lh, rh) = hashes(db, left_doc, right_doc)?;
            notes::for_comparison(db, (&lh, &rh))
        })
    }

    fn tags(&self) -> Result<Vec<String>> {
        let mut tags: Vec<String> = DEFAULT_TAGS.iter().map(|t| t.to_string()).collect();
        for t in self.read(notes::tags_in_use)? {
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
        self.set_pairing((left_doc, right_doc), (left_path, right_path), false)
    }

    fn forbid_pair(
        &mut self,
        left_doc: i64,
        right_doc: i64,
        left_path: &str,
        right_path: &str,
    ) -> Result<()> {
        self.set_pairing((left_doc, right_doc), (left_path, right_path), true)
    }

    fn clear_pairing(
        &mut self,
        left_doc: i64,
        right_doc: i64,
        left_path: &str,
        right_path: &str,
    ) -> Result<bool> {
        self.write(|db| {
            let (lh, rh) = hashes(db, left_doc, right_doc)?;
            pairings::clear(db, (&lh, &rh), (left_path.trim(), right_path.trim()))
        })
    }

    fn pairing_overrides(&self, left_doc: i64, right_doc: i64) -> Result<Overrides> {
        self.read(|db| {
            let (lh, rh) = hashes(db, left_doc, right_doc)?;
            pairings::overrides(db, (&lh, &rh))
        })
    }

    fn setup(&self) -> Result<Setup> {
        self.read(state::get_setup)
    }

    fn set_setup(&mut self, setup: Setup) -> Result<()> {
        self.write(|db| state::set_setup(db, setup))
    }

    fn set_author(&mut self, author: Option<&str>) {
        self.author = author.map(str::to_string);
    }

    fn pairings(&self, left_doc: i64, right_doc: i64) -> Result<Vec<StoredPairing>> {
        self.read(|db| {
            let (lh, rh) = hashes(db, left_doc, right_doc)?;
            pairings::list(db, (&lh, &rh))
        })
    }

    fn revision(&self) -> Result<u64> {
        self.read(state::revision)
    }

    fn set_point_mark(
        &mut self,
        left_doc: i64,
        right_doc: i64,
        point_id: &str,
        mark: Option<PointMark>,
    ) -> Result<bool> {
        let point_id = point_id.trim();
        if point_id.is_empty() {
            return Err(Error::InvalidNote("no key point id given".into()));
        }
        self.write(|db| {
            let (lh, rh) = hashes(db, left_doc, right_doc)?;
            marks::set(db, (&lh, &rh), point_id, mark)
        })
    }

    fn point_marks(&self, left_doc: i64, right_doc: i64) -> Result<Vec<StoredPointMark>> {
        self.read(|db| {
            let (lh, rh) = hashes(db, left_doc, right_doc)?;
            marks::for_comparison(db, (&lh, &rh))
        })
    }

    fn clauses_like(
        &self,
        seg: &Segmenter,
        text: &str,
        exclude: Option<i64>,
        limit: usize,
    ) -> Result<Vec<SearchHit>> {
        self.read(|db| {
            let index = search::TsIndex::new(db, None, 0)?;
            policydiff_store::backend::clauses_like(&index, seg, text, exclude, limit)
        })
    }

    fn citations(&self, doc: i64) -> Result<Vec<CitationLink>> {
        self.read(|db| {
            if !documents::exists(db, doc)? {
                return Err(Error::NoSuchDocument(doc));
            }
            citations::outgoing(db, doc)
        })
    }

    fn cited_by(&self, doc: i64) -> Result<Vec<CitationLink>> {
        self.read(|db| {
            if !documents::exists(db, doc)? {
                return Err(Error::NoSuchDocument(doc));
            }
            citations::incoming(db, doc)
        })
    }

    fn put_vectors(&mut self, doc: i64, model: &str, vectors: &[UnitVector]) -> Result<()> {
        self.write(|db| vectors::put(db, doc, model, vectors))
    }

    fn vectors(&self, doc: i64, model: &str) -> Result<Option<Vec<UnitVector>>> {
        self.read(|db| vectors::get_vectors(db, doc, model))
    }

    fn missing_vectors(&self, model: &str, limit: usize) -> Result<Vec<i64>> {
        self.read(|db| vectors::missing(db, model, limit))
    }
}
