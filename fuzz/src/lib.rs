//! Fuzzing PolicyDiff's input pipeline: decode → split → clean → parse → compare.
//!
//! A seeded generator ([`generate`]) makes hostile but plausible files: slices
//! of the bundled corpus, numbering token soup and long numbered lists, with
//! text mutations (hidden and control characters, cut, doubled or swapped
//! spans), encoded as UTF-8, GBK or UTF-16, wrapped in HTML, a DOCX or a
//! binary Word (.doc) file, then
//! byte mutations (bad bytes, NULs, truncation). [`check`] runs one file
//! through the real pipeline, as `policydiff import` and `compare` do, and
//! checks what must hold for any input: no panic; a refusal names the file;
//! imported text holds no hidden characters and no blank lines; the clause
//! tree is consistent; a comparison refers to real clauses, its similarities
//! are in 0..=1, its word diff rebuilds both texts, and a document compared
//! with itself is all "same".
//!
//! Stable Rust, no coverage guidance: the generator's knowledge of the input
//! format stands in for it. `policydiff-fuzz --minutes N` (see
//! `scripts/fuzz.sh`) runs it for a time budget; the test suite runs a short
//! fixed-seed run and replays `fuzz/regressions/`.

use std::collections::HashSet;
use std::io::Write;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;
use std::sync::Mutex;

use policydiff_model::{ClauseTree, CompareOptions, Comparison, Doc, OpTag, PairKind};
use policydiff_segment::Segmenter;

/// The bundled corpus: the seed text of most inputs.
pub const CORPUS: &str =
    include_str!("../../assets/corpus/south-china-2023-business-environment.txt");

/// A small, fast, seeded pseudo-random generator (SplitMix64).
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator for `seed`: the same seed gives the same inputs.
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next_u64() % n as u64) as usize
        }
    }

    /// True with probability `percent` / 100.
    pub fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    /// One element of a non-empty slice.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// A generated file: its name (the extension matters to the importer) and bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    /// File name, e.g. `input.docx`.
    pub name: String,
    /// The file's content.
    pub bytes: Vec<u8>,
    /// How it was made, for the report of a failure.
    pub recipe: String,
}

/// Pieces that matter to the splitter, cleaner and parser.
const TOKENS: &[&str] = &[
    "第",
    "一",
    "十",
    "百",
    "千",
    "三",
    "九",
    "〇",
    "零",
    "两",
    "条",
    "章",
    "节",
    "编",
    "款",
    "、",
    "（",
    "）",
    "(",
    ")",
    "1",
    "2",
    "9",
    "0",
    "１",
    "９",
    ".",
    "．",
    "\n",
    "\n",
    "\n\n",
    "附件",
    "附 件",
    "：",
    ":",
    "年",
    "月",
    "日",
    "。",
    "；",
    "【",
    "】",
    "①",
    "⑳",
    "⑴",
    "# ",
    "## ",
    "- ",
    "* ",
    "**",
    "__",
    "[链接](#)",
    " ",
    "\u{3000}",
    "\u{a0}",
    "\t",
    "省政府办公厅\n2023年3月11日",
    "各单位：",
    "广东省人民政府办公厅关于印发",
    "的通知",
    "粤办函〔2023〕41号",
    "（2023年5月30日）",
    "四、华南\n",
    "（一）广东\n",
    "1. 关于某某工作方案（2023年5月30日）\n",
    "999. ",
    "1000. ",
    "1001. ",
    "（1000）",
    "2023.",
    "12345热线",
    "牵头单位",
    "（市政务服务数据管理局牵头）",
    "<html>",
    "<p>",
    "</p>",
    "<br>",
    "&amp;",
    "&#x202e;",
    "<!-- x -->",
    "5个工作日",
    "3个工作日内",
    "应当",
    "可以",
    "不超过",
    "%",
    "万元",
];

/// Characters a hostile file may hold: controls, bidi, invisible, odd.
const ODD_CHARS: &[char] = &[
    '\0',
    '\u{7}',
    '\u{8}',
    '\u{b}',
    '\u{c}',
    '\r',
    '\u{1b}',
    '\u{7f}',
    '\u{85}',
    '\u{9b}',
    '\u{ad}',
    '\u{200b}',
    '\u{200d}',
    '\u{200e}',
    '\u{200f}',
    '\u{2028}',
    '\u{2029}',
    '\u{202a}',
    '\u{202e}',
    '\u{2066}',
    '\u{2069}',
    '\u{feff}',
    '\u{fffd}',
    '\u{fff9}',
    '\u{e0041}',
    '\u{10ffff}',
    '\u{1f600}',
    '\u{301}',
    '\u{ffff}',
];

