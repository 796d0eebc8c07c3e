//! A library's server location: the `postgres://` URL, its password kept
//! out of every message, the password found where libpq users keep it, and
//! TLS as the URL or the server asks.
//!
//! Not the place to start: [`super::PgStore::open`] takes the URL.
//!
//! - Credentials: the URL's password; else `$PGPASSWORD`; else the
//!   password file (`$PGPASSFILE`, else `~/.pgpass`; lines
//!   `host:port:database:user:password`, `*` matching anything, ignored
//!   unless only its owner can read it, as libpq does). The user is the
//!   URL's, else `$PGUSER`, else the OS user name; the database the URL's,
//!   else the user name.
//! - Redaction: [`redact`] replaces the password of a URL (in its user
//!   part or a `password=` parameter) with `***`; every message and
//!   location this crate gives out is redacted.
//! - TLS (`sslmode`): `prefer` (the default) and `require` encrypt whenever
//!   the server offers TLS (`require` insists) without checking its
//!   certificate, as libpq does; `verify-ca` and `verify-full` check it
//!   against the system's roots or `sslrootcert=FILE` (`verify-full` also
//!   the host name); `disable` never encrypts.

use std::path::PathBuf;
use std::str::FromStr;
use std::time::Duration;

use policydiff_store::{Error, Result};
use postgres::config::{Host, SslMode};
use postgres::Config;
use postgres_native_tls::MakeTlsConnector;

/// How long connecting (reaching the server, TLS, logging in: the whole
/// of it, as libpq's `connect_timeout`) waits for the server when the URL
/// does not say (`connect_timeout=` seconds). Short: the desktop app waits
/// this long at start-up before it opens the local library instead.
pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(3);

/// Whether `location` names a library on a PostgreSQL server (a
/// `postgres://` or `postgresql://` URL) rather than a file.
pub fn is_server_url(location: &str) -> bool {
    let l = location.trim_start();
    ["postgres://", "postgresql://"]
        .iter()
        .any(|p| l.get(..p.len()).is_some_and(|h| h.eq_ignore_ascii_case(p)))
}

/// `url` with its password replaced by `***` (in the user part and in a
/// `password=` parameter): what messages, logs and settings may show.
pub fn redact(url: &str) -> String {
    let Some(scheme_end) = url.find("://").map(|i| i + 3) else {
        return redact_params(url, ' ');
    };
    let rest = &url[scheme_end..];
    let auth_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(auth_end);
    let authority = match authority.rfind('@') {
        Some(at) => {
            let (userinfo, host) = authority.split_at(at);
            match userinfo.find(':') {
                Some(colon) => format!("{}:***{host}", &userinfo[..colon]),
                None => authority.to_string(),
            }
        }
        None => authority.to_string(),
    };
    let tail = match tail.find('?') {
        Some(q) => format!("{}?{}", &tail[..q], redact_params(&tail[q + 1..], '&')),
        None => tail.to_string(),
    };
    format!("{}{authority}{tail}", &url[..scheme_end])
}

/// `url` without its password (taken out of the user part and any
/// `password=` parameter), and that password (decoded): what may be saved
/// in a settings file, and the secret to keep in memory only.
pub fn without_password(url: &str) -> (String, Option<String>) {
    let url = url.trim();
    let Some(scheme_end) = url.find("://").map(|i| i + 3) else {
        return (url.to_string(), None);
    };
    let rest = &url[scheme_end..];
    let auth_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(auth_end);
    let mut password = None;
    let authority = match authority.rfind('@') {
        Some(at) => {
            let (userinfo, host) = authority.split_at(at);
            match userinfo.split_once(':') {
                Some((user, pw)) => {
                    password = Some(percent_decode(pw));
                    format!("{user}{host}")
                }
                None => authority.to_string(),
            }
        }
        None => authority.to_string(),
    };
    let tail = match tail.split_once('?') {
        Some((path, query)) => {
            let kept: Vec<&str> = query
                .split('&')
                .filter(|kv| match kv.split_once('=') {
                    Some((k, v)) if k.trim().eq_ignore_ascii_case("password") => {
                        password.get_or_insert_with(|| percent_decode(v));
                        false
                    }
                    _ => !kv.is_empty(),
                })
                .collect();
            if kept.is_empty() {
                path.to_string()
            } else {
                format!("{path}?{}", kept.join("&"))
            }
        }
        None => tail.to_string(),
    };
    (format!("{}{authority}{tail}", &url[..scheme_end]), password)
}

/// `url` with `password` (any password it had replaced), as a `password=`
/// parameter: the URL to connect with when the user typed the password.
pub fn with_password(url: &str, password: &str) -> String {
    let (url, _) = without_password(url);
    let encoded: String = password
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect();
    let (base, fragment) = match url.split_once('#') {
        Some((b, f)) => (b.to_string(), format!("#{f}")),
        None => (url.clone(), String::new()),
    };
    let sep = if base.contains('?') { '&' } else { '?' };
    format!("{base}{sep}password={encoded}{fragment}")
}

