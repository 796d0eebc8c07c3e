//! Clean extraction noise from document text.
//!
//! Takes the decoded text of one document and hands on a normalised text,
//! one paragraph per line (separated by a single `\n`). The rules, applied
//! in this order, each a small pure function below:
//!
//! 1. [`strip_markdown`]: heading marks (`## 第一章`), `**bold**`,
//!    `__bold__`, `*italic*` marks and HTML comments (`<!-- INFO END -->`,
//!    also across lines) are dropped and `[text](target)` links keep only
//!    their text.
//! 2. [`normalize_width`]: full-width digits become ASCII (`２０２３` →
//!    `2023`).
//! 3. [`squeeze_spaces`]: spaces between Chinese characters, digits and
//!    Chinese punctuation are removed (`诉求 响应` → `诉求响应`, `2023 年`
//!    → `2023年`, `75 号` → `75号`); spaces between Latin words are kept,
//!    and so is a space separating two organisation names
//!    (`…人力资源和社会保障厅 海南省发展和改革委员会`), as in joint
//!    signatures.
//! 4. [`normalize_numbering`]: the numbering label at the start of a line is
//!    written one way: `(一)` → `（一）`, `(1)` → `（1）`, `1．`/`1 .` → `1.`;
//!    `1、` is kept as it is (a different label style), only the spaces
//!    after a label are removed.
//! 5. Lines are trimmed and blank lines dropped.
//! 6. [`join_broken_paragraphs`]: a paragraph cut in two by a page break is
//!    joined to the next line (see that function for the exact test).
//!
//! The original text is kept by the caller; nothing here fails.

use policydiff_model::text::{is_cjk_punct, is_han as is_cjk};
use std::sync::LazyLock;

use regex::Regex;

/// Clean a document's text. Paragraphs are separated by `\n` in the result.
pub fn clean(text: &str) -> String {
    let text = strip_html_comments(text);
    let lines: Vec<String> = text
        .lines()
        .map(|l| {
            let l = strip_markdown(l);
            let l = normalize_width(&l);
            let l = squeeze_spaces(l.trim());
            normalize_numbering(&l)
        })
        .map(|l| l.trim().to_string())
        .filter(|l| !l.is_empty())
        .collect();
    join_broken_paragraphs(&lines).join("\n")
}

static LINK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\[([^\]\n]*)\]\([^)\n]*\)").expect("valid regex"));
static ITALIC: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\*([^*\s][^*\n]*?)\*").expect("valid regex"));

static HEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[ \t]{0,3}#{1,6}[ \t\u{3000}]+(.*?)(?:[ \t\u{3000}]+#+)?[ \t\u{3000}]*$")
        .expect("valid regex")
});
static HTML_COMMENT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?s)<!--.*?-->").expect("valid regex"));

/// Drop HTML comments (`<!-- INFO END -->` in Markdown sources), also those
/// spanning lines; the lines around a comment are kept apart.
pub fn strip_html_comments(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains("<!--") {
        return text.into();
    }
    HTML_COMMENT.replace_all(text, |c: &regex::Captures<'_>| {
        // Keep the line breaks a comment spanned, so paragraphs stay apart.
        "\n".repeat(c[0].matches('\n').count())
    })
}

/// Rule 1: drop markdown heading marks, emphasis marks and HTML comments,
/// and keep only the text of links.
///
/// `# 上海市管理办法` → `上海市管理办法`; `**提高思想认识。**` →
/// `提高思想认识。`; `[点击链接查看](#)` → `点击链接查看`; `<!-- x -->` → ``.
/// A `#` not followed by a space (`#标签`) is text.
pub fn strip_markdown(line: &str) -> String {
    let line = strip_html_comments(line);
    let line = match HEADING.captures(&line) {
        Some(c) => std::borrow::Cow::Owned(c[1].to_string()),
        None => line,
    };
    let s = LINK.replace_all(&line, "$1");
    let s = s.replace("**", "").replace("__", "");
    ITALIC.replace_all(&s, "$1").into_owned()
}