/// A generated input file.
pub fn generate(rng: &mut Rng) -> Input {
    let (mut text, mut recipe) = base_text(rng);
    for _ in 0..rng.below(6) {
        recipe.push_str(&mutate_text(rng, &mut text));
    }
    let (name, mut bytes, how) = encode(rng, &text);
    recipe.push_str(&how);
    if rng.chance(30) {
        for _ in 0..1 + rng.below(4) {
            recipe.push_str(&mutate_bytes(rng, &mut bytes));
        }
    }
    Input {
        name: name.to_string(),
        bytes,
        recipe,
    }
}

fn floor_boundary(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn base_text(rng: &mut Rng) -> (String, String) {
    match rng.below(10) {
        // A slice of the corpus: one document or a run of them.
        0..=4 => {
            let a = floor_boundary(CORPUS, rng.below(CORPUS.len()));
            let len = *rng.pick(&[200, 3_000, 20_000, 80_000]);
            let b = floor_boundary(CORPUS, a + rng.below(len));
            (CORPUS[a..b].to_string(), format!("corpus[{a}..{b}]"))
        }
        // Token soup.
        5..=6 => {
            let n = rng.below(400);
            let s: String = (0..n).map(|_| *rng.pick(TOKENS)).collect();
            (s, format!("soup({n})"))
        }
        // A long numbered list, maybe with sub-points.
        7 => {
            let n = 1 + rng.below(1_500);
            let mut s = String::from("某市政务服务事项清单\n一、事项清单\n");
            let start = *rng.pick(&[1, 1, 990, 998]);
            for i in start..start + n {
                s.push_str(&format!("{i}. 第{i}项事项的内容。\n"));
                if rng.chance(5) {
                    s.push_str(&format!("（{}）细目。\n", 1 + rng.below(1_200)));
                }
            }
            (s, format!("list({start}, {n})"))
        }
        // Corpus lines shuffled with tokens between them.
        _ => {
            let lines: Vec<&str> = CORPUS.lines().collect();
            let mut s = String::new();
            for _ in 0..rng.below(60) {
                s.push_str(rng.pick::<&str>(&lines));
                s.push_str(rng.pick::<&str>(&["\n", "\n", "", "\n\n", "\r\n"]));
                if rng.chance(20) {
                    s.push_str(rng.pick::<&str>(TOKENS));
                }
            }
            (s, "lines".to_string())
        }
    }
}

/// One change to a text; returns its description.
fn mutate_text(rng: &mut Rng, text: &mut String) -> String {
    let at = floor_boundary(text, rng.below(text.len() + 1));
    match rng.below(7) {
        0 => {
            let c = *rng.pick(ODD_CHARS);
            let n = 1 + rng.below(3);
            for _ in 0..n {
                text.insert(at, c);
            }
            format!(" +U+{:04X}x{n}@{at}", c as u32)
        }
        1 | 2 => {
            let t = rng.pick(TOKENS);
            text.insert_str(at, t);
            format!(" +{t:?}@{at}")
        }
        3 => {
            let end = floor_boundary(text, at + rng.below(400));
            text.replace_range(at..end, "");
            format!(" -[{at}..{end}]")
        }
        4 => {
            let end = floor_boundary(text, at + rng.below(2_000));
            let span = text[at..end].to_string();
            text.insert_str(end, &span);
            format!(" dup[{at}..{end}]")
        }
        5 => {
            // Swap two lines.
            let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
            if lines.len() > 1 {
                let (i, j) = (rng.below(lines.len()), rng.below(lines.len()));
                lines.swap(i, j);
                *text = lines.join("\n");
            }
            " swap".to_string()
        }
        _ => {
            // Change a digit.
            let digits: Vec<usize> = text
                .char_indices()
                .filter(|(_, c)| c.is_ascii_digit())
                .map(|(i, _)| i)
                .collect();
            if digits.is_empty() {
                return String::new();
            }
            let i = *rng.pick(&digits);
            let d = char::from(b'0' + rng.below(10) as u8);
            text.replace_range(i..i + 1, &d.to_string());
            format!(" digit@{i}")
        }
    }
}

fn encode(rng: &mut Rng, text: &str) -> (&'static str, Vec<u8>, String) {
    match rng.below(12) {
        0 => {
            let (b, _, _) = encoding_rs::GBK.encode(text);
            ("input.txt", b.into_owned(), " gbk".into())
        }
        1 => {
            let mut b = if rng.chance(50) {
                vec![0xFF, 0xFE]
            } else {
                Vec::new()
            };
            b.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
            ("input.txt", b, " utf16le".into())
        }
        2 => {
            let mut b = if rng.chance(50) {
                vec![0xFE, 0xFF]
            } else {
                Vec::new()
            };
            b.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
            ("input.txt", b, " utf16be".into())
        }
        3 => {
            let body: String = text
                .lines()
                .map(|l| format!("<p>{}</p>\n", l.replace('&', "&amp;").replace('<', "&lt;")))
                .collect();
            let page = format!(
                "<!doctype html><html><head><meta charset=\"utf-8\"><title>t</title></head><body><div class=\"article\">{body}</div></body></html>"
            );
            ("input.html", page.into_bytes(), " html".into())
        }
        4 => ("input.docx", docx(text), " docx".into()),
        6 => ("input.doc", doc(text), " doc".into()),
        5 => {
            let mut b = b"%PDF-1.4\n".to_vec();
            b.extend_from_slice(text.as_bytes());
            ("input.pdf", b, " pdf-ish".into())
        }
        _ => ("input.txt", text.as_bytes().to_vec(), " utf8".into()),
    }
}

/// A minimal DOCX whose paragraphs are the lines of `text`.
pub fn docx(text: &str) -> Vec<u8> {
    let esc = |s: &str| {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    };
    let body: String = text
        .lines()
        .map(|l| {
            format!(
                "<w:p><w:r><w:t xml:space=\"preserve\">{}</w:t></w:r></w:p>",
                esc(l)
            )
        })
        .collect();
    let xml = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>{body}</w:body></w:document>"
    );
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default();
    let written = zip
        .start_file("word/document.xml", opts)
        .and_then(|()| zip.write_all(xml.as_bytes()).map_err(Into::into))
        .and_then(|()| zip.finish());
    written.map(|c| c.into_inner()).unwrap_or_default()
}

