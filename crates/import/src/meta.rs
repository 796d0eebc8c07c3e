//! Metadata and text of one document.
//!
//! Takes a [`Block`] (raw lines of one document) and hands on a
//! [`SourceDoc`]: metadata found in the lines, the original lines, and the
//! cleaned text whose first line is the title.
//!
//! Where each field comes from:
//! - **title**: the compilation's title line without `N. ` and the date; for
//!   a standalone document its first line (two lines if the first wraps);
//!   `（无标题片段）` for a fragment. If the title line announces a document
//!   (`…关于印发Y的通知`) and the body prints another one (the 《Z》 of the
//!   cover letter or the plan title after the signature) that shares little
//!   with Y (character-bigram Dice < 0.5) and Y is nowhere in the body, the
//!   body's title is used and a warning is recorded.
//! - **issuer**: the text before `关于` (or `印发`) in the title, if it ends
//!   like an organisation; else the signature (organisation lines just above
//!   the first date line).
//! - **date**: the title line's date, else the signature date.
//! - **doc_number**: a 文号 line among the first lines of the body, in any
//!   bracket style, normalised to `〔〕` with spaces removed.
//! - **province / city / level**: from the issuer's leading place names,
//!   else the title's, read against the table of China's provinces and
//!   prefecture-level cities ([`crate::places`]: `广东省…` → 广东, province;
//!   `杭州市…` → 浙江 / 杭州, city; `佛山市顺德区…` → 广东 / 佛山, district;
//!   `余杭区…` → 浙江 / 杭州, district, from the table of county-level
//!   divisions; an unknown `测试市…` → nothing made up); failing both, the
//!   level from the cover letter's `已经(省|自治区|市|区|县)人民政府同意`. A
//!   region heading's province wins over the issuer's, and settles which
//!   district a name several provinces have is (`南山区` under 广东: 深圳).
//! - **source_url**: the first line that is only a URL (bare or `<…>`).
//! - **excerpt**: a line says `省略部分内容` / `篇幅太长`.

use std::path::Path;
use std::sync::LazyLock;

use regex::Regex;

use super::compilation::{Block, Kind, DATE_TAIL};
use crate::clean::{self, looks_like_org};
use crate::places::place_of;
use policydiff_model::{DocMeta, Level, SourceDoc};

/// Title given to a document that has none (the start of a compilation).
pub const FRAGMENT_TITLE: &str = "（无标题片段）";

static URL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^<?(https?://[^\s<>]+)>?$").expect("valid regex"));
static DOC_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^([\p{Han}A-Za-z]{1,15}?)\s*[〔（(\[【［]\s*((?:19|20)\d{2})\s*[〕）)\]】］]\s*第?\s*(\d{1,5})\s*号$",
    )
    .expect("valid regex")
});
static DATE_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^((?:19|20)\d{2})年(\d{1,2})月(\d{1,2})日$").expect("valid regex")
});
static TITLE_NUM: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*\d+\s*[.．]\s*").expect("valid regex"));
static ANNOUNCED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"印发(.+?)的通知$").expect("valid regex"));
static APPROVAL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"已经(省|自治区|市|区|县)(?:人民)?政府同意").expect("valid regex")
});
/// One line prepared for matching: markdown dropped, spaces squeezed, trimmed.
fn norm(line: &str) -> String {
    let l = clean::strip_markdown(line);
    let l = clean::normalize_width(&l);
    clean::squeeze_spaces(l.trim())
}

