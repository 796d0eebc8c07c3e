//! Citations in a document's text: the document numbers (文号) and the
//! 《titles》 of other documents it cites, each with its normalised key and
//! the sentence it stands in.
//!
//! Takes a document's metadata and clause tree and hands on [`Citation`]s in
//! reading order; the store keeps them and resolves each key against the
//! keys of the library's documents ([`own_keys`]), in both directions.
//!
//! Keys are what the two sides are matched by:
//! - a number ([`number_key`]): issuer, year and serial, brackets of any
//!   style (`〔〕`, `[]`, `()`, `【】`, full or half width) written `〔〕`,
//!   digits half width, spaces and `第` dropped: `粤办函（2023）41 号` and
//!   `粤办函[2023]第41号` are both `粤办函〔2023〕41号`;
//! - a title ([`title_key`]): its letters and digits only (spaces, quotes
//!   and other punctuation dropped), full-width forms folded, lower case.
//!
//! A document does not cite itself: citations of its own number or title
//! (a 印发通知 naming the plan it issues) are left out.

use std::sync::LazyLock;

use regex::Regex;

use policydiff_model::text::fold_width;
use policydiff_model::{Citation, CitationKind, ClauseTree, DocMeta};

/// A document number in running text. The issuer's abbreviation is the run
/// of Han characters before the bracket, trimmed by [`trim_issuer`].
static NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"([\p{Han}A-Za-z]{1,16})[ \t\u{3000}]*[〔（(\[【［][ \t\u{3000}]*([12１２][0-9０-９]{3})[ \t\u{3000}]*[〕）)\]】］][ \t\u{3000}]*第?[ \t\u{3000}]*([0-9０-９]{1,5})[ \t\u{3000}]*号",
    )
    .expect("valid regex")
});

/// A title in book-title marks (one line, no nested marks).
static TITLE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"《([^《》\n]{2,120})》").expect("valid regex"));

/// The inner title of an issuing notice: `…关于印发X的通知` → `X`.
static ISSUED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:关于)?(?:印发|转发|发布|公布)《?(.+?)》?的?(?:通知|决定|公告)$")
        .expect("valid regex")
});

/// Shortest title key (letters and digits) taken as a citation: `《条例》`
/// or `《方案》` alone names no document.
const MIN_TITLE_CHARS: usize = 6;

/// Words that precede a document number in running text without being part
/// of the issuer's abbreviation (`根据粤办函〔2023〕41号`, `另见某府办函…`).
const LEADING_WORDS: [&str; 22] = [
    "根据", "按照", "依据", "依照", "落实", "贯彻", "参照", "执行", "印发", "转发", "文件", "通知",
    "精神", "要求", "方案", "及", "和", "与", "或", "见", "的", "以",
];

/// Longest issuer abbreviation kept, in characters (`穗政数规字` has 5).
const MAX_ISSUER_CHARS: usize = 10;

/// The issuer part of the run of characters before a number's bracket: what
/// follows the last connective word in it (at least two characters), at
/// most [`MAX_ISSUER_CHARS`].
fn trim_issuer(s: &str) -> &str {
    let cut = LEADING_WORDS
        .iter()
        .filter_map(|w| s.rfind(w).map(|i| i + w.len()))
        .filter(|&i| s[i..].chars().count() >= 2)
        .max()
        .unwrap_or(0);
    let s = &s[cut..];
    let n = s.chars().count();
    match s.char_indices().nth(n.saturating_sub(MAX_ISSUER_CHARS)) {
        Some((i, _)) if n > MAX_ISSUER_CHARS => &s[i..],
        _ => s,
    }
}

/// Half-width digits of `s`.
fn digits(s: &str) -> String {
    s.chars().map(fold_width).collect()
}

/// The normalised form of a document number (`粤办函〔2023〕41号`), or `None`
/// when `s` is not one. See the module doc.
pub fn number_key(s: &str) -> Option<String> {
    let s = s.trim();
    let c = NUMBER.captures(s)?;
    let m = c.get(0)?;
    if m.start() != 0 || m.end() != s.len() {
        return None;
    }
    Some(format!(
        "{}〔{}〕{}号",
        trim_issuer(&c[1]),
        digits(&c[2]),
        digits(&c[3]).trim_start_matches('0')
    ))
}

