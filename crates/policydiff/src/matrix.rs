//! The coverage matrix: one base document against many (一对多覆盖矩阵).
//!
//! Built on the engine's pairwise comparison, so it is exactly as good as the
//! engine's pairing and improves with it: the base is compared (as the left
//! document) with each other document, the user's manual pairings of each
//! pair applied ([`crate::compare`]) and, with a model
//! ([`StoredOptions::vectors`]), the units' sentence vectors fused with their
//! wording as in a pairwise comparison (stored ones; computed for a document
//! not stored or not encoded yet); then [`assemble`] reads each
//! comparison's pairs into one column.
//!
//! # From pairs to cells
//! Each base unit is one row. For one document, the cell of a row gathers
//! every pair whose left side is that unit:
//!
//! | pair kind | cell |
//! |---|---|
//! | `same` | `same` |
//! | `modified` | `modified` |
//! | `moved` | `same` when the text is unchanged (similarity 1), else `modified`: a unit taken over at another place is adopted all the same |
//! | `split` | `modified` (the unit's text is spread over several units; all their paths are listed) |
//! | `merged` | `modified` (the unit was combined with other base units into one) |
//! | `related` | `related` (a unit on the same topic, not a rewrite: not counted as adopted) |
//! | `left_only` | `missing` (no pair) |
//!
//! When a unit has several pairs, the cell takes the strongest kind (same >
//! modified > related), the highest similarity, every paired path (in the
//! document's reading order) and every pair's key differences. The
//! document's `right_only` units are its additions (local innovations): its
//! items, that is (see [`policydiff_engine::content_units`]; its own title,
//! cover letter, signature, bare headings and commentary are no additions).
//! A column's coverage is the share of the base's items whose cell is
//! `same` or `modified`, and its counts are of those units
//! ([`policydiff_engine::content_units`]). Rows but not counted: the title,
//! the cover letter (印发通知) and the signature (落款), which any two
//! documents pair by their role (an unrelated rule's title is no adoption
//! of a plan's); a bare heading over items (二、主要任务: its items are the
//! rows that say what was taken up); and the units of the base's own commentary annex
//! (政策解读, 起草说明: they restate its items). A row's adoption is the
//! number of such cells, not counted for those (`—`).
//!
//! # Which documents
//! The caller chooses: by hand, or all documents of the library; a later
//! "documents related to the base" only has to produce the list of ids
//! for [`matrix_stored`] / [`load_matrix`].

use std::path::Path;

use policydiff_model::{
    AddedUnit, Additions, CellCounts, CellKind, Comparison, DiffOptions, Doc, DocInfo, DocMeta,
    Matrix, MatrixCell, MatrixDoc, MatrixFormat, MatrixRow, MatrixUnit, Overrides, Pair, PairKind,
    ReportLang, RowOrder,
};
use policydiff_segment::Segmenter;
use policydiff_store::Store;

use crate::compare::{load_stored, StoredOptions};
use crate::names;
use crate::vectors::{doc_vectors, DocVectors, Model};
use crate::{Error, Result};

