//! Exporting a comparison: a report written to a file, never over the library.

use std::path::Path;

use policydiff_model::{Comparison, Format, Note, ReportOptions};

use crate::{Error, Result};

/// Write `c` to `path` in `format` (atomically: a failed export leaves
/// `path` as it was). Refuses a path that is the library file `library` or
/// one of its journal files, compared as files (so `./lib.db`, a symlink or
/// a hard link to it are refused too).
pub fn export(
    path: &Path,
    format: Format,
    c: &Comparison,
    notes: &[Note],
    opts: &ReportOptions,
    library: Option<&Path>,
) -> Result<()> {
    if let Some(lib) = library {
        if is_library_file(path, lib) {
            return Err(Error::OutputIsLibrary {
                path: path.to_owned(),
            });
        }
    }
    policydiff_report::export_to_file(path, format, c, notes, opts)?;
    Ok(())
}

/// Whether writing `out` would write the library `lib` or its `-wal`,
/// `-shm` or `-journal` file.
pub fn is_library_file(out: &Path, lib: &Path) -> bool {
    let mut targets = vec![lib.to_owned()];
    for suffix in ["-wal", "-shm", "-journal"] {
        let mut s = lib.as_os_str().to_owned();
        s.push(suffix);
        targets.push(s.into());
    }
    targets.iter().any(|t| same_file(out, t))
}

/// Two paths name the same file: equal canonical paths, or (Unix) the same
/// device and inode (a symlink or a hard link to it). A path that does not
/// exist yet is compared by its canonical parent and file name.
pub fn same_file(a: &Path, b: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if let (Ok(ma), Ok(mb)) = (std::fs::metadata(a), std::fs::metadata(b)) {
            return ma.dev() == mb.dev() && ma.ino() == mb.ino();
        }
    }
    match (canonical(a), canonical(b)) {
        (Some(x), Some(y)) => x == y,
        _ => false,
    }
}

fn canonical(p: &Path) -> Option<std::path::PathBuf> {
    if let Ok(c) = p.canonicalize() {
        return Some(c);
    }
    let parent = match p.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    Some(parent.canonicalize().ok()?.join(p.file_name()?))
}
