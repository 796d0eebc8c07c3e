//! Chinese fonts for the PDF: found among the system's fonts, mapped into
//! memory, looked up once per process.
//!
//! A PDF that prints anywhere must embed its fonts, and a Chinese one must embed
//! a CJK face: no viewer can be trusted to have one. Bundling a CJK font would add
//! 10–20 MB to the app, while every desktop that can show Chinese already has
//! one, so the faces are taken from the system (via `fontdb`) and krilla embeds
//! only the glyphs used (subsetting: a 30-page report carries a few hundred KB
//! of font).
//!
//! Faces are chosen by family name in the order of official-document practice:
//! the body prefers 仿宋 (FangSong), then a 宋体/serif face; headings prefer
//! 黑体 (SimHei), then a bold sans face. Each role has a fallback chain of every
//! other CJK face found, so a character missing from the first face (a rare
//! hanzi, ①, ↔) is drawn from the next one that has it.

use std::collections::HashMap;
use std::fs::File;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use fontdb::{Database, Family, Query, Source, Stretch, Style, Weight};
use krilla::text::Font;
use skrifa::instance::{LocationRef, Size};
use skrifa::{FontRef, MetadataProvider};

/// Body faces, most wanted first: 仿宋 (Windows, GB/T 9704), then serif
/// (宋体 / Noto Serif CJK / Source Han Serif / Songti), then sans faces as a
/// last resort so a machine with only a sans CJK font still gets a PDF.
const BODY_FAMILIES: &[&str] = &[
    "FangSong",
    "仿宋",
    "FangSong_GB2312",
    "仿宋_GB2312",
    "STFangsong",
    "华文仿宋",
    "Noto Serif CJK SC",
    "Source Han Serif SC",
    "Source Han Serif CN",
    "思源宋体",
    "SimSun",
    "宋体",
    "NSimSun",
    "Songti SC",
    "STSong",
    "AR PL UMing CN",
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "Microsoft YaHei",
    "PingFang SC",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
    "Droid Sans Fallback",
];

/// Heading faces: 黑体 (SimHei), then bold sans faces.
const HEADING_FAMILIES: &[&str] = &[
    "SimHei",
    "黑体",
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "思源黑体",
    "Heiti SC",
    "STHeiti",
    "Microsoft YaHei",
    "PingFang SC",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
    "Droid Sans Fallback",
];

/// What a face is used for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) enum Role {
    Body,
    Heading,
}

/// One loaded face.
struct Face {
    font: Font,
    data: Arc<dyn AsRef<[u8]> + Send + Sync>,
    index: u32,
    units_per_em: f32,
    name: String,
}

/// The faces a PDF is set in: a chain per role (first = preferred).
pub struct PdfFonts {
    faces: Vec<Face>,
    body: Vec<usize>,
    heading: Vec<usize>,
}

/// A glyph ready to place: which face, which glyph, its advance in ems.
#[derive(Debug, Clone, Copy)]
pub(super) struct Glyph {
    pub face: usize,
    pub id: u32,
    pub advance: f32,
}

impl PdfFonts {
    /// The system's CJK faces, found on first use and kept for the process.
    ///
    /// Errors: `NotFound` naming the families looked for when the system has no
    /// CJK font at all.
    pub fn system() -> io::Result<&'static PdfFonts> {
        static FONTS: OnceLock<Result<PdfFonts, String>> = OnceLock::new();
        FONTS
            .get_or_init(|| {
                let mut db = Database::new();
                db.load_system_fonts();
                PdfFonts::from_database(&db).map_err(|e| e.to_string())
            })
            .as_ref()
            .map_err(|msg| io::Error::new(io::ErrorKind::NotFound, msg.clone()))
    }

    /// Faces from font files (TTF, OTF, TTC) instead of the system's: the first
    /// file that has a CJK face becomes the body face, faces are then chosen as
    /// for [`PdfFonts::system`] among these files only.
    pub fn from_files(paths: &[PathBuf]) -> io::Result<PdfFonts> {
        let mut db = Database::new();
        for p in paths {
            db.load_font_file(p)
                .map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", p.display())))?;
        }
        PdfFonts::from_database(&db)
    }

    fn from_database(db: &Database) -> io::Result<PdfFonts> {
        let mut fonts = PdfFonts {
            faces: Vec::new(),
            body: Vec::new(),
            heading: Vec::new(),
        };
        let mut loaded: HashMap<fontdb::ID, usize> = HashMap::new();
        let mut files: HashMap<PathBuf, Arc<dyn AsRef<[u8]> + Send + Sync>> = HashMap::new();
        // Any other face that covers Chinese, as a fallback for rare characters.
        let mut extra: Vec<String> = db
            .faces()
            .filter(|f| covers_chinese(db, f.id))
            .filter_map(|f| f.families.first().map(|(n, _)| n.clone()))
            .collect();
        extra.dedup();
        for (role, families, weight) in [
            (Role::Body, BODY_FAMILIES, Weight::NORMAL),
            (Role::Heading, HEADING_FAMILIES, Weight::BOLD),
        ] {
            let mut chain = Vec::new();
            let mut wanted: Vec<&str> = families.to_vec();
            wanted.extend(extra.iter().map(String::as_str));
            for family in wanted {
                let query = Query {
                    families: &[Family::Name(family)],
                    weight,
                    stretch: Stretch::Normal,
                    style: Style::Normal,
                };
                let Some(id) = db.query(&query) else { continue };
                let i = match loaded.get(&id) {
                    Some(&i) => i,
                    None => {
                        let Some(face) = load_face(db, id, &mut files) else {
                            continue;
                        };
                        fonts.faces.push(face);
                        loaded.insert(id, fonts.faces.len() - 1);
                        fonts.faces.len() - 1
                    }
                };
                if !chain.contains(&i) && fonts.faces[i].has_char('中') {
                    chain.push(i);
                }
            }
            match role {
                Role::Body => fonts.body = chain,
                Role::Heading => fonts.heading = chain,
            }
        }
        if fonts.body.is_empty() {
            return Err(io::Error::new(
                io::ErrorKind::NotFound,
                "no Chinese font found for the PDF (looked for 仿宋/FangSong, 宋体/SimSun, \
                 Noto Serif/Sans CJK SC, Source Han, Microsoft YaHei, PingFang, WenQuanYi); \
                 install one, e.g. `sudo apt install fonts-noto-cjk`",
            ));
        }
        if fonts.heading.is_empty() {
            fonts.heading = fonts.body.clone();
        }
        Ok(fonts)
    }

    /// The face names of a role's chain, preferred first (for logs and tests).
    pub fn chain_names(&self, heading: bool) -> Vec<&str> {
        let chain = if heading { &self.heading } else { &self.body };
        chain.iter().map(|&i| self.faces[i].name.as_str()).collect()
    }

    /// The krilla font of face `i`.
    pub(super) fn font(&self, face: usize) -> Font {
        self.faces[face].font.clone()
    }

    /// The glyph for `c` in `role`: from the first face of the chain that has
    /// it; `.notdef` of the preferred face when none has it.
    pub(super) fn glyph(&self, role: Role, c: char) -> Glyph {
        let chain = match role {
            Role::Body => &self.body,
            Role::Heading => &self.heading,
        };
        for &i in chain {
            if let Some(g) = self.faces[i].glyph(c) {
                return Glyph { face: i, ..g };
            }
        }
        let i = chain[0];
        let advance = self.faces[i].advance(0).unwrap_or(1.0);
        Glyph {
            face: i,
            id: 0,
            advance,
        }
    }
}

