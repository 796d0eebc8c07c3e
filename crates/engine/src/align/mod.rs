//! Align the comparison units of two documents by content, not by number.
//!
//! Takes the units of two [`policydiff_model::ClauseTree`]s and hands on
//! [`AlignedPair`]s in reading order: indices into the inputs, a kind and a
//! similarity. Used by [`crate::compare`]; not the place to start.
//!
//! # How
//! 1. Each unit becomes a `features::Profile`: numbering labels, whitespace
//!    and punctuation dropped, scope words (省/市/县/区…) folded, character
//!    bigrams; its heading (a heading's text, a heading-led section's title
//!    line) and its section context ([`Unit::context`]); and a class (title,
//!    signature, cover, preamble, heading, body, or commentary for a unit of
//!    the document's own interpretation, [`Unit::commentary`]) that limits
//!    what it may pair with.
//! 2. `candidates` probes inverted indexes with rare bigrams, so only a few
//!    partners per unit are scored — never every unit against every other;
//!    units of equal text are always candidates of each other (the twin
//!    nearest in relative place first, however often the text repeats).
//! 3. Each candidate gets `similarity::Scores`: Dice, rarity-weighted
//!    cosine and weighted containment over bigrams, and a rarity-weighted
//!    cosine over the units' jieba words (rarity over both documents); and a
//!    *topic score* (`fusion`): its lexical score (bigram and word cosine,
//!    plus the section headings' similarity) standardised against a sample of
//!    the two documents' pairs, fused with the standardised cosine of the
//!    units' sentence vectors when both have one ([`Unit::vector`]).
//! 4. Strong pairs (strength ≥ [`AlignOptions::anchor`]) form the heaviest
//!    order-keeping chain (`chain`); the gaps between consecutive anchors
//!    are filled, in order, by a chain of weaker pairs (≥ [`AlignOptions::fill`],
//!    or body units whose opening sentences match, ≥ [`AlignOptions::lead`]).
//! 5. Strong pairs of still unpaired units that cross the chain are `moved`
//!    (≥ [`AlignOptions::moved`]).
//! 6. A still unpaired unit largely contained in a paired unit of the other
//!    side (≥ [`AlignOptions::contained`]) joins that pair's group: one left
//!    unit with several right units is a `split`, several left units with
//!    one right unit are `merged`.
//! 7. Topic-level correspondences (`related`), in any order and one-to-many:
//!    a pair with enough fresh distinctive wording beyond chance whose topic
//!    score is near the best of one of its units ([`RelatedOptions`]; less
//!    wording is asked for when the units have vectors); a bare heading
//!    with the heading or section title most like it ([`AlignOptions::heading`]);
//!    and, with vectors, two units that are each other's best counterpart
//!    with wording and meaning both well above an ordinary pair
//!    ([`AlignOptions::agree`]: two preambles, two items on one task said
//!    in different words).
//!    Only body text of some length joins in steps 6 and 7 (see
//!    `features::Profile::joins`): a short title or heading is easily
//!    "contained" in a long article without corresponding to it.
//!    A pair of section headings stands only when a pair joins the units
//!    under them, or the headings are the same or renamed
//!    ([`AlignOptions::renamed`]): otherwise it rests on generic words.
//! 8. Everything else is one-sided.
//!
//! Every step is linear in the number of units (bounded candidates per
//! unit, a fixed sample for the scales, the chain in `O(n log n)`).
//!
//! # Kinds and similarity
//! `same`: equal text once numbering labels, whitespace and full-width forms
//! are dropped (a renumbered article is `same`; 省→市 is `modified`).
//! `related` (主题相关): a pair of step 7 — the same subject, not a rewrite;
//! several such pairs may share a unit and carry no group.
//! `similarity` is the Dice coefficient of the two texts' character bigrams
//! after normalisation (scope words folded), 1.0 for `same`; for `related`
//! it is the strength of the topic match, `z / (z + 4)` of its topic score `z`.

//! # Output order
//! The right document's order leads: every pair sits at its right unit (so a
//! `moved` unit appears where the right document has it); a left-only unit
//! follows the in-order pair of the nearest earlier left unit, before the
//! right-only units that follow that pair. Pairs of one split/merge share a
//! `group` number, numbered in output order. The result depends only on the
//! input (no hash-order iteration reaches it).

mod candidates;
mod chain;
mod features;
mod fusion;
mod related;
mod similarity;
mod suggest;

pub use suggest::{Suggested, MAX_SUGGESTIONS};

/// Whether a unit of kind `kind` and text `text` is a bare heading: a part,
/// chapter or section, or a short single-line numbered unit with no text of
/// its own (二、主要任务). Its items carry its content.
pub fn bare_heading(kind: ClauseKind, text: &str) -> bool {
    features::Class::of_unit(kind, text) == features::Class::Heading
}

use policydiff_model::ClauseKind;
use policydiff_model::PairKind;

use chain::Link;
use features::Profile;
use fusion::Scales;
use rustc_hash::FxHashMap as HashMap;
use similarity::{Norms, Scores, Weights, WordWeights};

use policydiff_segment::Segmenter;

