//! Short names of documents where a full title does not fit: the coverage
//! matrix's column heads.
//!
//! A document is named by where it comes from (`佛山`); two columns from the
//! same place are told apart by their subjects (`海南 · 专利奖评奖办法`,
//! `海南 · 营商环境制度集成创新…`), not only by their column numbers.

use std::collections::HashMap;

use policydiff_model::DocMeta;

/// Characters of a subject kept in a name (more are cut with `…`).
const SUBJECT_CHARS: usize = 10;

/// Characters of a title kept when a document has no place or issuer.
const TITLE_CHARS: usize = 8;

/// Each document's short name, in order: its city, else its province, else
/// its issuer, else its title's opening; a name two or more documents
/// would share gets each one's subject ([`subject`]) added, cut at
/// [`SUBJECT_CHARS`] or, where that still leaves two names alike, at the
/// first character that tells them apart; documents whose subjects are the
/// same get their 文号 (else their date) added.
pub(crate) fn column_names(docs: &[&DocMeta]) -> Vec<String> {
    let bases: Vec<String> = docs.iter().map(|m| place(m)).collect();
    let subjects: Vec<Vec<char>> = docs.iter().map(|m| subject(m).chars().collect()).collect();
    let mut count: HashMap<&str, usize> = HashMap::new();
    for b in &bases {
        *count.entry(b.as_str()).or_default() += 1;
    }
    (0..docs.len())
        .map(|i| {
            let (base, subject) = (&bases[i], &subjects[i]);
            if count[base.as_str()] < 2
                || subject.is_empty()
                || subject.iter().copied().eq(base.chars())
            {
                return base.clone();
            }
            // Characters of the subject needed to differ from every other subject of this place.
            let mut needed = SUBJECT_CHARS;
            let mut twin = false;
            for j in (0..docs.len()).filter(|&j| j != i && bases[j] == *base) {
                let common = subject
                    .iter()
                    .zip(&subjects[j])
                    .take_while(|(a, b)| a == b)
                    .count();
                if common >= subject.len() {
                    twin = true;
                } else {
                    needed = needed.max(common + 1);
                }
            }
            let shown: String = subject.iter().take(needed).collect();
            let cut = if subject.len() > needed { "…" } else { "" };
            let tell = if twin { distinction(docs[i]) } else { None };
            match tell {
                Some(t) => format!("{base} · {shown}{cut} · {t}"),
                None => format!("{base} · {shown}{cut}"),
            }
        })
        .collect()
}

/// What tells apart two documents of one place on one subject: the 文号,
/// else the date.
fn distinction(m: &DocMeta) -> Option<String> {
    [&m.doc_number, &m.date]
        .into_iter()
        .flatten()
        .map(|s| s.trim())
        .find(|s| !s.is_empty())
        .map(str::to_string)
}

/// Where a document comes from: city, province, issuer or the title's opening.
fn place(m: &DocMeta) -> String {
    [&m.city, &m.province, &m.issuer]
        .into_iter()
        .flatten()
        .map(|s| s.trim())
        .find(|s| !s.is_empty())
        .map(str::to_string)
        .unwrap_or_else(|| squash(&m.title).chars().take(TITLE_CHARS).collect())
}

/// What a document is about, from its title: the name inside 《》 when the
/// title forwards another document (`关于印发《…》的通知`), else the words
/// after `关于` without `的通知`; then without its place and year at the start
/// (`海南省2023年营商环境…` → `营商环境…`); whole (the caller cuts it).
fn subject(m: &DocMeta) -> String {
    let title = squash(&m.title);
    let mut s: &str = match (title.find('《'), title.find('》')) {
        (Some(a), Some(b)) if a < b => &title[a + '《'.len_utf8()..b],
        _ => {
            let after = title
                .rfind("关于")
                .map_or(&title[..], |i| &title[i + "关于".len()..]);
            let after = after.strip_prefix("印发").unwrap_or(after);
            ["的通知", "的通告", "的公告"]
                .iter()
                .find_map(|end| after.strip_suffix(end))
                .unwrap_or(after)
        }
    };
    let places: Vec<String> = [&m.province, &m.city]
        .into_iter()
        .flatten()
        .flat_map(|p| [format!("{p}省"), format!("{p}市"), p.clone()])
        .filter(|p| !p.is_empty())
        .collect();
    loop {
        let before = s.len();
        for p in &places {
            s = s.strip_prefix(p.as_str()).unwrap_or(s);
        }
        s = strip_year(s);
        if s.len() == before {
            break;
        }
    }
    s.to_string()
}