/// `key=value` parameters separated by `sep`, the password's value replaced.
fn redact_params(params: &str, sep: char) -> String {
    params
        .split(sep)
        .map(|kv| match kv.split_once('=') {
            Some((k, _)) if k.trim().eq_ignore_ascii_case("password") => format!("{k}=***"),
            _ => kv.to_string(),
        })
        .collect::<Vec<_>>()
        .join(&sep.to_string())
}

/// A library server's connection settings, ready to connect.
pub(crate) struct Target {
    pub(crate) config: Config,
    pub(crate) tls: MakeTlsConnector,
    /// The URL without its password.
    pub(crate) location: String,
}

impl Target {
    /// Parse `url`, find the password and set up TLS.
    pub(crate) fn new(url: &str) -> Result<Target> {
        let location = redact(url.trim());
        let bad = |why: String| Error::Other(format!("library location {location}: {why}"));
        // Parameters the driver does not know: taken out and applied here.
        let (url, extra) = split_params(url.trim(), &["sslmode", "sslrootcert"]);
        let mut config = Config::from_str(&url).map_err(|e| bad(redact(&e.to_string())))?;
        let sslmode = extra
            .iter()
            .find(|(k, _)| k == "sslmode")
            .map_or("prefer", |(_, v)| v.as_str());
        let root = extra
            .iter()
            .find(|(k, _)| k == "sslrootcert")
            .map(|(_, v)| PathBuf::from(v));
        let (mode, verify) = match sslmode {
            "disable" => (SslMode::Disable, Verify::None),
            "allow" | "prefer" => (SslMode::Prefer, Verify::None),
            "require" => (SslMode::Require, Verify::None),
            "verify-ca" => (SslMode::Require, Verify::Ca),
            "verify-full" => (SslMode::Require, Verify::Full),
            other => return Err(bad(format!("unknown sslmode {other:?}"))),
        };
        config.ssl_mode(mode);
        if config.get_connect_timeout().is_none() {
            config.connect_timeout(CONNECT_TIMEOUT);
        }
        if config.get_application_name().is_none() {
            config.application_name("policydiff");
        }
        if config.get_user().is_none() {
            let user = std::env::var("PGUSER")
                .ok()
                .filter(|u| !u.is_empty())
                .or_else(|| whoami::username().ok())
                .ok_or_else(|| bad("no user name in the URL, $PGUSER or the OS".into()))?;
            config.user(&user);
        }
        if config.get_dbname().is_none() {
            let user = config.get_user().unwrap_or_default().to_string();
            config.dbname(&user);
        }
        if config.get_password().is_none() {
            if let Some(p) = password_for(&config) {
                config.password(p);
            }
        }
        let tls = connector(verify, root.as_deref()).map_err(|e| bad(format!("TLS: {e}")))?;
        Ok(Target {
            config,
            tls,
            location,
        })
    }

    /// A new connection. [`Error::Unreachable`] when the server cannot be
    /// reached; the server's refusal (a wrong password, no such database)
    /// as [`Error::Server`] naming the location.
    ///
    /// Statements are planned for their actual parameters each time
    /// (`plan_cache_mode = force_custom_plan`): a search's terms may be
    /// in three clauses or in half the library, and a generic plan made
    /// for either is slow for the other (measured: a word no clause has,
    /// 246 ms with the generic plan at 5,000 documents, 1.2 ms planned).
    ///
    /// The whole attempt is bounded by the connect timeout: the driver's
    /// own covers only reaching the server, and a server (or a proxy) that
    /// accepts the connection but never answers would hold it for ever.
    /// The attempt runs on a thread of its own; when the time is up it is
    /// abandoned (the thread ends when the server answers or closes).
    pub(crate) fn connect(&self) -> Result<postgres::Client> {
        let timeout = self
            .config
            .get_connect_timeout()
            .copied()
            .unwrap_or(CONNECT_TIMEOUT);
        let (config, tls) = (self.config.clone(), self.tls.clone());
        let (send, answer) = std::sync::mpsc::sync_channel(1);
        std::thread::Builder::new()
            .name("policydiff-pg-connect".into())
            .spawn(move || {
                let _ = send.send(config.connect(tls));
            })
            .map_err(|e| Error::Other(format!("cannot start connecting: {e}")))?;
        let unreachable = |reason: String| Error::Unreachable {
            location: self.location.clone(),
            reason,
        };
        let mut client = match answer.recv_timeout(timeout) {
            Ok(connected) => {
                connected.map_err(|e| crate::error::connect_error(&self.location, e))?
            }
            Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {
                return Err(unreachable(format!(
                    "no answer within {} s (timed out)",
                    timeout.as_secs_f64()
                )))
            }
            Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => {
                return Err(unreachable("the connection attempt failed".into()))
            }
        };
        client
            .batch_execute("SET plan_cache_mode = force_custom_plan")
            .map_err(|e| crate::error::error(&self.location, e))?;
        Ok(client)
    }
}

