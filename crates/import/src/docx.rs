//! Read the text of a Word (.docx) file.
//!
//! Takes the bytes of a DOCX (a zip archive) and hands on its text, one
//! paragraph per line, for [`super::split`]. Paragraphs come from
//! `word/document.xml` in order, with their runs (`w:t`) concatenated;
//! deleted text (`w:delText`) is skipped and inserted text kept. A table's
//! cells come out as paragraphs of their own. Automatic numbering is
//! rendered from `word/numbering.xml` (`decimal`, `chineseCounting`,
//! enclosed circles, letters, roman numerals; `start` values and the level
//! text such as `（%1）` honoured), because Word keeps those labels out of
//! the text runs. Line breaks (`w:br`) start a new line; a non-breaking
//! hyphen is `-`.

use std::collections::HashMap;
use std::io::{Cursor, Read};

use crate::error::{Problem, Refusal};
use quick_xml::events::{BytesStart, Event};
use quick_xml::{Reader, XmlVersion};

/// Why a DOCX could not be read (turned into `Error::Unsupported` by the caller).
pub(crate) type DocxError = Refusal;

/// Biggest XML part read from the archive: a larger one is refused (a zip
/// bomb, or a document no one can read).
const MAX_PART_BYTES: u64 = 256 * 1024 * 1024;

/// Does the file start like a zip archive?
pub(crate) fn is_zip(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04")
}

/// The text of a DOCX file, refused once it passes `max_text` bytes.
pub(crate) fn docx_text(bytes: &[u8], max_text: usize) -> Result<String, DocxError> {
    docx_text_within(bytes, MAX_PART_BYTES, max_text)
}

/// [`docx_text`] reading parts of at most `limit` bytes each.
fn docx_text_within(bytes: &[u8], limit: u64, max_text: usize) -> Result<String, DocxError> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| format!("not a readable DOCX (zip) file: {e}"))?;
    let document = read_part(&mut zip, "word/document.xml", limit)?.ok_or_else(|| {
        Refusal::new(
            Problem::Unsupported,
            "a zip file without word/document.xml, not a Word document",
        )
    })?;
    let numbering = match read_part(&mut zip, "word/numbering.xml", limit)? {
        Some(xml) => Numbering::parse(&xml)?,
        None => Numbering::default(),
    };
    paragraphs(&document, numbering, max_text)
}

/// Read one XML part of the archive, refusing (never cutting) a part larger
/// than `limit`, whatever size the archive declares for it. Memory stays
/// within `limit` however far the part would expand (a zip bomb).
fn read_part(
    zip: &mut zip::ZipArchive<Cursor<&[u8]>>,
    name: &str,
    limit: u64,
) -> Result<Option<String>, DocxError> {
    let file = match zip.by_name(name) {
        Ok(f) => f,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(format!("cannot read {name} in the DOCX: {e}").into()),
    };
    let compressed = file.compressed_size();
    let too_large = |at_least: u64| {
        let mut msg = format!(
            "{name} in the DOCX is too large: it expands to {} MB (at most {} MB are read)",
            at_least.div_ceil(1 << 20),
            limit >> 20
        );
        if compressed > 0 && at_least / compressed >= 100 {
            msg.push_str(&format!(
                "; {} KB compressed {}-fold, which is what a zip bomb does",
                compressed.div_ceil(1024),
                at_least / compressed
            ));
        }
        Refusal::new(Problem::TooLarge, msg)
    };
    if file.size() > limit {
        return Err(too_large(file.size()));
    }
    // Room for the declared size (so reading does not double the buffer
    // past the limit); a part that lies about its size still stops at the limit.
    let declared = usize::try_from(file.size().min(limit)).unwrap_or(0);
    let mut buf = Vec::with_capacity(declared.saturating_add(1));
    file.take(limit + 1)
        .read_to_end(&mut buf)
        .map_err(|e| format!("cannot read {name} in the DOCX: {e}"))?;
    if buf.len() as u64 > limit {
        return Err(too_large(buf.len() as u64));
    }
    if let Some(at) = buf.iter().position(|&b| b == 0) {
        return Err(format!(
            "{name} in the DOCX holds binary data (a NUL byte at offset {at}), not XML"
        )
        .into());
    }
    String::from_utf8(buf).map(Some).map_err(|e| {
        format!(
            "{name} in the DOCX is not UTF-8 text (invalid byte at offset {})",
            e.utf8_error().valid_up_to()
        )
        .into()
    })
}

