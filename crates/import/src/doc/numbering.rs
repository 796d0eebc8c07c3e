//! Word's automatic numbering in a binary Word document: the labels
//! (`第一条`, `一、`, `（一）`, `1.`) Word draws before list paragraphs but
//! keeps out of the text, as the DOCX reader renders them from numbering.xml.
//!
//! A paragraph's properties (its PAPX, in a 512-byte FKP page found through
//! the PlcBtePapx bin table by the file offset of its paragraph mark) say
//! which list it is in (`sprmPIlfo`, a 1-based index into the PlfLfo) and at
//! which level (`sprmPIlvl`), directly or through its style and the styles
//! that one is based on (the STSH). The list (PlfLfo → `lsid` → PlfLst)
//! gives each level's first value, number format and label text; the labels
//! are counted and written by the DOCX reader's [`Numbering`]. List overrides
//! (LFOLVL, such as a restart) are not read, as the DOCX reader does not read
//! `w:lvlOverride`.
//!
//! Numbering is secondary to the text: any of these structures missing or out
//! of range gives paragraphs without labels, never an error or a panic.

use super::{u16_at, u32_at, Fib};
use crate::docx::Numbering;

/// Indexes of FibRgFcLcb97 pairs: the style sheet, the paragraph
/// properties' bin table, the lists and the list overrides.
const STSHF: usize = 1;
const PLCF_BTE_PAPX: usize = 13;
const PLF_LST: usize = 73;
const PLF_LFO: usize = 74;

const SPRM_P_ILFO: u16 = 0x460B;
const SPRM_P_ILVL: u16 = 0x260A;
const SPRM_T_DEF_TABLE: u16 = 0xD608;
const SPRM_P_CHG_TABS: u16 = 0xC615;

/// A style's base when it has none.
const NO_BASE: u16 = 0x0FFF;

/// A paragraph style: its base style and its paragraph properties.
struct Style<'a> {
    base: u16,
    grpprl: &'a [u8],
}

/// The lists of a document and where each paragraph's properties are.
pub(super) struct Lists<'a> {
    word: &'a [u8],
    /// PlcBtePapx: n + 1 file offsets, then n FKP page numbers.
    bins: &'a [u8],
    styles: Vec<Option<Style<'a>>>,
    numbering: Numbering,
}

/// The (offset, size) pair `index` of FibRgFcLcb.
fn fc_lcb(word: &[u8], fib: &Fib, index: usize) -> Option<(usize, usize)> {
    if index >= fib.fc_lcb_pairs {
        return None;
    }
    let at = fib.rg_fc_lcb + index * 8;
    Some((u32_at(word, at)? as usize, u32_at(word, at + 4)? as usize))
}

fn part(stream: &[u8], fc: usize, lcb: usize) -> Option<&[u8]> {
    stream.get(fc..fc.checked_add(lcb)?)
}