/// How a server's certificate is checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Verify {
    /// Not at all (libpq's `prefer` and `require`).
    None,
    /// Against the roots, not the host name.
    Ca,
    /// Against the roots and the host name.
    Full,
}

fn connector(
    verify: Verify,
    root: Option<&std::path::Path>,
) -> std::result::Result<MakeTlsConnector, String> {
    let mut b = native_tls::TlsConnector::builder();
    match verify {
        Verify::None => {
            b.danger_accept_invalid_certs(true);
            b.danger_accept_invalid_hostnames(true);
        }
        Verify::Ca => {
            b.danger_accept_invalid_hostnames(true);
        }
        Verify::Full => {}
    }
    if let Some(path) = root {
        let pem = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
        let cert = native_tls::Certificate::from_pem(&pem)
            .map_err(|e| format!("{}: {e}", path.display()))?;
        b.add_root_certificate(cert);
    }
    let c = b.build().map_err(|e| e.to_string())?;
    Ok(MakeTlsConnector::new(c))
}

/// `url` without the query parameters named in `keys`, and those parameters.
fn split_params(url: &str, keys: &[&str]) -> (String, Vec<(String, String)>) {
    let Some((base, query)) = url.split_once('?') else {
        return (url.to_string(), Vec::new());
    };
    let mut kept = Vec::new();
    let mut taken = Vec::new();
    for kv in query.split('&').filter(|kv| !kv.is_empty()) {
        let (k, v) = kv.split_once('=').unwrap_or((kv, ""));
        if keys.contains(&k) {
            taken.push((k.to_string(), percent_decode(v)));
        } else {
            kept.push(kv);
        }
    }
    let url = if kept.is_empty() {
        base.to_string()
    } else {
        format!("{base}?{}", kept.join("&"))
    };
    (url, taken)
}

fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' && i + 2 < b.len() {
            if let Ok(v) = u8::from_str_radix(&s[i + 1..i + 3], 16) {
                out.push(v);
                i += 3;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The password for `config`'s user, host, port and database: `$PGPASSWORD`,
/// else the password file.
fn password_for(config: &Config) -> Option<String> {
    if let Some(p) = std::env::var("PGPASSWORD").ok().filter(|p| !p.is_empty()) {
        return Some(p);
    }
    let file = match std::env::var_os("PGPASSFILE") {
        Some(f) if !f.is_empty() => PathBuf::from(f),
        _ => home_dir()?.join(".pgpass"),
    };
    let text = read_private(&file)?;
    let host = match config.get_hosts().first() {
        Some(Host::Tcp(h)) => h.clone(),
        #[cfg(unix)]
        Some(Host::Unix(p)) => p.display().to_string(),
        None => "localhost".to_string(),
    };
    let port = config
        .get_ports()
        .first()
        .copied()
        .unwrap_or(5432)
        .to_string();
    let db = config.get_dbname().unwrap_or_default();
    let user = config.get_user().unwrap_or_default();
    pgpass_lookup(&text, &host, &port, db, user)
}

fn home_dir() -> Option<PathBuf> {
    std::env::var_os("HOME")
        .or_else(|| std::env::var_os("USERPROFILE"))
        .filter(|h| !h.is_empty())
        .map(PathBuf::from)
}

/// The file's text, unless others may read it (then it is ignored with a
/// warning, as libpq does).
fn read_private(file: &std::path::Path) -> Option<String> {
    let meta = std::fs::metadata(file).ok()?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        if meta.permissions().mode() & 0o077 != 0 {
            tracing::warn!(
                "password file {} has group or world access; it is ignored (chmod 600 it)",
                file.display()
            );
            return None;
        }
    }
    #[cfg(not(unix))]
    let _ = meta;
    std::fs::read_to_string(file).ok()
}

/// The password of the first line of a password file matching the
/// connection (`*` matches anything; `\:` and `\\` are a colon and a backslash).
pub(crate) fn pgpass_lookup(
    text: &str,
    host: &str,
    port: &str,
    db: &str,
    user: &str,
) -> Option<String> {
    for line in text.lines() {
        let line = line.trim_end_matches('\r');
        if line.trim_start().starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let fields = pgpass_fields(line);
        if fields.len() < 5 {
            continue;
        }
        let ok = |pattern: &str, value: &str| pattern == "*" || pattern == value;
        let host_ok = ok(&fields[0], host)
            || (fields[0] == "localhost" && (host == "127.0.0.1" || host.starts_with('/')));
        if host_ok && ok(&fields[1], port) && ok(&fields[2], db) && ok(&fields[3], user) {
            return Some(fields[4..].join(":"));
        }
    }
    None
}