/// One unit to align.
#[derive(Debug, Clone)]
pub struct Unit<'a> {
    /// Clause kind.
    pub kind: ClauseKind,
    /// Numbering label.
    pub label: &'a str,
    /// Depth in the tree.
    pub depth: usize,
    /// Full unit text.
    pub text: &'a str,
    /// The headings of the sections the unit stands in, outermost first, one
    /// per line (empty at the top level): part of the unit's topic.
    pub context: &'a str,
    /// The unit's sentence vector, when the caller has one (any length, the
    /// same for every unit; units without one are paired by their words alone).
    pub vector: Option<&'a [f32]>,
    /// The unit belongs to a commentary on the document rather than to its
    /// provisions (an annex that is its policy interpretation): it pairs only
    /// with the other document's commentary.
    pub commentary: bool,
}

impl<'a> Unit<'a> {
    /// A unit without section context or vector.
    pub fn new(kind: ClauseKind, label: &'a str, depth: usize, text: &'a str) -> Unit<'a> {
        Unit {
            kind,
            label,
            depth,
            text,
            context: "",
            vector: None,
            commentary: false,
        }
    }
}

/// A pair of aligned units (indices into the unit slices).
#[derive(Debug, Clone, PartialEq)]
pub struct AlignedPair {
    /// Left unit index, `None` when right-only.
    pub left: Option<usize>,
    /// Right unit index, `None` when left-only.
    pub right: Option<usize>,
    /// Relation.
    pub kind: PairKind,
    /// Similarity 0.0–1.0: Dice coefficient of the two texts' character
    /// bigrams after normalisation (1.0 for `same`, 0.0 for one-sided); for
    /// `related`, the strength of the topic match (see the module doc).
    pub similarity: f64,
    /// Split/merge group.
    pub group: Option<usize>,
}

/// Thresholds of the aligner, on pair strength = max(Dice, weighted cosine) ∈ [0, 1]
/// (or a body unit's containment in another, see [`AlignOptions::kept`]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AlignOptions {
    /// Minimum strength of an anchor of the order-keeping chain.
    pub anchor: f64,
    /// Minimum strength of a pair filling the gap between two anchors, in order.
    pub fill: f64,
    /// Minimum strength of an out-of-order (`moved`) pair.
    pub moved: f64,
    /// Minimum weighted containment of an unpaired unit in a paired unit for
    /// it to join that pair as a split/merge.
    pub contained: f64,
    /// Minimum weighted containment of one body unit in another for the pair
    /// to be as strong as that containment (when its own strength is lower):
    /// an article revised by dropping sentences is mostly kept in its
    /// predecessor, though the dropped text lowers its Dice coefficient.
    pub kept: f64,
    /// Minimum Dice coefficient of two body units' opening sentences for the
    /// pair to fill a gap of the chain as strongly as that (when its own
    /// strength is lower): between two anchors the order is known, and an
    /// article revised by cutting it down keeps its opening sentence.
    pub lead: f64,
    /// Related pairs of units without sentence vectors (wording only).
    pub related: RelatedOptions,
    /// Related pairs of units that both have a sentence vector: the meaning
    /// supports the topic, so less shared wording is asked for.
    pub related_semantic: RelatedOptions,
    /// Weight of the word cosine in a pair's lexical topic score (the
    /// bigram cosine has the rest).
    pub word_weight: f64,
    /// Weight of the section headings' similarity in a pair's lexical topic
    /// score (beside the units' own).
    pub context: f64,
    /// Minimum weighted cosine of two headings (or a heading and the title
    /// line of a heading-led section) for a bare heading's related pair.
    pub heading: f64,
    /// Minimum Dice coefficient of two section headings for their pair to
    /// stand although no pair joins the units under them (a renamed
    /// section); below it such a pair rests on generic words
    /// (任务, 组织实施) and is dropped.
    pub renamed: f64,
    /// Pairs on which wording and meaning agree, whatever their shared
    /// distinctive wording (see [`AgreeOptions`]).
    pub agree: AgreeOptions,
}

/// When two units with sentence vectors are each other's best counterpart
/// and both signals say so, they are related even without the distinctive
/// wording [`RelatedOptions`] asks for (see `related::agreed`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AgreeOptions {
    /// Minimum standardised lexical score (spreads above an ordinary pair).
    pub lexical: f64,
    /// Minimum standardised vector cosine.
    pub semantic: f64,
    /// Minimum cosine of the two units' centred vectors: the meaning is
    /// close in absolute terms, not only the closest of bad matches.
    pub cosine: f64,
}

