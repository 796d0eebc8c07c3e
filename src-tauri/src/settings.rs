//! The app's own settings file (`settings.json` in the OS config dir of the
//! app): which library to open (the local file, or a team server) and the
//! author name written with notes and pairings.
//!
//! A server URL is saved without its password ([`Settings::save`] takes it
//! out whatever it is given): the password comes from `~/.pgpass` or
//! `$PGPASSWORD`, or the user types it and it stays in memory for the
//! session. The file is written atomically (a temporary file in the same
//! folder, renamed over it), so a crash leaves the old settings or the new
//! ones, never half a file.

use std::io::Write;
use std::path::{Path, PathBuf};

use policydiff::library::without_password;
use serde::{Deserialize, Serialize};

/// The settings file's name in the app's config dir.
pub const FILE_NAME: &str = "settings.json";

/// Which library the app opens.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum SavedLibrary {
    /// The local library file in the OS data dir (the default).
    #[default]
    File,
    /// A team library on a PostgreSQL server: its URL, without a password.
    Server {
        /// `postgres://user@host:port/db`.
        url: String,
    },
}

/// Everything in the settings file.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Settings {
    /// Which library to open.
    #[serde(default)]
    pub library: SavedLibrary,
    /// The author name the user chose; `None`: the default
    /// ([`policydiff::library::default_author`]).
    #[serde(default)]
    pub author: Option<String>,
}

/// A settings file that could not be read or written.
#[derive(Debug, thiserror::Error)]
pub enum SettingsError {
    /// Reading, writing or renaming failed.
    #[error("settings file {path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// The file is not settings (damaged, or edited by hand).
    #[error("settings file {path} is not valid: {reason}")]
    Invalid {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        reason: String,
    },
}

impl Settings {
    /// The settings in `path`; the defaults when the file does not exist.
    pub fn load(path: &Path) -> Result<Settings, SettingsError> {
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Settings::default()),
            Err(source) => {
                return Err(SettingsError::Io {
                    path: path.to_owned(),
                    source,
                })
            }
        };
        serde_json::from_str(&text).map_err(|e| SettingsError::Invalid {
            path: path.to_owned(),
            reason: e.to_string(),
        })
    }

    /// The settings in `path`, or the defaults (with a warning) when the
    /// file cannot be read: a damaged settings file never stops the app.
    pub fn load_or_default(path: &Path) -> Settings {
        Settings::load(path).unwrap_or_else(|e| {
            tracing::warn!("{e}; using the default settings");
            Settings::default()
        })
    }

    /// Write the settings to `path` atomically (creating its folder), a
    /// server URL without its password.
    pub fn save(&self, path: &Path) -> Result<(), SettingsError> {
        let io = |source| SettingsError::Io {
            path: path.to_owned(),
            source,
        };
        let mut clean = self.clone();
        if let SavedLibrary::Server { url } = &mut clean.library {
            *url = without_password(url).0;
        }
        clean.author = clean
            .author
            .map(|a| a.trim().to_string())
            .filter(|a| !a.is_empty());
        let json = serde_json::to_string_pretty(&clean).map_err(|e| SettingsError::Invalid {
            path: path.to_owned(),
            reason: e.to_string(),
        })?;
        let dir = path.parent().unwrap_or(Path::new("."));
        std::fs::create_dir_all(dir).map_err(io)?;
        let mut tmp = tempfile::NamedTempFile::new_in(dir).map_err(io)?;
        tmp.write_all(json.as_bytes()).map_err(io)?;
        tmp.as_file().sync_all().map_err(io)?;
        tmp.persist(path).map_err(|e| io(e.error))?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_round_trip_without_the_password() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config").join(FILE_NAME);
        assert_eq!(Settings::load(&path).unwrap(), Settings::default());
        let s = Settings {
            library: SavedLibrary::Server {
                url: "postgres://zhang:s3cret@db.example:5432/policy".into(),
            },
            author: Some("  张三 ".into()),
        };
        s.save(&path).unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(!text.contains("s3cret"), "{text}");
        assert_eq!(
            Settings::load(&path).unwrap(),
            Settings {
                library: SavedLibrary::Server {
                    url: "postgres://zhang@db.example:5432/policy".into()
                },
                author: Some("张三".into()),
            }
        );
        // Only the settings file is left in the folder (no temporary file).
        assert_eq!(
            std::fs::read_dir(path.parent().unwrap()).unwrap().count(),
            1
        );
    }

    #[test]
    fn a_damaged_file_gives_the_defaults_and_names_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(FILE_NAME);
        std::fs::write(&path, "{ not json").unwrap();
        let err = Settings::load(&path).unwrap_err();
        assert!(err.to_string().contains(FILE_NAME), "{err}");
        assert_eq!(Settings::load_or_default(&path), Settings::default());
    }
}