/// Build the document of one block.
pub(crate) fn document(block: &Block<'_>, source: Option<&Path>) -> SourceDoc {
    let mut meta = DocMeta {
        source_file: source.map(|p| p.display().to_string()),
        ..DocMeta::default()
    };
    let original = block.lines.join("\n");
    let mut title_date = None;
    let (title, body_from) = match block.kind {
        Kind::Titled => {
            let raw: String = block.lines[..block.title_len]
                .iter()
                .map(|l| l.trim())
                .collect();
            let mut t = TITLE_NUM.replace(&raw, "").into_owned();
            if let Some(c) = DATE_TAIL.captures(&t) {
                title_date = Some(iso(&c[1], &c[2], &c[3]));
                t.truncate(c.get(0).map_or(t.len(), |m| m.start()));
            }
            (norm(&t), block.title_len)
        }
        Kind::Fragment => {
            meta.fragment = true;
            (FRAGMENT_TITLE.to_string(), 0)
        }
        Kind::Standalone => standalone_title(&block.lines),
    };
    let body: Vec<&str> = block.lines[body_from..].to_vec();
    let normed: Vec<String> = body.iter().map(|l| norm(l)).collect();
    let nonblank: Vec<usize> = (0..normed.len())
        .filter(|&i| !normed[i].is_empty())
        .collect();

    meta.source_url = normed
        .iter()
        .find_map(|l| URL.captures(l).map(|c| c[1].to_string()));
    meta.doc_number = nonblank.iter().take(8).find_map(|&i| {
        DOC_NUMBER
            .captures(&normed[i])
            .map(|c| format!("{}〔{}〕{}号", &c[1], &c[2], &c[3]))
    });
    meta.excerpt = body
        .iter()
        .any(|l| l.contains("省略部分内容") || l.contains("篇幅太长"));

    // signature: organisation lines just above the first date line
    let date_pos = nonblank
        .iter()
        .position(|&i| DATE_LINE.is_match(&normed[i]));
    let sig_date = date_pos.and_then(|p| {
        DATE_LINE
            .captures(&normed[nonblank[p]])
            .map(|c| iso(&c[1], &c[2], &c[3]))
    });
    let signature = date_pos.and_then(|p| signature_before(&normed, &nonblank[..p]));

    let title_issuer = issuer_from_title(&title);
    meta.title = title.clone();
    meta.issuer = title_issuer.clone().or_else(|| signature.clone());
    meta.date = title_date.clone().or(sig_date.clone());

    if block.kind == Kind::Titled {
        let after_sig = date_pos.map_or(0, |p| p + 1);
        if let Some(body_title) = disagreement(&title, &normed, &nonblank, after_sig) {
            meta.warnings.push(format!(
                "the compilation's title line reads “{title}”, but the document's body is “{body_title}”; \
                 the title is taken from the body and the issuer named in the title line is not used"
            ));
            meta.title = body_title;
            meta.issuer = signature.clone();
            meta.date = sig_date.or(title_date);
        }
    }

    // A region heading's province settles a district named alone (`南山区` under 广东: 深圳).
    let within = block.province.as_deref();
    let mut place = meta
        .issuer
        .as_deref()
        .and_then(|i| place_of(i, within))
        .or_else(|| place_of(&meta.title, within))
        .unwrap_or_default();
    // A district or county named alone (`余杭区人民政府办公室`) has no city, but its signature
    // often names it in full (`杭州市余杭区人民政府办公室`): take the region from there, when
    // the signature names a district of a known city too.
    if place.level == Level::District && place.city.is_none() {
        if let Some(full) = signature.as_deref().and_then(|s| place_of(s, within)) {
            if full.level == Level::District && full.city.is_some() {
                place = full;
            }
        }
    }
    meta.province = block.province.clone().or(place.province);
    meta.city = place.city;
    meta.level = place.level;
    if meta.level == Level::Other {
        if let Some(c) = normed.iter().find_map(|l| APPROVAL.captures(l)) {
            meta.level = match &c[1] {
                "省" | "自治区" => Level::Province,
                "市" => Level::City,
                _ => Level::District,
            };
        }
    }

    let body_text: Vec<&str> = body
        .iter()
        .zip(&normed)
        .filter(|(_, n)| !URL.is_match(n))
        .map(|(raw, _)| *raw)
        .collect();
    let cleaned = clean::clean(&body_text.join("\n"));
    let text = if meta.title.is_empty() {
        // A title line with nothing left after cleaning (`**`, a bare date):
        // the first line of the body stands for the title.
        meta.title = cleaned.lines().next().unwrap_or_default().to_string();
        cleaned
    } else if cleaned.is_empty() {
        meta.title.clone()
    } else {
        format!("{}\n{}", meta.title, cleaned)
    };
    SourceDoc {
        meta,
        original,
        text,
    }
}

fn iso(y: &str, m: &str, d: &str) -> String {
    format!(
        "{y}-{:02}-{:02}",
        m.parse::<u32>().unwrap_or(0),
        d.parse::<u32>().unwrap_or(0)
    )
}