/// When two units are related (主题相关), see `related`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RelatedOptions {
    /// Minimum number of shared distinctive bigrams (held by at most three
    /// units of both documents, two in documents under sixty units), not
    /// explained by a partner either unit already has.
    pub distinctive: usize,
    /// Minimum rarity-weighted cosine of the two units' jieba words for a
    /// related pair resting on a single fresh distinctive bigram (instead of
    /// [`RelatedOptions::distinctive`]): the same subject said in different
    /// words, with at least one rare term in common.
    pub words: f64,
    /// Minimum ratio of the distinctive bigrams a related pair shares to the
    /// number two units of their lengths would share by chance (each
    /// distinctive bigram of one unit falling into a unit of the other side
    /// in proportion to that unit's length). Long units share a few
    /// distinctive bigrams whatever they are about.
    pub chance: f64,
    /// Minimum topic score: spreads above an ordinary pair of the two documents.
    pub topic: f64,
    /// Fewer fresh distinctive bigrams ([`RelatedOptions::sure`] instead of
    /// [`RelatedOptions::distinctive`]) are enough when the topic score reaches
    /// this and the word cosine reaches [`RelatedOptions::sure_words`]: the
    /// pair stands out among its units' candidates and shares rare words, not
    /// only character pairs (between [`RelatedOptions::distinctive`] bigrams
    /// alone and a single one with [`RelatedOptions::words`]).
    pub sure_topic: f64,
    /// Minimum word cosine for [`RelatedOptions::sure_topic`].
    pub sure_words: f64,
    /// Fresh distinctive bigrams asked for at [`RelatedOptions::sure_topic`]
    /// or [`RelatedOptions::sure_meaning`] (still at least
    /// [`RelatedOptions::chance`] times chance).
    pub sure: usize,
    /// Fewer fresh distinctive bigrams ([`RelatedOptions::sure`]) are also
    /// enough when the two units' centred sentence vectors reach this cosine:
    /// close in meaning in absolute terms, as a possible counterpart must be
    /// (see `suggest`).
    pub sure_meaning: f64,
    /// Minimum cosine of two body units' centred sentence vectors (centred
    /// on the mean of both documents' units; not asked of units without
    /// vectors, nor of front matter): the meaning is not far from the
    /// other's in absolute terms, whatever the wording shares.
    pub meaning: f64,
    /// How far below the best counterpart of one of its units a related
    /// pair's topic score may be (one-to-many correspondences).
    pub margin: f64,
    /// …and how far below the best counterpart of its other unit.
    pub spread: f64,
}

