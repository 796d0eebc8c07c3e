//! The token diff: two [`Prepared`] texts → `similar` ops → cleaned-up
//! [`Seg`]s → [`WordOp`]s.

use std::collections::HashMap;
use std::time::Instant;

use similar::{Algorithm, DiffOp};

use super::cleanup::{self, Class, Seg, Tok};
use super::tokens::Prepared;
use super::DIFF_TIMEOUT;
use policydiff_model::DiffOptions;
use policydiff_model::{OpTag, WordOp};
use policydiff_segment::Segmenter;

/// Diff `left` against `right` (see [`super::word_diff`]).
pub(crate) fn diff(seg: &Segmenter, left: &str, right: &str, opts: DiffOptions) -> Vec<WordOp> {
    if left == right {
        return emit_one(Vec::new(), OpTag::Equal, right);
    }
    let l = Prepared::new(seg, left, opts);
    let r = Prepared::new(seg, right, opts);
    let mut ids = HashMap::new();
    let old = intern(&mut ids, &l);
    let new = intern(&mut ids, &r);
    let old_ids: Vec<u32> = old.iter().map(|t| t.id).collect();
    let new_ids: Vec<u32> = new.iter().map(|t| t.id).collect();
    let deadline = Instant::now() + DIFF_TIMEOUT;
    let ops =
        similar::capture_diff_slices_deadline(Algorithm::Myers, &old_ids, &new_ids, Some(deadline));
    let mut segs = to_segs(&ops);
    cleanup::semantic(&mut segs, &old, &new);
    let mut out = Vec::with_capacity(segs.len() * 2);
    for s in segs {
        if s.equal {
            out = emit_one(out, OpTag::Equal, r.span(s.new));
        } else {
            out = emit_one(out, OpTag::Delete, l.span(s.old));
            out = emit_one(out, OpTag::Insert, r.span(s.new));
        }
    }
    out
}

/// Tokens with interned ids; equal keys get equal ids across both texts.
fn intern<'b>(ids: &mut HashMap<&'b str, u32>, p: &'b Prepared<'_>) -> Vec<Tok> {
    (0..p.len())
        .map(|i| {
            let key = p.key(i);
            let next = ids.len() as u32;
            let id = *ids.entry(key).or_insert(next);
            Tok {
                id,
                len: key.chars().count(),
                class: Class::of(key),
            }
        })
        .collect()
}

/// `similar` ops as alternating equal runs and changes.
fn to_segs(ops: &[DiffOp]) -> Vec<Seg> {
    let mut segs: Vec<Seg> = ops
        .iter()
        .map(|op| Seg {
            equal: matches!(op, DiffOp::Equal { .. }),
            old: op.old_range(),
            new: op.new_range(),
        })
        .collect();
    cleanup::merge(&mut segs);
    segs
}

/// Append a run, merging it into the previous one when the tag is the same.
fn emit_one(mut out: Vec<WordOp>, tag: OpTag, text: &str) -> Vec<WordOp> {
    if text.is_empty() {
        return out;
    }
    match out.last_mut() {
        Some(last) if last.tag == tag => last.text.push_str(text),
        _ => out.push(WordOp {
            tag,
            text: text.to_string(),
            renumbered: false,
        }),
    }
    out
}