impl<'a> Lists<'a> {
    /// The document's lists, or `None` when it has none (or they cannot be read).
    pub(super) fn read(word: &'a [u8], table: &'a [u8], fib: &Fib) -> Option<Lists<'a>> {
        let numbering = lists(word, table, fib)?;
        let (fc, lcb) = fc_lcb(word, fib, PLCF_BTE_PAPX)?;
        let bins = part(table, fc, lcb)?;
        if bins.len() < 12 || !(bins.len() - 4).is_multiple_of(8) {
            return None;
        }
        Some(Lists {
            word,
            bins,
            styles: styles(word, table, fib).unwrap_or_default(),
            numbering,
        })
    }

    /// The label of the paragraph whose mark is at `fc` of the
    /// WordDocument stream (the next number of its list), if it is numbered.
    pub(super) fn label(&mut self, fc: u32) -> Option<String> {
        let (mut istd, grpprl) = self.papx(fc)?;
        let (mut ilfo, mut ilvl) = list_sprms(grpprl);
        // What the paragraph does not say, its style (or the style that one
        // is based on, at most a few deep) may.
        for _ in 0..10 {
            if ilfo.is_some() && ilvl.is_some() {
                break;
            }
            let Some(Some(style)) = self.styles.get(usize::from(istd)) else {
                break;
            };
            let (f, l) = list_sprms(style.grpprl);
            ilfo = ilfo.or(f);
            ilvl = ilvl.or(l);
            if style.base == NO_BASE {
                break;
            }
            istd = style.base;
        }
        let ilfo = ilfo.filter(|&i| i > 0)?;
        self.numbering
            .label(&ilfo.to_string(), u32::from(ilvl.unwrap_or(0)))
    }

    /// The style and properties of the paragraph whose mark is at `fc`.
    fn papx(&self, fc: u32) -> Option<(u16, &'a [u8])> {
        let n = (self.bins.len() - 4) / 8;
        // The bin whose range of offsets holds `fc`.
        let (mut lo, mut hi) = (0, n);
        while lo < hi {
            let mid = (lo + hi) / 2;
            if u32_at(self.bins, (mid + 1) * 4)? <= fc {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        if lo >= n || u32_at(self.bins, lo * 4)? > fc {
            return None;
        }
        let pn = u32_at(self.bins, (n + 1) * 4 + lo * 4)? & 0x003F_FFFF;
        let page = part(self.word, pn as usize * 512, 512)?;
        // A PapxFkp: crun + 1 offsets, crun BxPap of 13 bytes, crun in the last byte.
        let crun = usize::from(page[511]);
        if (crun + 1) * 4 + crun * 13 > 511 {
            return None;
        }
        let run = (0..crun).find(|&j| {
            u32_at(page, j * 4).is_some_and(|from| from <= fc)
                && u32_at(page, (j + 1) * 4).is_some_and(|to| fc < to)
        })?;
        let at = usize::from(page[(crun + 1) * 4 + run * 13]) * 2;
        if at == 0 {
            return Some((0, &[]));
        }
        let cb = usize::from(*page.get(at)?);
        let papx = if cb != 0 {
            page.get(at + 1..at + 2 * cb)?
        } else {
            let cb = usize::from(*page.get(at + 1)?);
            page.get(at + 2..at + 2 + 2 * cb)?
        };
        Some((u16_at(papx, 0)?, papx.get(2..)?))
    }
}

/// The lists (PlfLst, with the LVLs after it) and their numberings (PlfLfo).
fn lists(word: &[u8], table: &[u8], fib: &Fib) -> Option<Numbering> {
    let (fc, lcb) = fc_lcb(word, fib, PLF_LST)?;
    // The LVLs follow the PlfLst, outside its lcb.
    let lst = table.get(fc..)?;
    let count = usize::from(u16_at(lst, 0)?);
    if count == 0 || 2 + count * 28 > lcb {
        return None;
    }
    let mut numbering = Numbering::default();
    let mut at = 2 + count * 28;
    for i in 0..count {
        let lstf = lst.get(2 + i * 28..2 + (i + 1) * 28)?;
        let lsid = u32_at(lstf, 0)?.to_string();
        let levels = if lstf[26] & 1 != 0 { 1 } else { 9 };
        for ilvl in 0..levels {
            // LVLF, its paragraph and character properties, its label text.
            let lvlf = lst.get(at..at + 28)?;
            let start = u32_at(lvlf, 0)?.min(32_767);
            at += 28 + usize::from(lvlf[24]) + usize::from(lvlf[25]);
            let cch = usize::from(u16_at(lst, at)?);
            let xst = lst.get(at + 2..at + 2 + 2 * cch)?;
            at += 2 + 2 * cch;
            let units = xst
                .chunks_exact(2)
                .map(|c| u16::from_le_bytes([c[0], c[1]]));
            let mut text = String::new();
            for c in char::decode_utf16(units) {
                match c {
                    // Placeholders 0–8: the number of level 1–9.
                    Ok(c) if (c as u32) < 9 => text.push_str(&format!("%{}", c as u32 + 1)),
                    Ok(c) => text.push(c),
                    Err(_) => {}
                }
            }
            numbering.add_level(&lsid, ilvl, start, number_format(lvlf[4]), &text);
        }
    }
    let (fc, lcb) = fc_lcb(word, fib, PLF_LFO)?;
    let lfo = part(table, fc, lcb)?;
    let n = u32_at(lfo, 0)? as usize;
    for i in 0..n {
        let Some(lsid) = u32_at(lfo, 4 + i * 16) else {
            break;
        };
        numbering.add_num(&(i + 1).to_string(), &lsid.to_string());
    }
    Some(numbering)
}

/// The paragraph styles of the style sheet (STSH), by istd.
fn styles<'a>(word: &[u8], table: &'a [u8], fib: &Fib) -> Option<Vec<Option<Style<'a>>>> {
    let (fc, lcb) = fc_lcb(word, fib, STSHF)?;
    let stsh = part(table, fc, lcb)?;
    let cb_stshi = usize::from(u16_at(stsh, 0)?);
    let count = u16_at(stsh, 2)?;
    let cb_base = usize::from(u16_at(stsh, 4)?);
    let mut at = 2 + cb_stshi;
    let mut out = Vec::new();
    for _ in 0..count {
        let Some(cb) = u16_at(stsh, at) else {
            break;
        };
        let Some(std) = stsh.get(at + 2..at + 2 + usize::from(cb)) else {
            break;
        };
        at += 2 + usize::from(cb);
        out.push(paragraph_style(std, cb_base));
    }
    Some(out)
}

