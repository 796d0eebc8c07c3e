//! The IPC contract: every command the UI may call and every event the shell
//! emits, each listed once, here.
//!
//! From the `commands!` list come the Tauri handlers ([`handlers`], each
//! running its function in [`crate::commands`] on a blocking thread) and
//! [`register`]; from the `events!` list, each payload's [`Event::NAME`].
//! [`typescript`] renders both lists as `ui/src/lib/bindings/commands.ts`
//! and `events.ts` (typed functions over `invoke` and `listen`), written by
//! `cargo test -p policydiff-app --test bindings` and checked for freshness
//! by `scripts/check-bindings.sh`. Names, arguments and fields are
//! snake_case on the wire.

#[macro_use]
mod macros;
pub mod typescript;

use policydiff::model::{
    Comparison, DocMeta, DocPage, DocRow, LibraryFacets, ListFilter, Matrix, MetaEdit,
    RecentComparison, RelatedDoc, SearchHit, SearchScope, SimilarClause, StoredDoc, StoredNote,
    Suggestion,
};
use serde::Serialize;
use tauri::{AppHandle, Emitter, Manager, Runtime};
use ts_rs::{Config, TypeVisitor, TS};

use crate::commands::{compare, export, import, library, location, matrix, notes, related, Ctx};
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use crate::types::{
    CompareRequest, ConnectionReport, CorpusImportProgress, ExportProgress, ExportRequest,
    ImportOutcome, ImportProgress, KeyPointList, LibraryChanged, LibraryChoice, LibraryLocation,
    LibraryStatus, MatrixExportRequest, MatrixRequest, NoteRequest, PairingRequest,
    PointMarkRequest, VectorProgress,
};

