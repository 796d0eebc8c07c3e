//! Read the text of an old binary Word document (.doc, Word 97–2003; the
//! .wps files WPS Office writes are the same format).
//!
//! Takes the bytes of the file (an OLE compound file, read with `cfb`) and
//! hands on its text, one paragraph per line, for [`super::split`], as the
//! DOCX reader does. The text is found as [MS-DOC] lays it out: the file
//! information block (FIB) at the start of the `WordDocument` stream says
//! which table stream (`0Table` or `1Table`) holds the piece table (the CLX)
//! and how many characters the main document has (`ccpText`); the piece
//! table maps those characters to runs of the `WordDocument` stream, each
//! either UTF-16LE or 8-bit (Windows-1252).
//!
//! Only the main document (characters `0..ccpText`) is read: footnotes,
//! endnotes, comments, headers, footers and text boxes follow it and are left
//! out, as the DOCX reader leaves out their parts. Within it, a field keeps its
//! result and loses its instructions (`0x13` begin, `0x14` separator, `0x15`
//! end, nested). Paragraph marks, table cell and row marks, page, section,
//! column and line breaks end a line (a table's cells come out as paragraphs
//! of their own); a tab is a space, a non-breaking hyphen `-`; soft hyphens,
//! object anchors and note or comment references are dropped.
//!
//! Every offset and length read from the file is checked against the size of
//! the stream it points into: a damaged or hostile file gets a reason, never a
//! panic or an allocation larger than the file. An encrypted document and an
//! OLE file that is not a Word document (a workbook, a message) are refused
//! saying so. Word 6.0/95 files (another layout) are refused as well.
//!
//! Word's automatic numbering (labels such as `第一条` or `（一）` that are not
//! in the text) is rendered as the DOCX reader renders it ([`numbering`]).

use std::io::{Cursor, Read};

use crate::error::{Problem, Refusal};

mod numbering;

/// Why a Word document could not be read (turned into `Error::Unsupported`
/// by the caller).
pub(crate) type DocError = Refusal;

/// The first bytes of an OLE compound file (the container of .doc, .xls, .msg …).
const OLE_MAGIC: [u8; 4] = [0xD0, 0xCF, 0x11, 0xE0];

/// `wIdent` of a Word file information block.
const W_IDENT: u16 = 0xA5EC;

/// Lowest `nFib` of the Word 97 layout; Word 6.0 and 95 wrote 101–105.
const NFIB_WORD97: u16 = 0x00C0;

/// Does the file start like an OLE compound file?
pub(crate) fn is_ole(bytes: &[u8]) -> bool {
    bytes.starts_with(&OLE_MAGIC)
}

/// A reason for a file whose structure contradicts itself.
fn damaged(what: &str) -> DocError {
    format!("the Word document is damaged ({what})").into()
}

/// The text of a binary Word document, refused once it passes `max_text` bytes.
pub(crate) fn doc_text(bytes: &[u8], max_text: usize) -> Result<String, DocError> {
    let mut ole = cfb::CompoundFile::open(Cursor::new(bytes)).map_err(|e| {
        format!("not a readable Word (.doc) or other Office 97–2003 file: its container is damaged ({e})")
    })?;
    if !ole.is_stream("/WordDocument") {
        return Err(not_word(&ole));
    }
    let word = read_stream(&mut ole, "WordDocument", bytes.len())?;
    let fib = Fib::parse(&word)?;
    let table_name = if fib.table_1 { "1Table" } else { "0Table" };
    if !ole.is_stream(format!("/{table_name}")) {
        return Err(damaged(&format!("its {table_name} stream is missing")));
    }
    let table = read_stream(&mut ole, table_name, bytes.len())?;
    main_text(&word, &table, &fib, max_text)
}

/// Why an OLE file without a `WordDocument` stream is refused: what it is,
/// as far as its streams tell.
fn not_word<F: Read + std::io::Seek>(ole: &cfb::CompoundFile<F>) -> DocError {
    let has = |name: &str| ole.exists(name);
    if has("/EncryptionInfo") && has("/EncryptedPackage") {
        return Refusal::new(
            Problem::Protected,
            "it is a password-protected (encrypted) Office document; save an unprotected copy",
        );
    }
    let what = if has("/Workbook") || has("/Book") {
        "an Excel workbook (.xls, .et)"
    } else if has("/PowerPoint Document") {
        "a PowerPoint presentation (.ppt, .dps)"
    } else if has("/__properties_version1.0")
        || ole
            .read_root_storage()
            .any(|e| e.name().starts_with("__substg1.0_"))
    {
        "an Outlook message (.msg)"
    } else if has("/VisioDocument") {
        "a Visio drawing"
    } else {
        "an Office 97–2003 (OLE) file of another kind"
    };
    Refusal::new(
        Problem::Unsupported,
        format!("it is {what}, not a Word document (it has no WordDocument stream)"),
    )
}