/// A paragraph style's base and properties from its STD.
fn paragraph_style(std: &[u8], cb_base: usize) -> Option<Style<'_>> {
    let kind_and_base = u16_at(std, 2)?;
    // stk 1: a paragraph style, whose first UPX is its paragraph properties.
    if kind_and_base & 0x000F != 1 || cb_base < 10 {
        return None;
    }
    let name = usize::from(u16_at(std, cb_base)?);
    let at = cb_base + 2 + 2 * name + 2;
    let cb = usize::from(u16_at(std, at)?);
    let upx = std.get(at + 2..at + 2 + cb)?;
    Some(Style {
        base: kind_and_base >> 4,
        grpprl: upx.get(2..)?,
    })
}

/// `sprmPIlfo` and `sprmPIlvl` in a list of properties.
fn list_sprms(grpprl: &[u8]) -> (Option<u16>, Option<u8>) {
    let (mut ilfo, mut ilvl) = (None, None);
    let mut at = 0;
    while let Some(sprm) = u16_at(grpprl, at) {
        at += 2;
        let len = match sprm >> 13 {
            0 | 1 => 1,
            2 | 4 | 5 => 2,
            3 => 4,
            7 => 3,
            _ if sprm == SPRM_T_DEF_TABLE => match u16_at(grpprl, at) {
                Some(cb) => usize::from(cb) + 1,
                None => break,
            },
            _ => match grpprl.get(at) {
                Some(255) if sprm == SPRM_P_CHG_TABS => break,
                Some(&cb) => usize::from(cb) + 1,
                None => break,
            },
        };
        let Some(operand) = grpprl.get(at..at + len) else {
            break;
        };
        match sprm {
            SPRM_P_ILFO => ilfo = u16_at(operand, 0),
            SPRM_P_ILVL => ilvl = Some(operand[0]),
            _ => {}
        }
        at += len;
    }
    (ilfo, ilvl)
}