/// The matrix of `base` against `comparisons`, each a comparison of `base`
/// (left) with one of `others` (right), in column order. Pure: no library,
/// no comparison. Rows are in the base's reading order.
pub fn assemble(base: &Doc, others: &[&Doc], comparisons: &[Comparison]) -> Matrix {
    assert_eq!(
        others.len(),
        comparisons.len(),
        "one comparison per document"
    );
    let units = base.tree.units();
    // The rows the counts and the coverage are of (see the module docs);
    // all of them for a base that has nothing else.
    let counted = policydiff_engine::content_units(&base.tree, &units);
    let content_rows = counted.iter().filter(|c| **c).count();
    let row_of: std::collections::HashMap<usize, usize> = units
        .iter()
        .enumerate()
        .map(|(row, (clause, _))| (*clause, row))
        .collect();
    let mut rows: Vec<MatrixRow> = units
        .iter()
        .zip(&counted)
        .map(|((clause, text), counted)| {
            let c = &base.tree.clauses[*clause];
            MatrixRow {
                unit: MatrixUnit {
                    path: c.path.clone(),
                    label: c.label.clone(),
                    heading: c.heading.clone(),
                    text: text.clone(),
                    structural: !counted,
                },
                cells: Vec::with_capacity(comparisons.len()),
            }
        })
        .collect();
    let mut documents = Vec::with_capacity(comparisons.len());
    let mut additions = Vec::with_capacity(comparisons.len());
    for (c, other) in comparisons.iter().zip(others) {
        let doc = c.right.id;
        let items = policydiff_engine::item_clauses(&other.tree, &other.tree.units());
        let mut cells: Vec<CellBuilder> = vec![CellBuilder::default(); rows.len()];
        let mut added: Vec<(usize, AddedUnit)> = Vec::new();
        for p in &c.pairs {
            match (&p.left, &p.right) {
                (Some(l), _) => {
                    if let Some(&row) = row_of.get(&l.clause) {
                        cells[row].add(p, counted[row]);
                    }
                }
                (None, Some(r)) if items.get(r.clause).copied().unwrap_or(false) => added.push((
                    r.clause,
                    AddedUnit {
                        path: r.path.clone(),
                        label: r.label.clone(),
                        text: r.text.clone(),
                    },
                )),
                (None, _) => {}
            }
        }
        added.sort_by_key(|(clause, _)| *clause);
        let mut counts = CellCounts {
            additions: added.len(),
            ..CellCounts::default()
        };
        for ((row, cell), counted) in rows.iter_mut().zip(cells).zip(&counted) {
            let cell = cell.finish(doc);
            if *counted {
                match cell.kind {
                    CellKind::Same => counts.same += 1,
                    CellKind::Modified => counts.modified += 1,
                    CellKind::Related => counts.related += 1,
                    CellKind::Missing => counts.missing += 1,
                }
            }
            row.cells.push(cell);
        }
        let coverage = if content_rows == 0 {
            0.0
        } else {
            (counts.same + counts.modified) as f64 / content_rows as f64
        };
        documents.push(MatrixDoc {
            info: c.right.clone(),
            name: String::new(),
            coverage,
            counts,
        });
        additions.push(Additions {
            doc,
            units: added.into_iter().map(|(_, u)| u).collect(),
        });
    }
    let metas: Vec<&DocMeta> = documents.iter().map(|d| &d.info.meta).collect();
    let column_names = names::column_names(&metas);
    for (d, name) in documents.iter_mut().zip(column_names) {
        d.name = name;
    }
    Matrix {
        base: DocInfo {
            id: base.id,
            meta: base.meta.clone(),
        },
        documents,
        rows,
        additions,
    }
}

/// The pairs of one base unit with one document, gathered into a cell.
#[derive(Debug, Clone, Default)]
struct CellBuilder {
    kind: Option<CellKind>,
    similarity: f64,
    /// (clause index in the document, path).
    paths: Vec<(usize, String)>,
    key_diffs: Vec<policydiff_model::KeyDiff>,
    /// The base unit's possible counterparts when it is one-sided.
    suggestions: Vec<policydiff_model::Suggestion>,
}

impl CellBuilder {
    /// Add a pair; its key differences only to a content row's cell (`keys`):
    /// a title, cover letter or signature says nothing about the items.
    fn add(&mut self, p: &Pair, keys: bool) {
        let Some(kind) = cell_kind(p) else {
            self.suggestions.clone_from(&p.suggestions);
            return;
        };
        self.kind = Some(self.kind.map_or(kind, |k| k.min(kind)));
        self.similarity = self.similarity.max(p.similarity);
        if let Some(r) = &p.right {
            if !self.paths.iter().any(|(c, _)| *c == r.clause) {
                self.paths.push((r.clause, r.path.clone()));
            }
        }
        if keys {
            self.key_diffs.extend(p.key_diffs.iter().cloned());
        }
    }

    fn finish(mut self, doc: Option<i64>) -> MatrixCell {
        self.paths.sort_by_key(|(c, _)| *c);
        let kind = self.kind.unwrap_or(CellKind::Missing);
        MatrixCell {
            doc,
            kind,
            similarity: match kind {
                CellKind::Missing => 0.0,
                CellKind::Same => 1.0,
                _ => self.similarity,
            },
            paths: self.paths.into_iter().map(|(_, p)| p).collect(),
            key_diffs: self.key_diffs,
            suggestions: match kind {
                CellKind::Missing => self.suggestions,
                _ => Vec::new(),
            },
        }
    }
}