/// The normalised form of a title: letters and digits only, full-width
/// forms folded, lower case.
pub fn title_key(s: &str) -> String {
    s.chars()
        .map(fold_width)
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The keys a document is cited by: its number, its title, and the title of
/// the document an issuing notice issues (`关于印发X的通知` is also cited as `《X》`).
pub fn own_keys(meta: &DocMeta) -> Vec<(CitationKind, String)> {
    let mut keys = Vec::new();
    if let Some(k) = meta.doc_number.as_deref().and_then(number_key) {
        keys.push((CitationKind::Number, k));
    }
    let mut title = |t: &str| {
        let k = title_key(t);
        if k.chars().count() >= MIN_TITLE_CHARS && !keys.contains(&(CitationKind::Title, k.clone()))
        {
            keys.push((CitationKind::Title, k));
        }
    };
    let full = meta.title.trim();
    title(full);
    if let Some(c) = ISSUED.captures(full) {
        title(&c[1]);
    }
    keys
}

/// The citations of a document in reading order, its own number and title
/// left out, one per key and clause.
pub fn extract(meta: &DocMeta, tree: &ClauseTree) -> Vec<Citation> {
    extract_from(
        meta,
        tree.clauses
            .iter()
            .map(|c| (c.path.as_str(), c.text.as_str())),
    )
}

/// [`extract`] from the `(path, text)` of each clause, in reading order.
pub fn extract_from<'a>(
    meta: &DocMeta,
    clauses: impl IntoIterator<Item = (&'a str, &'a str)>,
) -> Vec<Citation> {
    let own = own_keys(meta);
    let mut out: Vec<Citation> = Vec::new();
    for (path, text) in clauses {
        let mut found: Vec<(usize, usize, CitationKind, String, String)> = Vec::new();
        for c in NUMBER.captures_iter(text) {
            let whole = c.get(0).expect("match");
            let issuer = trim_issuer(&c[1]);
            let start = whole.start() + (c[1].len() - issuer.len());
            let cited = text[start..whole.end()].to_string();
            if let Some(key) = number_key(&cited) {
                found.push((start, whole.end(), CitationKind::Number, cited, key));
            }
        }
        for c in TITLE.captures_iter(text) {
            let whole = c.get(0).expect("match");
            let cited = c[1].trim().to_string();
            let key = title_key(&cited);
            if key.chars().count() >= MIN_TITLE_CHARS {
                found.push((whole.start(), whole.end(), CitationKind::Title, cited, key));
            }
        }
        found.sort_by_key(|f| f.0);
        for (start, end, kind, cited, key) in found {
            if own.iter().any(|(k, v)| *k == kind && *v == key)
                || out
                    .iter()
                    .any(|o| o.kind == kind && o.key == key && o.path == path)
            {
                continue;
            }
            out.push(Citation {
                kind,
                cited,
                key,
                path: path.to_string(),
                sentence: sentence(text, start, end),
            });
        }
    }
    out
}

/// Longest evidence sentence kept whole, in characters; a longer one is cut
/// to a window around the citation.
const MAX_SENTENCE_CHARS: usize = 240;