/// The whole of one stream, which cannot be larger than the file holding it.
fn read_stream<F: Read + std::io::Seek>(
    ole: &mut cfb::CompoundFile<F>,
    name: &str,
    file_len: usize,
) -> Result<Vec<u8>, DocError> {
    let stream = ole
        .open_stream(format!("/{name}"))
        .map_err(|e| damaged(&format!("cannot open its {name} stream: {e}")))?;
    let len = stream.len();
    if len > file_len as u64 {
        return Err(damaged(&format!(
            "its {name} stream claims {len} bytes, more than the whole file"
        )));
    }
    let mut buf = Vec::with_capacity(len as usize);
    stream
        .take(len)
        .read_to_end(&mut buf)
        .map_err(|e| damaged(&format!("cannot read its {name} stream: {e}")))?;
    if (buf.len() as u64) < len {
        return Err(damaged(&format!("its {name} stream is cut short")));
    }
    Ok(buf)
}

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(
        b.get(at..at.checked_add(2)?)?.try_into().ok()?,
    ))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(
        b.get(at..at.checked_add(4)?)?.try_into().ok()?,
    ))
}

/// What is needed from the file information block.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Fib {
    /// `fWhichTblStm`: the table stream is `1Table` (else `0Table`).
    table_1: bool,
    /// Characters of the main document.
    ccp_text: u32,
    /// Where the CLX (piece table) is in the table stream, and its size.
    fc_clx: u32,
    lcb_clx: u32,
    /// Where FibRgFcLcb starts in the WordDocument stream, and its count of
    /// (offset, size) pairs.
    rg_fc_lcb: usize,
    fc_lcb_pairs: usize,
}

/// Byte offsets in the FIB ([MS-DOC] 2.5.1–2.5.2).
mod fib {
    pub const N_FIB: usize = 0x02;
    pub const FLAGS: usize = 0x0A;
    pub const F_ENCRYPTED: u16 = 0x0100;
    pub const F_WHICH_TBL_STM: u16 = 0x0200;
    /// `csw`, the count of 16-bit values that follow (FibRgW97), after
    /// the 32-byte FibBase.
    pub const CSW: usize = 0x20;
    /// `ccpText` is the fourth 32-bit value of FibRgLw97.
    pub const CCP_TEXT_IN_RG_LW: usize = 3;
    /// `fcClx`/`lcbClx` are the 34th pair of FibRgFcLcb97.
    pub const CLX_IN_RG_FC_LCB: usize = 33;
}

impl Fib {
    fn parse(word: &[u8]) -> Result<Fib, DocError> {
        let short = || damaged("its file information block is cut short");
        if u16_at(word, 0).ok_or_else(short)? != W_IDENT {
            return Err(damaged(
                "its WordDocument stream has no Word file information block",
            ));
        }
        let flags = u16_at(word, fib::FLAGS).ok_or_else(short)?;
        if flags & fib::F_ENCRYPTED != 0 {
            return Err(Refusal::new(
                Problem::Protected,
                "the Word document is password-protected (encrypted); save an unprotected copy",
            ));
        }
        let n_fib = u16_at(word, fib::N_FIB).ok_or_else(short)?;
        if n_fib < NFIB_WORD97 {
            return Err(Refusal::new(
                Problem::Unsupported,
                "it is a Word 6.0/95 document, a format older than Word 97 that is not read; \
                 save it as DOCX",
            ));
        }
        // FibBase, csw, FibRgW97, cslw, FibRgLw97, cbRgFcLcb, FibRgFcLcb.
        let csw = usize::from(u16_at(word, fib::CSW).ok_or_else(short)?);
        let cslw_at = fib::CSW + 2 + csw * 2;
        let cslw = usize::from(u16_at(word, cslw_at).ok_or_else(short)?);
        let rg_lw = cslw_at + 2;
        let cb_at = rg_lw + cslw * 4;
        let pairs = usize::from(u16_at(word, cb_at).ok_or_else(short)?);
        let rg_fc_lcb = cb_at + 2;
        if cslw <= fib::CCP_TEXT_IN_RG_LW || pairs <= fib::CLX_IN_RG_FC_LCB {
            return Err(damaged(
                "its file information block is too short for Word 97",
            ));
        }
        let ccp_text = u32_at(word, rg_lw + fib::CCP_TEXT_IN_RG_LW * 4).ok_or_else(short)?;
        let clx = rg_fc_lcb + fib::CLX_IN_RG_FC_LCB * 8;
        let fc_clx = u32_at(word, clx).ok_or_else(short)?;
        let lcb_clx = u32_at(word, clx + 4).ok_or_else(short)?;
        if ccp_text > i32::MAX as u32 {
            return Err(damaged("its text length is negative"));
        }
        Ok(Fib {
            table_1: flags & fib::F_WHICH_TBL_STM != 0,
            ccp_text,
            fc_clx,
            lcb_clx,
            rg_fc_lcb,
            fc_lcb_pairs: pairs,
        })
    }
}