commands! {
    // library
    /// Document count, library path and whether the first-run import is done.
    fn library_status() -> LibraryStatus = library::status;
    /// One page of the documents matching `filter`, in its order: at most `limit` rows from
    /// row `offset` (0-based) and how many match in all (a page past the end is empty).
    fn list_documents_page(filter: ListFilter, offset: usize, limit: usize) -> DocPage = library::list_page;
    /// Where document `id` stands (0-based) in the list of the documents matching `filter`,
    /// in its order (the row the library pane scrolls to); `null` when the filter leaves it
    /// out or it is not stored.
    fn document_list_position(filter: ListFilter, id: i64) -> Option<usize> = library::position;
    /// The library pane's filter choices (provinces and cities, levels, years) with their
    /// document counts, computed by the library without listing the documents.
    fn library_facets() -> LibraryFacets = library::facets;
    /// The rows of documents `ids`, in that order, without their text; ids of no stored
    /// document are left out (they were deleted), a repeated id is given once.
    fn documents_by_id(ids: Vec<i64>) -> Vec<DocRow> = library::by_id;
    /// One document with its text and clause tree (`not_found` when absent).
    fn get_document(id: i64) -> StoredDoc = library::get;
    /// Full-text search over the clauses of the documents in `scope` (region, level, year, as
    /// the library pane's filters), best first: at most `limit` hits, the best of those documents.
    fn search(query: String, scope: SearchScope, limit: usize) -> Vec<SearchHit> = library::search;
    /// Recent comparisons, most recent first.
    fn recent_comparisons(limit: usize) -> Vec<RecentComparison> = library::recent;
    /// Delete a document and its clauses; emits `library-changed`.
    fn delete_document(id: i64) -> () = library::delete;
    /// Change the fields of a document's metadata that `edit` gives (a blank text clears
    /// one) in one transaction; resolves to the metadata now stored and emits
    /// `library-changed` (`invalid_input` naming the field, `not_found`, `read_only`).
    fn edit_document(id: i64, edit: MetaEdit) -> DocMeta = library::edit;

    // library location (local file or team server) and author
    /// The open library (file or team server, URL without password), the library settings,
    /// and why a chosen team server is not in use (it could not be opened at startup).
    fn library_location() -> LibraryLocation = location::location;
    /// Connect to a team library (`postgres://user@host:port/db`; `password` when not in
    /// ~/.pgpass or $PGPASSWORD): its document count and server version, or `unreachable`,
    /// `auth_failed`, `not_a_library`, `newer_schema`. The open library does not change.
    fn test_library_connection(url: String, password: Option<String>) -> ConnectionReport = location::test_connection;
    /// Use this library from now on (saved in the settings; a password never is) and emit
    /// `library-changed`; when it cannot be opened the open library stays and the error says why.
    fn set_library_location(choice: LibraryChoice) -> LibraryLocation = location::set_location;
    /// Set the author name written with notes and pairings (null or blank: the default).
    fn set_author_name(author: Option<String>) -> LibraryLocation = location::set_author;
    /// The library's revision: it changes whenever anyone changes the library (poll it to
    /// see a colleague's import).
    fn library_revision() -> u64 = location::revision;

    // import
    /// Import files, one outcome per file (a failing file does not stop the others);
    /// emits `import-progress` before each file and `library-changed` when anything was added.
    fn import_files(paths: Vec<String>) -> Vec<ImportOutcome> = import::import_files;

    // compare
    /// Compare two stored documents (the user's manual pairings applied) and remember the comparison.
    fn compare_documents(request: CompareRequest) -> Comparison = compare::compare;
    /// Pin, hide or (`mark` null) restore a key point of the comparison; resolves to its key
    /// points arranged anew (`not_found` for a point the comparison does not have).
    fn mark_key_point(request: PointMarkRequest) -> KeyPointList = compare::mark_point;

    // coverage matrix
    /// One stored base document against stored documents: rows are the base's units, one
    /// column per document (`invalid_input` without documents, `not_found` for an unknown id).
    fn coverage_matrix(request: MatrixRequest) -> Matrix = matrix::compute;
    /// Write the matrix (computed as `coverage_matrix` does) to a file, never over the library.
    fn export_matrix(request: MatrixExportRequest) -> () = matrix::export;

    // related documents and similar clauses
    /// The documents related to `doc`, best first, each with its reasons (cites, cited by,
    /// shared clauses, same topic) and evidence (`not_found` for an unknown id).
    fn related_documents(doc: i64) -> Vec<RelatedDoc> = related::related_documents;
    /// The clauses of other documents most similar to the unit at `path` of `doc`, best
    /// first, at most `limit`, each with its word diff against that unit (`not_found` for
    /// an unknown document or path).
    fn similar_clauses(doc: i64, path: String, limit: usize) -> Vec<SimilarClause> = related::similar_clauses;

    // notes and manual pairings
    /// The notes of the comparison of `left` with `right`, oldest first.
    fn list_notes(left: i64, right: i64) -> Vec<StoredNote> = notes::list;
    /// Add a note on one pair; resolves to its id (`not_found` for an unknown document or
    /// clause path, `invalid_input` for empty text or no clause).
    fn add_note(request: NoteRequest) -> i64 = notes::add;
    /// Replace a note's tag and text.
    fn update_note(id: i64, tag: Option<String>, text: String) -> () = notes::update;
    /// Delete a note (`not_found` when absent).
    fn delete_note(id: i64) -> () = notes::delete;
    /// Tags to offer: the default ones first, then the others in use.
    fn note_tags() -> Vec<String> = notes::tags;
    /// Always pair these two clauses in this comparison (compare again to see it).
    fn force_pair(request: PairingRequest) -> () = notes::force;
    /// Never pair these two clauses in this comparison.
    fn forbid_pair(request: PairingRequest) -> () = notes::forbid;
    /// Forget the forced or forbidden pairing of these two clauses; `true` when there was one.
    fn clear_pairing(request: PairingRequest) -> bool = notes::clear;
    /// How strongly the clause at `path` of the comparison of `left` with `right` (a clause
    /// of the left document when `from_left`) relates in topic to each clause of the other
    /// document, likeliest first: each clause's path and the strength of the topic match
    /// (0–1, as a related pair's; `not_found` for an unknown document or path).
    fn counterpart_strengths(left: i64, right: i64, from_left: bool, path: String) -> Vec<Suggestion> = compare::counterparts;

    // export
    /// Write the comparison to a file as a report (never over the library). Emits
    /// `export-progress` with the request's id; fails with `cancelled` (and writes nothing)
    /// after `cancel_export(request.id)`.
    fn export_comparison(request: ExportRequest) -> () = export::export;
    /// Cancel the export with this id: it stops before writing.
    fn cancel_export(id: String) -> () = export::cancel;
}