/// The `w:val` (or any `val`) attribute of an element.
fn val(e: &BytesStart<'_>) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == "val")
        .and_then(|a| {
            a.normalized_value(XmlVersion::default())
                .ok()
                .map(|v| v.into_owned())
        })
}

fn attr(e: &BytesStart<'_>, name: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == name)
        .and_then(|a| {
            a.normalized_value(XmlVersion::default())
                .ok()
                .map(|v| v.into_owned())
        })
}

/// One numbering level: first value, number format and label text (`%1.`).
#[derive(Debug, Clone)]
struct Level {
    start: u32,
    fmt: String,
    text: String,
}

/// Numbering definitions and the running counters (of a DOCX, or of a
/// binary Word document's lists: see [`crate::doc`]).
#[derive(Debug, Default)]
pub(crate) struct Numbering {
    /// abstractNumId → levels by ilvl
    abstract_levels: HashMap<String, HashMap<u32, Level>>,
    /// numId → abstractNumId
    nums: HashMap<String, String>,
    /// abstractNumId → counters by ilvl
    counters: HashMap<String, Vec<u32>>,
}

impl Numbering {
    /// Define level `ilvl` of the list `list` (an abstractNumId): its first
    /// value, number format (a `w:numFmt` value) and label text (`%1.`).
    pub(crate) fn add_level(&mut self, list: &str, ilvl: u32, start: u32, fmt: &str, text: &str) {
        let level = Level {
            start,
            fmt: fmt.into(),
            text: text.into(),
        };
        self.abstract_levels
            .entry(list.into())
            .or_default()
            .insert(ilvl, level);
    }

    /// Make `num_id` a numbering of the list `list` (sharing its counters).
    pub(crate) fn add_num(&mut self, num_id: &str, list: &str) {
        self.nums.insert(num_id.into(), list.into());
    }

    fn parse(xml: &str) -> Result<Self, DocxError> {
        let mut n = Numbering::default();
        let mut reader = Reader::from_str(xml);
        let mut abs: Option<String> = None;
        let mut lvl: Option<(u32, Level)> = None;
        let mut num: Option<String> = None;
        loop {
            let ev = reader
                .read_event()
                .map_err(|e| format!("broken numbering.xml in the DOCX: {e}"))?;
            match ev {
                Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref() {
                    "abstractNum" => abs = attr(&e, "abstractNumId"),
                    "lvl" => {
                        let ilvl = attr(&e, "ilvl").and_then(|v| v.parse().ok()).unwrap_or(0);
                        lvl = Some((
                            ilvl,
                            Level {
                                start: 1,
                                fmt: "decimal".into(),
                                text: format!("%{}.", ilvl + 1),
                            },
                        ));
                    }
                    "start" => {
                        if let Some((_, l)) = lvl.as_mut() {
                            l.start = val(&e).and_then(|v| v.parse().ok()).unwrap_or(1);
                        }
                    }
                    "numFmt" => {
                        if let (Some((_, l)), Some(v)) = (lvl.as_mut(), val(&e)) {
                            l.fmt = v;
                        }
                    }
                    "lvlText" => {
                        if let (Some((_, l)), Some(v)) = (lvl.as_mut(), val(&e)) {
                            l.text = v;
                        }
                    }
                    "num" => num = attr(&e, "numId"),
                    "abstractNumId" => {
                        if let (Some(id), Some(v)) = (num.as_ref(), val(&e)) {
                            n.nums.insert(id.clone(), v);
                        }
                    }
                    _ => {}
                },
                Event::End(e) => match e.local_name().as_ref() {
                    "lvl" => {
                        if let (Some(a), Some((i, l))) = (abs.as_ref(), lvl.take()) {
                            n.abstract_levels.entry(a.clone()).or_default().insert(i, l);
                        }
                    }
                    "abstractNum" => abs = None,
                    "num" => num = None,
                    _ => {}
                },
                Event::Eof => break,
                _ => {}
            }
        }
        Ok(n)
    }