/// Rule 2: full-width digits (`０`–`９`) become ASCII digits.
pub fn normalize_width(line: &str) -> String {
    line.chars()
        .map(|c| match c {
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            _ => c,
        })
        .collect()
}

/// Is `c` a character between which spaces are noise: Chinese characters,
/// digits and Chinese (full-width) punctuation.
fn is_tight(c: char) -> bool {
    c.is_ascii_digit() || is_cjk(c) || is_cjk_punct(c)
}

/// Last characters of an organisation's name (局, 厅, 委员会 …).
pub(crate) const ORG_SUFFIXES: &[&str] = &[
    "局",
    "厅",
    "委员会",
    "委",
    "办公室",
    "办公厅",
    "政府",
    "部",
    "署",
    "院",
    "行",
    "会",
    "中心",
    "公司",
    "支行",
    "分行",
    "处",
    "所",
    "小组",
    "（代章）",
];

/// Does `s` end with an organisation suffix and hold at least four characters?
pub(crate) fn looks_like_org(s: &str) -> bool {
    s.chars().count() >= 4 && ORG_SUFFIXES.iter().any(|suf| s.ends_with(suf))
}

/// Rule 3: remove spaces inside Chinese text.
///
/// A run of spaces (ASCII, no-break or ideographic) is dropped when the
/// characters on both sides are Chinese characters, digits or Chinese
/// punctuation. It is kept between Latin words (`CA 数字证书` keeps its
/// space only on the Latin side: `CA 数字证书` stays as is because `A` is
/// Latin), and kept when it separates two organisation names: the text
/// before it ends like an organisation (局, 厅, 委员会 …) and the text after
/// it, up to the next space or `关于`, does too.
pub fn squeeze_spaces(line: &str) -> String {
    let chars: Vec<char> = line.chars().collect();
    let mut out = String::with_capacity(line.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if !is_space(c) {
            out.push(c);
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && is_space(chars[i]) {
            i += 1;
        }
        let before = out.chars().next_back();
        let after = chars.get(i).copied();
        let drop = match (before, after) {
            (Some(b), Some(a)) => is_tight(b) && is_tight(a) && !separates_orgs(&out, &chars[i..]),
            // leading or trailing spaces: dropped, the caller trims anyway
            _ => true,
        };
        if !drop {
            out.extend(&chars[start..i]);
        }
    }
    out
}

fn is_space(c: char) -> bool {
    c == ' ' || c == '\t' || c == '\u{3000}' || c == '\u{a0}'
}

/// How many characters at the end of a word decide [`looks_like_org`]: it
/// asks for at least four characters and an [`ORG_SUFFIXES`] ending, and no
/// suffix is longer than four characters (checked by a test).
const ORG_TAIL_CHARS: usize = 4;

/// Is the space between `left` (text so far) and `right` (rest of the line)
/// a separator between two organisation names?
///
/// Only the last [`ORG_TAIL_CHARS`] characters of the left word are looked
/// at: that decides [`looks_like_org`] exactly as the whole word would, and
/// keeps a long line linear. (The dropped spaces leave nothing to stop on in
/// `left`, so walking back to the previous space read the whole output
/// built so far at every space: quadratic.)
fn separates_orgs(left: &str, right: &[char]) -> bool {
    let left_tail: String = {
        let mut w: Vec<char> = left
            .chars()
            .rev()
            .take_while(|c| !is_space(*c))
            .take(ORG_TAIL_CHARS)
            .collect();
        w.reverse();
        w.into_iter().collect()
    };
    if !looks_like_org(&left_tail) {
        return false;
    }
    let right_word: String = right.iter().take_while(|c| !is_space(**c)).collect();
    let head = match right_word.find("关于") {
        Some(p) => &right_word[..p],
        None => right_word.as_str(),
    };
    looks_like_org(head)
}

static HALF_PAREN_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[(（]\s*([一二三四五六七八九十百零〇]+|\d+)\s*[)）]\s*").expect("valid regex")
});
static DOT_LABEL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d+)\s*[.．]\s*(\D)").expect("valid regex"));
static COMMA_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^([一二三四五六七八九十百零〇]+|\d+)\s*、\s*").expect("valid regex")
});