events! {
    /// First-run import of the bundled corpus: `done` of `total` documents stored.
    CorpusImportProgress = "corpus-import-progress";
    /// Import of the user's files: file `index` of `total` is being read.
    ImportProgress = "import-progress";
    /// The library's documents changed (import, delete, first run).
    LibraryChanged = "library-changed";
    /// A running export (any id) entered a stage.
    ExportProgress = "export-progress";
    /// Sentence vectors of the library's documents computed in the background: `done` of
    /// `total`; or a comparison made by wording alone, with the `warning` saying why.
    VectorProgress = "vector-progress";
}

/// An event payload, sent under its name (given in the `events!` list).
pub trait Event: Serialize {
    /// The event's name on the wire.
    const NAME: &'static str;
}

/// Run a command's function on a blocking thread (it may read files, parse,
/// compare or wait for the library's lock), off the async runtime.
pub async fn blocking<R: Runtime, T: Send + 'static>(
    app: AppHandle<R>,
    f: impl FnOnce(&Ctx) -> AppResult<T> + Send + 'static,
) -> AppResult<T> {
    tauri::async_runtime::spawn_blocking(move || with_ctx(&app, f))
        .await
        .map_err(|e| AppError::internal(format!("the command stopped unexpectedly: {e}")))?
}

/// Call `f` with the app's state and an emitter over `app`.
pub fn with_ctx<R: Runtime, T>(
    app: &AppHandle<R>,
    f: impl FnOnce(&Ctx) -> AppResult<T>,
) -> AppResult<T> {
    let state = app
        .try_state::<AppState>()
        .ok_or_else(|| AppError::internal("the library is not open"))?;
    let emit = |name: &'static str, payload: serde_json::Value| {
        if let Err(e) = app.emit(name, payload) {
            tracing::warn!("event {name} not sent: {e}");
        }
    };
    f(&Ctx::new(state.inner(), &emit))
}

/// One command of the contract, for the TypeScript generator.
pub struct CommandSpec {
    /// The command's name (snake_case).
    pub name: &'static str,
    /// Its documentation, one entry per line.
    pub doc: &'static [&'static str],
    /// Its arguments: name (snake_case) and type.
    pub args: Vec<(&'static str, TsType)>,
    /// Its result's type (the error is always an `AppError`).
    pub result: TsType,
}

/// One event of the contract, for the TypeScript generator.
pub struct EventSpec {
    /// The event's name (kebab-case).
    pub name: &'static str,
    /// Its documentation, one entry per line.
    pub doc: &'static [&'static str],
    /// Its payload's type.
    pub payload: TsType,
}

/// A Rust type as TypeScript sees it (through ts-rs).
#[derive(Clone, Copy)]
pub struct TsType {
    name: fn(&Config) -> String,
    imports: fn(&Config) -> Vec<String>,
}

impl TsType {
    /// The TypeScript of `T`.
    pub fn of<T: TS + 'static>() -> TsType {
        fn imports<T: TS + 'static>(cfg: &Config) -> Vec<String> {
            let mut names = Vec::new();
            named::<T>(cfg, &mut names);
            names
        }
        TsType {
            name: T::name,
            imports: imports::<T>,
        }
    }

    /// The type's TypeScript name, e.g. `Array<DocRow>` (`()` is `void`).
    pub fn name(&self, cfg: &Config) -> String {
        match (self.name)(cfg).as_str() {
            "null" => "void".to_owned(),
            n => n.to_owned(),
        }
    }

    /// The generated types it names, to import from `./index`.
    pub fn imports(&self, cfg: &Config) -> Vec<String> {
        (self.imports)(cfg)
    }
}

/// The generated (named) types `T` spells out: `T` itself if it has a file of
/// its own, else those among its type arguments (`Vec<DocRow>` → `DocRow`).
fn named<T: TS + 'static + ?Sized>(cfg: &Config, out: &mut Vec<String>) {
    struct Visit<'a>(&'a Config, &'a mut Vec<String>);
    impl TypeVisitor for Visit<'_> {
        fn visit<T: TS + 'static + ?Sized>(&mut self) {
            named::<T>(self.0, self.1);
        }
    }
    if T::output_path().is_some() {
        out.push(T::name(cfg));
    } else {
        T::visit_generics(&mut Visit(cfg, out));
    }
}
