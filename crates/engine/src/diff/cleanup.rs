//! Semantic cleanup of a token diff, after diff-match-patch's
//! `diff_cleanupSemantic` and `diff_cleanupSemanticLossless`.
//!
//! Takes the diff as alternating [`Seg`]s (equal runs and changes, as token
//! index ranges into the old and new sequences) and hands them back so that a
//! reader sees whole changed phrases:
//! 1. an equality no longer than the edits on **both** its sides (in
//!    characters) is folded into one change with them (repeated until stable,
//!    looking back after each fold);
//! 2. adjacent changes and adjacent equalities are merged;
//! 3. a pure insertion or deletion between two equalities is slid along
//!    identical tokens to the position whose edges fall best: text edges,
//!    line breaks, sentence ends, clause punctuation, then plain word breaks.
//!
//! Works on token ids only, so it is the same for words and characters.

use std::ops::Range;

/// What kind of text a token is, for scoring boundaries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Class {
    /// Letters, digits, CJK.
    Word,
    /// Whitespace without a line break.
    Space,
    /// Whitespace with a line break.
    LineBreak,
    /// Sentence end: `。；！？` and ASCII forms.
    Sentence,
    /// Clause punctuation: `，、：` and ASCII forms, and other punctuation.
    Clause,
    /// Opening bracket or quote.
    Open,
    /// Closing bracket or quote.
    Close,
}

impl Class {
    /// Classify a token by its text.
    pub(crate) fn of(text: &str) -> Class {
        let mut chars = text.chars();
        let Some(first) = chars.next() else {
            return Class::Space;
        };
        if text.chars().all(char::is_whitespace) {
            return if text.contains('\n') {
                Class::LineBreak
            } else {
                Class::Space
            };
        }
        if first.is_alphanumeric() {
            return Class::Word;
        }
        match first {
            '。' | '；' | '！' | '？' | ';' | '!' | '?' | '.' => Class::Sentence,
            '（' | '(' | '“' | '‘' | '《' | '【' | '〔' | '[' | '「' | '『' | '〈' => {
                Class::Open
            }
            '）' | ')' | '”' | '’' | '》' | '】' | '〕' | ']' | '」' | '』' | '〉' => {
                Class::Close
            }
            _ => Class::Clause,
        }
    }

    fn is_punct(self) -> bool {
        matches!(self, Class::Sentence | Class::Clause | Class::Close)
    }
}

/// One token as the cleanup sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Tok {
    /// Interned comparison key: equal ids mean equal tokens.
    pub id: u32,
    /// Length of the token in characters.
    pub len: usize,
    /// Kind of text.
    pub class: Class,
}

/// An equal run or a change, as token ranges in the old and new sequences.
/// For an equal run both ranges have the same length and equal tokens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Seg {
    /// Equal run (`true`) or change (`false`).
    pub equal: bool,
    /// Tokens of the old sequence.
    pub old: Range<usize>,
    /// Tokens of the new sequence.
    pub new: Range<usize>,
}

/// Fold short equalities, merge, shift edits to good boundaries.
pub(crate) fn semantic(segs: &mut Vec<Seg>, old: &[Tok], new: &[Tok]) {
    merge(segs);
    fold_short_equalities(segs, old, new);
    merge(segs);
    shift_lossless(segs, old, new);
    merge(segs);
}

fn chars(toks: &[Tok], r: &Range<usize>) -> usize {
    toks[r.clone()].iter().map(|t| t.len).sum()
}

/// Drop empty segments and merge neighbours of the same kind.
pub(crate) fn merge(segs: &mut Vec<Seg>) {
    let mut out: Vec<Seg> = Vec::with_capacity(segs.len());
    for s in segs.drain(..) {
        if s.old.is_empty() && s.new.is_empty() {
            continue;
        }
        match out.last_mut() {
            Some(last) if last.equal == s.equal => {
                last.old.end = s.old.end;
                last.new.end = s.new.end;
            }
            _ => out.push(s),
        }
    }
    *segs = out;
}