/// Why these values (measured with `cargo bench --bench alignment` on the
/// reference alignments of `tests/fixtures/gold`; chosen on four of the six
/// independently written pairs — gd-gz, hk-hz, hn-jm, hn-sy — and checked on
/// the other two, fs-hn and st-fs, and on the four copies and versions):
/// - `anchor` 0.5: half the bigrams shared. Versions of one clause (a city's
///   copy with scope and lead units rewritten, an amended article) score
///   0.55–1.0 on the reference pairs; different clauses of one document or of
///   documents on one subject stay below 0.45.
/// - `fill` 0.25: between two anchors order is already known, so a rewritten
///   clause that still shares a quarter of its wording is taken.
/// - `moved` 0.5: out of order, only as sure as an anchor.
/// - `contained` 0.6: most of the unit's weighted wording is inside the
///   other (a merged article holds both originals nearly verbatim; a random
///   clause of the same subject is under 0.4 contained).
/// - `kept` 0.7: a revised article that keeps one offence of several (new
///   text 0.76 inside the old, Dice 0.48) must outweigh a neighbouring
///   deleted article that shares the penalty wording (Dice 0.55, under 0.5
///   contained either way). Over the candidates of all ten references only
///   two pairs are below the anchor strength and 0.7 contained, both in the
///   references; the unrelated documents of the chance test pair no more units.
/// - `lead` 0.6: an amended article cut down to its first sentence (Shanghai's
///   new-materials article, 第二十一条 → 第十五条: the lists and the review
///   procedure deleted) shares a quarter of its bigrams with its predecessor
///   but the opening sentence almost word for word, while the neighbouring
///   article it would otherwise fill the gap with shares 0.38 and no opening.
///   0.5–0.7 give the same pairs on all ten references; only in gaps of the
///   chain, where order is known — a shared opening sentence alone is not
///   enough for an anchor (penalty articles open alike).
/// - `related.distinctive` 4: two distinctive terms of three characters (two
///   bigrams each), or one of five: the same named reform, not the same
///   boilerplate (3: more pairs, lower precision; 5: recall halves).
///   Unrelated corpus documents stay at 10–20 % of units paired, mostly
///   title and signature lines.
/// - `related.chance` 3: long items of documents on different subjects
///   share four to six distinctive bigrams by chance (expected 1.4–5 for
///   items of 250–800 bigrams: fragments across word boundaries, generic
///   phrases); the references' partial correspondences share 3.7–20 times
///   their chance number. Three times chance keeps those and drops most of the former.
/// - `related.words` 0.15: word cosine (TF-IDF over both documents' units)
///   of partial correspondences is 0.1–0.35, that of a unit's best wrong
///   partner mostly under 0.15.
/// - `related.topic` 0, `margin` 0.5, `spread` 3: by wording alone the topic
///   score ranks a unit's counterparts rather than deciding (the evidence
///   above decides); a unit keeps the counterparts within half a spread of
///   its best, when these are not far below their own best. Mean F1 of the
///   four tuning pairs 0.607 → 0.615, of the two held out 0.54 → 0.60.
/// - `related_semantic`: with vectors, three fresh distinctive bigrams and
///   chance once are enough when the fused topic score is 2.5 spreads above
///   an ordinary pair (static encoder of `policydiff-embed`: tuning pairs
///   0.686, held out 0.646; two such bigrams score higher on the tuning pairs
///   but pair the closing sections of unrelated documents — organisation,
///   publicity, supervision — 0.28 of their units instead of 0.18). Two
///   are enough when the pair also stands half a spread higher (topic 3,
///   `sure_topic`) and shares rare words (word cosine 0.12, `sure_words`,
///   between the 0.15 that a single bigram needs and nothing): a graded
///   trade between kinds of evidence, not a looser threshold. Gains on
///   Hainan/Jiangmen, none lost; without the word condition it pairs the
///   closing sections of unrelated documents again (word cosine 0.06–0.09
///   there, 0.12–0.15 on the pairs gained), at topic 2.5 items of like
///   wording on different measures.
/// - `related_semantic.meaning` 0.1: a topic score is relative to its two
///   documents, and between documents on different subjects an ordinary
///   pair is so far apart that two items sharing three rare bigrams stand
///   out by wording (standardised lexical scores of 5–37), while their
///   centred vectors are at a cosine of −0.25 to 0.1 (centring on both
///   documents' mean sets two unrelated documents apart). Over the 666
///   pairs of corpus documents this drops 437 of 3,178 related pairs
///   (专利奖 第十五条 评审程序 ↔ Sanya's 用地清单制 reform; 22 % of those of
///   the six documents on subjects of their own) and changes no reference
///   pair; at 0.15 Hainan/Jiangmen loses a reference pair. Front matter is
///   not asked (two preambles of like purpose in different words: −0.17).
/// - `related_semantic.sure_meaning` 0.3: two fresh distinctive bigrams are
///   enough for units whose centred vectors reach a cosine of 0.3, the
///   absolute closeness a possible counterpart asks for (two units on
///   政务服务事项标准化 or 知识产权质押融资 in other words). On the tuning
///   pairs Guangdong/Guangzhou 0.686 → 0.757 and Hainan/Sanya 0.842 → 0.862
///   (three reference pairs, nothing wrong added); held out, Foshan/Hainan
///   is unchanged and Shantou/Foshan gains a wrong pair (0.625 → 0.588).
///   0.25–0.35 give the same pairs; 0.2 loses a Hainan/Jiangmen pair. With
///   the `meaning` floor above, the related pairs over the 666 pairs of
///   corpus documents number 3,051 (3,178 before both, 2,754 with the
///   floor alone); two bigrams for every pair instead brings them to 3,528.
/// - `word_weight` 0.5, `context` 0.2: the word cosine and the section
///   headings each add to the bigram cosine (with vectors 0.67 → 0.70 and
///   → 0.71 on the tuning pairs, and the headings keep unrelated documents'
///   closing sections apart: 0.30 → 0.21 of units paired; no change by
///   wording alone).
/// - `heading` 0.3: a bare heading and a section title sharing a third of
///   their weighted bigrams name the same subject (0.15 pairs generic
///   headings of versions; 0.5 misses renamed ones).
/// - `renamed` 0.5: over all 666 pairs of the corpus's documents, 103
///   pairs with a heading over items had nothing under them paired and shared
///   at most 0.48 of their bigrams (二、重点任务 ↔ 三、整治重点, 五、组织实施
///   ↔ 第四章 评审组织, 二、健全特殊教育体系 ↔ 14.健全劳动力市场服务体系);
///   the one above was a renamed section of two related plans
///   (三、分级分类管理改革措施 ↔ 三、推行分级分类管理改革, 0.78). Dropping
///   them removes a wrong related pair on Haikou/Huizhou and changes no
///   other reference.
/// - `agree` 1, 2, 0.4: mutual best counterparts a spread above an
///   ordinary pair by wording, two by meaning, with centred vectors at
///   cosine 0.4 or more (static encoder). On the ten references this adds
///   five pairs, all in the references (a preamble, a signature, a cover
///   letter against a preamble, two items written independently on one
///   task), and none between documents on different subjects. Looser, it
///   pairs wrongly: at a meaning of one spread an item with another of
///   similar wording (cosine 0.40, standardised 1.6), at a cosine of 0.35
///   two bare headings with sections and the closing sections of unrelated
///   documents (督导评估 with 督查督办).
impl Default for AlignOptions {
    fn default() -> Self {
        AlignOptions {
            anchor: 0.5,
            fill: 0.25,
            moved: 0.5,
            contained: 0.6,
            kept: 0.7,
            lead: 0.6,
            related: RelatedOptions {
                distinctive: 4,
                words: 0.15,
                chance: 3.0,
                topic: 0.0,
                sure_topic: f64::INFINITY,
                sure_words: 0.15,
                sure: 4,
                sure_meaning: f64::INFINITY,
                meaning: f64::NEG_INFINITY,
                margin: 0.5,
                spread: 3.0,
            },
            related_semantic: RelatedOptions {
                distinctive: 3,
                words: 0.15,
                chance: 1.0,
                topic: 2.5,
                sure_topic: 3.0,
                sure_words: 0.12,
                sure: 2,
                sure_meaning: 0.3,
                meaning: 0.1,
                margin: 0.5,
                spread: 3.0,
            },
            word_weight: 0.5,
            context: 0.2,
            heading: 0.3,
            renamed: 0.5,
            agree: AgreeOptions {
                lexical: 1.0,
                semantic: 2.0,
                cosine: 0.4,
            },
        }
    }
}