/// A standalone document's title: its first line, plus the second if the
/// first is cut (no punctuation at its end, the second short, unnumbered and
/// without sentence punctuation). Returns the title and where the body starts.
fn standalone_title(lines: &[&str]) -> (String, usize) {
    // Lines with some text once cleaned (not a Markdown `<!-- … -->` alone).
    let nonblank: Vec<usize> = (0..lines.len())
        .filter(|&i| !lines[i].trim().is_empty() && !norm(lines[i]).is_empty())
        .take(2)
        .collect();
    let Some(&first) = nonblank.first() else {
        return (String::new(), lines.len());
    };
    let mut title = norm(lines[first]);
    let mut end = first + 1;
    if let Some(&second) = nonblank.get(1) {
        let next = norm(lines[second]);
        let wraps = !title.ends_with(['。', '：', '；', '）', '》'])
            && title.chars().count() >= 8
            && next.chars().count() <= 20
            && !clean::starts_numbered(&next)
            && !next.contains(['，', '。', '；', '：'])
            && !DOC_NUMBER.is_match(&next)
            && !URL.is_match(&next)
            && !DATE_LINE.is_match(&next)
            && !looks_like_org(&next)
            && ends_like_title(&next);
        if wraps {
            title.push_str(&next);
            end = second + 1;
        }
    }
    (title, end)
}

/// Does `s` end like the name of a policy document?
fn ends_like_title(s: &str) -> bool {
    const ENDS: &[&str] = &[
        "通知",
        "方案",
        "办法",
        "意见",
        "措施",
        "细则",
        "规定",
        "条例",
        "制度",
        "要点",
        "计划",
        "规划",
        "决定",
        "公告",
        "通告",
        "（试行）",
        "（暂行）",
        "稿）",
        "版）",
        "指引",
        "清单",
        "任务",
    ];
    ENDS.iter().any(|e| s.ends_with(e))
}

/// The issuer named at the start of a title (`X关于…`, `X印发…`).
fn issuer_from_title(title: &str) -> Option<String> {
    let head = match title.find("关于") {
        Some(p) => &title[..p],
        None => &title[..title.find("印发")?],
    };
    let head = head.trim().trim_end_matches("印发").trim();
    (looks_like_org(head) || head.ends_with("部门")).then(|| head.to_string())
}

/// Organisation lines just above a date line (indices into `normed`).
fn signature_before(normed: &[String], before: &[usize]) -> Option<String> {
    let mut parts: Vec<&str> = Vec::new();
    for &i in before.iter().rev().take(8) {
        let l = normed[i].as_str();
        let plain = l.chars().count() <= 40 && !l.contains(['，', '。', '；', '：', ':']);
        if !plain || DOC_NUMBER.is_match(l) || l.starts_with("特此") {
            break;
        }
        parts.push(l);
    }
    parts.reverse();
    // the line next to the date must end like an organisation
    if !parts.last().is_some_and(|l| looks_like_org(l)) {
        return None;
    }
    let mut out = String::new();
    for p in parts {
        if !out.is_empty() && looks_like_org(out.trim_end_matches("（代章）")) {
            out.push(' ');
        }
        out.push_str(p);
    }
    let out = out.replace("（代章）", "");
    (!out.is_empty()).then_some(out)
}

/// Bigram Dice similarity of two titles, ignoring spaces and quote marks.
fn similarity(a: &str, b: &str) -> f64 {
    let key = |s: &str| -> Vec<char> {
        s.chars()
            .filter(|c| !c.is_whitespace() && !"《》〈〉“”\"'‘’".contains(*c))
            .collect()
    };
    let (a, b) = (key(a), key(b));
    let bigrams =
        |v: &[char]| -> Vec<(char, char)> { v.windows(2).map(|w| (w[0], w[1])).collect() };
    let (ba, mut bb) = (bigrams(&a), bigrams(&b));
    if ba.is_empty() || bb.is_empty() {
        return if a == b { 1.0 } else { 0.0 };
    }
    let total = ba.len() + bb.len();
    let mut common = 0;
    for g in &ba {
        if let Some(p) = bb.iter().position(|x| x == g) {
            bb.swap_remove(p);
            common += 1;
        }
    }
    2.0 * common as f64 / total as f64
}

