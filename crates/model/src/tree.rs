//! The clause tree: what parsing hands on and every later stage reads.

use serde::{Deserialize, Serialize};

/// What kind of unit a clause is, from its numbering.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum ClauseKind {
    /// Title line(s) of the document: the title (its wrapped second line, the
    /// 文号 line and bracketed lines such as `（草案征求意见稿）` are part of the
    /// clause's text); also the inner title of a plan after the cover letter.
    Title,
    /// Cover letter: the salutation and the letter's paragraphs (印发通知 …), one clause.
    Cover,
    /// Un-numbered paragraphs before the first numbered unit of the body.
    Preamble,
    /// Signature: issuer line(s) and the date line (plus bracketed postscripts
    /// such as `（此件公开发布）`), one clause.
    Signature,
    /// 第X编
    Part,
    /// 第X章
    Chapter,
    /// 第X节
    Section,
    /// 第X条
    Article,
    /// 一、
    Item,
    /// （一） / (一)
    SubItem,
    /// 1. / 1． / 1、
    Point,
    /// （1） / (1)
    SubPoint,
    /// ① …
    Circled,
    /// 附件 / 附件1
    Annex,
    /// An un-numbered paragraph standing on its own: in a document without
    /// numbering, after a closing signature, or (with `in_article`) a
    /// paragraph (款) of an article after the article's first line.
    Paragraph,
}

impl ClauseKind {
    /// Whether the unit is one every document has by its role, paired
    /// whatever it says: the title, the cover letter and the signature. The
    /// coverage matrix, the summary's clause counts and related documents
    /// leave them out.
    pub fn is_role(self) -> bool {
        matches!(
            self,
            ClauseKind::Title | ClauseKind::Cover | ClauseKind::Signature
        )
    }
}

/// One unit of the clause tree.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Clause {
    /// Index of this clause in [`ClauseTree::clauses`] (reading order).
    pub index: usize,
    /// Parent clause, `None` at the top level.
    pub parent: Option<usize>,
    /// Children in reading order.
    pub children: Vec<usize>,
    /// Depth in the tree, 0 at the top level.
    pub depth: usize,
    /// Kind of unit.
    pub kind: ClauseKind,
    /// The numbering label as printed, normalised (`一、`, `（一）`, `1.`, `第三条`); empty when un-numbered.
    pub label: String,
    /// Stable path from the root, labels without punctuation joined by `/`, e.g. `二/（一）/3`.
    pub path: String,
    /// Heading text when the unit has one (`加强用户侧服务，提升平台使用体验`, an article's 【标题】).
    pub heading: Option<String>,
    /// The unit's own normalised text: its first line (label included) and the
    /// un-numbered paragraphs that follow it, paragraphs joined by `\n`; numbered
    /// children are not included.
    pub text: String,
    /// The same span in the original (uncleaned) text, when it could be located; else equal to `text`.
    pub original: String,
    /// Inside a 第X条 article: this clause is a part of the article (款/项/目),
    /// not a unit of its own for comparison.
    pub in_article: bool,
}

/// A document parsed into clauses.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ClauseTree {
    /// All clauses in reading order.
    pub clauses: Vec<Clause>,
}

impl ClauseTree {
    /// Top-level clauses in reading order.
    pub fn roots(&self) -> impl Iterator<Item = &Clause> {
        self.clauses.iter().filter(|c| c.parent.is_none())
    }

    /// The comparison units, in reading order: an article (第X条) with all its
    /// parts; outside articles, each clause with its own text (its body but not
    /// its numbered children). Returns `(clause index, full unit text)`.
    pub fn units(&self) -> Vec<(usize, String)> {
        let mut out = Vec::new();
        for c in &self.clauses {
            if c.in_article {
                continue;
            }
            if c.kind == ClauseKind::Article {
                let mut text = c.text.clone();
                self.push_descendants(c.index, &mut text);
                out.push((c.index, text));
            } else {
                out.push((c.index, c.text.clone()));
            }
        }
        out
    }

    fn push_descendants(&self, i: usize, text: &mut String) {
        for &ch in &self.clauses[i].children {
            if !text.is_empty() {
                text.push('\n');
            }
            text.push_str(&self.clauses[ch].text);
            self.push_descendants(ch, text);
        }
    }
}
