//! Turn a unit's text into the features the aligner compares.
//!
//! Takes a [`super::Unit`] and hands on a [`Profile`]: the unit's class (which
//! other units it may pair with), its text with numbering, whitespace and
//! width differences removed (for `same`), and its sorted set of character
//! bigrams over a further folded text (punctuation dropped, scope words such
//! as 省/市/县/区 folded together so that a renamed scope still matches).
//! Not the place to start: see [`super::align`].

use rustc_hash::FxHashMap as HashMap;
use std::sync::LazyLock;

use regex::Regex;

use policydiff_model::text::fold_width;
use policydiff_model::ClauseKind;
use policydiff_segment::Segmenter;

/// Numbering labels at the start of a line: 第X条/章/节/编, 一、, （一）, 1. , ①, `#` marks.
static LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"^(?:\s|#)*(?:",
        r"第[一二三四五六七八九十百千零〇两0-9０-９]+[编章节条款项]",
        r"|[一二三四五六七八九十百千零〇]+\s*[、.．]",
        r"|[（(]\s*[一二三四五六七八九十百千零〇0-9０-９]+\s*[)）]",
        r"|[0-9０-９]+\s*[、.．](?:[0-9０-９]+\s*[、.．]?)*",
        r"|[①-⑳]",
        r")\s*"
    ))
    .expect("label regex")
});

/// A 第X条 article label at the start of the text.
static ARTICLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*第[一二三四五六七八九十百千零〇两0-9０-９]+条").expect("article regex")
});

/// Which units may pair with which: only units of the same class pair, except
/// the front matter (cover letter, preamble) and the body, which may pair at a
/// penalty (see [`Class::compat`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Class {
    /// The title line(s).
    Title,
    /// Signature or date line.
    Signature,
    /// Cover letter.
    Cover,
    /// Preamble before the first numbered unit.
    Preamble,
    /// A heading: a part/chapter/section, or a short single-line numbered or
    /// un-numbered unit with no body.
    Heading,
    /// A body unit: an article, an item with its text, a paragraph.
    Body,
    /// A unit of a commentary annex (the document's own policy
    /// interpretation, 政策解读, or drafting notes, 起草说明, see
    /// [`super::Unit::commentary`]): it restates the provisions, so it pairs
    /// only with another commentary, never with a provision.
    Commentary,
}

impl Class {
    /// The class a unit counts as in the sample that sets the scale of an
    /// ordinary pair ([`super::fusion::Scales`]): a commentary's units are
    /// body text of the document like any other, only kept from pairing
    /// with its provisions.
    pub fn sampled(self) -> Class {
        match self {
            Class::Commentary => Class::Body,
            c => c,
        }
    }

    /// Multiplier applied to a pair's score for these two classes; 0 forbids the pair.
    pub fn compat(self, other: Class) -> f64 {
        use Class::*;
        match (self, other) {
            (a, b) if a == b => 1.0,
            (Cover, Preamble) | (Preamble, Cover) => 0.85,
            (Cover | Preamble, Body) | (Body, Cover | Preamble) => 0.85,
            _ => 0.0,
        }
    }

    /// The class of a unit of kind `kind` and text `text`, given the
    /// pieces [`Profile::new`] reads it by: `stripped` (without labels),
    /// `exact` (width-folded, no whitespace), the number of its letters and
    /// digits `folded_len`, and its non-empty `lines`.
    fn of(
        kind: ClauseKind,
        text: &str,
        stripped: &str,
        exact: &str,
        folded_len: usize,
        lines: usize,
    ) -> Class {
        // An article (第X条) is a body unit even when short; so is a line with
        // a full stop inside it (more than one sentence).
        let article = ARTICLE.is_match(text);
        let inner_stop = exact.trim_end_matches(['。', '.']).contains('。');
        // An un-numbered line ending as a sentence is body text, however short.
        let numbered = LABEL.is_match(text) && stripped.len() < text.trim().len();
        // A heading ends bare or with a full stop; a line ending in ；or ：is
        // a list item or a lead-in, and an un-numbered full sentence is body text.
        let list_item = exact.ends_with(['；', ';', '：', ':', '，', ',']);
        let unnumbered_sentence = list_item || (!numbered && exact.ends_with('。'));
        match kind {
            ClauseKind::Title => Class::Title,
            ClauseKind::Signature => Class::Signature,
            ClauseKind::Cover => Class::Cover,
            ClauseKind::Preamble => Class::Preamble,
            ClauseKind::Part | ClauseKind::Chapter | ClauseKind::Section => Class::Heading,
            ClauseKind::Article => Class::Body,
            _ if lines <= 1
                && !article
                && !inner_stop
                && !unnumbered_sentence
                && folded_len <= HEADING_MAX_CHARS =>
            {
                Class::Heading
            }
            _ => Class::Body,
        }
    }