/// Rule 4: write the numbering label at the start of a line one way.
///
/// `(一)`/`( 一 )` → `（一）`, `(1)` → `（1）`, `1．`/`1 .` → `1.`, and the
/// spaces after any label are dropped (`1. 推进` → `1.推进`). `1、` stays
/// `1、`. A number followed by a decimal (`3.5亿元`) is not a label.
pub fn normalize_numbering(line: &str) -> String {
    if let Some(c) = HALF_PAREN_LABEL.captures(line) {
        let rest = &line[c.get(0).map_or(0, |m| m.end())..];
        return format!("（{}）{}", &c[1], rest);
    }
    if let Some(c) = DOT_LABEL.captures(line) {
        let end = c.get(0).map_or(0, |m| m.end());
        let tail_start = end - c[2].len();
        return format!("{}.{}", &c[1], &line[tail_start..]);
    }
    if let Some(c) = COMMA_LABEL.captures(line) {
        let rest = &line[c.get(0).map_or(0, |m| m.end())..];
        return format!("{}、{}", &c[1], rest);
    }
    line.to_string()
}

/// Characters that may end a complete paragraph.
const TERMINAL: &[char] = &[
    '。', '！', '？', '；', '：', '…', '”', '’', '」', '』', '）', ')', '】', '》', '〕', ']', '>',
    '!', '?', ';', ':', '.', '"',
];

static NUMBERED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:[一二三四五六七八九十百零〇]+、|（[一二三四五六七八九十百零〇]+）|\(\s*[一二三四五六七八九十]+\s*\)|\d+\s*[.．、](?:\D|$)|[（(]\d+[）)]|[①-⑳]|第[一二三四五六七八九十百零〇\d]+[章节条部分]|——|附件|附表)",
    )
    .expect("valid regex")
});
static DATE_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日$").expect("valid regex")
});
static URL_LINE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^<?https?://\S+>?$").expect("valid regex"));

/// Does a line start with a numbering label (`一、`, `（一）`, `1.`, `第三条`,
/// `——`, `附件` …)?
pub(crate) fn starts_numbered(line: &str) -> bool {
    NUMBERED.is_match(line)
}

/// A line that is a heading: numbered and without sentence punctuation.
fn is_heading(line: &str) -> bool {
    starts_numbered(line) && !line.contains(['。', '；', '！', '？'])
}

/// A line that is running text (not a title, signature or number): it holds
/// sentence punctuation, or is long.
fn is_running_text(line: &str) -> bool {
    line.contains(['，', '。', '；', '、', ',', ';']) || line.chars().count() >= 40
}

/// Rule 6: join paragraphs cut in two by a page break.
///
/// Line `a` is joined to the next line `b` when all hold:
/// - `a` does not end with punctuation that can close a paragraph
///   (`。！？；：…”」）》〕` and their ASCII forms); a trailing `，`/`、`
///   means the sentence goes on;
/// - `a` is running text (has `，。；、` or is 40+ characters long), not a
///   heading (a numbered line without `。；！？`), title, signature or 文号;
/// - `b` does not start a new numbered item or heading (`一、`, `（一）`,
///   `1.`, `（1）`, `①`, `第X条`, `——`, `附件`), is not a date, a URL, or an
///   organisation's name alone (a signature).
pub fn join_broken_paragraphs(lines: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(lines.len());
    let mut open = false; // may the last output line take a continuation?
    for line in lines {
        if open && continues(line) {
            if let Some(last) = out.last_mut() {
                last.push_str(line);
            }
        } else {
            out.push(line.clone());
        }
        let last = out.last().map(String::as_str).unwrap_or_default();
        open = may_continue(last);
    }
    out
}

/// Can `a` (a whole paragraph so far) take the next line as its continuation?
fn may_continue(a: &str) -> bool {
    match a.chars().next_back() {
        None => false,
        Some(c) if TERMINAL.contains(&c) => false,
        Some(_) => is_running_text(a) && !is_heading(a) && !URL_LINE.is_match(a),
    }
}