/// `s` without a leading year (`2023年`).
fn strip_year(s: &str) -> &str {
    let digits = s.chars().take_while(char::is_ascii_digit).count();
    match s[digits..].strip_prefix('年') {
        Some(rest) if digits == 4 => rest,
        _ => s,
    }
}

/// The title without whitespace (titles broken over lines keep spaces).
fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta(title: &str, province: &str, city: Option<&str>) -> DocMeta {
        DocMeta {
            title: title.into(),
            province: Some(province.into()),
            city: city.map(Into::into),
            ..DocMeta::default()
        }
    }

    #[test]
    fn columns_from_one_place_are_told_apart_by_subject() {
        let fs = meta(
            "佛山市人民政府办公室关于印发佛山市进一步强化市场主体诉求响应服务工作方案的通知",
            "广东",
            Some("佛山"),
        );
        let patent = meta(
            "海南省知识产权局关于印发《海南省专利奖评奖办法》的通知",
            "海南",
            None,
        );
        let tasks = meta("海南省2023年营商环境制度集成创新重点任务", "海南", None);
        let hz = meta(
            "惠州市财政局关于进一步优化政府采购营商环境的通知",
            "广东",
            Some("惠州"),
        );
        let sz = meta(
            "深圳市财政局关于进一步优化政府采购营商环境的通知",
            "广东",
            Some("深圳"),
        );
        assert_eq!(
            column_names(&[&fs, &patent, &tasks, &hz]),
            [
                "佛山",
                "海南 · 专利奖评奖办法",
                "海南 · 营商环境制度集成创新…",
                "惠州"
            ]
        );
        // Two documents of one city: the words after 关于, without 的通知.
        let hz2 = meta(
            "惠州市人民政府关于印发惠州市优化营商环境三年行动方案的通知",
            "广东",
            Some("惠州"),
        );
        assert_eq!(
            column_names(&[&hz, &hz2, &sz]),
            [
                "惠州 · 进一步优化政府采购营…",
                "惠州 · 优化营商环境三年行动…",
                "深圳"
            ]
        );
    }

    #[test]
    fn subjects_alike_in_their_first_words_are_cut_where_they_differ() {
        let a = meta(
            "广西壮族自治区人民政府办公厅关于持续深化公共资源交易平台整合共享的通知",
            "广西",
            None,
        );
        let b = meta(
            "广西壮族自治区发展改革委关于持续深化公共资源交易领域营商环境建设的通知",
            "广西",
            None,
        );
        let names = column_names(&[&a, &b]);
        assert_eq!(
            names,
            [
                "广西 · 持续深化公共资源交易平…",
                "广西 · 持续深化公共资源交易领…"
            ]
        );
        // One subject twice: the 文号 (or the date) tells them apart.
        let mut c = b.clone();
        c.doc_number = Some("桂发改〔2023〕9号".into());
        let mut d = b.clone();
        d.date = Some("2023-08-01".into());
        let names = column_names(&[&c, &d]);
        assert_eq!(names[0], "广西 · 持续深化公共资源交易… · 桂发改〔2023〕9号");
        assert_eq!(names[1], "广西 · 持续深化公共资源交易… · 2023-08-01");
    }

    #[test]
    fn a_document_without_place_or_issuer_is_named_by_its_title() {
        let bare = DocMeta {
            title: "关于 进一步优化营商环境的若干措施".into(),
            ..DocMeta::default()
        };
        assert_eq!(column_names(&[&bare]), ["关于进一步优化营"]);
    }
}