    /// Advance the counter of (numId, ilvl) and render its label. Levels
    /// are 0 to 8 (a hostile level number is not a reason to count to it).
    pub(crate) fn label(&mut self, num_id: &str, ilvl: u32) -> Option<String> {
        if ilvl > 8 {
            return None;
        }
        let abs = self.nums.get(num_id)?.clone();
        let levels = self.abstract_levels.get(&abs)?;
        let level = levels.get(&ilvl)?;
        if level.fmt == "bullet" || level.fmt == "none" {
            return None;
        }
        let counters = self.counters.entry(abs.clone()).or_default();
        let depth = ilvl as usize + 1;
        if counters.len() < depth {
            counters.resize(depth, 0);
        }
        for (i, c) in counters.iter_mut().enumerate().take(depth) {
            if *c == 0 {
                *c = levels
                    .get(&(i as u32))
                    .map_or(1, |l| l.start)
                    .saturating_sub(1);
                if i + 1 < depth {
                    *c = c.saturating_add(1);
                }
            }
        }
        counters[depth - 1] = counters[depth - 1].saturating_add(1);
        counters.truncate(depth);
        let mut text = level.text.clone();
        for i in (0..depth).rev() {
            let fmt = levels
                .get(&(i as u32))
                .map_or("decimal", |l| l.fmt.as_str());
            text = text.replace(&format!("%{}", i + 1), &render(counters[i], fmt));
        }
        Some(text)
    }
}

/// Write `n` in a Word number format.
fn render(n: u32, fmt: &str) -> String {
    match fmt {
        "chineseCounting"
        | "chineseCountingThousand"
        | "chineseLegalSimplified"
        | "ideographTraditional"
        | "taiwaneseCounting"
        | "taiwaneseCountingThousand"
        | "japaneseCounting" => chinese_number(n),
        "decimalEnclosedCircle" | "decimalEnclosedCircleChinese" if (1..=20).contains(&n) => {
            char::from_u32(0x245F + n).map_or(n.to_string(), String::from)
        }
        "lowerLetter" | "upperLetter" => {
            let base = if fmt == "lowerLetter" { b'a' } else { b'A' };
            let c = char::from(base + ((n.max(1) - 1) % 26) as u8);
            c.to_string().repeat(((n.max(1) - 1) / 26 + 1) as usize)
        }
        "lowerRoman" => roman(n).to_lowercase(),
        "upperRoman" => roman(n),
        "decimalFullWidth" => n
            .to_string()
            .chars()
            .map(|c| char::from_u32(c as u32 - '0' as u32 + '０' as u32).unwrap_or(c))
            .collect(),
        _ => n.to_string(),
    }
}

/// 1 → 一, 10 → 十, 21 → 二十一, 105 → 一百零五 (up to 9999).
pub(crate) fn chinese_number(n: u32) -> String {
    const D: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    if n == 0 {
        return D[0].into();
    }
    if n >= 10_000 {
        return n.to_string();
    }
    let digits = [n / 1000, n / 100 % 10, n / 10 % 10, n % 10];
    let units = ["千", "百", "十", ""];
    let mut out = String::new();
    let mut zero = false;
    for (i, &d) in digits.iter().enumerate() {
        if d == 0 {
            zero = !out.is_empty();
            continue;
        }
        if zero {
            out.push_str(D[0]);
            zero = false;
        }
        if !(d == 1 && i == 2 && out.is_empty()) {
            out.push_str(D[d as usize]);
        }
        out.push_str(units[i]);
    }
    out
}

fn roman(mut n: u32) -> String {
    const R: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut s = String::new();
    for (v, r) in R {
        while n >= v {
            s.push_str(r);
            n -= v;
        }
    }
    s
}