/// The sentence of `text` holding the byte range `start..end`.
fn sentence(text: &str, start: usize, end: usize) -> String {
    let is_end = |c: char| matches!(c, '。' | '！' | '？' | '；' | '\n');
    let from = text[..start]
        .char_indices()
        .rev()
        .find(|&(_, c)| is_end(c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let to = text[end..]
        .char_indices()
        .find(|&(_, c)| is_end(c))
        .map_or(text.len(), |(i, c)| end + i + c.len_utf8());
    let s = text[from..to].trim();
    if s.chars().count() <= MAX_SENTENCE_CHARS {
        return s.to_string();
    }
    // A window around the citation, on character boundaries.
    let half = MAX_SENTENCE_CHARS / 2;
    let before: String = {
        let v: Vec<char> = text[from..start].chars().collect();
        v[v.len().saturating_sub(half)..].iter().collect()
    };
    let after: String = text[end..to].chars().take(half).collect();
    format!("…{}{}{}…", before, &text[start..end], after)
        .trim()
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_normalise_whatever_the_brackets_width_and_spaces() {
        for (raw, want) in [
            ("粤办函〔2023〕41号", "粤办函〔2023〕41号"),
            ("粤办函（2023）41 号", "粤办函〔2023〕41号"),
            ("粤办函[2023]第41号", "粤办函〔2023〕41号"),
            ("粤办函(２０２３)４１号", "粤办函〔2023〕41号"),
            ("深建质安 【2023】 10号", "深建质安〔2023〕10号"),
        ] {
            assert_eq!(number_key(raw).as_deref(), Some(want), "{raw}");
        }
        assert_eq!(number_key("2023年41号"), None);
        assert_eq!(
            number_key("根据粤办函〔2023〕41号").as_deref(),
            Some("粤办函〔2023〕41号")
        );
    }

    #[test]
    fn titles_keep_letters_and_digits_only() {
        assert_eq!(
            title_key("广东省“数字政府 2.0”建设若干措施"),
            "广东省数字政府20建设若干措施"
        );
        assert_eq!(title_key("Ａ市方案"), "a市方案");
    }

    fn doc(title: &str, number: Option<&str>, text: &str) -> (DocMeta, ClauseTree) {
        let meta = DocMeta {
            title: title.into(),
            doc_number: number.map(Into::into),
            ..DocMeta::default()
        };
        (meta, crate::parse(text))
    }

    #[test]
    fn a_citation_by_title_and_number_is_found_with_its_sentence() {
        let (meta, tree) = doc(
            "某市人民政府办公室关于印发某市工作方案的通知",
            Some("某府办函〔2023〕7号"),
            "某市工作方案\n为落实《广东省人民政府办公厅关于印发广东省工作方案的通知》（粤办函〔2023〕41 号）有关要求，制定本方案。另见某府办函〔2023〕7号。\n一、总体要求\n（一）根据粤办函（2022）3号文件精神推进工作。",
        );
        let got = extract(&meta, &tree);
        let keys: Vec<(&str, CitationKind)> =
            got.iter().map(|c| (c.key.as_str(), c.kind)).collect();
        assert_eq!(
            keys,
            [
                (
                    "广东省人民政府办公厅关于印发广东省工作方案的通知",
                    CitationKind::Title
                ),
                ("粤办函〔2023〕41号", CitationKind::Number),
                ("粤办函〔2022〕3号", CitationKind::Number),
            ]
        );
        assert_eq!(got[1].cited, "粤办函〔2023〕41 号");
        assert!(
            got[1].sentence.starts_with("为落实《广东省"),
            "{}",
            got[1].sentence
        );
        assert!(
            got[1].sentence.ends_with("制定本方案。"),
            "{}",
            got[1].sentence
        );
        assert_eq!(got[2].cited, "粤办函（2022）3号");
        assert_eq!(got[2].path, "一/（一）");
    }

    #[test]
    fn a_document_does_not_cite_its_own_title_or_number() {
        let (meta, tree) = doc(
            "某市人民政府办公室关于印发某市诉求响应服务工作方案的通知",
            Some("某府办函（2023）75号"),
            "各区人民政府：\n现将《某市诉求响应服务工作方案》印发给你们，请认真贯彻执行。\n某府办函〔2023〕75号\n一、工作目标\n落实《营商环境条例》要求。",
        );
        let got = extract(&meta, &tree);
        let keys: Vec<&str> = got.iter().map(|c| c.key.as_str()).collect();
        assert_eq!(keys, ["营商环境条例"]);
    }

    #[test]
    fn short_generic_titles_are_not_citations() {
        let (meta, tree) = doc("某方案", None, "依照《条例》和《办法》执行。");
        assert!(extract(&meta, &tree).is_empty());
    }
}