/// Step 1: an equality at most as long as the larger edit on each side is
/// folded into the change around it. Expects merged, alternating segments.
fn fold_short_equalities(segs: &mut Vec<Seg>, old: &[Tok], new: &[Tok]) {
    let mut i = 1;
    while i + 1 < segs.len() {
        let (before, eq, after) = (&segs[i - 1], &segs[i], &segs[i + 1]);
        if eq.equal && !before.equal && !after.equal {
            let len = chars(old, &eq.old);
            let side1 = chars(old, &before.old).max(chars(new, &before.new));
            let side2 = chars(old, &after.old).max(chars(new, &after.new));
            if len <= side1 && len <= side2 {
                let folded = Seg {
                    equal: false,
                    old: before.old.start..after.old.end,
                    new: before.new.start..after.new.end,
                };
                segs.splice(i - 1..=i + 1, [folded]);
                // The equality before the fold now borders a larger edit: look at it again.
                i = i.saturating_sub(2).max(1);
                continue;
            }
        }
        i += 1;
    }
}

/// Score of a boundary between two tokens (`None` = edge of the text).
fn boundary(before: Option<&Tok>, after: Option<&Tok>) -> u8 {
    let (Some(b), Some(a)) = (before, after) else {
        return 6;
    };
    if b.class == Class::LineBreak || a.class == Class::LineBreak {
        5
    } else if b.class == Class::Sentence {
        4
    } else if matches!(b.class, Class::Clause | Class::Close) || a.class == Class::Open {
        3
    } else if b.class == Class::Space || a.class == Class::Space {
        2
    } else if a.class.is_punct() || b.class == Class::Open {
        1
    } else {
        0
    }
}