    /// The class of a unit of kind `kind` and text `text` alone (no
    /// profile built).
    pub fn of_unit(kind: ClauseKind, text: &str) -> Class {
        let stripped = strip_labels(text);
        let exact = exact_form(&stripped);
        let folded_len = exact.chars().filter(|c| c.is_alphanumeric()).count();
        let lines = text.lines().filter(|l| !l.trim().is_empty()).count();
        Class::of(kind, text, &stripped, &exact, folded_len, lines)
    }
}

/// Longest normalised length (characters) of a single-line unit still taken as a heading.
const HEADING_MAX_CHARS: usize = 40;

/// Fewest bigrams of an opening sentence that may pair a unit by itself
/// (see [`Profile::lead`]): a sentence of some twenty characters.
pub const LEAD_MIN_GRAMS: usize = 20;

/// The comparable form of one unit.
#[derive(Debug, Clone)]
pub struct Profile {
    /// Pairing class.
    pub class: Class,
    /// Text without numbering labels and whitespace, full-width ASCII folded: equal means `same`.
    pub exact: String,
    /// Sorted, deduplicated character bigrams of the folded text (a single
    /// character when the folded text has only one).
    pub grams: Vec<u64>,
    /// Rarity weight of each bigram (same order as `grams`), set by
    /// [`super::similarity::Weights::apply`].
    pub idf: Vec<f64>,
    /// Number of units (both documents) holding each bigram, set likewise.
    pub df: Vec<u32>,
    /// Most units a distinctive bigram may be held by, set likewise.
    pub rare_df: u32,
    /// Distinctive bigrams a unit of the other side shares with this one by
    /// chance, per bigram of that unit (see [`super::similarity::chance_rare`]), set likewise.
    pub rare_chance: f64,
    /// Sorted, deduplicated ids of the unit's words (jieba, two characters
    /// or more, scope words folded), set by [`Profile::set_words`].
    pub words: Vec<u32>,
    /// Rarity weight of each word (same order as `words`), set by
    /// [`super::similarity::WordWeights::apply`].
    pub widf: Vec<f64>,
    /// Bigrams of the unit's heading: all of a heading unit, the first line
    /// of a heading-led unit (a short title line followed by its text), else none.
    pub head: Vec<u64>,
    /// Bigrams of the headings of the sections the unit stands in ([`super::Unit::context`]).
    pub context: Vec<u64>,
    /// Bigrams of the unit's opening sentence (up to its first 。 or ；), the
    /// whole text when it has one sentence; none when that sentence is
    /// shorter than [`LEAD_MIN_GRAMS`] (a title such as 加强组织领导。 opens
    /// many units and says nothing of what they provide).
    pub lead: Vec<u64>,
    /// Rarity weights of `head` and `context` (same order), set with `idf`.
    pub head_idf: Vec<f64>,
    /// See `head_idf`.
    pub context_idf: Vec<f64>,
}

/// A bare heading and a heading-led section (a unit with a title line of
/// its own): they may pair by their headings though their classes differ.
pub fn heading_pair(a: &Profile, b: &Profile) -> bool {
    let led = |p: &Profile| p.class == Class::Body && !p.head.is_empty();
    (a.class == Class::Heading && led(b)) || (b.class == Class::Heading && led(a))
}