/// The similarity of two unit texts as a comparison reports it for a
/// rewritten pair: the Dice coefficient of their character bigrams after
/// normalisation (labels, whitespace and punctuation dropped, full-width
/// forms and scope words folded), 1.0 for equal texts. Linear in the texts'
/// lengths; for ranking candidates without aligning whole documents.
pub fn similarity(a: &str, b: &str) -> f64 {
    similarity::dice(&features::bigrams(a), &features::bigrams(b))
}

/// Align two unit lists with the default options.
pub fn align(seg: &Segmenter, left: &[Unit<'_>], right: &[Unit<'_>]) -> Vec<AlignedPair> {
    align_with(seg, left, right, &AlignOptions::default())
}

/// A scored candidate pair.
#[derive(Debug, Clone, Copy)]
struct Cand {
    l: usize,
    r: usize,
    s: Scores,
    /// Strength after the class penalty.
    strength: f64,
    /// Both units are of one class (required to join a split/merge or related pair).
    same_class: bool,
    /// Topic score: standardised lexical (and semantic) score, see [`fusion::fuse`].
    topic: f64,
    /// The standardised scores fused into `topic`.
    parts: fusion::Parts,
    /// Cosine of the two units' centred vectors, when both have one.
    meaning: Option<f64>,
}

/// How a pair was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stage {
    Chain,
    Moved,
    Group,
    Related,
}

/// An alignment: the pairs, and each unit's possible counterparts.
#[derive(Debug, Clone)]
pub struct Alignment {
    /// The pairs in reading order, as [`align_with`] returns them.
    pub pairs: Vec<AlignedPair>,
    /// Per left unit, right units it might correspond to but is not paired
    /// with, likeliest first (see [`Suggested`]).
    pub left: Vec<Vec<Suggested>>,
    /// Per right unit, the left units it might correspond to.
    pub right: Vec<Vec<Suggested>>,
    /// The scores of each pair [`align_scoring`] was asked to score, in the
    /// order asked.
    pub scored: Vec<PairScore>,
}

/// How the aligner scores a pair of units it may not have paired (see
/// [`align_scoring`]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PairScore {
    /// The strength of their topic match, 0–1, as a related pair's (0 when
    /// they are no closer than an ordinary pair of the two documents).
    pub topic: f64,
    /// The strength of their wording: the greater of their bigram Dice and
    /// rarity-weighted cosine, as the aligner weighs a rewrite (a pair
    /// below [`AlignOptions::fill`] is never one of its rewrite pairs).
    pub wording: f64,
}