/// The cell kind a pair with a base unit on its left gives (see the module
/// docs); `None` for a one-sided pair.
fn cell_kind(p: &Pair) -> Option<CellKind> {
    Some(match p.kind {
        PairKind::Same => CellKind::Same,
        PairKind::Modified | PairKind::Split | PairKind::Merged => CellKind::Modified,
        PairKind::Moved if p.similarity >= 1.0 => CellKind::Same,
        PairKind::Moved => CellKind::Modified,
        PairKind::Related => CellKind::Related,
        PairKind::LeftOnly | PairKind::RightOnly => return None,
    })
}

/// Put the rows of `m` in `order` (ties, and [`RowOrder::Reading`], in the
/// base's reading order, which is the order [`assemble`] gives).
pub fn sort_rows(m: &mut Matrix, order: RowOrder) {
    match order {
        RowOrder::Reading => {}
        // A stable sort: equal adoption keeps reading order.
        // Uncounted (structural) units last.
        RowOrder::Adoption => m.rows.sort_by_key(|r| std::cmp::Reverse(r.adopted())),
    }
}

/// Compare `base` with each of `others` (manual pairings applied when the
/// documents are stored in `store`, unless `opts` says otherwise; with a
/// model in `opts`, by meaning as well as wording, as a pairwise comparison
/// is: stored vectors, or computed for documents without) and assemble the
/// matrix. The comparisons run on all cores.
pub fn compute(
    store: Option<&dyn Store>,
    seg: &Segmenter,
    base: &Doc,
    others: &[Doc],
    opts: &StoredOptions,
) -> Result<Matrix> {
    let vectors = |doc: &Doc| {
        opts.vectors
            .as_ref()
            .and_then(|m| vectors_of(store, m, doc))
    };
    let base_vectors = vectors(base);
    let other_vectors: Vec<Option<DocVectors>> = others.iter().map(vectors).collect();
    let mut jobs = Vec::with_capacity(others.len());
    for (other, v) in others.iter().zip(&other_vectors) {
        let overrides = match (store, base.id, other.id) {
            (Some(store), Some(b), Some(o)) if !opts.ignore_manual_pairs => {
                store.pairing_overrides(b, o)?
            }
            _ => Overrides::default(),
        };
        jobs.push((other, overrides, v.as_ref()));
    }
    Ok(compare_all(
        seg,
        base,
        base_vectors.as_ref(),
        jobs,
        opts.diff,
    ))
}

/// A document's vectors for `model` ([`doc_vectors`]), or none — with a
/// warning in the log — when they cannot be had (a damaged stored set): its
/// column is then paired by wording alone, as a pairwise comparison would be.
fn vectors_of(store: Option<&dyn Store>, model: &Model, doc: &Doc) -> Option<DocVectors> {
    match doc_vectors(store, model, doc) {
        Ok(v) => Some(v),
        Err(e) => {
            tracing::warn!(
                document = ?doc.id,
                title = %doc.meta.title,
                "sentence vectors not used in the matrix, paired by wording alone: {e}"
            );
            None
        }
    }
}

/// What [`matrix_stored`] reads from the library: the base, the other
/// documents and the manual pairings of each pair. An app sharing one
/// library between threads loads this under its lock and computes after
/// releasing it ([`StoredMatrix::compute`] needs no library).
#[derive(Debug, Clone)]
pub struct StoredMatrix {
    /// The base document.
    pub base: Doc,
    /// The other documents, each with the manual pairings of (base, it).
    pub others: Vec<(Doc, Overrides)>,
    /// With a model ([`StoredOptions::vectors`]): the base's sentence
    /// vectors and those of each other document (in the order of
    /// `others`); a document without them is paired by wording alone.
    pub vectors: Option<(DocVectors, Vec<Option<DocVectors>>)>,
}

/// Load the base `base` and the documents `others` (library ids, in column
/// order) with their manual pairings and, with a model in `opts`, their
/// sentence vectors (stored ones; computed for a document whose vectors are
/// not stored yet). Errors: an unknown id ([`policydiff_store::Error`],
/// naming it).
pub fn load_matrix(
    store: &dyn Store,
    base: i64,
    others: &[i64],
    opts: &StoredOptions,
) -> Result<StoredMatrix> {
    let base = load_stored(store, base)?;
    let mut loaded = Vec::with_capacity(others.len());
    for &id in others {
        let doc = load_stored(store, id)?;
        let overrides = match base.id {
            Some(b) if !opts.ignore_manual_pairs => store.pairing_overrides(b, id)?,
            _ => Overrides::default(),
        };
        loaded.push((doc, overrides));
    }
    let vectors = opts.vectors.as_ref().and_then(|model| {
        let base = vectors_of(Some(store), model, &base)?;
        let others = loaded
            .iter()
            .map(|(d, _)| vectors_of(Some(store), model, d))
            .collect();
        Some((base, others))
    });
    Ok(StoredMatrix {
        base,
        others: loaded,
        vectors,
    })
}