/// The first `《…》` of a line, nested brackets included.
fn first_book_title(line: &str) -> Option<String> {
    let start = line.find('《')?;
    let mut depth = 0;
    for (i, c) in line[start..].char_indices() {
        match c {
            '《' => depth += 1,
            '》' => {
                depth -= 1;
                if depth == 0 {
                    return Some(line[start + 3..start + i].to_string());
                }
            }
            _ => {}
        }
    }
    None
}

/// The body's own title, when it disagrees with the title line (see the
/// module doc). `after_sig` indexes `nonblank` just after the signature date.
fn disagreement(
    title: &str,
    normed: &[String],
    nonblank: &[usize],
    after_sig: usize,
) -> Option<String> {
    let announced = ANNOUNCED.captures(title)?[1].to_string();
    let announced = announced
        .trim_start_matches('《')
        .trim_end_matches('》')
        .to_string();
    let flat =
        |s: &str| -> String { s.chars().filter(|c| !"《》〈〉“”".contains(*c)).collect() };
    let body_flat: String = nonblank.iter().map(|&i| flat(&normed[i])).collect();
    if body_flat.contains(&flat(&announced)) {
        return None;
    }
    let cover = nonblank
        .iter()
        .take(8)
        .map(|&i| &normed[i])
        .find(|l| l.contains("印发") || l.contains("同意"))
        .and_then(|l| first_book_title(l));
    let inner = inner_title(normed, nonblank, after_sig);
    let candidates: Vec<&String> = inner.iter().chain(cover.iter()).collect();
    if candidates.is_empty() || candidates.iter().any(|c| similarity(&announced, c) >= 0.5) {
        return None;
    }
    inner.or(cover)
}

/// The plan title printed after the signature date (joined if it wraps).
fn inner_title(normed: &[String], nonblank: &[usize], after_sig: usize) -> Option<String> {
    if after_sig == 0 {
        return None;
    }
    let mut rest = nonblank[after_sig..]
        .iter()
        .map(|&i| normed[i].as_str())
        .skip_while(|l| l.starts_with('（') && l.ends_with('）'));
    let first = rest.next()?;
    let is_title_like = |l: &str| {
        l.chars().count() <= 60
            && !clean::starts_numbered(l)
            && !l.contains(['，', '。', '；', '：'])
    };
    if !is_title_like(first) {
        return None;
    }
    let mut t = first.to_string();
    if let Some(next) = rest.next() {
        if is_title_like(next) && next.chars().count() <= 30 && !ends_like_title(first) {
            t.push_str(next);
        }
    }
    Some(t)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn issuer_from_title_needs_an_organisation() {
        assert_eq!(
            issuer_from_title("广东省人民政府办公厅关于印发某方案的通知").as_deref(),
            Some("广东省人民政府办公厅")
        );
        assert_eq!(
            issuer_from_title("海南省人民政府办公厅印发关于深化改革若干措施的通知").as_deref(),
            Some("海南省人民政府办公厅")
        );
        assert_eq!(issuer_from_title("广东省推进招商引资若干政策措施"), None);
    }

    #[test]
    fn doc_numbers_in_all_bracket_styles() {
        for (s, want) in [
            ("粤办函（2023）41号", "粤办函〔2023〕41号"),
            ("深建质安[2023] 10号", "深建质安〔2023〕10号"),
            ("云商务(2023)32号", "云商务〔2023〕32号"),
            ("佛府办函〔2023〕75号", "佛府办函〔2023〕75号"),
        ] {
            let c = DOC_NUMBER.captures(s).unwrap();
            assert_eq!(format!("{}〔{}〕{}号", &c[1], &c[2], &c[3]), want);
        }
        assert!(!DOC_NUMBER.is_match("（2023）"));
    }

    #[test]
    fn similarity_of_titles() {
        assert!(
            similarity(
                "关于支持前海涉税服务业创新发展十八条措施",
                "关于支持前海涉税服务业创新发展的十八条措施"
            ) > 0.8
        );
        assert!(
            similarity(
                "2023年持续深化公共资源交易平台整合共享工作要点",
                "广西贯彻落实“十四五”市场监管现代化规划实施方案"
            ) < 0.3
        );
    }

    #[test]
    fn book_title_with_nested_brackets() {
        assert_eq!(
            first_book_title("《广西贯彻落实〈“十四五”规划〉实施方案》已经同意").as_deref(),
            Some("广西贯彻落实〈“十四五”规划〉实施方案")
        );
    }
}