/// Align two unit lists.
pub fn align_with<'a>(
    seg: &Segmenter,
    left: &[Unit<'a>],
    right: &[Unit<'a>],
    opts: &AlignOptions,
) -> Vec<AlignedPair> {
    align_full(seg, left, right, opts).pairs
}

/// Align two unit lists, with each unit's possible counterparts: the
/// candidates not paired with it whose topic score stands out (see
/// `suggest`), for a person to confirm where the aligner would not.
pub fn align_full<'a>(
    seg: &Segmenter,
    left: &[Unit<'a>],
    right: &[Unit<'a>],
    opts: &AlignOptions,
) -> Alignment {
    align_scoring(seg, left, right, opts, &[])
}

/// [`align_full`], and the topic strength of each pair of `score` (unit
/// indices, left and right), whether the aligner considered it or not: the
/// strength a pair the user makes is shown with, measured as the aligner
/// measures the related pairs it makes (see [`Alignment::scored`]).
pub fn align_scoring<'a>(
    seg: &Segmenter,
    left: &[Unit<'a>],
    right: &[Unit<'a>],
    opts: &AlignOptions,
    score: &[(usize, usize)],
) -> Alignment {
    // Units of one section share their context: fold each heading path once.
    let mut contexts: HashMap<&str, Vec<u64>> = HashMap::default();
    let mut profile = |u: &Unit<'a>| {
        let mut p = Profile::new(u.kind, u.text, "");
        if u.commentary {
            p.class = features::Class::Commentary;
        }
        if !u.context.is_empty() {
            p.context = contexts
                .entry(u.context)
                .or_insert_with(|| features::bigrams(u.context))
                .clone();
        }
        p
    };
    let mut lp: Vec<Profile> = left.iter().map(&mut profile).collect();
    let mut rp: Vec<Profile> = right.iter().map(&mut profile).collect();
    let w = Weights::new(lp.iter().chain(rp.iter()));
    w.apply(&mut lp);
    w.apply(&mut rp);
    drop(w);
    let mut vocab = HashMap::default();
    for p in lp.iter_mut().chain(rp.iter_mut()) {
        p.set_words(seg, &mut vocab);
    }
    let ww = WordWeights::new(lp.iter().chain(rp.iter()));
    ww.apply(&mut lp);
    ww.apply(&mut rp);
    drop(ww);
    let ln: Vec<Norms> = lp.iter().map(Norms::new).collect();
    let rn: Vec<Norms> = rp.iter().map(Norms::new).collect();

    let vectors = fusion::Vectors::new(left, right);
    let scales = Scales::new(
        &lp,
        &ln,
        &rp,
        &rn,
        vectors.as_ref(),
        opts.context,
        opts.word_weight,
    );
    let cands: Vec<Cand> = candidates::candidates(&lp, &rp)
        .into_iter()
        .filter_map(|(l, r)| {
            let (l, r) = (l as usize, r as usize);
            let penalty = lp[l].class.compat(rp[r].class);
            if penalty == 0.0 && !features::heading_pair(&lp[l], &rp[r]) {
                return None;
            }
            let s = if lp[l].grams.is_empty() && lp[l].exact == rp[r].exact {
                // No letters to compare (a bare label, a lone mark): equal text is all there is.
                Scores::equal()
            } else {
                similarity::score(&lp[l], ln[l], &rp[r], rn[r])
            };
            let parts = scales.parts(&lp[l], &rp[r], &s, vectors.as_ref(), l, r);
            Some(Cand {
                l,
                r,
                s,
                strength: strength(&s, &lp[l], &rp[r], opts) * penalty,
                same_class: lp[l].class == rp[r].class,
                topic: parts.fused(),
                parts,
                meaning: vectors.as_ref().and_then(|v| v.cosine(l, r)),
            })
        })
        .collect();

    let mut lm: Vec<bool> = vec![false; left.len()];
    let mut rm: Vec<bool> = vec![false; right.len()];
    let mut pairs: Vec<(Cand, Stage)> = Vec::new();

    // 4a. Anchors: the heaviest order-keeping chain of strong pairs.
    let strong: Vec<&Cand> = cands.iter().filter(|c| c.strength >= opts.anchor).collect();
    let links: Vec<Link> = strong.iter().map(|c| link(c)).collect();
    let mut anchors: Vec<Cand> = chain::heaviest_chain(&links)
        .into_iter()
        .map(|k| *strong[k])
        .collect();
    for c in &anchors {
        lm[c.l] = true;
        rm[c.r] = true;
    }

    // 4b. Fill each gap between consecutive anchors with an order-keeping chain of weaker pairs.
    let mut boxes: Vec<Vec<&Cand>> = vec![Vec::new(); anchors.len() + 1];
    let fills: Vec<Cand> = cands
        .iter()
        .map(|c| Cand {
            strength: fill_strength(c, &lp[c.l], &rp[c.r], opts),
            ..*c
        })
        .collect();
    for c in &fills {
        if c.strength < opts.fill || lm[c.l] || rm[c.r] {
            continue;
        }
        let k = anchors.partition_point(|a| a.l < c.l);
        let after_prev = k == 0 || anchors[k - 1].r < c.r;
        let before_next = k == anchors.len() || c.r < anchors[k].r;
        if after_prev && before_next {
            boxes[k].push(c);
        }
    }
    let mut filled = Vec::new();
    for b in &boxes {
        let links: Vec<Link> = b.iter().map(|c| link(c)).collect();
        filled.extend(chain::heaviest_chain(&links).into_iter().map(|k| *b[k]));
    }
    for c in &filled {
        lm[c.l] = true;
        rm[c.r] = true;
    }
    anchors.extend(filled);
    anchors.sort_by_key(|c| (c.l, c.r));
    pairs.extend(anchors.iter().map(|c| (*c, Stage::Chain)));

    // 5. Strong pairs that cross the chain: moved.
    let mut rest: Vec<&Cand> = cands
        .iter()
        .filter(|c| c.strength >= opts.moved && !lm[c.l] && !rm[c.r])
        .collect();
    rest.sort_by(|a, b| {
        b.strength
            .total_cmp(&a.strength)
            .then((a.l, a.r).cmp(&(b.l, b.r)))
    });
    for c in rest {
        if !lm[c.l] && !rm[c.r] {
            lm[c.l] = true;
            rm[c.r] = true;
            pairs.push((*c, Stage::Moved));
        }
    }

    // 6. Unpaired units contained in a paired unit join its pair as split/merge.
    let mut joins: Vec<Cand> = Vec::new();
    let mut by_left: Vec<Vec<usize>> = vec![Vec::new(); left.len()];
    let mut by_right: Vec<Vec<usize>> = vec![Vec::new(); right.len()];
    for (k, c) in cands.iter().enumerate() {
        by_left[c.l].push(k);
        by_right[c.r].push(k);
    }
    for l in 0..left.len() {
        if lm[l] || !lp[l].joins() {
            continue;
        }
        if let Some(c) = best_of(
            &cands,
            &by_left[l],
            |c| rm[c.r].then_some(c.s.in_right),
            opts,
        ) {
            joins.push(c);
        }
    }
    for r in 0..right.len() {
        if rm[r] || !rp[r].joins() {
            continue;
        }
        if let Some(c) = best_of(
            &cands,
            &by_right[r],
            |c| lm[c.l].then_some(c.s.in_left),
            opts,
        ) {
            joins.push(c);
        }
    }
    for c in &joins {
        lm[c.l] = true;
        rm[c.r] = true;
    }
    pairs.extend(joins.into_iter().map(|c| (c, Stage::Group)));

    // 7. Topic-level correspondences, one-to-many and in any order.
    let kept = related::Accounted::new(&pairs, lp.len(), rp.len(), opts);
    let found = related::related(&cands, &lp, &rp, &pairs, &kept, opts);
    pairs.extend(found.into_iter().map(|c| (c, Stage::Related)));
    let found = related::headings(&cands, &lp, &rp, &pairs, opts);
    pairs.extend(found.into_iter().map(|c| (c, Stage::Related)));
    let found = related::agreed(&cands, &lp, &rp, &pairs, &kept, opts);
    pairs.extend(found.into_iter().map(|c| (c, Stage::Related)));

    drop_unsupported_headings((left, right), (&lp, &rp), &mut pairs, &mut anchors, opts);

    let (suggest_left, suggest_right) = suggest::suggestions(&cands, &lp, &rp, &pairs, &kept);
    let known: HashMap<(usize, usize), (f64, f64)> = if score.is_empty() {
        HashMap::default()
    } else {
        cands
            .iter()
            .map(|c| ((c.l, c.r), (c.topic, c.s.strength())))
            .collect()
    };
    let scored = score
        .iter()
        .map(|&(l, r)| {
            let (topic, wording) = match known.get(&(l, r)) {
                Some(&t) => t,
                None if l < lp.len() && r < rp.len() => {
                    let s = similarity::score(&lp[l], ln[l], &rp[r], rn[r]);
                    let parts = scales.parts(&lp[l], &rp[r], &s, vectors.as_ref(), l, r);
                    (parts.fused(), s.strength())
                }
                None => (0.0, 0.0),
            };
            PairScore {
                topic: related::strength(topic),
                wording,
            }
        })
        .collect();
    Alignment {
        pairs: finish(left.len(), right.len(), &lp, &rp, &pairs, &anchors),
        left: suggest_left,
        right: suggest_right,
        scored,
    }
}

/// The end (exclusive) of each unit's section: the unit and the units after
/// it that stand deeper.
fn section_ends(units: &[Unit<'_>]) -> Vec<usize> {
    let mut ends = vec![units.len(); units.len()];
    let mut open: Vec<usize> = Vec::new();
    for (i, u) in units.iter().enumerate() {
        while let Some(&top) = open.last() {
            if units[top].depth < u.depth {
                break;
            }
            ends[top] = i;
            open.pop();
        }
        open.push(i);
    }
    ends
}

/// Step 7b: drop the pairs of section headings that nothing under them
/// bears out. A pair in which a bare heading over items stands (with a
/// heading, a heading-led section or a one-line unit)
/// (二、重点任务 ↔ 二、主要任务, 五、组织实施 ↔ 第四章 评审组织) says that the
/// two sections correspond; when no pair joins the two sections' units
/// and the headings share less than [`AlignOptions::renamed`] of their
/// wording, it rests on generic words alone and is dropped. A heading
/// kept word for word (`same`) or renamed (三、分级分类管理改革措施 ↔
/// 三、推行分级分类管理改革) stays.
fn drop_unsupported_headings(
    (left, right): (&[Unit<'_>], &[Unit<'_>]),
    (lp, rp): (&[Profile], &[Profile]),
    pairs: &mut Vec<(Cand, Stage)>,
    chain: &mut Vec<Cand>,
    opts: &AlignOptions,
) {
    let (le, re) = (section_ends(left), section_ends(right));
    let mut by_left: Vec<Vec<usize>> = vec![Vec::new(); left.len()];
    for (c, _) in pairs.iter() {
        by_left[c.l].push(c.r);
    }
    let over_items = |p: &Profile, i: usize, ends: &[usize]| {
        p.class == features::Class::Heading && ends[i] > i + 1
    };
    let unsupported = |c: &Cand, stage: Stage| {
        let (a, b) = (&lp[c.l], &rp[c.r]);
        let (ha, hb) = (over_items(a, c.l, &le), over_items(b, c.r, &re));
        stage != Stage::Group
            && (ha || hb)
            && a.exact != b.exact
            && c.s.dice < opts.renamed
            && !(c.l..le[c.l]).any(|l| {
                by_left[l]
                    .iter()
                    .any(|&r| (l, r) != (c.l, c.r) && (c.r..re[c.r]).contains(&r))
            })
    };
    let dropped: rustc_hash::FxHashSet<(usize, usize)> = pairs
        .iter()
        .filter(|(c, stage)| unsupported(c, *stage))
        .map(|(c, _)| (c.l, c.r))
        .collect();
    if !dropped.is_empty() {
        pairs.retain(|(c, _)| !dropped.contains(&(c.l, c.r)));
        chain.retain(|c| !dropped.contains(&(c.l, c.r)));
    }
}

/// A pair's strength: max(Dice, weighted cosine), or the containment of
/// one body unit in the other when that reaches [`AlignOptions::kept`].
fn strength(s: &Scores, a: &Profile, b: &Profile, opts: &AlignOptions) -> f64 {
    let kept = s.in_left.max(s.in_right);
    if kept >= opts.kept && a.class == b.class && a.joins() && b.joins() {
        s.strength().max(kept)
    } else {
        s.strength()
    }
}

/// A pair's strength in a gap of the chain: its strength, or the Dice
/// coefficient of the two body units' opening sentences when that reaches
/// [`AlignOptions::lead`].
fn fill_strength(c: &Cand, a: &Profile, b: &Profile, opts: &AlignOptions) -> f64 {
    if c.same_class && a.joins() && b.joins() && c.s.lead >= opts.lead {
        c.strength.max(c.s.lead)
    } else {
        c.strength
    }
}

fn link(c: &Cand) -> Link {
    Link {
        left: c.l,
        right: c.r,
        weight: c.strength,
    }
}

/// The candidate among `ks` with the highest containment value (`pick`) at or above the threshold.
fn best_of(
    cands: &[Cand],
    ks: &[usize],
    pick: impl Fn(&Cand) -> Option<f64>,
    opts: &AlignOptions,
) -> Option<Cand> {
    let mut found: Option<(f64, Cand)> = None;
    for &k in ks {
        let c = &cands[k];
        if !c.same_class {
            continue;
        }
        if let Some(v) = pick(c) {
            if v >= opts.contained && found.is_none_or(|(b, _)| v > b) {
                found = Some((v, *c));
            }
        }
    }
    found.map(|(_, c)| c)
}

/// Kinds, reading order and group numbers.
fn finish(
    nl: usize,
    nr: usize,
    lp: &[Profile],
    rp: &[Profile],
    pairs: &[(Cand, Stage)],
    chain: &[Cand],
) -> Vec<AlignedPair> {
    let mut deg_l = vec![0usize; nl];
    let mut deg_r = vec![0usize; nr];
    let mut held_l = vec![false; nl];
    let mut held_r = vec![false; nr];
    for (c, _) in pairs {
        held_l[c.l] = true;
        held_r[c.r] = true;
    }
    // Split and merged count rewrites only: topic-level pairs are one-to-many by nature.
    for (c, _) in pairs.iter().filter(|(_, s)| *s != Stage::Related) {
        deg_l[c.l] += 1;
        deg_r[c.r] += 1;
    }
    // Sort key: (right position + 1, 0 = paired / right-only, 1 = left-only, left position).
    let mut rows: Vec<((usize, u8, usize), AlignedPair)> = Vec::with_capacity(nl + nr);
    for (c, stage) in pairs {
        let same = lp[c.l].exact == rp[c.r].exact;
        let kind = if *stage == Stage::Related {
            PairKind::Related
        } else if deg_l[c.l] > 1 {
            PairKind::Split
        } else if deg_r[c.r] > 1 {
            PairKind::Merged
        } else if *stage == Stage::Moved {
            PairKind::Moved
        } else if same {
            PairKind::Same
        } else {
            PairKind::Modified
        };
        let similarity = if same {
            1.0
        } else if *stage == Stage::Related {
            related::strength(c.topic)
        } else {
            c.s.dice
        };
        rows.push((
            (c.r + 1, 0, c.l),
            AlignedPair {
                left: Some(c.l),
                right: Some(c.r),
                kind,
                similarity,
                group: None,
            },
        ));
    }
    // Anchor of each left unit: the right position of the last chain pair with a smaller left unit.
    let mut anchor = vec![0usize; nl];
    let mut k = 0;
    let mut last = 0;
    for (l, a) in anchor.iter_mut().enumerate() {
        while k < chain.len() && chain[k].l < l {
            last = last.max(chain[k].r + 1);
            k += 1;
        }
        *a = last;
    }
    for l in (0..nl).filter(|&l| !held_l[l]) {
        rows.push((
            (anchor[l], 1, l),
            AlignedPair {
                left: Some(l),
                right: None,
                kind: PairKind::LeftOnly,
                similarity: 0.0,
                group: None,
            },
        ));
    }
    for r in (0..nr).filter(|&r| !held_r[r]) {
        rows.push((
            (r + 1, 0, 0),
            AlignedPair {
                left: None,
                right: Some(r),
                kind: PairKind::RightOnly,
                similarity: 0.0,
                group: None,
            },
        ));
    }
    rows.sort_by_key(|(key, _)| *key);
    let mut out: Vec<AlignedPair> = rows.into_iter().map(|(_, p)| p).collect();
    number_groups(&mut out, nl, nr);
    out
}

/// Give the pairs of each split/merge (connected through shared units) one group number, in output order.
fn number_groups(out: &mut [AlignedPair], nl: usize, nr: usize) {
    // Union-find over units: left l is node l, right r is node nl + r.
    let mut parent: Vec<usize> = (0..nl + nr).collect();
    fn find(p: &mut [usize], mut x: usize) -> usize {
        while p[x] != x {
            p[x] = p[p[x]];
            x = p[x];
        }
        x
    }
    for p in out.iter() {
        if let (Some(l), Some(r), PairKind::Split | PairKind::Merged) = (p.left, p.right, p.kind) {
            let (a, b) = (find(&mut parent, l), find(&mut parent, nl + r));
            if a != b {
                parent[a.max(b)] = a.min(b);
            }
        }
    }
    let mut number: Vec<Option<usize>> = vec![None; nl + nr];
    let mut next = 0;
    for p in out.iter_mut() {
        if let (Some(l), Some(_), PairKind::Split | PairKind::Merged) = (p.left, p.right, p.kind) {
            let root = find(&mut parent, l);
            let g = *number[root].get_or_insert_with(|| {
                next += 1;
                next - 1
            });
            p.group = Some(g);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_section_ends_at_the_next_unit_as_shallow() {
        let depths = [0, 1, 2, 2, 1, 0, 1, 1];
        let units: Vec<Unit<'_>> = depths
            .iter()
            .map(|&d| Unit::new(ClauseKind::Item, "", d, "x"))
            .collect();
        assert_eq!(section_ends(&units), vec![5, 4, 3, 4, 5, 8, 7, 8]);
        assert!(section_ends(&[]).is_empty());
    }
}