impl StoredMatrix {
    /// Compare the base with every document (manual pairings applied) and
    /// assemble the matrix, rows in reading order.
    pub fn compute(&self, seg: &Segmenter, diff: DiffOptions) -> Matrix {
        let (base_vectors, other_vectors) = match &self.vectors {
            Some((b, o)) => (Some(b), Some(o)),
            None => (None, None),
        };
        let jobs = self
            .others
            .iter()
            .enumerate()
            .map(|(k, (d, o))| {
                let v = other_vectors
                    .and_then(|v| v.get(k))
                    .and_then(Option::as_ref);
                (d, o.clone(), v)
            })
            .collect();
        compare_all(seg, &self.base, base_vectors, jobs, diff)
    }
}

/// The matrix of the stored document `base` against the stored documents
/// `others` (in column order): [`load_matrix`], then [`StoredMatrix::compute`].
pub fn matrix_stored(
    store: &dyn Store,
    seg: &Segmenter,
    base: i64,
    others: &[i64],
    opts: &StoredOptions,
) -> Result<Matrix> {
    Ok(load_matrix(store, base, others, opts)?.compute(seg, opts.diff))
}

/// One column's comparison: the document, the manual pairings of (base,
/// it) and its sentence vectors, if any.
type Job<'a> = (&'a Doc, Overrides, Option<&'a DocVectors>);

/// Run the comparisons (base left, each document right) on up to as many
/// threads as there are cores, keeping column order, and assemble.
fn compare_all(
    seg: &Segmenter,
    base: &Doc,
    base_vectors: Option<&DocVectors>,
    jobs: Vec<Job<'_>>,
    diff: DiffOptions,
) -> Matrix {
    let others: Vec<&Doc> = jobs.iter().map(|(other, _, _)| *other).collect();
    let one = |(other, overrides, vectors): Job<'_>| {
        let opts = policydiff_model::CompareOptions { diff, overrides };
        let semantic = match (base_vectors, vectors) {
            (Some(left), Some(right)) => Some(policydiff_engine::Semantic { left, right }),
            _ => None,
        };
        policydiff_engine::compare_with(seg, base, other, &opts, semantic)
    };
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(jobs.len());
    let comparisons: Vec<Comparison> = if threads <= 1 {
        jobs.into_iter().map(one).collect()
    } else {
        // Job i goes to thread i % threads; results are put back in order.
        let mut lanes: Vec<Vec<(usize, Job<'_>)>> = vec![Vec::new(); threads];
        for (i, job) in jobs.into_iter().enumerate() {
            lanes[i % threads].push((i, job));
        }
        let mut done: Vec<(usize, Comparison)> = std::thread::scope(|s| {
            let handles: Vec<_> = lanes
                .into_iter()
                .map(|lane| {
                    s.spawn(move || {
                        lane.into_iter()
                            .map(|(i, job)| (i, one(job)))
                            .collect::<Vec<_>>()
                    })
                })
                .collect();
            handles
                .into_iter()
                .flat_map(|h| h.join().expect("a comparison thread panicked"))
                .collect()
        });
        done.sort_by_key(|(i, _)| *i);
        done.into_iter().map(|(_, c)| c).collect()
    };
    assemble(base, &others, &comparisons)
}

/// Write `m` to `path` in `format`, worded in `lang` (atomically: a failed
/// export leaves `path` as it was). Refuses the library file `library` and
/// its journals, as [`crate::export::export`] does.
pub fn export(
    path: &Path,
    format: MatrixFormat,
    m: &Matrix,
    lang: ReportLang,
    library: Option<&Path>,
) -> Result<()> {
    if let Some(lib) = library {
        if crate::export::is_library_file(path, lib) {
            return Err(Error::OutputIsLibrary {
                path: path.to_owned(),
            });
        }
    }
    policydiff_report::matrix::export_to_file(path, format, m, lang)?;
    Ok(())
}