/// One piece of the text: characters `cp..cp_end` at `fc` of the
/// `WordDocument` stream, 8-bit (`compressed`) or UTF-16LE.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Piece {
    cp: u32,
    cp_end: u32,
    fc: u32,
    compressed: bool,
}

/// The pieces of the piece table (the `Pcdt` of the CLX), in order.
fn pieces(table: &[u8], fib: &Fib) -> Result<Vec<Piece>, DocError> {
    let out_of_range = || damaged("piece table out of range");
    let start = fib.fc_clx as usize;
    let end = start
        .checked_add(fib.lcb_clx as usize)
        .ok_or_else(out_of_range)?;
    let clx = table.get(start..end).ok_or_else(out_of_range)?;
    // Skip the Prc entries (clxt 1: formatting of pieces, not text).
    let mut at = 0usize;
    while clx.get(at) == Some(&1) {
        let cb = u16_at(clx, at + 1).ok_or_else(out_of_range)? as i16;
        if cb < 0 {
            return Err(damaged("negative size in the piece table"));
        }
        at += 3 + cb as usize;
    }
    if clx.get(at) != Some(&2) {
        return Err(damaged(
            "no piece table where its file information block says",
        ));
    }
    let lcb = u32_at(clx, at + 1).ok_or_else(out_of_range)? as usize;
    let plc_start = at + 5;
    let plc = clx
        .get(plc_start..plc_start.checked_add(lcb).ok_or_else(out_of_range)?)
        .ok_or_else(out_of_range)?;
    // n + 1 character positions, then n 8-byte piece descriptors.
    if lcb < 4 || !(lcb - 4).is_multiple_of(12) {
        return Err(damaged("piece table of a size no piece count gives"));
    }
    let n = (lcb - 4) / 12;
    let cp = |i: usize| u32_at(plc, i * 4).ok_or_else(out_of_range);
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        let (from, to) = (cp(i)?, cp(i + 1)?);
        if to < from
            || (i == 0 && from != 0)
            || out.last().is_some_and(|p: &Piece| p.cp_end != from)
        {
            return Err(damaged("piece table out of order"));
        }
        let fc = u32_at(plc, (n + 1) * 4 + i * 8 + 2).ok_or_else(out_of_range)?;
        out.push(Piece {
            cp: from,
            cp_end: to,
            fc: fc & 0x3FFF_FFFF,
            compressed: fc & 0x4000_0000 != 0,
        });
    }
    Ok(out)
}