/// Can `b` be the second half of a broken paragraph?
fn continues(b: &str) -> bool {
    !starts_numbered(b)
        && !DATE_LINE.is_match(b)
        && !URL_LINE.is_match(b)
        && (!looks_like_org(b) || is_running_text(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_bold_and_links_are_dropped() {
        assert_eq!(
            strip_markdown("（一）**提高思想认识。**加强"),
            "（一）提高思想认识。加强"
        );
        assert_eq!(
            strip_markdown("省略部分内容，可[点击链接查看](#)）"),
            "省略部分内容，可点击链接查看）"
        );
        assert_eq!(strip_markdown("*重点*任务"), "重点任务");
        assert_eq!(strip_markdown("2 * 3 = 6"), "2 * 3 = 6");
    }

    #[test]
    fn markdown_headings_and_html_comments_are_dropped() {
        assert_eq!(strip_markdown("# 上海市测试管理办法"), "上海市测试管理办法");
        assert_eq!(strip_markdown("## 第一章  总则"), "第一章  总则");
        assert_eq!(strip_markdown("###\u{3000}第二章 备案 ###"), "第二章 备案");
        assert_eq!(strip_markdown("#标签"), "#标签");
        assert_eq!(strip_markdown("####### 七个"), "####### 七个");
        assert_eq!(strip_markdown("<!-- INFO END -->"), "");
        assert_eq!(strip_markdown("正文<!-- 注 -->继续"), "正文继续");
        assert_eq!(
            clean("# 上海市测试管理办法\n\n<!-- INFO END -->\n\n## 第一章  总则\n\n第一条 为了规范管理，制定本办法。"),
            "上海市测试管理办法\n第一章总则\n第一条为了规范管理，制定本办法。"
        );
        // A comment across lines is dropped whole; the text around it stays apart.
        assert_eq!(
            clean("第一条 规范管理。<!-- 开始\n说明\n结束 -->\n第二条 本办法自公布之日起施行。"),
            "第一条规范管理。\n第二条本办法自公布之日起施行。"
        );
    }

    #[test]
    fn full_width_digits_become_ascii() {
        assert_eq!(normalize_width("２０２３年"), "2023年");
    }

    #[test]
    fn spaces_inside_chinese_are_removed() {
        assert_eq!(squeeze_spaces("诉求 响应服务"), "诉求响应服务");
        assert_eq!(squeeze_spaces("2023 年 3 月 11 日"), "2023年3月11日");
        assert_eq!(
            squeeze_spaces("佛府办函〔2023〕75 号"),
            "佛府办函〔2023〕75号"
        );
        assert_eq!(squeeze_spaces("规划》 实施方案"), "规划》实施方案");
        assert_eq!(
            squeeze_spaces("工作领导小组办公室 关于印发"),
            "工作领导小组办公室关于印发"
        );
    }

    #[test]
    fn spaces_between_latin_words_and_org_names_are_kept() {
        assert_eq!(
            squeeze_spaces("CA 数字证书 and more"),
            "CA 数字证书 and more"
        );
        assert_eq!(
            squeeze_spaces("海南省人力资源和社会保障厅 海南省发展和改革委员会"),
            "海南省人力资源和社会保障厅 海南省发展和改革委员会"
        );
        assert_eq!(
            squeeze_spaces("深圳市前海管理局 国家税务总局深圳市税务局关于印发"),
            "深圳市前海管理局 国家税务总局深圳市税务局关于印发"
        );
    }

    #[test]
    fn org_suffixes_fit_in_the_tail_looked_at() {
        for suf in ORG_SUFFIXES {
            assert!(suf.chars().count() <= ORG_TAIL_CHARS, "{suf}");
        }
    }

    /// The left-word test as it was before it was bounded: the whole word.
    fn separates_orgs_whole_word(left: &str, right: &[char]) -> bool {
        let mut w: Vec<char> = left.chars().rev().take_while(|c| !is_space(*c)).collect();
        w.reverse();
        let left_word: String = w.into_iter().collect();
        if !looks_like_org(&left_word) {
            return false;
        }
        let right_word: String = right.iter().take_while(|c| !is_space(**c)).collect();
        let head = match right_word.find("关于") {
            Some(p) => &right_word[..p],
            None => right_word.as_str(),
        };
        looks_like_org(head)
    }

    #[test]
    fn bounded_left_word_decides_like_the_whole_word() {
        // Every split of some org-ish and plain lines, with and without a
        // space before the cut: the bounded test agrees with the whole-word one.
        let samples = [
            "海南省人力资源和社会保障厅 海南省发展和改革委员会",
            "深圳市前海管理局 国家税务总局深圳市税务局关于印发",
            "工作领导小组办公室 关于印发",
            "市政府（代章） 区政府办公室",
            "局 厅 委员会 大会 大学会 X公司 人民银行支行 某某分行",
            "第一条 为了规范管理，制定本办法。",
        ];
        for s in samples {
            let chars: Vec<char> = s.chars().collect();
            for cut in 0..=chars.len() {
                let left: String = chars[..cut].iter().filter(|c| !is_space(**c)).collect();
                let left_spaced: String = chars[..cut].iter().collect();
                for l in [&left, &left_spaced] {
                    assert_eq!(
                        separates_orgs(l, &chars[cut..]),
                        separates_orgs_whole_word(l, &chars[cut..]),
                        "{l:?} | {:?}",
                        chars[cut..].iter().collect::<String>()
                    );
                }
            }
        }
    }

    #[test]
    fn a_long_line_with_spaces_is_squeezed_in_linear_time() {
        // 2 MB on one line (text from a web page or PDF without line
        // breaks). Walking back over the output at every space made this
        // take minutes; bounded, it is a fraction of a second in release.
        let unit = "第一条 为了规范管理，制定本办法。海南省人力资源和社会保障厅 海南省发展和改革委员会 CA 数字证书 ";
        let n = (2 << 20) / unit.len() + 1;
        let line = unit.repeat(n);
        let got = squeeze_spaces(&line);
        // Each unit is squeezed as it is on its own (the trailing space
        // sits between `证书` and the next `第一条`: dropped, as inside a unit).
        let one = squeeze_spaces(unit.trim_end());
        assert_eq!(
            one,
            "第一条为了规范管理，制定本办法。海南省人力资源和社会保障厅 海南省发展和改革委员会 CA 数字证书"
        );
        assert_eq!(got, one.repeat(n));
        assert_eq!(clean(&line), one.repeat(n));
    }

    #[test]
    fn numbering_labels_are_normalised() {
        assert_eq!(normalize_numbering("(一)加强组织"), "（一）加强组织");
        assert_eq!(normalize_numbering("( 3 ) 深化"), "（3）深化");
        assert_eq!(normalize_numbering("1．推进"), "1.推进");
        assert_eq!(normalize_numbering("1. 推进"), "1.推进");
        assert_eq!(normalize_numbering("3.5亿元"), "3.5亿元");
        assert_eq!(normalize_numbering("一、 总体要求"), "一、总体要求");
        assert_eq!(normalize_numbering("1、 总体"), "1、总体");
    }

    fn v(lines: &[&str]) -> Vec<String> {
        lines.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn page_break_in_mid_sentence_is_joined() {
        let got = join_broken_paragraphs(&v(&[
            "3.强化服务。各地要针对实际，积极",
            "做好涉企政策梳理。",
        ]));
        assert_eq!(
            got,
            v(&["3.强化服务。各地要针对实际，积极做好涉企政策梳理。"])
        );
    }

    #[test]
    fn complete_paragraphs_headings_and_titles_are_not_joined() {
        let lines = v(&[
            "工作方案",
            "为深入贯彻，制定本方案。",
            "一、工作目标",
            "聚焦建立体系，及时掌握问题",
            "（一）加强用户侧服务。",
            "省政府办公厅",
            "2023年3月11日",
            "各地要加强，推进",
            "省政府办公厅",
        ]);
        assert_eq!(join_broken_paragraphs(&lines), lines);
    }
}