/// A minimal binary Word (.doc) file whose paragraphs are the lines of
/// `text`: an OLE compound file with a Word 97 FIB, the text as one UTF-16
/// piece, and its piece table in `1Table`.
pub fn doc(text: &str) -> Vec<u8> {
    let body: Vec<u8> = text
        .lines()
        .flat_map(|l| l.encode_utf16().chain([0x0D]))
        .flat_map(u16::to_le_bytes)
        .collect();
    let ccp = (body.len() / 2) as u32;
    let mut word = vec![0u8; 1024];
    let mut put = |at: usize, v: &[u8]| word[at..at + v.len()].copy_from_slice(v);
    put(0x00, &0xA5ECu16.to_le_bytes()); // wIdent
    put(0x02, &0x00C1u16.to_le_bytes()); // nFib: Word 97
    put(0x0A, &0x0200u16.to_le_bytes()); // fWhichTblStm: 1Table
    put(0x20, &14u16.to_le_bytes()); // csw
    put(0x3E, &22u16.to_le_bytes()); // cslw
    put(0x4C, &ccp.to_le_bytes()); // ccpText
    put(0x98, &93u16.to_le_bytes()); // cbRgFcLcb
    put(0x1A6, &21u32.to_le_bytes()); // lcbClx (fcClx 0)
    word.extend_from_slice(&body);
    let mut clx = vec![2u8];
    clx.extend(16u32.to_le_bytes());
    clx.extend(0u32.to_le_bytes());
    clx.extend(ccp.to_le_bytes());
    clx.extend([0, 0]);
    clx.extend(1024u32.to_le_bytes());
    clx.extend([0, 0]);
    let mut ole = match cfb::CompoundFile::create(std::io::Cursor::new(Vec::new())) {
        Ok(f) => f,
        Err(_) => return Vec::new(),
    };
    let written = ole
        .create_stream("WordDocument")
        .and_then(|mut s| s.write_all(&word))
        .and_then(|()| ole.create_stream("1Table"))
        .and_then(|mut s| s.write_all(&clx))
        .and_then(|()| ole.flush());
    match written {
        Ok(()) => ole.into_inner().into_inner(),
        Err(_) => Vec::new(),
    }
}