impl Face {
    fn font_ref(&self) -> Option<FontRef<'_>> {
        FontRef::from_index((*self.data).as_ref(), self.index).ok()
    }

    fn has_char(&self, c: char) -> bool {
        self.glyph(c).is_some()
    }

    fn glyph(&self, c: char) -> Option<Glyph> {
        let f = self.font_ref()?;
        let id = f.charmap().map(c)?.to_u32();
        if id == 0 {
            return None;
        }
        Some(Glyph {
            face: 0,
            id,
            advance: advance(&f, id, self.units_per_em)?,
        })
    }

    fn advance(&self, id: u32) -> Option<f32> {
        advance(&self.font_ref()?, id, self.units_per_em)
    }
}

/// The advance of glyph `id` in ems.
fn advance(f: &FontRef<'_>, id: u32, units_per_em: f32) -> Option<f32> {
    let w = f
        .glyph_metrics(Size::unscaled(), LocationRef::default())
        .advance_width(id.into())?;
    Some(w / units_per_em)
}

/// Whether face `id` maps 中 (a cheap test that it is a Chinese face).
fn covers_chinese(db: &Database, id: fontdb::ID) -> bool {
    db.with_face_data(id, |data, index| {
        FontRef::from_index(data, index)
            .map(|f| f.charmap().map('中').is_some_and(|g| g.to_u32() != 0))
            .unwrap_or(false)
    })
    .unwrap_or(false)
}

/// Load face `id`: map its file (shared between the faces of one collection).
fn load_face(
    db: &Database,
    id: fontdb::ID,
    files: &mut HashMap<PathBuf, Arc<dyn AsRef<[u8]> + Send + Sync>>,
) -> Option<Face> {
    let info = db.face(id)?;
    let data = match &info.source {
        Source::File(path) => match files.get(path) {
            Some(d) => d.clone(),
            None => {
                let d = map_file(path).ok()?;
                files.insert(path.clone(), d.clone());
                d
            }
        },
        Source::Binary(b) | Source::SharedFile(_, b) => b.clone(),
    };
    let units_per_em = FontRef::from_index((*data).as_ref(), info.index)
        .ok()?
        .metrics(Size::unscaled(), LocationRef::default())
        .units_per_em as f32;
    let font = Font::new(data.clone().into(), info.index)?;
    Some(Face {
        font,
        data,
        index: info.index,
        units_per_em: units_per_em.max(1.0),
        name: info
            .families
            .first()
            .map(|(n, _)| n.clone())
            .unwrap_or_else(|| info.post_script_name.clone()),
    })
}

/// Map a font file into memory (fonts of 20–30 MB: only the pages holding the
/// glyphs used are ever read).
fn map_file(path: &Path) -> io::Result<Arc<dyn AsRef<[u8]> + Send + Sync>> {
    let file = File::open(path)?;
    // SAFETY: the mapping is read-only and font files are not rewritten while
    // the app runs; a font replaced under a running process is the same hazard
    // every font library that maps files (fontdb, fontconfig) accepts.
    let map = unsafe { memmap2::Mmap::map(&file)? };
    Ok(Arc::new(map))
}