fn pgpass_fields(line: &str) -> Vec<String> {
    let mut fields = vec![String::new()];
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                if let Some(n) = chars.next() {
                    fields.last_mut().unwrap().push(n);
                }
            }
            ':' if fields.len() < 5 => fields.push(String::new()),
            c => fields.last_mut().unwrap().push(c),
        }
    }
    fields
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_are_redacted_wherever_they_are() {
        assert_eq!(
            redact("postgres://zhang:s3cr%40t@db.example:5432/policy?sslmode=require"),
            "postgres://zhang:***@db.example:5432/policy?sslmode=require"
        );
        assert_eq!(
            redact("postgresql://db.example/policy?user=z&password=pw&sslmode=prefer"),
            "postgresql://db.example/policy?user=z&password=***&sslmode=prefer"
        );
        assert_eq!(
            redact("postgres://zhang@db.example/policy"),
            "postgres://zhang@db.example/policy"
        );
        // A password holding `@` and `/` (unencoded) is still hidden.
        let r = redact("postgres://u:p@ss@h/db");
        assert!(!r.contains("p@ss") && r.contains("***"), "{r}");
    }

    #[test]
    fn passwords_are_taken_out_and_put_back() {
        assert_eq!(
            without_password("postgres://zhang:s3cr%40t@db.example:5432/policy?sslmode=require"),
            (
                "postgres://zhang@db.example:5432/policy?sslmode=require".to_string(),
                Some("s3cr@t".to_string())
            )
        );
        assert_eq!(
            without_password("postgresql://db.example/policy?user=z&password=pw&sslmode=prefer"),
            (
                "postgresql://db.example/policy?user=z&sslmode=prefer".to_string(),
                Some("pw".to_string())
            )
        );
        assert_eq!(
            without_password("postgres://h/db?password=pw"),
            ("postgres://h/db".to_string(), Some("pw".to_string()))
        );
        assert_eq!(
            without_password(" postgres://zhang@h/db "),
            ("postgres://zhang@h/db".to_string(), None)
        );
        // The driver reads back exactly the password put in, whatever it holds.
        let secret = "p&w=d @x/:%?#中";
        let url = with_password("postgres://old:pw@127.0.0.1:1/db?sslmode=disable", secret);
        assert!(
            !url.contains("old:pw") && !redact(&url).contains("p%26w"),
            "{url}"
        );
        let t = Target::new(&url).unwrap();
        assert_eq!(t.config.get_password(), Some(secret.as_bytes()));
        assert_eq!(t.config.get_user(), Some("old"));
        assert_eq!(t.config.get_ssl_mode(), SslMode::Disable);
        assert_eq!(without_password(&url).1.as_deref(), Some(secret));
    }

    #[test]
    fn server_urls_are_told_from_files() {
        assert!(is_server_url("postgres://h/db"));
        assert!(is_server_url("PostgreSQL://h/db"));
        assert!(!is_server_url("/home/z/library.sqlite3"));
        assert!(!is_server_url("postgres.sqlite3"));
    }

    #[test]
    fn the_password_file_is_read_as_libpq_reads_it() {
        let file = "# team server\n\
                    db.example:5432:policy:zhang:first\n\
                    *:*:*:li:with\\:colon\n\
                    localhost:5433:*:wang:local\n";
        let find = |h, p, d, u| pgpass_lookup(file, h, p, d, u);
        assert_eq!(
            find("db.example", "5432", "policy", "zhang").as_deref(),
            Some("first")
        );
        assert_eq!(find("db.example", "5432", "other", "zhang"), None);
        assert_eq!(find("any", "1", "x", "li").as_deref(), Some("with:colon"));
        assert_eq!(
            find("127.0.0.1", "5433", "x", "wang").as_deref(),
            Some("local")
        );
    }

    #[test]
    fn tls_modes_beyond_the_drivers_are_understood() {
        let t = Target::new("postgres://u:p@127.0.0.1:1/db?sslmode=verify-full&application_name=x")
            .unwrap();
        assert_eq!(t.config.get_ssl_mode(), SslMode::Require);
        assert_eq!(t.config.get_application_name(), Some("x"));
        assert_eq!(
            t.location,
            "postgres://u:***@127.0.0.1:1/db?sslmode=verify-full&application_name=x"
        );
        let t = Target::new("postgres://u@127.0.0.1:1/db").unwrap();
        assert_eq!(t.config.get_ssl_mode(), SslMode::Prefer);
        assert!(Target::new("postgres://u@h/db?sslmode=sometimes").is_err());
    }
}
