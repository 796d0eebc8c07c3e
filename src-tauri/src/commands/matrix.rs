//! The coverage-matrix commands: one base document against many, shown and
//! exported.

use std::path::Path;

use policydiff::model::Matrix;

use super::Ctx;
use crate::error::{AppError, AppResult, ErrorCode};
use crate::types::{MatrixExportRequest, MatrixRequest};

/// [`policydiff::matrix::matrix_stored`] for a request, with the library
/// locked only while the documents, pairings and vectors are read, rows in
/// the request's order; pairs by meaning too with the app's model, as a
/// comparison does. `invalid_input` without documents to compare;
/// `not_found` for an unknown id.
pub fn compute(cx: &Ctx, request: MatrixRequest) -> AppResult<Matrix> {
    if request.others.is_empty() {
        return Err(AppError {
            code: ErrorCode::InvalidInput,
            message: "choose at least one document to compare with the base".into(),
        });
    }
    let mut opts = request.options();
    opts.vectors = cx.state.model();
    let loaded = {
        let lib = cx.state.library()?;
        policydiff::matrix::load_matrix(lib.as_ref(), request.base, &request.others, &opts)?
    };
    let mut m = loaded.compute(cx.state.segmenter(), opts.diff);
    policydiff::matrix::sort_rows(&mut m, request.order);
    Ok(m)
}

/// Compute the matrix exactly as `coverage_matrix` does and write it to
/// `request.path` atomically ([`policydiff::matrix::export`]): on failure no
/// file is left and the error (`io`) names the path; the library file itself
/// is refused (`invalid_input`).
pub fn export(cx: &Ctx, request: MatrixExportRequest) -> AppResult<()> {
    let m = compute(cx, request.matrix)?;
    policydiff::matrix::export(
        Path::new(&request.path),
        request.format,
        &m,
        request.lang,
        cx.state.library_file().as_deref(),
    )?;
    Ok(())
}
