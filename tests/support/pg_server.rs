//! The throwaway PostgreSQL server of the tests (`scripts/pg-server.sh`), shared by the
//! core's store tests (tests/support/pg.rs) and the desktop shell's (src-tauri/tests):
//! `$POLICYDIFF_TEST_PG` when set, else a server of the test program's own, started on
//! first use and stopped by a watchdog when the program exits.
#![allow(dead_code)] // each test program uses a part

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;

/// `$CI` is set: a missing server fails the tests instead of skipping them.
pub fn in_ci() -> bool {
    std::env::var_os("CI").is_some_and(|v| !v.is_empty())
}

/// The script that runs the throwaway server.
pub fn server_script() -> PathBuf {
    // The crate whose test includes this file is the workspace root or one of its members.
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest
        .ancestors()
        .map(|dir| dir.join("scripts/pg-server.sh"))
        .find(|script| script.is_file())
        .unwrap_or_else(|| manifest.join("scripts/pg-server.sh"))
}

/// The test server's URL (`postgres://policydiff:…@127.0.0.1:PORT/postgres`),
/// started on first use. `None` (after a note) when it cannot be started
/// and `$CI` is not set; under CI that fails the test instead.
pub fn server_url() -> Option<&'static str> {
    static URL: OnceLock<Option<String>> = OnceLock::new();
    URL.get_or_init(|| {
        if let Some(url) = std::env::var("POLICYDIFF_TEST_PG")
            .ok()
            .filter(|u| !u.is_empty())
        {
            return Some(url);
        }
        match start_server() {
            Ok(url) => Some(url),
            Err(why) if in_ci() => panic!(
                "cannot start the throwaway PostgreSQL server, and CI is set: {why} \
                 (scripts/test.sh installs postgresql and starts it)"
            ),
            Err(why) => {
                eprintln!(
                    "note: no PostgreSQL server for the team-library tests ({why}); \
                     their PostgreSQL half is skipped (set CI=1 to fail instead)"
                );
                None
            }
        }
    })
    .as_deref()
}

/// Start a server for this test program, stopped by a watchdog when it exits.
fn start_server() -> Result<String, String> {
    let dir = std::env::temp_dir().join(format!("policydiff-pg-{}", std::process::id()));
    let out = Command::new(server_script())
        .arg("start")
        .arg(&dir)
        .output()
        .map_err(|e| format!("cannot run {}: {e}", server_script().display()))?;
    if !out.status.success() {
        return Err(format!(
            "scripts/pg-server.sh failed: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        ));
    }
    let url = String::from_utf8_lossy(&out.stdout).trim().to_string();
    // Stop and remove the server when this process ends, however it ends
    // (its own session: not killed with the test program's process group).
    let watchdog = format!(
        "while kill -0 {pid} 2>/dev/null; do sleep 1; done; '{script}' stop '{dir}'",
        pid = std::process::id(),
        script = server_script().display(),
        dir = dir.display()
    );
    Command::new("setsid")
        .args(["-f", "sh", "-c", &watchdog])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("cannot start the server's watchdog: {e}"))?;
    Ok(url)
}

/// A client of the test server (TLS, certificate not checked: it is
/// self-signed, made by scripts/pg-server.sh).
pub fn client(url: &str) -> postgres::Client {
    let tls = native_tls::TlsConnector::builder()
        .danger_accept_invalid_certs(true)
        .danger_accept_invalid_hostnames(true)
        .build()
        .unwrap();
    postgres::Client::connect(url, postgres_native_tls::MakeTlsConnector::new(tls))
        .unwrap_or_else(|e| panic!("cannot connect to the test server: {e}"))
}
