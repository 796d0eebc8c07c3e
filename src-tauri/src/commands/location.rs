//! Library location commands: which library is open (a local file or a team
//! server), testing a server, switching library, the author name, and the
//! library's revision (polled to see other users' changes).

use policydiff::library::{self, Location};

use super::Ctx;
use crate::error::{open_error, AppError, AppResult, ErrorCode};
use crate::settings::SavedLibrary;
use crate::types::{ConnectionReport, LibraryChanged, LibraryChoice, LibraryKind, LibraryLocation};

/// The open library, the library settings and why a chosen server is not in use.
pub fn location(cx: &Ctx) -> AppResult<LibraryLocation> {
    Ok(cx.state.location_info())
}

/// The server location `url` names, with `password` (when given, over
/// any password in the URL), and the URL to save (without the password).
fn server_location(url: &str, password: Option<&str>) -> AppResult<(Location, String)> {
    let url = url.trim();
    if !library::is_server_url(url) {
        return Err(AppError {
            code: ErrorCode::InvalidInput,
            message: format!(
                "{:?} is not a team server URL: it starts with postgres:// \
                 (postgres://user@host:port/database)",
                library::redact(url)
            ),
        });
    }
    let (bare, in_url) = library::without_password(url);
    let password = password
        .filter(|p| !p.is_empty())
        .map(str::to_string)
        .or(in_url);
    let full = match password {
        Some(p) => library::with_password(&bare, &p),
        None => bare.clone(),
    };
    Ok((Location::Server(full), bare))
}

/// Connect to the team library at `url` (creating its tables in an empty
/// database) and say how many documents it holds and the server's version:
/// `unreachable`, `auth_failed`, `not_a_library`, `newer_schema` when it
/// cannot be used. The open library does not change.
pub fn test_connection(
    _cx: &Ctx,
    url: String,
    password: Option<String>,
) -> AppResult<ConnectionReport> {
    let (location, _) = server_location(&url, password.as_deref())?;
    let probe = library::probe(&location).map_err(|e| {
        tracing::info!("connection test of {location}: {e}");
        open_error(e)
    })?;
    Ok(ConnectionReport {
        location: location.to_string(),
        documents: probe.documents,
        server_version: probe.server_version,
    })
}

/// Use the library `choice` names from now on (saved in the settings, a
/// password never) and emit `library-changed`. When it cannot be opened the
/// open library stays and the error says why. A new team library gets the
/// bundled documents first, as a new local library does.
pub fn set_location(cx: &Ctx, choice: LibraryChoice) -> AppResult<LibraryLocation> {
    let (location, saved) = match choice.kind {
        LibraryKind::File => (
            Location::File(cx.state.local_path().to_owned()),
            SavedLibrary::File,
        ),
        LibraryKind::Server => {
            let url = choice.url.unwrap_or_default();
            let (location, bare) = server_location(&url, choice.password.as_deref())?;
            (location, SavedLibrary::Server { url: bare })
        }
    };
    let due = cx.state.switch(&location, saved).inspect_err(|e| {
        tracing::warn!("the library {location} cannot be used: {}", e.message);
    })?;
    cx.emit(LibraryChanged {});
    if let Some(why) = due {
        tracing::info!("{location}: first run ({why}): importing the bundled corpus");
        cx.state.set_ready(false);
        let added = super::import::import_bundled_corpus(cx);
        added?;
    }
    cx.state.request_vectors();
    Ok(cx.state.location_info())
}

/// Set the author name written with notes and pairings (`null` or blank:
/// the default), saved in the settings.
pub fn set_author(cx: &Ctx, author: Option<String>) -> AppResult<LibraryLocation> {
    cx.state.set_author(author)?;
    Ok(cx.state.location_info())
}

/// The library's revision: it changes whenever anyone (another window,
/// another program, a colleague on the team server) changes the library.
pub fn revision(cx: &Ctx) -> AppResult<u64> {
    Ok(cx.state.library()?.revision()?)
}