/// Walk document.xml and write one line per paragraph; stop, refusing the
/// document, as soon as the text passes `max_text` bytes.
fn paragraphs(xml: &str, mut numbering: Numbering, max_text: usize) -> Result<String, DocxError> {
    let mut reader = Reader::from_str(xml);
    let mut out = String::with_capacity((xml.len() / 4).min(max_text));
    let mut para = String::new();
    let mut in_text = false;
    let mut num: (Option<String>, u32) = (None, 0);
    loop {
        let ev = reader
            .read_event()
            .map_err(|e| format!("broken document.xml in the DOCX: {e}"))?;
        match ev {
            Event::Start(e) => match e.local_name().as_ref() {
                "p" => {
                    para.clear();
                    num = (None, 0);
                }
                "t" => in_text = true,
                _ => {}
            },
            Event::Empty(e) => match e.local_name().as_ref() {
                "numId" => num.0 = val(&e).filter(|v| v != "0"),
                "ilvl" => num.1 = val(&e).and_then(|v| v.parse().ok()).unwrap_or(0),
                "br" | "cr" => para.push('\n'),
                // As the binary Word reader writes it (its 0x1E).
                "noBreakHyphen" => para.push('-'),
                "tab" if !para.is_empty() => para.push(' '),
                "p" => out.push('\n'),
                _ => {}
            },
            Event::Text(t) if in_text => para.push_str(&t.xml10_content()),
            Event::GeneralRef(r) if in_text => {
                if let Ok(Some(c)) = r.resolve_char_ref() {
                    para.push(c);
                } else {
                    let name = r.xml10_content();
                    para.push_str(match name.as_ref() {
                        "lt" => "<",
                        "gt" => ">",
                        "amp" => "&",
                        "quot" => "\"",
                        "apos" => "'",
                        _ => "",
                    });
                }
            }
            Event::End(e) => match e.local_name().as_ref() {
                "t" => in_text = false,
                "p" => {
                    if let Some(id) = num.0.take() {
                        if let Some(label) = numbering.label(&id, num.1) {
                            para.insert_str(0, &label);
                        }
                    }
                    out.push_str(&para);
                    out.push('\n');
                    para.clear();
                }
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
        if out.len() + para.len() > max_text {
            return Err(Refusal::new(
                Problem::TooLarge,
                crate::text_too_large(max_text as u64, true, max_text),
            ));
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_numbers() {
        let got: Vec<String> = [1, 10, 11, 20, 21, 100, 105, 110]
            .map(chinese_number)
            .to_vec();
        assert_eq!(
            got,
            [
                "一",
                "十",
                "十一",
                "二十",
                "二十一",
                "一百",
                "一百零五",
                "一百一十"
            ]
        );
    }

    #[test]
    fn labels_from_numbering() {
        let xml = r#"<w:numbering xmlns:w="x">
          <w:abstractNum w:abstractNumId="3">
            <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%1）"/></w:lvl>
            <w:lvl w:ilvl="1"><w:start w:val="6"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2."/></w:lvl>
          </w:abstractNum>
          <w:num w:numId="2"><w:abstractNumId w:val="3"/></w:num>
        </w:numbering>"#;
        let mut n = Numbering::parse(xml).unwrap();
        assert_eq!(n.label("2", 0).as_deref(), Some("（一）"));
        assert_eq!(n.label("2", 1).as_deref(), Some("6."));
        assert_eq!(n.label("2", 1).as_deref(), Some("7."));
        assert_eq!(n.label("2", 0).as_deref(), Some("（二）"));
        assert_eq!(n.label("2", 1).as_deref(), Some("6."));
        assert_eq!(n.label("9", 0), None);
    }

    #[test]
    fn hostile_levels_and_starts_neither_allocate_nor_overflow() {
        let xml = r#"<w:numbering xmlns:w="x">
          <w:abstractNum w:abstractNumId="1">
            <w:lvl w:ilvl="0"><w:start w:val="4294967295"/><w:numFmt w:val="taiwaneseCountingThousand"/><w:lvlText w:val="%1"/></w:lvl>
            <w:lvl w:ilvl="4000000000"><w:numFmt w:val="decimal"/></w:lvl>
          </w:abstractNum>
          <w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>
        </w:numbering>"#;
        let mut n = Numbering::parse(xml).unwrap();
        // A level past 8 is not counted to (4 billion counters before).
        assert_eq!(n.label("1", 4_000_000_000), None);
        // Counting on from the largest start stays there (it overflowed).
        assert_eq!(n.label("1", 0).as_deref(), Some("4294967295"));
        assert_eq!(n.label("1", 0).as_deref(), Some("4294967295"));
        let mut n = Numbering::default();
        n.add_level("7", 0, 12, "taiwaneseCountingThousand", "第%1条");
        n.add_num("3", "7");
        assert_eq!(n.label("3", 0).as_deref(), Some("第十二条"));
    }

    /// A DOCX holding one part, deflated.
    fn docx_with(name: &str, content: &[u8]) -> Vec<u8> {
        use std::io::Write;
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .large_file(content.len() as u64 >= u32::MAX as u64);
        zip.start_file(name, opts).unwrap();
        zip.write_all(content).unwrap();
        zip.finish().unwrap().into_inner()
    }

    const XML_HEAD: &str = r#"<w:document xmlns:w="x"><w:body><w:p><w:r><w:t>"#;
    const XML_TAIL: &str = r#"</w:t></w:r></w:p></w:body></w:document>"#;

    #[test]
    fn a_part_over_the_limit_is_refused_not_cut() {
        // Whitespace, then a clause past the limit: refused, naming the part.
        let mut xml = String::from(XML_HEAD);
        xml.push_str(&" ".repeat(3 << 20));
        xml.push_str("第五条 超出部分的条文。");
        xml.push_str(XML_TAIL);
        let err = docx_text_within(
            &docx_with("word/document.xml", xml.as_bytes()),
            1 << 20,
            1 << 20,
        )
        .unwrap_err()
        .reason;
        assert!(
            err.starts_with("word/document.xml in the DOCX is too large: it expands to 4 MB (at most 1 MB are read)"),
            "{err}"
        );
        assert!(err.contains("zip bomb"), "highly compressed: {err}");
        // Under the limit it reads whole, the clause included.
        let text = docx_text_within(
            &docx_with("word/document.xml", xml.as_bytes()),
            8 << 20,
            8 << 20,
        )
        .unwrap();
        assert!(text.trim().ends_with("第五条 超出部分的条文。"), "{text:?}");
    }

    #[test]
    fn reading_stops_once_the_text_passes_its_limit() {
        // 4 MB of paragraphs of text (a small, highly compressed DOCX):
        // refused with a 1 MB text limit though the XML part is within its own.
        let rep = "<w:p><w:r><w:t>第一条 为了规范管理，制定本办法。</w:t></w:r></w:p>";
        let body = rep.repeat((4 << 20) / rep.len());
        let xml = format!(r#"<w:document xmlns:w="x"><w:body>{body}</w:body></w:document>"#);
        let docx = docx_with("word/document.xml", xml.as_bytes());
        let err = docx_text_within(&docx, 8 << 20, 1 << 20)
            .unwrap_err()
            .reason;
        assert!(
            err.starts_with("its text is too large (more than 1 MB once extracted; at most"),
            "{err}"
        );
        // One paragraph with no end is stopped as well.
        let one = format!("{XML_HEAD}{}{XML_TAIL}", "条文".repeat(1 << 20));
        let err = docx_text_within(
            &docx_with("word/document.xml", one.as_bytes()),
            8 << 20,
            1 << 20,
        )
        .unwrap_err()
        .reason;
        assert!(err.starts_with("its text is too large"), "{err}");
        // Within the limit the text is whole.
        let text = docx_text_within(&docx, 8 << 20, 8 << 20).unwrap();
        assert_eq!(text.lines().count(), (4 << 20) / rep.len());
    }

    #[test]
    fn a_numbering_part_over_the_limit_is_named() {
        use std::io::Write;
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let opts = zip::write::SimpleFileOptions::default();
        zip.start_file("word/document.xml", opts).unwrap();
        zip.write_all(format!("{XML_HEAD}正文{XML_TAIL}").as_bytes())
            .unwrap();
        zip.start_file("word/numbering.xml", opts).unwrap();
        zip.write_all(&vec![b' '; 2 << 20]).unwrap();
        let bytes = zip.finish().unwrap().into_inner();
        let err = docx_text_within(&bytes, 1 << 20, 1 << 20)
            .unwrap_err()
            .reason;
        assert!(
            err.starts_with("word/numbering.xml in the DOCX is too large"),
            "{err}"
        );
    }

    #[test]
    fn zeros_and_bad_bytes_are_named_for_what_they_are() {
        let zeros = docx_with("word/document.xml", &vec![0u8; 1 << 20]);
        let err = docx_text_within(&zeros, 8 << 20, 8 << 20)
            .unwrap_err()
            .reason;
        assert_eq!(
            err,
            "word/document.xml in the DOCX holds binary data (a NUL byte at offset 0), not XML"
        );
        let mut bad = format!("{XML_HEAD}正文").into_bytes();
        let at = bad.len();
        bad.extend_from_slice(b"\xff\xfe");
        bad.extend_from_slice(XML_TAIL.as_bytes());
        let err = docx_text_within(&docx_with("word/document.xml", &bad), 8 << 20, 8 << 20)
            .unwrap_err()
            .reason;
        assert_eq!(
            err,
            format!(
                "word/document.xml in the DOCX is not UTF-8 text (invalid byte at offset {at})"
            )
        );
    }
}
