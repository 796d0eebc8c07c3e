//! Word segmentation: jieba-rs with the bundled policy dictionary, plus
//! whole-token handling of numbers with their units.
//!
//! Building a [`Segmenter`] loads jieba's dictionary (about 100 ms); build it
//! once and pass it to the stages that need it (search indexing, word diff).
#![deny(missing_docs)]

use std::ops::Range;
use std::sync::LazyLock;

use jieba_rs::Jieba;
use regex::Regex;

/// The domain dictionary shipped in `assets/dict/policy.dict` ("word freq tag" lines).
pub const POLICY_DICT: &str = include_str!("../../../assets/dict/policy.dict");

/// Numbers with their units, dates and deadlines, kept as one token.
/// Dictionary terms that begin with digits (`12345热线`) win over the number rule.
static NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    let protected: Vec<String> = POLICY_DICT
        .lines()
        .filter_map(|l| l.split_whitespace().next())
        .filter(|w| w.starts_with(|c: char| c.is_ascii_digit()))
        .map(regex::escape)
        .collect();
    let number = concat!(
        r"(?:[0-9０-９]{4}\s*年(?:\s*[0-9０-９]{1,2}\s*月)?(?:\s*[0-9０-９]{1,2}\s*日)?",
        r"|[0-9０-９]{1,2}\s*月(?:\s*[0-9０-９]{1,2}\s*日)?",
        r"|[0-9０-９]+(?:[.．][0-9０-９]+)?(?:\s*[-—~～至到]\s*[0-9０-９]+(?:[.．][0-9０-９]+)?)?",
        r"(?:\s*(?:%|％|‰|个工作日|个自然日|个月|个百分点|万亿元|亿元|万元|千元|元|亿|万|平方米|平方公里|公里|米|吨|小时|分钟|工作日|天|日|周|年度|年|月|倍|家|项|个|人次|人|次|批|件|户|所|条|份|类|名|台|座|宗|笔))?)",
        r"(?:底|末|初|上半年|下半年|中旬|上旬|下旬)?(?:前|后|以前|以后|以上|以下|以内|内|起|止)?"
    );
    let pattern = if protected.is_empty() {
        number.to_string()
    } else {
        format!("{}|{number}", protected.join("|"))
    };
    Regex::new(&pattern).expect("number regex")
});

/// A token: its text and its byte range in the segmented string.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token<'a> {
    /// The token's text.
    pub text: &'a str,
    /// Byte range in the input.
    pub range: Range<usize>,
}

impl Token<'_> {
    /// The token is only whitespace.
    pub fn is_space(&self) -> bool {
        self.text.chars().all(char::is_whitespace)
    }

    /// The token holds at least one letter, digit or CJK character (not only punctuation or space).
    pub fn is_word(&self) -> bool {
        self.text.chars().any(char::is_alphanumeric)
    }
}

/// A loaded jieba segmenter with the policy dictionary. Cheap to share by reference.
pub struct Segmenter {
    jieba: Jieba,
}

impl std::fmt::Debug for Segmenter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Segmenter")
    }
}

impl Segmenter {
    /// Load jieba's default dictionary and the bundled policy dictionary.
    pub fn new() -> Segmenter {
        let mut jieba = Jieba::new();
        let mut dict = std::io::BufReader::new(POLICY_DICT.as_bytes());
        jieba
            .load_dict(&mut dict)
            .expect("the bundled policy dictionary is well-formed");
        Segmenter { jieba }
    }