/// The main document's text (characters `0..ccpText`), one paragraph per line.
fn main_text(word: &[u8], table: &[u8], fib: &Fib, max_text: usize) -> Result<String, DocError> {
    let lists = numbering::Lists::read(word, table, fib);
    let mut text = Text::new(word.len().min(max_text), lists);
    // Write one character, found at `fc` of the stream (where its
    // paragraph's properties are found), within the text limit.
    let put = |text: &mut Text, c: char, fc: usize| {
        text.push(c, fc);
        if text.out.len() > max_text {
            Err(Refusal::new(
                Problem::TooLarge,
                crate::text_too_large(max_text as u64, true, max_text),
            ))
        } else {
            Ok(())
        }
    };
    let mut read = 0u32;
    for piece in pieces(table, fib)? {
        if read >= fib.ccp_text {
            break;
        }
        let n = piece.cp_end.min(fib.ccp_text) - piece.cp;
        let (start, width) = if piece.compressed {
            (piece.fc as usize / 2, 1)
        } else {
            (piece.fc as usize, 2)
        };
        let bytes = start
            .checked_add(n as usize * width)
            .and_then(|end| word.get(start..end))
            .ok_or_else(|| damaged("piece table out of range"))?;
        if piece.compressed {
            // Windows-1252 ([MS-DOC] 2.4.1), one byte a character.
            let (chars, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes);
            for (i, c) in chars.chars().enumerate() {
                put(&mut text, c, start + i)?;
            }
        } else {
            let units = bytes
                .chunks_exact(2)
                .map(|c| u16::from_le_bytes([c[0], c[1]]));
            let mut at = start;
            for c in char::decode_utf16(units) {
                let (c, units) = c.map_or((char::REPLACEMENT_CHARACTER, 1), |c| (c, c.len_utf16()));
                put(&mut text, c, at)?;
                at += 2 * units;
            }
        }
        read = piece.cp_end;
    }
    if read < fib.ccp_text {
        return Err(damaged("its piece table ends before its text does"));
    }
    Ok(text.out)
}

/// The text being written: characters of the main document go in, lines
/// come out, fields' instructions and Word's control characters left out.
struct Text<'a> {
    out: String,
    /// Where the paragraph being written starts in `out`.
    paragraph: usize,
    /// The document's lists, for the labels of numbered paragraphs.
    lists: Option<numbering::Lists<'a>>,
    /// Open fields, innermost last: `true` while in its instructions
    /// (before its separator).
    fields: Vec<bool>,
    /// How many of them are in their instructions (a field nested in
    /// another's instructions is part of them).
    in_instructions: usize,
}

impl<'a> Text<'a> {
    fn new(capacity: usize, lists: Option<numbering::Lists<'a>>) -> Self {
        Text {
            out: String::with_capacity(capacity),
            paragraph: 0,
            lists,
            fields: Vec::new(),
            in_instructions: 0,
        }
    }

