//! Library commands: status, list pages and positions, rows by id, get, search, recent comparisons, delete,
//! metadata edits.

use policydiff::model::{
    DocMeta, DocPage, DocRow, LibraryFacets, ListFilter, MetaEdit, RecentComparison, SearchHit,
    SearchScope, StoredDoc,
};

use super::Ctx;
use crate::error::AppResult;
use crate::types::{LibraryChanged, LibraryStatus};

/// Document count, library path and whether the first-run import is done.
pub fn status(cx: &Ctx) -> AppResult<LibraryStatus> {
    cx.state.status()
}

/// One page of the documents matching `filter`: at most `limit` rows from row `offset`,
/// and the number matching in all.
pub fn list_page(cx: &Ctx, filter: ListFilter, offset: usize, limit: usize) -> AppResult<DocPage> {
    Ok(cx.state.library()?.list_page(&filter, offset, limit)?)
}

/// Where document `id` stands in the list of `filter` (0-based), `None` when it is not in it.
pub fn position(cx: &Ctx, filter: ListFilter, id: i64) -> AppResult<Option<usize>> {
    Ok(cx.state.library()?.list_position(&filter, id)?)
}

/// The filter choices (provinces and cities, levels, years) with their document counts.
pub fn facets(cx: &Ctx) -> AppResult<LibraryFacets> {
    Ok(cx.state.library()?.facets()?)
}

/// The rows of documents `ids`, in that order; absent ids are left out.
pub fn by_id(cx: &Ctx, ids: Vec<i64>) -> AppResult<Vec<DocRow>> {
    Ok(cx.state.library()?.rows_by_id(&ids)?)
}

/// One document with its text and clause tree (`not_found` when absent).
pub fn get(cx: &Ctx, id: i64) -> AppResult<StoredDoc> {
    Ok(cx.state.library()?.get(id)?)
}

/// Full-text search over the clauses of the documents in `scope`, best first.
pub fn search(
    cx: &Ctx,
    query: String,
    scope: SearchScope,
    limit: usize,
) -> AppResult<Vec<SearchHit>> {
    // Wait for the segmenter before taking the lock.
    let seg = cx.state.segmenter();
    Ok(cx.state.library()?.search_in(seg, &query, &scope, limit)?)
}

/// Recent comparisons, most recent first.
pub fn recent(cx: &Ctx, limit: usize) -> AppResult<Vec<RecentComparison>> {
    Ok(cx.state.library()?.recent(limit)?)
}

/// Delete a document and its clauses; emits `library-changed`.
pub fn delete(cx: &Ctx, id: i64) -> AppResult<()> {
    cx.state.library()?.delete(id)?;
    cx.emit(LibraryChanged {});
    Ok(())
}

/// Change some of a document's metadata in one transaction; emits `library-changed`.
pub fn edit(cx: &Ctx, id: i64, edit: MetaEdit) -> AppResult<DocMeta> {
    let meta = policydiff::library::edit_meta(cx.state.library()?.as_mut(), id, &edit)?;
    cx.emit(LibraryChanged {});
    Ok(meta)
}