fn mutate_bytes(rng: &mut Rng, bytes: &mut Vec<u8>) -> String {
    if bytes.is_empty() {
        bytes.push(0xFF);
        return " +ff".into();
    }
    let at = rng.below(bytes.len());
    match rng.below(5) {
        0 => {
            bytes[at] ^= 1 << rng.below(8);
            format!(" flip@{at}")
        }
        1 => {
            let b = *rng.pick(&[0x00, 0xFF, 0xFE, 0x80, 0xC0, 0xE4, 0x1B, 0x0D]);
            bytes.insert(at, b);
            format!(" +{b:02x}@{at}")
        }
        2 => {
            bytes.truncate(at);
            format!(" cut@{at}")
        }
        3 => {
            let end = (at + rng.below(64)).min(bytes.len());
            bytes.drain(at..end);
            format!(" -b[{at}..{end}]")
        }
        _ => {
            let end = (at + rng.below(64)).min(bytes.len());
            let span = bytes[at..end].to_vec();
            bytes.splice(at..at, span);
            format!(" dupb[{at}..{end}]")
        }
    }
}

/// What one checked input gave.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Outcome {
    /// Documents imported (0 when refused).
    pub documents: usize,
    /// The file was refused (with a message naming it).
    pub refused: bool,
    /// Comparisons made.
    pub comparisons: usize,
    /// Known limits met (not failures): what, once per occurrence.
    pub notes: Vec<&'static str>,
}

/// Largest document (in characters) that is compared: the engine's own
/// scaling is measured by its benchmark, not here.
const MAX_COMPARE_CHARS: usize = 60_000;

/// Run one file through the pipeline in `dir` and check the invariants (see
/// the crate doc). `Err` says what broke, a panic included.
pub fn check(seg: &Segmenter, input: &Input, dir: &Path) -> Result<Outcome, String> {
    let path = dir.join(&input.name);
    std::fs::write(&path, &input.bytes).map_err(|e| format!("writing the input: {e}"))?;
    match catch_unwind(AssertUnwindSafe(|| check_file(seg, &path))) {
        Ok(result) => result,
        Err(panic) => {
            let msg = LAST_PANIC
                .lock()
                .ok()
                .and_then(|mut p| p.take())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_else(|| "a panic".into());
            Err(format!("panicked: {msg}"))
        }
    }
}

fn debug() -> bool {
    std::env::var_os("POLICYDIFF_FUZZ_DEBUG").is_some()
}

/// The message and place of the last panic, kept by [`quiet_panics`].
static LAST_PANIC: Mutex<Option<String>> = Mutex::new(None);

/// Keep panics' messages and places for [`check`]'s report instead of
/// printing them (a fuzzing run would otherwise fill the terminal).
pub fn quiet_panics() {
    std::panic::set_hook(Box::new(|info| {
        let place = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        let msg = info
            .payload()
            .downcast_ref::<String>()
            .cloned()
            .or_else(|| info.payload().downcast_ref::<&str>().map(|s| s.to_string()))
            .unwrap_or_default();
        if let Ok(mut last) = LAST_PANIC.lock() {
            *last = Some(format!("{msg}{place}"));
        }
    }));
}

