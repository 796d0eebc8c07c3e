//! The store tests on both backends: a library in a SQLite file, or a team
//! library on a throwaway PostgreSQL server (`scripts/pg-server.sh`: initdb
//! into a temporary folder, a free port of 127.0.0.1, TLS required,
//! stopped and removed when the tests end). No mock.
//!
//! The server is `$POLICYDIFF_TEST_PG` when set (scripts/test.sh starts one
//! for the whole run); else each test program starts its own on first use,
//! and a watchdog stops it when the program exits. Each library is a
//! schema of its own on that server, so tests run in parallel.
//!
//! When PostgreSQL cannot be started (not installed and no apt), the
//! PostgreSQL half of a test is skipped with a note, except under CI (`$CI`
//! set), where it fails: the README's test command installs PostgreSQL.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};

use policydiff_store::{SqliteStore, Store};
use policydiff_store_pg::PgStore;

#[path = "pg_server.rs"]
mod server;
pub use server::{client, server_script, server_url};

/// Which store a test runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// A SQLite file in a temporary folder.
    Sqlite,
    /// A schema on the throwaway PostgreSQL server.
    Postgres,
}

/// Where a test's library is; the folder or schema goes with it.
pub struct Place {
    /// The file path or the server URL (with its password).
    pub location: String,
    pub backend: Backend,
    /// The schema of a server library.
    pub schema: Option<String>,
    _dir: Option<tempfile::TempDir>,
}

impl Place {
    /// Open (creating) the library.
    pub fn open(&self) -> policydiff_store::Result<Box<dyn Store>> {
        Ok(match self.backend {
            Backend::Sqlite => Box::new(SqliteStore::open(Path::new(&self.location))?),
            Backend::Postgres => Box::new(PgStore::open(&self.location)?),
        })
    }

    /// Run SQL on the library's own tables (a server library only).
    pub fn sql(&self, sql: &str) -> Vec<postgres::Row> {
        let mut c = client(&self.location);
        c.query(sql, &[]).unwrap()
    }
}

impl Backend {
    /// A new, empty library's place. `None` (after a note) when this
    /// backend cannot run here and `$CI` is not set.
    pub fn place(self) -> Option<Place> {
        match self {
            Backend::Sqlite => {
                let dir = tempfile::tempdir().unwrap();
                Some(Place {
                    location: dir.path().join("library.sqlite3").display().to_string(),
                    backend: self,
                    schema: None,
                    _dir: Some(dir),
                })
            }
            Backend::Postgres => {
                let (url, schema) = new_schema()?;
                Some(Place {
                    location: url,
                    backend: self,
                    schema: Some(schema),
                    _dir: None,
                })
            }
        }
    }

    /// A new, empty library, open (this backend must be available: see
    /// [`both_backends!`]).
    pub fn library(self) -> Lib {
        let place = self.place().expect("the backend is available");
        let store = place.open().unwrap();
        Lib { place, store }
    }
}

/// An open library of a test and where it is; used as a `dyn Store`.
pub struct Lib {
    pub store: Box<dyn Store>,
    pub place: Place,
}

impl std::ops::Deref for Lib {
    type Target = dyn Store;
    fn deref(&self) -> &(dyn Store + 'static) {
        self.store.as_ref()
    }
}

impl std::ops::DerefMut for Lib {
    fn deref_mut(&mut self) -> &mut (dyn Store + 'static) {
        self.store.as_mut()
    }
}

/// Run a test body on both backends: `both_backends!(fn name(backend) { … })`
/// makes tests `name::sqlite` and `name::postgres`.
#[macro_export]
macro_rules! both_backends {
    ($(#[$meta:meta])* fn $name:ident($backend:ident) $body:block) => {
        $(#[$meta])*
        mod $name {
            #[allow(unused_imports)]
            use super::*;
            #[allow(unused_variables)]
            fn body($backend: support::pg::Backend) $body
            #[test]
            fn sqlite() {
                body(support::pg::Backend::Sqlite)
            }
            #[test]
            fn postgres() {
                if support::pg::server_url().is_some() {
                    body(support::pg::Backend::Postgres)
                }
            }
        }
    };
}

/// A new schema on the test server and the URL of a library in it.
fn new_schema() -> Option<(String, String)> {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let base = server_url()?;
    let schema = format!(
        "t{}_{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    );
    client(base)
        .batch_execute(&format!("CREATE SCHEMA {schema}"))
        .unwrap();
    Some((format!("{base}?options=-csearch_path%3D{schema}"), schema))
}

/// A server of a test's own (one it may stop and start again), stopped
/// and removed when dropped. `None` as for [`server_url`].
pub struct OwnServer {
    pub dir: PathBuf,
    pub url: String,
}

impl OwnServer {
    pub fn start() -> Option<OwnServer> {
        server_url()?;
        let dir = tempfile::Builder::new()
            .prefix("policydiff-pg-own-")
            .tempdir()
            .unwrap()
            .keep();
        let out = Command::new(server_script())
            .arg("start")
            .arg(&dir)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let url = String::from_utf8_lossy(&out.stdout).trim().to_string();
        Some(OwnServer { dir, url })
    }

    /// Run `scripts/pg-server.sh CMD` on this server (`pause`, `resume`).
    pub fn script(&self, cmd: &str) {
        let ok = Command::new(server_script())
            .arg(cmd)
            .arg(&self.dir)
            .status()
            .unwrap()
            .success();
        assert!(ok, "pg-server.sh {cmd}");
    }
}

impl Drop for OwnServer {
    fn drop(&mut self) {
        let _ = Command::new(server_script())
            .arg("stop")
            .arg(&self.dir)
            .status();
    }
}
