//! PostgreSQL's errors as the store's: the same conditions as SQLite's get
//! the same [`Error`] variants (busy, read-only, full disk), a server that
//! cannot be reached or went away is [`Error::Unreachable`], a refused
//! login [`Error::AuthFailed`], everything else the server's own message
//! ([`Error::Server`]). Messages never hold the password (locations are
//! redacted).

use policydiff_store::Error;
use postgres::error::SqlState;

/// A failed request on an open connection.
pub(crate) fn error(location: &str, e: postgres::Error) -> Error {
    if let Some(db) = e.as_db_error() {
        let code = db.code();
        if *code == SqlState::LOCK_NOT_AVAILABLE
            || *code == SqlState::T_R_DEADLOCK_DETECTED
            || *code == SqlState::T_R_SERIALIZATION_FAILURE
        {
            return Error::Busy;
        }
        if *code == SqlState::READ_ONLY_SQL_TRANSACTION {
            return Error::ReadOnly(format!("the server refused to write: {}", db.message()));
        }
        if *code == SqlState::DISK_FULL {
            return Error::DiskFull;
        }
        if [
            SqlState::ADMIN_SHUTDOWN,
            SqlState::CRASH_SHUTDOWN,
            SqlState::CANNOT_CONNECT_NOW,
        ]
        .contains(code)
        {
            return Error::Unreachable {
                location: location.to_string(),
                reason: format!("the server is shutting down ({})", db.message()),
            };
        }
        let mut msg = db.message().to_string();
        if let Some(detail) = db.detail() {
            msg.push_str(&format!(" ({detail})"));
        }
        return Error::Server(format!("{location}: {msg}"));
    }
    if e.is_closed() || io_source(&e).is_some() {
        return Error::Unreachable {
            location: location.to_string(),
            reason: "the connection to the server was lost; the change in progress, if any, \
                     was not made"
                .to_string(),
        };
    }
    Error::Server(format!("{location}: {e}"))
}

/// A failed connection attempt.
/// A refused login (class 28: wrong password, unknown user, no password
/// given) is [`Error::AuthFailed`].
pub(crate) fn connect_error(location: &str, e: postgres::Error) -> Error {
    if let Some(db) = e.as_db_error() {
        if [
            SqlState::INVALID_PASSWORD,
            SqlState::INVALID_AUTHORIZATION_SPECIFICATION,
        ]
        .contains(db.code())
        {
            return Error::AuthFailed {
                location: location.to_string(),
                reason: db.message().to_string(),
            };
        }
        return Error::Server(format!(
            "{location} refused the connection: {}",
            db.message()
        ));
    }
    if e.to_string().contains("password missing") {
        return Error::AuthFailed {
            location: location.to_string(),
            reason: "the server asks for a password: give it in the URL, in $PGPASSWORD or in \
                     ~/.pgpass"
                .to_string(),
        };
    }
    let reason = match io_source(&e) {
        Some(io) => match io.kind() {
            std::io::ErrorKind::ConnectionRefused => {
                "connection refused (is the server running, and on this port?)".to_string()
            }
            std::io::ErrorKind::TimedOut => "no answer (timed out)".to_string(),
            _ => io.to_string(),
        },
        None => {
            let s = e.to_string();
            if s.contains("timed out") {
                "no answer (timed out)".to_string()
            } else {
                s
            }
        }
    };
    Error::Unreachable {
        location: location.to_string(),
        reason,
    }
}

fn io_source(e: &postgres::Error) -> Option<&std::io::Error> {
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        if let Some(io) = s.downcast_ref::<std::io::Error>() {
            return Some(io);
        }
        source = s.source();
    }
    None
}