fn check_file(seg: &Segmenter, path: &Path) -> Result<Outcome, String> {
    let docs = match policydiff_import::read_path(path) {
        Ok(docs) => docs,
        Err(e) => {
            let msg = e.to_string();
            if !msg.contains(&path.display().to_string()) {
                return Err(format!("a refusal that does not name the file: {msg}"));
            }
            return Ok(Outcome {
                refused: true,
                ..Outcome::default()
            });
        }
    };
    if docs.is_empty() {
        return Err("imported, but no document".into());
    }
    let mut parsed = Vec::new();
    for (i, d) in docs.iter().enumerate() {
        if debug() {
            eprintln!("document {i}: text {:?}", d.text);
        }
        for (what, s) in [
            ("text", &d.text),
            ("original", &d.original),
            ("title", &d.meta.title),
        ] {
            if let Some(c) = s
                .chars()
                .find(|&c| policydiff_import::controls::is_hidden(c))
            {
                return Err(format!(
                    "document {i}: its {what} holds the hidden character U+{:04X}",
                    c as u32
                ));
            }
        }
        if d.text.split('\n').any(|l| l.trim().is_empty()) && !d.text.is_empty() {
            return Err(format!("document {i}: its cleaned text has a blank line"));
        }
        let tree = policydiff_parse::parse(&d.text);
        check_tree(&tree).map_err(|e| format!("document {i}: {e}"))?;
        parsed.push(Doc {
            id: None,
            meta: d.meta.clone(),
            tree,
        });
    }
    let mut outcome = Outcome {
        documents: docs.len(),
        ..Outcome::default()
    };
    let small = |d: &Doc| {
        d.tree
            .clauses
            .iter()
            .map(|c| c.text.chars().count())
            .sum::<usize>()
            <= MAX_COMPARE_CHARS
    };
    let first = &parsed[0];
    let last = &parsed[parsed.len() - 1];
    if small(first) {
        let c = policydiff_engine::compare(seg, first, first, &CompareOptions::default());
        check_comparison(first, first, &c).map_err(|e| format!("self-comparison: {e}"))?;
        let units = first.tree.units();
        // Numerals and numbering words (`第十一条`, `三、`) are not words.
        let numbering = |c: char| "一二三四五六七八九十百千零〇两第条章节编款项目".contains(c);
        for p in c.pairs.iter().filter(|p| p.kind != PairKind::Same) {
            let Some(u) = p.left.as_ref().or(p.right.as_ref()) else {
                return Err("a pair with neither side".into());
            };
            // Known limits of the aligner (reported to its owner, counted here):
            // a unit without a word is never paired, and an exact twin may pair
            // with the other twin's copy.
            // Twins: the same words after the numbering (`（3）细目。`, `（007）细目\n。`).
            let body = |i: usize, t: &'_ str| -> String {
                let label = &first.tree.clauses[i].label;
                t.strip_prefix(label.as_str())
                    .unwrap_or(t)
                    .trim_start_matches(|c: char| !c.is_alphabetic() || numbering(c))
                    .chars()
                    .filter(|c| c.is_alphanumeric())
                    .collect()
            };
            let own = body(u.clause, &u.text);
            let twins = units.iter().filter(|(i, t)| body(*i, t) == own).count();
            if !own.chars().any(|c| c.is_alphabetic() && !numbering(c)) {
                outcome.notes.push(
                    "self-comparison: a unit without words besides its label is left unpaired",
                );
            } else if twins > 1 {
                outcome
                    .notes
                    .push("self-comparison: a unit with an exact twin is not paired with itself");
            } else {
                return Err(format!(
                    "a document compared with itself has a {:?} pair ({}: {:?})",
                    p.kind,
                    u.path,
                    u.text.chars().take(80).collect::<String>()
                ));
            }
        }
        outcome.comparisons += 1;
        if parsed.len() > 1 && small(last) {
            let c = policydiff_engine::compare(seg, first, last, &CompareOptions::default());
            check_comparison(first, last, &c).map_err(|e| format!("comparison: {e}"))?;
            outcome.comparisons += 1;
        }
    }
    Ok(outcome)
}

/// The clause tree's structure: indices, parents and children agree, depths
/// follow, paths are unique and nested, texts are not empty.
pub fn check_tree(tree: &ClauseTree) -> Result<(), String> {
    let mut paths = HashSet::new();
    for (i, c) in tree.clauses.iter().enumerate() {
        if c.index != i {
            return Err(format!("clause {i} has index {}", c.index));
        }
        if !paths.insert(c.path.as_str()) {
            return Err(format!("duplicate path {}", c.path));
        }
        if c.text.trim().is_empty() {
            return Err(format!("empty text at {}", c.path));
        }
        match c.parent {
            None if c.depth != 0 => return Err(format!("root {} at depth {}", c.path, c.depth)),
            None => {}
            Some(p) => {
                let pc = tree
                    .clauses
                    .get(p)
                    .filter(|_| p < i)
                    .ok_or_else(|| format!("{} has parent {p}", c.path))?;
                if !pc.children.contains(&i) || c.depth != pc.depth + 1 {
                    return Err(format!("{} and its parent {} disagree", c.path, pc.path));
                }
                if !c.path.starts_with(&format!("{}/", pc.path)) {
                    return Err(format!("{} is not under {}", c.path, pc.path));
                }
            }
        }
        for &ch in &c.children {
            if tree.clauses.get(ch).and_then(|x| x.parent) != Some(i) {
                return Err(format!("{} lists child {ch} that is not its own", c.path));
            }
        }
    }
    Ok(())
}