    /// A process-wide segmenter, loaded on first use.
    pub fn shared() -> &'static Segmenter {
        static SHARED: LazyLock<Segmenter> = LazyLock::new(Segmenter::new);
        &SHARED
    }

    /// Split `text` into tokens covering it completely (whitespace and
    /// punctuation included), numbers with their units kept whole.
    pub fn tokens<'a>(&self, text: &'a str) -> Vec<Token<'a>> {
        let mut out = Vec::new();
        let mut pos = 0;
        for m in NUMBER.find_iter(text) {
            if m.start() > pos {
                self.cut_into(text, pos..m.start(), &mut out);
            }
            out.push(Token {
                text: m.as_str(),
                range: m.range(),
            });
            pos = m.end();
        }
        if pos < text.len() {
            self.cut_into(text, pos..text.len(), &mut out);
        }
        out
    }

    /// The words of `text` (no whitespace or punctuation), as used by the search index.
    pub fn words<'a>(&self, text: &'a str) -> Vec<&'a str> {
        self.tokens(text)
            .into_iter()
            .filter(Token::is_word)
            .map(|t| t.text)
            .collect()
    }

    /// The words a longer word is made of, at every level: `营商环境` →
    /// `营商`, `环境`; `市场监管局` → `市场`, `监管局`, and inside that `监管`.
    /// What jieba's search mode offers as sub-words, without the overlapping
    /// readings it also offers (`人民政府` has `政府`, not `民政`; `大专班` has
    /// `大专`, not `专班`), so a part is a word of the word, never a string
    /// across two of its words. Byte ranges into `word`, by start, longer
    /// first; empty for words of one or two characters.
    ///
    /// A word is split into the dictionary words and single characters that
    /// cover it in the fewest pieces (the whole word itself excluded), ties
    /// going to the likelier split by jieba's word frequencies; each part of
    /// three or more characters that is a dictionary word is split again.
    pub fn parts(&self, word: &str) -> Vec<Range<usize>> {
        let mut out = Vec::new();
        self.split_into(word, 0, &mut out);
        out.sort_by_key(|r| (r.start, std::cmp::Reverse(r.end)));
        out
    }

    /// How common a dictionary word is: its frequency in jieba's dictionary
    /// (with the policy dictionary's words); `None` for a word it does not know.
    pub fn frequency(&self, word: &str) -> Option<usize> {
        // jieba-rs does not expose a word's frequency; for a dictionary
        // word `suggest_freq` is that frequency plus one.
        self.jieba
            .has_word(word)
            .then(|| self.jieba.suggest_freq(word).saturating_sub(1))
    }

    /// Push the parts of `word` (at byte `at` of the original word) into `out`.
    fn split_into(&self, word: &str, at: usize, out: &mut Vec<Range<usize>>) {
        /// Longest dictionary part considered, in characters.
        const MAX_PART: usize = 8;
        let bounds: Vec<usize> = word
            .char_indices()
            .map(|(i, _)| i)
            .chain(std::iter::once(word.len()))
            .collect();
        let n = bounds.len() - 1;
        if n < 3 {
            return;
        }
        // best[j]: the best split of the first j characters as (pieces,
        // minus the log of the frequencies' product, start of the last piece).
        let mut best: Vec<(usize, f64, usize)> = vec![(usize::MAX, 0.0, 0); n + 1];
        best[0] = (0, 0.0, 0);
        for j in 1..=n {
            for i in j.saturating_sub(MAX_PART)..j {
                if best[i].0 == usize::MAX || (i == 0 && j == n) {
                    continue;
                }
                let piece = &word[bounds[i]..bounds[j]];
                let freq = match self.frequency(piece) {
                    Some(f) => f.max(1),
                    None if j - i == 1 => 1,
                    None => continue,
                };
                let cand = (best[i].0 + 1, best[i].1 - (freq as f64).ln(), i);
                if (cand.0, cand.1) < (best[j].0, best[j].1) {
                    best[j] = cand;
                }
            }
        }
        let mut j = n;
        while j > 0 {
            let i = best[j].2;
            if j - i >= 2 {
                out.push(at + bounds[i]..at + bounds[j]);
                self.split_into(&word[bounds[i]..bounds[j]], at + bounds[i], out);
            }
            j = i;
        }
    }

    fn cut_into<'a>(&self, text: &'a str, range: Range<usize>, out: &mut Vec<Token<'a>>) {
        let part = &text[range.clone()];
        for t in self.jieba.cut(part, true) {
            let start = range.start + t.byte_start;
            let end = range.start + t.byte_end;
            out.push(Token {
                text: &text[start..end],
                range: start..end,
            });
        }
    }
}

impl Default for Segmenter {
    fn default() -> Self {
        Segmenter::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cut(s: &str) -> Vec<String> {
        Segmenter::shared()
            .tokens(s)
            .into_iter()
            .map(|t| t.text.to_string())
            .collect()
    }

    #[test]
    fn domain_terms_stay_whole() {
        for term in ["营商环境", "一网通办", "诉求响应", "12345热线", "粤商通"] {
            let toks = cut(&format!("推进{term}工作"));
            assert!(toks.contains(&term.to_string()), "{term}: {toks:?}");
        }
    }

    #[test]
    fn numbers_keep_their_units() {
        let toks = cut("2023年6月底前完成，比例达到20%，奖励1000万元，5个工作日内办结");
        for want in ["2023年6月底前", "20%", "1000万元", "5个工作日内"] {
            assert!(toks.contains(&want.to_string()), "{want}: {toks:?}");
        }
    }

    fn parts(word: &str) -> Vec<&str> {
        Segmenter::shared()
            .parts(word)
            .into_iter()
            .map(|r| &word[r])
            .collect()
    }

    #[test]
    fn parts_are_the_words_of_a_word_at_every_level() {
        assert_eq!(parts("营商环境"), ["营商", "环境"]);
        assert_eq!(parts("诉求响应"), ["诉求", "响应"]);
        assert_eq!(parts("人民政府"), ["人民", "政府"]);
        assert_eq!(parts("市政府"), ["政府"]);
        assert_eq!(parts("市场监管局"), ["市场", "监管局", "监管"]);
        // 专班 would straddle 大专|班.
        assert_eq!(parts("大专班"), ["大专"]);
        assert!(parts("环境").is_empty());
        assert!(parts("法").is_empty());
    }

    #[test]
    fn tokens_cover_the_text() {
        let s = "（一）加强用户侧服务， 提升平台使用体验。2023 年";
        let toks = Segmenter::shared().tokens(s);
        let joined: String = toks.iter().map(|t| t.text).collect();
        assert_eq!(joined, s);
        for w in toks.windows(2) {
            assert_eq!(w[0].range.end, w[1].range.start);
        }
    }
}
