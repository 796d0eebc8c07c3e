//! The documents `compare` and `matrix` take: each argument a library id or
//! a file, loaded by one set of rules (the library opened on first need).

use std::path::{Path, PathBuf};

use anyhow::Result;
use policydiff::compare;
use policydiff::model::Doc;
use policydiff::{Segmenter, Store};

use crate::commands::open_library;
use crate::output::visible_line;

/// What a document argument names.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Input<'a> {
    /// A file: the argument looks like a path (a folder separator or an
    /// extension), or is not a number and names something in the folder
    /// (a file, a folder, a broken or looping link: reading it says what
    /// is wrong).
    File(&'a Path),
    /// A library document; `file_too` when a file of that name exists as well.
    Id { id: i64, file_too: bool },
    /// Neither.
    Neither,
}

impl<'a> Input<'a> {
    /// A number is a library id unless it looks like a path (`./5`, `5.txt`):
    /// a file named `5` in the current folder does not hide document 5.
    pub(crate) fn of(spec: &'a str) -> Input<'a> {
        let path = Path::new(spec);
        let looks_like_path =
            spec.contains(['/', std::path::MAIN_SEPARATOR]) || path.extension().is_some();
        // The name itself, not what a link points to (`exists` is false
        // for a link that loops).
        let named = path.symlink_metadata().is_ok();
        match spec.parse::<i64>() {
            Ok(id) if !looks_like_path => Input::Id {
                id,
                file_too: named,
            },
            _ if named || looks_like_path => Input::File(path),
            _ => Input::Neither,
        }
    }
}

/// Loads the documents named on the command line.
pub(crate) struct Loader<'a> {
    db: &'a Option<PathBuf>,
    seg: &'a Segmenter,
    lib: Option<Box<dyn Store>>,
    files: Vec<PathBuf>,
}

impl<'a> Loader<'a> {
    pub(crate) fn new(db: &'a Option<PathBuf>, seg: &'a Segmenter) -> Loader<'a> {
        Loader {
            db,
            seg,
            lib: None,
            files: Vec::new(),
        }
    }

    /// The library, opened now if no argument needed it yet.
    pub(crate) fn library(&mut self) -> Result<&dyn Store> {
        if self.lib.is_none() {
            self.lib = Some(open_library(self.db, self.seg)?);
        }
        Ok(self.lib.as_deref().expect("opened"))
    }

    /// Refuse `output` when it is one of the files loaded (a typo such as
    /// `compare plan.txt city.txt -o plan.txt` would replace the plan with
    /// the report).
    pub(crate) fn refuse_overwriting(&self, output: &Path) -> Result<()> {
        if self
            .files
            .iter()
            .any(|f| policydiff::export::same_file(output, f))
        {
            anyhow::bail!(
                "refusing to write {}: it is one of the documents compared",
                output.display()
            );
        }
        Ok(())
    }

    /// The library if it was opened.
    pub(crate) fn into_library(self) -> Option<Box<dyn Store>> {
        self.lib
    }

    /// The document `spec` names: a library id or a file.
    pub(crate) fn load(&mut self, spec: &str) -> Result<Doc> {
        match Input::of(spec) {
            // The error names the file.
            Input::File(path) => {
                let doc = compare::load_file(path)?;
                self.files.push(path.to_owned());
                Ok(doc)
            }
            Input::Id { id, file_too } => {
                if file_too {
                    eprintln!(
                        "policydiff: {spec} is taken as library document {id}; \
                         for the file of that name, write ./{spec}",
                        spec = visible_line(spec)
                    );
                }
                Ok(compare::load_stored(self.library()?, id)?)
            }
            Input::Neither => anyhow::bail!("{spec} is neither a file nor a document id"),
        }
    }
}