/// A comparison's pairs name real units, similarities are in 0..=1, every
/// unit of both documents appears, and each pair's word diff rebuilds both texts.
pub fn check_comparison(left: &Doc, right: &Doc, c: &Comparison) -> Result<(), String> {
    let lunits: Vec<(usize, String)> = left.tree.units();
    let runits: Vec<(usize, String)> = right.tree.units();
    let mut seen_left = HashSet::new();
    let mut seen_right = HashSet::new();
    for (k, p) in c.pairs.iter().enumerate() {
        if !(0.0..=1.0).contains(&p.similarity) {
            return Err(format!("pair {k}: similarity {}", p.similarity));
        }
        for (side, unit, units, seen) in [
            ("left", &p.left, &lunits, &mut seen_left),
            ("right", &p.right, &runits, &mut seen_right),
        ] {
            if let Some(u) = unit {
                let Some((_, text)) = units.iter().find(|(i, _)| *i == u.clause) else {
                    return Err(format!(
                        "pair {k}: {side} clause {} is not a unit",
                        u.clause
                    ));
                };
                if &u.text != text {
                    return Err(format!("pair {k}: {side} text is not the unit's text"));
                }
                seen.insert(u.clause);
            }
        }
        if let (Some(l), Some(r)) = (&p.left, &p.right) {
            if !p.ops.is_empty() {
                let side = |keep: OpTag| -> String {
                    p.ops
                        .iter()
                        .filter(|o| o.tag == OpTag::Equal || o.tag == keep)
                        .map(|o| o.text.as_str())
                        .collect()
                };
                if side(OpTag::Delete) != l.text || side(OpTag::Insert) != r.text {
                    return Err(format!(
                        "pair {k} ({} ↔ {}): the word diff does not rebuild the texts",
                        l.path, r.path
                    ));
                }
            }
        }
    }
    if seen_left.len() != lunits.len() || seen_right.len() != runits.len() {
        return Err(format!(
            "units missing from the pairs: left {}/{}, right {}/{}",
            seen_left.len(),
            lunits.len(),
            seen_right.len(),
            runits.len()
        ));
    }
    Ok(())
}

/// Totals of a fuzzing run.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Totals {
    /// Inputs run.
    pub inputs: usize,
    /// Inputs refused by the importer (with a message naming the file).
    pub refused: usize,
    /// Documents imported.
    pub documents: usize,
    /// Comparisons made.
    pub comparisons: usize,
    /// Inputs that broke an invariant: (input, what broke).
    pub failures: Vec<(Input, String)>,
    /// Known limits met, and how many inputs met each.
    pub notes: std::collections::BTreeMap<&'static str, usize>,
}

/// Run inputs from `seed` until `keep_going` says stop (it gets the number
/// run so far); failing inputs are collected, not fatal.
pub fn run(
    seg: &Segmenter,
    seed: u64,
    dir: &Path,
    mut keep_going: impl FnMut(usize) -> bool,
) -> Totals {
    let mut rng = Rng::new(seed);
    let mut t = Totals::default();
    while keep_going(t.inputs) {
        let input = generate(&mut rng);
        t.inputs += 1;
        match check(seg, &input, dir) {
            Ok(o) => {
                t.refused += usize::from(o.refused);
                t.documents += o.documents;
                t.comparisons += o.comparisons;
                let kinds: HashSet<&'static str> = o.notes.into_iter().collect();
                for n in kinds {
                    *t.notes.entry(n).or_default() += 1;
                }
            }
            Err(e) => t.failures.push((input, e)),
        }
    }
    t
}
