//! Recognise the shapes of a document's head by form, not by content: title
//! lines, the document number (文号), the salutation, cover-letter sentences,
//! signature blocks (issuer lines + date line) and their postscripts.
//!
//! Takes single paragraphs (or a slice of them and a position) and hands on
//! yes/no answers or the extent of a block; [`super::tree`] decides what to do
//! with them. Nothing here names a particular document or issuer: a signature
//! is "a few short lines without punctuation, then a line that is only a date".
//! Every function looks at a bounded number of paragraphs.

use std::sync::LazyLock;

use regex::Regex;

use super::numbering;

/// Sentence and clause punctuation that a title, an issuer line or a heading does not contain.
const PUNCT: [char; 12] = [
    '。', '，', '；', '：', '！', '？', ',', ';', ':', '!', '?', '、',
];

/// Words a document title ends with (document types), before any trailing `（…）`.
const DOC_TYPES: [&str; 33] = [
    "方案",
    "办法",
    "措施",
    "意见",
    "通知",
    "规定",
    "条例",
    "细则",
    "制度",
    "要点",
    "计划",
    "决定",
    "规划",
    "纲要",
    "指引",
    "指南",
    "清单",
    "公告",
    "通告",
    "批复",
    "报告",
    "标准",
    "规则",
    "章程",
    "守则",
    "目录",
    "任务",
    "规范",
    "机制",
    "若干措施",
    "工作方案",
    "函",
    "》",
];

/// Number of characters of a string.
pub(crate) fn chars(s: &str) -> usize {
    s.chars().count()
}

fn has_punct(s: &str) -> bool {
    s.contains(PUNCT)
}

/// Remove all whitespace (the cleaner removes spaces inside Chinese, but tolerate them).
fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

static DATE_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:[0-9０-９]{4}|[〇零○一二三四五六七八九]{4})年[0-9０-９一二三四五六七八九十]{1,3}月[0-9０-９一二三四五六七八九十]{1,3}日(?:印发|发布|通过)?$",
    )
    .expect("valid regex")
});

static DATE_START: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^[（(]?(?:[0-9]{4}|[〇零○一二三四五六七八九]{4})年[0-9一二三四五六七八九十]{1,3}月",
    )
    .expect("valid regex")
});

static WENHAO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[〔（(\[【［][0-9]{4}[〕）)\]】］](?:第)?[0-9]+号$").expect("valid regex")
});

static COVER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:印发|转发|下发)(?:给)?你们|现(?:予)?印发|现将.{0,120}(?:印发|转发|下发)|请(?:认真|结合|遵照|抓好|切实|各地)|遵照执行|特此(?:通知|函告|批复)",
    )
    .expect("valid regex")
});

/// A line that is only a date: `2023年3月11日`, `2023 年 5 月 18 日印发`, `二〇二三年三月十一日`.
pub(crate) fn is_date_line(p: &str) -> bool {
    p.len() < 80 && DATE_LINE.is_match(&squeeze(p))
}

/// A line that starts with a date (`2001年7月13日 上海市…通过`): never a title.
fn starts_with_date(p: &str) -> bool {
    let head: String = p.chars().take(16).filter(|c| !c.is_whitespace()).collect();
    DATE_START.is_match(&head)
}

/// The document number line (文号): `粤办函〔2023〕41号`, `粤办函（2023）41号`.
pub(crate) fn is_wenhao(p: &str) -> bool {
    chars(p) <= 40 && !has_punct(p) && WENHAO.is_match(&squeeze(p))
}

/// A line wholly in brackets: `（草案征求意见稿）`, `（此件公开发布）`.
pub(crate) fn is_parenthetical(p: &str) -> bool {
    chars(p) <= 60
        && (p.starts_with('（') && p.ends_with('）') || p.starts_with('(') && p.ends_with(')'))
}

/// A salutation: ends with a colon, no full stop (`各地级以上市人民政府，省有关单位：`).
pub(crate) fn is_salutation(p: &str) -> bool {
    (p.ends_with('：') || p.ends_with(':'))
        && chars(p) <= 300
        && !p.contains(['。', '！', '？'])
        && numbering::recognize(p).is_none()
}

/// A sentence typical of a cover letter: 印发给你们, 请认真贯彻, 特此通知 ….
pub(crate) fn is_cover_sentence(p: &str) -> bool {
    let head = match p.char_indices().nth(400) {
        Some((i, _)) => &p[..i],
        None => p,
    };
    COVER.is_match(head)
}

/// Could this line be (part of) a title: short, no sentence punctuation,
/// not a label, not a date, not bracketed as a whole.
pub(crate) fn is_title_like(p: &str) -> bool {
    let n = chars(p);
    (2..=100).contains(&n)
        && !p.contains(['。', '；', '！', '？', '：', ';', '!', '?', ':'])
        && !is_date_line(p)
        && !starts_with_date(p)
        && !is_parenthetical(p)
        && !is_wenhao(p)
        && numbering::recognize(p).is_none()
}

