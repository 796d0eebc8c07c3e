//! Related documents (相关文件): for one document of the library (the
//! *subject*), the other documents ranked by relatedness, each with why.
//!
//! # Reasons
//! - `cites` / `cited_by`: the citation graph the library keeps
//!   ([`Store::citations`], [`Store::cited_by`]; 文号 and 《titles》
//!   extracted at import). Evidence: the citing sentence.
//! - `shares_clauses`: units of the subject pair with units of the other
//!   document as `same` or `modified` in the engine's comparison (at least
//!   [`MIN_SHARED_UNITS`]; body units of [`MIN_SHARED_CHARS`] or more only:
//!   cover letters, titles, signatures and bare headings pair between any
//!   two plans). Only the [`COMPARED`] best candidates are
//!   compared (on all cores, as the coverage matrix does): never the whole
//!   library. Evidence: the other document's unit(s) of the closest such
//!   pair (the subject's own text is what the user is reading).
//! - `same_topic`: the subject's title and longest units ([`PROBES`] in
//!   all) are looked up in the search index ([`Store::clauses_like`]: the
//!   clauses sharing the most rare words); a document's topic score is the
//!   mean over the probes of its best clause's engine similarity to the
//!   probe, and counts as a reason from [`MIN_TOPIC`]. Evidence: that clause.
//!
//! # Score
//! `0.5 × (cites or cited_by) + 0.35 × coverage + 0.15 × topic`, in 0–1:
//! coverage is the share of the subject's body units the document takes
//! up (same or modified), topic the score above. A citation outweighs
//! anything else; among documents that cite nothing, shared clauses lead.

use std::collections::BTreeMap;

use policydiff_model::{CellKind, ClauseKind, Doc, MatrixRow, RelatedDoc, Relation};
use policydiff_segment::Segmenter;
use policydiff_store::Store;

use crate::compare::{load_stored, StoredOptions};
use crate::Result;

/// Documents listed by default.
pub const DEFAULT_LIMIT: usize = 10;

/// Texts of the subject looked up in the search index: its title and its longest units.
pub const PROBES: usize = 12;

/// Clauses taken per probe.
const HITS_PER_PROBE: usize = 10;

/// Candidate documents compared with the engine, at most (cited and citing
/// documents first, then by topic score).
pub const COMPARED: usize = 6;

/// Fewest units paired as same or modified for `shares_clauses`.
pub const MIN_SHARED_UNITS: usize = 2;

/// Shortest subject unit counted as a shared clause, in characters (a bare
/// heading such as `二、重点任务` is shorter).
pub const MIN_SHARED_CHARS: usize = 20;

/// Lowest topic score for `same_topic`.
pub const MIN_TOPIC: f64 = 0.09;

/// Longest evidence, in characters.
const MAX_EVIDENCE_CHARS: usize = 200;

#[derive(Default)]
struct Candidate {
    cites: Option<String>,
    cited_by: Option<String>,
    topic: f64,
    topic_evidence: Option<(f64, String)>,
    shared_units: usize,
    coverage: f64,
    shared_evidence: Option<String>,
    meta: Option<(String, Option<String>)>,
}

impl Candidate {
    fn cited(&self) -> bool {
        self.cites.is_some() || self.cited_by.is_some()
    }
    fn score(&self) -> f64 {
        0.5 * f64::from(u8::from(self.cited())) + 0.35 * self.coverage + 0.15 * self.topic
    }
}

fn clip(text: &str) -> String {
    let t = text.trim();
    if t.chars().count() <= MAX_EVIDENCE_CHARS {
        return t.to_string();
    }
    let mut s: String = t.chars().take(MAX_EVIDENCE_CHARS).collect();
    s.push('…');
    s
}

