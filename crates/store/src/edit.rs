//! Editing a stored document's metadata: the checks and the changed
//! metadata every backend applies alike ([`apply`]), before it writes the
//! row and the document's citation keys in one transaction.

use policydiff_model::{DocMeta, ListFilter, MetaEdit};

use crate::error::{Error, Result};

/// `meta` with `edit` applied, checked: each given text trimmed (blank
/// clears the field), the title not blank, the date a real `YYYY-MM-DD`,
/// the 文号's year brackets as `〔〕` and its spaces removed, no control,
/// bidirectional or invisible characters anywhere. [`Error::InvalidMeta`]
/// names the first field that fails; nothing is changed then.
pub fn apply(meta: &DocMeta, edit: &MetaEdit) -> Result<DocMeta> {
    let mut out = meta.clone();
    let text = |field: &'static str, value: &str| -> Result<Option<String>> {
        if let Some(c) = value.chars().find(|&c| is_hidden(c)) {
            return Err(Error::InvalidMeta {
                field,
                reason: format!("it contains the invisible character U+{:04X}", c as u32),
            });
        }
        let v = value.trim();
        Ok((!v.is_empty()).then(|| v.to_string()))
    };
    if let Some(title) = &edit.title {
        out.title = text("title", title)?.ok_or(Error::InvalidMeta {
            field: "title",
            reason: "a document needs a title".into(),
        })?;
    }
    if let Some(v) = &edit.issuer {
        out.issuer = text("issuer", v)?;
    }
    if let Some(v) = &edit.date {
        out.date = text("date", v)?;
        if let Some(d) = &out.date {
            check_date(d)?;
        }
    }
    if let Some(v) = &edit.doc_number {
        out.doc_number = text("doc_number", v)?.map(|n| ListFilter::doc_number_key(&n));
    }
    if let Some(v) = &edit.province {
        out.province = text("province", v)?;
    }
    if let Some(v) = &edit.city {
        out.city = text("city", v)?;
    }
    if let Some(level) = edit.level {
        out.level = level;
    }
    if let Some(v) = &edit.source_url {
        out.source_url = text("source_url", v)?;
    }
    Ok(out)
}

/// `date` is a calendar date written `YYYY-MM-DD` (years 1000–9999).
fn check_date(date: &str) -> Result<()> {
    let bad = || Error::InvalidMeta {
        field: "date",
        reason: format!("{date:?} is not a date written YYYY-MM-DD (e.g. 2023-05-10)"),
    };
    let b = date.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return Err(bad());
    }
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        let s = &date[r];
        s.bytes()
            .all(|c| c.is_ascii_digit())
            .then(|| s.parse().ok())?
    };
    let (Some(y), Some(m), Some(d)) = (num(0..4), num(5..7), num(8..10)) else {
        return Err(bad());
    };
    let leap = y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return Err(bad()),
    };
    if y < 1000 || d == 0 || d > days {
        return Err(bad());
    }
    Ok(())
}

/// Control, bidirectional and invisible characters (what import removes
/// from a text): a tab or line break in a title is refused too.
fn is_hidden(c: char) -> bool {
    c.is_control()
        || matches!(c,
            '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2069}'
            | '\u{061C}' | '\u{FEFF}' | '\u{00AD}')
}

#[cfg(test)]
mod tests {
    use super::*;
    use policydiff_model::Level;

    fn meta() -> DocMeta {
        DocMeta {
            title: "旧标题".into(),
            issuer: Some("某办公厅".into()),
            date: Some("2020-01-01".into()),
            ..DocMeta::default()
        }
    }

    #[test]
    fn only_given_fields_change_and_blank_clears() {
        let edit = MetaEdit {
            title: Some("  新标题 ".into()),
            issuer: Some(" ".into()),
            doc_number: Some("粤办函 (2023) 41号".into()),
            level: Some(Level::City),
            ..MetaEdit::default()
        };
        let out = apply(&meta(), &edit).unwrap();
        assert_eq!(out.title, "新标题");
        assert_eq!(out.issuer, None);
        assert_eq!(out.date.as_deref(), Some("2020-01-01"));
        assert_eq!(out.doc_number.as_deref(), Some("粤办函〔2023〕41号"));
        assert_eq!(out.level, Level::City);
    }

    #[test]
    fn bad_values_are_refused_by_field() {
        let field = |edit: MetaEdit| match apply(&meta(), &edit) {
            Err(Error::InvalidMeta { field, .. }) => field,
            other => panic!("{other:?}"),
        };
        let date = |d: &str| MetaEdit {
            date: Some(d.into()),
            ..MetaEdit::default()
        };
        for d in [
            "2023-02-29",
            "2023-13-01",
            "2023/05/10",
            "23-05-10",
            "2023-5-10",
            "２０２３-05-10",
        ] {
            assert_eq!(field(date(d)), "date", "{d}");
        }
        assert!(apply(&meta(), &date("2024-02-29")).is_ok());
        assert!(apply(&meta(), &date("")).unwrap().date.is_none());
        let title = MetaEdit {
            title: Some(" \u{3000}".into()),
            ..MetaEdit::default()
        };
        assert_eq!(field(title), "title");
        let bidi = MetaEdit {
            issuer: Some("某\u{202E}厅".into()),
            ..MetaEdit::default()
        };
        assert_eq!(field(bidi), "issuer");
    }
}