/// Does a title end here: the line ends with a document type word (方案, 办法,
/// 条例, …) or a closing `》`, ignoring trailing `（…）` groups (`（试行）`, `（2.0版）`).
pub(crate) fn ends_like_title(p: &str) -> bool {
    let mut s = p.trim_end();
    while s.ends_with('）') || s.ends_with(')') {
        let open = s.rfind(['（', '(']);
        match open {
            Some(i) if i > 0 => s = s[..i].trim_end(),
            _ => break,
        }
    }
    DOC_TYPES.iter().any(|t| s.ends_with(t))
}

/// A complete title line: title-like and ending like a title; commas allowed
/// only when they do not make it a sentence.
pub(crate) fn is_title(p: &str) -> bool {
    is_title_like(p) && !p.contains(['，', ',']) && ends_like_title(p)
}

/// Can `next` continue a wrapped title `prev` (the title was broken over two lines)?
pub(crate) fn continues_title(prev: &str, next: &str) -> bool {
    !ends_like_title(prev)
        && chars(next) <= 40
        && is_title_like(next)
        && !next.contains(['，', ','])
        && ends_like_title(next)
}

/// An issuer line of a signature: short, no punctuation, not a label, not a date.
fn is_issuer(p: &str) -> bool {
    chars(p) <= 40
        && !has_punct(p)
        && !p.starts_with("特此")
        && !is_date_line(p)
        && !is_parenthetical(p)
        && numbering::recognize(p).is_none()
}

/// A short `key：value` line printed next to a signature (`公开方式：主动公开`, `抄送：…`).
pub(crate) fn is_colophon(p: &str) -> bool {
    let Some((k, v)) = p.split_once(['：', ':']) else {
        return false;
    };
    (2..=8).contains(&chars(k))
        && !has_punct(k)
        && (1..=60).contains(&chars(v))
        && !v.contains(['。', '；', ';'])
}

/// A signature block starting at `ps[i]`: up to four issuer lines, then a date
/// line, then postscript lines in brackets (`（此件公开发布）`). Returns the index
/// after the block.
pub(crate) fn signature_at(ps: &[&str], i: usize) -> Option<usize> {
    let mut j = i;
    while j < ps.len() && j - i < 4 && is_issuer(ps[j]) {
        j += 1;
    }
    if j >= ps.len() || !is_date_line(ps[j]) {
        return None;
    }
    j += 1;
    while j < ps.len() && is_parenthetical(ps[j]) && numbering::recognize(ps[j]).is_none() {
        j += 1;
    }
    Some(j)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_numbers() {
        assert!(is_date_line("2023年3月11日"));
        assert!(is_date_line("2023 年 5 月 18 日印发"));
        assert!(is_date_line("二〇二三年三月十一日"));
        assert!(!is_date_line("2023年3月11日起施行。"));
        assert!(is_wenhao("粤办函〔2023〕41号"));
        assert!(is_wenhao("粤办函（2023）41号"));
        assert!(is_wenhao("深建质安[2023] 10 号"));
        assert!(!is_wenhao("根据《通知》（粤办函〔2023〕41号）"));
    }

    #[test]
    fn titles() {
        assert!(is_title("广东省进一步强化市场主体诉求响应服务工作方案"));
        assert!(is_title("《东莞市优化营商环境条例》"));
        assert!(is_title("海口市优化政府采购营商环境若干措施（2.0版）"));
        assert!(!is_title("工作领导小组办公室（代章）"));
        assert!(!is_title("省政府办公厅"));
        assert!(!is_title("2024年12月31日上海市人大常委会第二次修正）"));
        assert!(continues_title(
            "江门市关于获得用水用气工作政企联席",
            "会议制度（试行）"
        ));
        assert!(!continues_title("广州市网上办事管理办法", "第一章总则"));
    }

    #[test]
    fn head_lines() {
        assert!(is_salutation("各地级以上市人民政府，省有关单位："));
        assert!(!is_salutation("为此，现通知如下。："));
        assert!(is_cover_sentence(
            "《广东省方案》已经省人民政府同意，现印发给你们，请认真贯彻执行。"
        ));
        assert!(is_cover_sentence(
            "现将《实施方案》印发给你们，请结合实际贯彻落实。"
        ));
        assert!(!is_cover_sentence("为深入贯彻党的二十大精神，制定本方案。"));
        assert!(is_colophon("公开方式：主动公开"));
        assert!(!is_colophon("各区人民政府，市政府各部门："));
    }

    #[test]
    fn signatures() {
        let ps = ["省政府办公厅", "2023年3月11日", "广东省工作方案"];
        assert_eq!(signature_at(&ps, 0), Some(2));
        let ps = [
            "改革工作领导小组",
            "办公室（代章）",
            "2023年5月30日",
            "（此件公开发布）",
        ];
        assert_eq!(signature_at(&ps, 0), Some(4));
        let ps = ["2023年5月26日"];
        assert_eq!(signature_at(&ps, 0), Some(1));
        let ps = ["特此通知", "2023年5月26日"];
        assert_eq!(signature_at(&ps, 0), None);
        let ps = ["一、工作目标", "2023年5月26日"];
        assert_eq!(signature_at(&ps, 0), None);
    }
}