/// The documents related to document `doc`, best first, at most `limit`
/// (see the module doc). Never `doc` itself; only documents with a reason.
pub fn related(
    store: &dyn Store,
    seg: &Segmenter,
    doc: i64,
    limit: usize,
) -> Result<Vec<RelatedDoc>> {
    let subject = load_stored(store, doc)?;
    let mut cands: BTreeMap<i64, Candidate> = BTreeMap::new();

    for l in store.citations(doc)? {
        if let Some(to) = l.to.filter(|&t| t != doc) {
            let c = cands.entry(to).or_default();
            c.cites.get_or_insert(l.citation.sentence);
        }
    }
    for l in store.cited_by(doc)? {
        if l.from != doc {
            let c = cands.entry(l.from).or_default();
            c.cited_by.get_or_insert(l.citation.sentence);
        }
    }

    let probes = probes(&subject);
    for probe in &probes {
        // Each document's best clause for this probe.
        let mut best: BTreeMap<i64, (f64, String)> = BTreeMap::new();
        for h in store.clauses_like(seg, probe, Some(doc), HITS_PER_PROBE)? {
            let sim = policydiff_engine::align::similarity(probe, &h.text);
            let e = best.entry(h.doc_id).or_insert((-1.0, String::new()));
            if sim > e.0 {
                *e = (sim, h.text);
            }
        }
        for (id, (sim, text)) in best {
            let c = cands.entry(id).or_default();
            c.topic += sim / probes.len() as f64;
            if c.topic_evidence.as_ref().is_none_or(|(s, _)| sim > *s) {
                c.topic_evidence = Some((sim, text));
            }
        }
    }

    // The engine on the best candidates only.
    let mut order: Vec<(i64, f64)> = cands
        .iter()
        .map(|(&id, c)| (id, f64::from(u8::from(c.cited())) + c.topic))
        .collect();
    order.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    let mut others: Vec<Doc> = Vec::new();
    for &(id, _) in order.iter().take(COMPARED) {
        others.push(load_stored(store, id)?);
    }
    if !others.is_empty() {
        let m = crate::matrix::compute(
            Some(store),
            seg,
            &subject,
            &others,
            &StoredOptions::default(),
        )?;
        // Body units only: cover letters, titles, signatures and bare
        // headings (一、总体要求) pair between any two plans.
        let kind_of: std::collections::HashMap<&str, ClauseKind> = subject
            .tree
            .clauses
            .iter()
            .map(|c| (c.path.as_str(), c.kind))
            .collect();
        let body: Vec<&MatrixRow> = m
            .rows
            .iter()
            .filter(|r| {
                !kind_of
                    .get(r.unit.path.as_str())
                    .is_some_and(|k| k.is_role())
                    && r.unit.text.chars().count() >= MIN_SHARED_CHARS
            })
            .collect();
        for (col, d) in m.documents.iter().enumerate() {
            let Some(id) = d.info.id else { continue };
            let shared: Vec<&&MatrixRow> = body
                .iter()
                .filter(|r| matches!(r.cells[col].kind, CellKind::Same | CellKind::Modified))
                .collect();
            let c = cands.entry(id).or_default();
            c.shared_units = shared.len();
            c.coverage = shared.len() as f64 / body.len().max(1) as f64;
            c.meta = Some((d.info.meta.title.clone(), d.info.meta.doc_number.clone()));
            // The other document's side of the closest pair: the subject's
            // own text is already on the user's screen.
            c.shared_evidence = shared
                .iter()
                .max_by(|a, b| a.cells[col].similarity.total_cmp(&b.cells[col].similarity))
                .and_then(|r| {
                    let other = others.iter().find(|o| o.id == Some(id))?;
                    units_at(other, &r.cells[col].paths)
                });
        }
    }

    let mut out: Vec<RelatedDoc> = Vec::new();
    for (id, c) in cands {
        let mut reasons = Vec::new();
        if c.cites.is_some() {
            reasons.push(Relation::Cites);
        }
        if c.cited_by.is_some() {
            reasons.push(Relation::CitedBy);
        }
        if c.shared_units >= MIN_SHARED_UNITS {
            reasons.push(Relation::SharesClauses);
        }
        if c.topic >= MIN_TOPIC {
            reasons.push(Relation::SameTopic);
        }
        let Some(&relation) = reasons.first() else {
            continue;
        };
        let evidence = match relation {
            Relation::Cites => c.cites.clone(),
            Relation::CitedBy => c.cited_by.clone(),
            Relation::SharesClauses => c.shared_evidence.clone(),
            Relation::SameTopic => c.topic_evidence.as_ref().map(|(_, t)| t.clone()),
        }
        .unwrap_or_default();
        out.push(RelatedDoc {
            id,
            title: String::new(),
            doc_number: None,
            score: c.score(),
            relation,
            reasons,
            shared_units: c.shared_units,
            evidence: clip(&evidence),
        });
        if let Some((title, number)) = &c.meta {
            let last = out.last_mut().expect("just pushed");
            last.title = title.clone();
            last.doc_number = number.clone();
        }
    }
    out.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.id.cmp(&b.id)));
    out.truncate(limit);
    // Metadata of the documents not compared.
    for r in &mut out {
        if r.title.is_empty() {
            let row = store.get(r.id)?;
            r.title = row.meta.title;
            r.doc_number = row.meta.doc_number;
        }
    }
    Ok(out)
}

/// The text of `doc`'s units at `paths`, in reading order (several for a
/// split), `None` when none is found.
fn units_at(doc: &Doc, paths: &[String]) -> Option<String> {
    let texts: Vec<String> = doc
        .tree
        .units()
        .into_iter()
        .filter(|(i, _)| paths.contains(&doc.tree.clauses[*i].path))
        .map(|(_, t)| t)
        .collect();
    (!texts.is_empty()).then(|| texts.join(" … "))
}

/// What the subject is looked up by: its title, then its longest units
/// (body text, not its signature), [`PROBES`] in all.
fn probes(doc: &Doc) -> Vec<String> {
    let mut units: Vec<String> = doc
        .tree
        .units()
        .into_iter()
        .filter(|(i, _)| !doc.tree.clauses[*i].kind.is_role())
        .map(|(_, t)| t)
        .filter(|t| t.chars().count() >= 10)
        .collect();
    units.sort_by_key(|t| std::cmp::Reverse(t.chars().count()));
    let mut out = Vec::with_capacity(PROBES);
    if !doc.meta.title.trim().is_empty() {
        out.push(doc.meta.title.clone());
    }
    out.extend(units.into_iter().take(PROBES - out.len()));
    out
}