/// Step 3: slide each pure insertion or deletion that sits between two
/// equalities to the best-scoring position along identical tokens. An
/// equality emptied by the slide counts as a text edge (as in
/// diff-match-patch); the edit then merges with the change beyond it.
fn shift_lossless(segs: &mut [Seg], old: &[Tok], new: &[Tok]) {
    for i in 1..segs.len().saturating_sub(1) {
        if segs[i].equal || !segs[i - 1].equal || !segs[i + 1].equal {
            continue;
        }
        let insert = segs[i].old.is_empty();
        if !insert && !segs[i].new.is_empty() {
            continue; // a replacement cannot slide
        }
        let side = |s: &Seg| if insert { s.new.clone() } else { s.old.clone() };
        let toks = if insert { new } else { old };
        let (a, e, c) = (side(&segs[i - 1]), side(&segs[i]), side(&segs[i + 1]));
        // The edit at offset d covers toks[e.start + d .. e.end + d].
        let at = |d: isize| {
            (
                (e.start as isize + d) as usize,
                (e.end as isize + d) as usize,
            )
        };
        let score = |d: isize| {
            let (s, t) = at(d);
            let before = (s > a.start).then(|| &toks[s - 1]);
            let after = (t < c.end).then(|| &toks[t]);
            boundary(before, Some(&toks[s])) + boundary(Some(&toks[t - 1]), after)
        };
        // Slide fully left: while the token before the edit equals its last token.
        let mut d: isize = 0;
        loop {
            let (s, t) = at(d);
            if s <= a.start || toks[s - 1].id != toks[t - 1].id {
                break;
            }
            d -= 1;
        }
        // Walk right, keeping the best (rightmost on ties).
        let mut best = (score(d), d);
        loop {
            let (s, t) = at(d);
            if t >= c.end || toks[s].id != toks[t].id {
                break;
            }
            d += 1;
            let sc = score(d);
            if sc >= best.0 {
                best = (sc, d);
            }
        }
        let k = best.1;
        if k == 0 {
            continue;
        }
        let shift = |r: &mut Range<usize>, start: bool, end: bool| {
            if start {
                r.start = (r.start as isize + k) as usize;
            }
            if end {
                r.end = (r.end as isize + k) as usize;
            }
        };
        for r in [&mut segs[i - 1].old, &mut segs[i - 1].new] {
            shift(r, false, true);
        }
        for r in [&mut segs[i].old, &mut segs[i].new] {
            shift(r, true, true);
        }
        for r in [&mut segs[i + 1].old, &mut segs[i + 1].new] {
            shift(r, true, false);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Tokens from single-character strings; ids by character.
    fn toks(s: &str) -> Vec<Tok> {
        s.chars()
            .map(|c| Tok {
                id: c as u32,
                len: 1,
                class: Class::of(&c.to_string()),
            })
            .collect()
    }

    fn seg(equal: bool, old: Range<usize>, new: Range<usize>) -> Seg {
        Seg { equal, old, new }
    }

    #[test]
    fn short_equality_between_edits_is_folded() {
        // old "AxB" → new "CxD": x (1) ≤ both edits (1) → one change.
        let (o, n) = (toks("AxB"), toks("CxD"));
        let mut s = vec![
            seg(false, 0..1, 0..1),
            seg(true, 1..2, 1..2),
            seg(false, 2..3, 2..3),
        ];
        semantic(&mut s, &o, &n);
        assert_eq!(s, vec![seg(false, 0..3, 0..3)]);
    }

    #[test]
    fn long_equality_is_kept() {
        // old "A数据管理局B" → new "C数据管理局D": the 5-char equality stays.
        let (o, n) = (toks("A数据管理局B"), toks("C数据管理局D"));
        let mut s = vec![
            seg(false, 0..1, 0..1),
            seg(true, 1..6, 1..6),
            seg(false, 6..7, 6..7),
        ];
        let before = s.clone();
        semantic(&mut s, &o, &n);
        assert_eq!(s, before);
    }

    #[test]
    fn edge_equalities_are_never_folded() {
        let (o, n) = (toks("aXb"), toks("aYb"));
        let mut s = vec![
            seg(true, 0..1, 0..1),
            seg(false, 1..2, 1..2),
            seg(true, 2..3, 2..3),
        ];
        let before = s.clone();
        semantic(&mut s, &o, &n);
        assert_eq!(s, before);
    }

    #[test]
    fn folding_cascades_backwards() {
        // old "AxByC" new "DxEyF" with x,y short: all folds into one change.
        let (o, n) = (toks("AxByC"), toks("DxEyF"));
        let mut s = vec![
            seg(false, 0..1, 0..1),
            seg(true, 1..2, 1..2),
            seg(false, 2..3, 2..3),
            seg(true, 3..4, 3..4),
            seg(false, 4..5, 4..5),
        ];
        semantic(&mut s, &o, &n);
        assert_eq!(s, vec![seg(false, 0..5, 0..5)]);
    }

    #[test]
    fn merge_joins_neighbours_and_drops_empties() {
        let mut s = vec![
            seg(true, 0..1, 0..1),
            seg(true, 1..2, 1..2),
            seg(false, 2..2, 2..2),
            seg(false, 2..3, 2..2),
            seg(false, 3..3, 2..4),
        ];
        merge(&mut s);
        assert_eq!(s, vec![seg(true, 0..2, 0..2), seg(false, 2..3, 2..4)]);
    }

    #[test]
    fn insertion_slides_to_a_punctuation_boundary() {
        // old "甲，乙。" new "甲，丙，乙。"; the diff may say "甲" + insert "，丙" + "，乙。".
        // The better cut is after the comma: "甲，" + insert "丙，" + "乙。".
        let (o, n) = (toks("甲，乙。"), toks("甲，丙，乙。"));
        let mut s = vec![
            seg(true, 0..1, 0..1),
            seg(false, 1..1, 1..3),
            seg(true, 1..4, 3..6),
        ];
        semantic(&mut s, &o, &n);
        assert_eq!(
            s,
            vec![
                seg(true, 0..2, 0..2),
                seg(false, 2..2, 2..4),
                seg(true, 2..4, 4..6)
            ]
        );
    }

    #[test]
    fn deletion_slides_to_the_sentence_end() {
        // old "好。好。" new "好。": deleting the first or the second "好。" is the
        // same text; the cut lands after a sentence end / at the text edge.
        let (o, n) = (toks("A。好。"), toks("A。"));
        let mut s = vec![
            seg(true, 0..1, 0..1),
            seg(false, 1..3, 1..1),
            seg(true, 3..4, 1..2),
        ];
        semantic(&mut s, &o, &n);
        assert_eq!(s, vec![seg(true, 0..2, 0..2), seg(false, 2..4, 2..2)]);
    }
}