/// A level's number format (MSONFC) as the DOCX `w:numFmt` value the
/// labels are written by.
fn number_format(nfc: u8) -> &'static str {
    match nfc {
        1 => "upperRoman",
        2 => "lowerRoman",
        3 => "upperLetter",
        4 => "lowerLetter",
        11 => "japaneseCounting",
        14 | 19 => "decimalFullWidth",
        18 => "decimalEnclosedCircle",
        23 => "bullet",
        28 => "decimalEnclosedCircleChinese",
        30 => "ideographTraditional",
        33 => "taiwaneseCounting",
        35 => "taiwaneseCountingThousand",
        37 => "chineseCounting",
        38 => "chineseLegalSimplified",
        39 => "chineseCountingThousand",
        255 => "none",
        _ => "decimal",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_properties_are_found_among_others() {
        // sprmPJc (1 byte), sprmPIlvl 2, a variable one, sprmPIlfo 3.
        let grpprl = [
            0x03, 0x24, 1, 0x0A, 0x26, 2, 0x0D, 0xC6, 2, 9, 9, 0x0B, 0x46, 3, 0,
        ];
        assert_eq!(list_sprms(&grpprl), (Some(3), Some(2)));
        // Cut short: what was read before is kept, nothing past the end.
        assert_eq!(list_sprms(&grpprl[..13]), (None, Some(2)));
        assert_eq!(list_sprms(&[0x08, 0xD6, 0xFF, 0xFF]), (None, None));
    }

    /// An STD of a paragraph style based on `base`, named 标题, whose
    /// paragraph properties are `grpprl`.
    fn std(base: u16, grpprl: &[u8]) -> Vec<u8> {
        let mut s = vec![0, 0];
        s.extend((1 | base << 4).to_le_bytes());
        s.extend([2, 0, 0, 0, 0, 0]);
        s.extend([2, 0]);
        s.extend("标题".encode_utf16().flat_map(u16::to_le_bytes));
        s.extend([0, 0]);
        s.extend((2 + grpprl.len() as u16).to_le_bytes());
        s.extend([5, 0]);
        s.extend(grpprl);
        s
    }

    #[test]
    fn a_paragraph_takes_its_list_from_its_style_and_the_style_it_is_based_on() {
        let ilfo = [0x0B, 0x46, 1, 0];
        let ilvl = [0x0A, 0x26, 1];
        let (heading, body) = (std(NO_BASE, &ilfo), std(3, &ilvl));
        let style = paragraph_style(&body, 10).unwrap();
        assert_eq!((style.base, style.grpprl), (3, &ilvl[..]));
        // A character style (stk 2) is not a paragraph style.
        let mut chars = body.clone();
        chars[2] = (chars[2] & 0xF0) | 2;
        assert!(paragraph_style(&chars, 10).is_none());
        assert!(paragraph_style(&body[..20], 10).is_none());
        // Page 1 of the stream: one run (offsets 0..1000) of style 5 and no
        // properties of its own.
        let mut word = vec![0u8; 1024];
        let page = &mut word[512..];
        page[4..8].copy_from_slice(&1000u32.to_le_bytes());
        page[8] = 100; // its PAPX at byte 200: cb 0, cb' 1, istd 5
        page[200..204].copy_from_slice(&[0, 1, 5, 0]);
        page[511] = 1;
        let bins: Vec<u8> = [0u32, 1000, 1]
            .iter()
            .flat_map(|v| v.to_le_bytes())
            .collect();
        let mut numbering = Numbering::default();
        numbering.add_level("7", 0, 1, "chineseCounting", "%1、");
        numbering.add_level("7", 1, 1, "chineseCounting", "（%2）");
        numbering.add_num("1", "7");
        let styles = vec![
            None,
            None,
            None,
            Some(paragraph_style(&heading, 10).unwrap()),
            None,
            Some(paragraph_style(&body, 10).unwrap()),
        ];
        let mut lists = Lists {
            word: &word,
            bins: &bins,
            styles,
            numbering,
        };
        assert_eq!(lists.label(10).as_deref(), Some("（一）"));
        assert_eq!(lists.label(990).as_deref(), Some("（二）"));
        // Outside the run, the bin table or the stream: no label.
        assert_eq!(lists.label(1000), None);
        lists.bins = &[0, 0, 0, 0, 0xE8, 3, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF];
        assert_eq!(lists.label(10), None);
    }
}