/// Sorted, deduplicated character bigrams of `text` after folding: numbering
/// labels, whitespace and punctuation dropped, full-width forms and scope
/// words folded (a single character when only one is left).
pub fn bigrams(text: &str) -> Vec<u64> {
    grams_of(&fold(strip_labels(text).chars().map(fold_width)))
}

/// A unit's text without its labels (`stripped`) in the form equal texts
/// share: full-width ASCII folded, no whitespace ([`Profile::exact`]).
fn exact_form(stripped: &str) -> String {
    stripped
        .chars()
        .map(fold_width)
        .filter(|c| !c.is_whitespace())
        .collect()
}

/// The letters and digits of `chars` (already without labels, width-folded),
/// lower case, scope words folded.
fn fold(chars: impl Iterator<Item = char>) -> Vec<char> {
    chars
        .filter(|c| c.is_alphanumeric())
        .map(|c| fold_scope(c.to_ascii_lowercase()))
        .collect()
}

/// Sorted, deduplicated bigrams of folded characters (the character itself when there is one).
fn grams_of(folded: &[char]) -> Vec<u64> {
    let mut grams: Vec<u64> = if folded.len() == 1 {
        vec![folded[0] as u64]
    } else {
        folded
            .windows(2)
            .map(|w| ((w[0] as u64) << 32) | w[1] as u64)
            .collect()
    };
    grams.sort_unstable();
    grams.dedup();
    grams
}

/// Fewest bigrams of a unit that may join a split/merge or a partial pair.
const JOIN_MIN_GRAMS: usize = 12;

/// Scope words folded together: an administrative level renamed between a
/// provincial and a city text (`全省` → `全市`, `各县` → `各区`) still matches.
fn fold_scope(c: char) -> char {
    match c {
        '省' | '市' | '县' | '区' | '州' | '镇' | '乡' => '省',
        _ => c,
    }
}

/// Strip numbering labels from the start of every line of `text`.
pub fn strip_labels(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.lines() {
        let rest = LABEL.find(line).map_or(line, |m| &line[m.end()..]);
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(rest);
    }
    out
}

impl Profile {
    /// Whether the unit may join a split/merge or a partial pair: body text
    /// (or cover/preamble) of at least [`JOIN_MIN_GRAMS`] bigrams.
    pub fn joins(&self) -> bool {
        matches!(self.class, Class::Body | Class::Cover | Class::Preamble)
            && self.grams.len() >= JOIN_MIN_GRAMS
    }

    /// Build the profile of a unit standing under the section headings `context`.
    pub fn new(kind: ClauseKind, text: &str, context: &str) -> Profile {
        let stripped = strip_labels(text);
        let exact = exact_form(&stripped);
        let folded = fold(exact.chars());
        let folded_len = folded.len();
        let grams = grams_of(&folded);
        let lines = text.lines().filter(|l| !l.trim().is_empty()).count();
        let class = Class::of(kind, text, &stripped, &exact, folded_len, lines);
        let head = match class {
            Class::Heading => grams.clone(),
            Class::Body if lines > 1 => {
                let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
                let name = strip_labels(first);
                let name = name.trim().trim_end_matches(['。', '.']);
                let short =
                    name.chars().filter(|c| c.is_alphanumeric()).count() <= HEADING_MAX_CHARS;
                if short && LABEL.is_match(first) && !name.contains(['。', '；', ';', '：', ':'])
                {
                    bigrams(name)
                } else {
                    Vec::new()
                }
            }
            _ => Vec::new(),
        };
        let mut lead = match exact.find(['。', '；', ';']) {
            Some(end) if end + 3 < exact.len() => grams_of(&fold(exact[..end].chars())),
            _ => grams.clone(),
        };
        if lead.len() < LEAD_MIN_GRAMS {
            lead.clear();
        }
        Profile {
            class,
            exact,
            grams,
            lead,
            head,
            context: bigrams(context),
            head_idf: Vec::new(),
            context_idf: Vec::new(),
            idf: Vec::new(),
            df: Vec::new(),
            rare_df: 0,
            rare_chance: 0.0,
            words: Vec::new(),
            widf: Vec::new(),
        }
    }