    /// Write character `c`, found at `fc` of the WordDocument stream.
    fn push(&mut self, c: char, fc: usize) {
        match c {
            '\u{13}' => {
                self.fields.push(true);
                self.in_instructions += 1;
                return;
            }
            '\u{14}' => {
                if let Some(f @ true) = self.fields.last_mut() {
                    *f = false;
                    self.in_instructions -= 1;
                }
                return;
            }
            '\u{15}' => {
                if self.fields.pop() == Some(true) {
                    self.in_instructions -= 1;
                }
                return;
            }
            _ => {}
        }
        if self.in_instructions > 0 {
            return;
        }
        match c {
            // Paragraph mark, cell or row mark: the paragraph ends, its
            // list label (if numbered) before it.
            '\r' | '\u{7}' => {
                let label = self
                    .lists
                    .as_mut()
                    .and_then(|l| l.label(u32::try_from(fc).ok()?));
                if let Some(label) = label {
                    self.out.insert_str(self.paragraph, &label);
                }
                self.out.push('\n');
                self.paragraph = self.out.len();
            }
            // Line break, page or section break, column break; a stray line feed.
            '\u{b}' | '\u{c}' | '\u{e}' | '\n' => self.out.push('\n'),
            // A tab separates; at the start of a paragraph it only indents.
            '\t' => {
                if !(self.out.is_empty() || self.out.ends_with('\n')) {
                    self.out.push(' ');
                }
            }
            // Non-breaking hyphen.
            '\u{1e}' => self.out.push('-'),
            // Soft hyphen, picture and drawn-object anchors, note and
            // comment references, separators, any other control character.
            '\0'..='\u{1f}' => {}
            c => self.out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A `WordDocument` stream: a Word 97 FIB (`ccp_text`, CLX at 0 of
    /// the table stream) followed by `text` at offset 1024.
    fn word_stream(flags: u16, ccp_text: u32, lcb_clx: u32, text: &[u8]) -> Vec<u8> {
        let mut w = vec![0u8; 1024];
        w[0..2].copy_from_slice(&W_IDENT.to_le_bytes());
        w[2..4].copy_from_slice(&0x00C1u16.to_le_bytes());
        w[0x0A..0x0C].copy_from_slice(&flags.to_le_bytes());
        w[0x20..0x22].copy_from_slice(&14u16.to_le_bytes());
        w[0x3E..0x40].copy_from_slice(&22u16.to_le_bytes());
        w[0x4C..0x50].copy_from_slice(&ccp_text.to_le_bytes());
        w[0x98..0x9A].copy_from_slice(&93u16.to_le_bytes());
        w[0x1A2..0x1A6].copy_from_slice(&0u32.to_le_bytes());
        w[0x1A6..0x1AA].copy_from_slice(&lcb_clx.to_le_bytes());
        w.extend_from_slice(text);
        w
    }

    /// A CLX: one Prc to skip, then the pieces `(cp, fc, compressed)`
    /// ending at `cp_end`.
    fn clx(pieces: &[(u32, u32, bool)], cp_end: u32) -> Vec<u8> {
        let mut c = vec![1u8, 3, 0, 0xAA, 0xBB, 0xCC, 2];
        let lcb = 4 + 12 * pieces.len() as u32;
        c.extend_from_slice(&lcb.to_le_bytes());
        for &(cp, _, _) in pieces {
            c.extend_from_slice(&cp.to_le_bytes());
        }
        c.extend_from_slice(&cp_end.to_le_bytes());
        for &(_, fc, compressed) in pieces {
            let fc = fc | if compressed { 0x4000_0000 } else { 0 };
            c.extend_from_slice(&0u16.to_le_bytes());
            c.extend_from_slice(&fc.to_le_bytes());
            c.extend_from_slice(&0u16.to_le_bytes());
        }
        c
    }

    fn utf16(s: &str) -> Vec<u8> {
        s.encode_utf16().flat_map(u16::to_le_bytes).collect()
    }

    fn read(word: &[u8], table: &[u8]) -> Result<String, DocError> {
        main_text(word, table, &Fib::parse(word)?, 1 << 20)
    }

    #[test]
    fn the_fib_gives_the_table_stream_text_length_and_piece_table() {
        let w = word_stream(0x0200, 7, 40, b"");
        assert_eq!(
            Fib::parse(&w).unwrap(),
            Fib {
                table_1: true,
                ccp_text: 7,
                fc_clx: 0,
                lcb_clx: 40,
                rg_fc_lcb: 0x9A,
                fc_lcb_pairs: 93,
            }
        );
        assert!(!Fib::parse(&word_stream(0, 7, 40, b"")).unwrap().table_1);
    }

    #[test]
    fn utf16_and_8_bit_pieces_are_read_in_order_up_to_the_main_text() {
        // "第一条\r" in UTF-16, then "Fee\x96\r" 8-bit (0x96 an en dash),
        // then a footnote's text past ccpText.
        let mut text = utf16("第一条\r");
        let eight = text.len() as u32 + 1024;
        text.extend_from_slice(b"Fee\x96\r");
        let foot = text.len() as u32 + 1024;
        text.extend_from_slice(&utf16("脚注\r"));
        let table = clx(
            &[(0, 1024, false), (4, eight * 2, true), (9, foot, false)],
            12,
        );
        let w = word_stream(0, 9, table.len() as u32, &text);
        assert_eq!(read(&w, &table).unwrap(), "第一条\nFee–\n");
    }

    #[test]
    fn fields_keep_their_results_and_controls_are_dropped() {
        let body = "\u{13} HYPERLINK \"http://x.gov.cn\" \u{14}门户\u{13} PAGE \u{14}3\u{15}网站\u{15}，\
                    \u{13} TOC \u{13} SEQ \u{14}9\u{15}\u{15}第\u{13}PAGE\u{15}页\r\
                    甲\u{7}乙\u{7}\u{7}\tA\u{1e}01\u{1f}，图\u{1}\u{8}注\u{2}行\u{b}断\u{c}节\u{15}\u{14}\r";
        let text = utf16(body);
        let n = body.encode_utf16().count() as u32;
        let table = clx(&[(0, 1024, false)], n);
        let w = word_stream(0, n, table.len() as u32, &text);
        assert_eq!(
            read(&w, &table).unwrap(),
            "门户3网站，第页\n甲\n乙\n\nA-01，图注行\n断\n节\n"
        );
    }

    #[test]
    fn a_tab_inside_a_paragraph_is_a_space() {
        let body = "第一条\t总则\r";
        let n = body.encode_utf16().count() as u32;
        let table = clx(&[(0, 1024, false)], n);
        let w = word_stream(0, n, table.len() as u32, &utf16(body));
        assert_eq!(read(&w, &table).unwrap(), "第一条 总则\n");
    }

    #[test]
    fn damage_is_named_never_a_panic() {
        let text = utf16("第一条\r");
        // A WordDocument stream whose CLX is the whole table stream.
        let word = |ccp: u32, table: &[u8]| word_stream(0, ccp, table.len() as u32, &text);
        let good = clx(&[(0, 1024, false)], 4);
        assert_eq!(read(&word(4, &good), &good).unwrap(), "第一条\n");
        let cases: Vec<(Vec<u8>, Vec<u8>, &str)> = vec![
            // The piece points past the stream.
            {
                let t = clx(&[(0, 1026, false)], 4);
                (word(4, &t), t, "piece table out of range")
            },
            {
                let t = clx(&[(0, u32::MAX, true)], 4);
                (word(4, &t), t, "piece table out of range")
            },
            // The CLX lies outside the table stream.
            (
                word_stream(0, 4, 4000, &text),
                good.clone(),
                "piece table out of range",
            ),
            // Character positions going backwards; not starting at 0.
            {
                let t = clx(&[(0, 1024, false), (3, 1024, false)], 2);
                (word(4, &t), t, "out of order")
            },
            {
                let t = clx(&[(1, 1024, false)], 4);
                (word(4, &t), t, "out of order")
            },
            // The text is longer than the pieces.
            (word(9, &good), good.clone(), "ends before its text"),
            // No Pcdt after the Prc, or one of a size no count of pieces gives.
            {
                let t = vec![1, 0, 0, 7, 0, 0, 0];
                (word(4, &t), t, "no piece table")
            },
            {
                let t = [&[2u8, 9, 0, 0, 0][..], &[0; 9]].concat();
                (word(4, &t), t, "no piece count")
            },
            {
                let t = vec![1, 0xFF, 0xFF, 2];
                (word(4, &t), t, "negative size")
            },
            // A FIB cut short, one without the Word signature.
            (word(4, &good)[..0x40].to_vec(), good.clone(), "cut short"),
            (
                vec![0; 1024],
                good.clone(),
                "no Word file information block",
            ),
        ];
        for (word, table, want) in cases {
            let got = Fib::parse(&word).and_then(|f| main_text(&word, &table, &f, 1 << 20));
            let err = got.unwrap_err();
            assert_eq!(err.problem, Problem::Corrupt, "{want}");
            let err = err.reason;
            assert!(
                err.starts_with("the Word document is damaged (") && err.contains(want),
                "{want}: {err}"
            );
        }
    }

    #[test]
    fn encrypted_and_word95_files_are_refused_for_what_they_are() {
        let err = Fib::parse(&word_stream(0x0100, 4, 0, b"")).unwrap_err();
        assert_eq!(err.problem, Problem::Protected);
        assert!(err.reason.contains("password-protected"), "{err:?}");
        let mut w = word_stream(0, 4, 0, b"");
        w[2..4].copy_from_slice(&104u16.to_le_bytes());
        let err = Fib::parse(&w).unwrap_err();
        assert_eq!(err.problem, Problem::Unsupported);
        assert!(err.reason.contains("Word 6.0/95"), "{err:?}");
    }

    #[test]
    fn reading_stops_once_the_text_passes_its_limit() {
        // One piece read many times over (a hostile piece table): the text
        // is refused at the limit, not built.
        let text = utf16(&"第一条 为了规范管理，制定本办法。\r".repeat(100));
        let n = (text.len() / 2) as u32;
        let pieces: Vec<(u32, u32, bool)> = (0..1000).map(|i| (i * n, 1024, false)).collect();
        let table = clx(&pieces, 1000 * n);
        let w = word_stream(0, 1000 * n, table.len() as u32, &text);
        let err = main_text(&w, &table, &Fib::parse(&w).unwrap(), 1 << 20)
            .unwrap_err()
            .reason;
        assert!(err.starts_with("its text is too large"), "{err}");
        assert!(main_text(&w, &table, &Fib::parse(&w).unwrap(), 8 << 20).is_ok());
    }
}