    /// Segment the unit's text into words and store their ids, interning new
    /// words in `vocab`. Single characters are left out (function words and
    /// fragments: the bigrams already cover them).
    pub fn set_words(&mut self, seg: &Segmenter, vocab: &mut HashMap<String, u32>) {
        let mut ids: Vec<u32> = Vec::new();
        let mut buf = String::new();
        for w in seg.words(&self.exact) {
            buf.clear();
            buf.extend(w.chars().map(|c| fold_scope(c.to_ascii_lowercase())));
            if buf.chars().nth(1).is_none() {
                continue;
            }
            let next = vocab.len() as u32;
            let id = match vocab.get(buf.as_str()) {
                Some(&id) => id,
                None => {
                    vocab.insert(buf.clone(), next);
                    next
                }
            };
            ids.push(id);
        }
        ids.sort_unstable();
        ids.dedup();
        self.words = ids;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn opening_sentence_is_kept_only_when_it_says_something() {
        let cut = Profile::new(
            ClauseKind::Article,
            "第十五条　新型建设工程材料的生产单位，可以向市建设行政管理部门办理新型建设工程材料的认定手续；具体办法由市建设行政管理部门另行制定。",
            "",
        );
        let full = Profile::new(
            ClauseKind::Article,
            "第二十一条　新型建设工程材料的生产单位，可以向市建材办申请新型建设工程材料的认定。申请新型建设工程材料认定的，应当提供下列资料：（一）申请表；（二）采用的产品标准和施工工艺。",
            "",
        );
        assert!(cut.lead.len() >= LEAD_MIN_GRAMS && cut.lead.len() < cut.grams.len());
        let lead = crate::align::similarity::dice(&cut.lead, &full.lead);
        let whole = crate::align::similarity::dice(&cut.grams, &full.grams);
        assert!(lead > 0.6 && whole < 0.6, "lead {lead}, whole {whole}");
        // A title sentence opens many units: no lead.
        let titled = Profile::new(
            ClauseKind::Point,
            "（一）加强组织领导。省政务服务数据管理局要加强全省市场主体诉求响应工作的统筹协调，加强数据分析应用。",
            "",
        );
        assert!(titled.lead.is_empty());
    }

    #[test]
    fn labels_and_scope_fold_away() {
        let a = Profile::new(
            ClauseKind::Point,
            "1. 进一步强化全省市场主体诉求响应服务。",
            "",
        );
        let b = Profile::new(
            ClauseKind::Point,
            "（二）进一步强化全市市场主体诉求响应服务",
            "",
        );
        assert_eq!(a.grams, b.grams);
        assert_ne!(a.exact, b.exact);
        let c = Profile::new(
            ClauseKind::Article,
            "第十二条　本条例自2000年1月1日起施行。",
            "",
        );
        assert!(c.exact.starts_with("本条例"), "{}", c.exact);
        assert_eq!(c.class, Class::Body);
    }

    #[test]
    fn short_single_lines_are_headings() {
        assert_eq!(
            Profile::new(
                ClauseKind::Paragraph,
                "建设行政管理部门应当定期组织抽查。",
                ""
            )
            .class,
            Class::Body
        );
        assert_eq!(
            Profile::new(
                ClauseKind::Paragraph,
                "（一）加强用户侧服务，提升平台使用体验。",
                ""
            )
            .class,
            Class::Heading
        );
        assert_eq!(
            Profile::new(
                ClauseKind::SubItem,
                "（二）对权利和义务的规定明显不合理；",
                ""
            )
            .class,
            Class::Body
        );
        assert_eq!(
            Profile::new(ClauseKind::Item, "二、重点任务", "").class,
            Class::Heading
        );
        assert_eq!(
            Profile::new(ClauseKind::Chapter, "第一章 总则", "").class,
            Class::Heading
        );
        let long = format!("一、总体要求\n{}", "深入贯彻".repeat(20));
        assert_eq!(Profile::new(ClauseKind::Item, &long, "").class, Class::Body);
    }
}
