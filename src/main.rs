//! `policydiff`: the command-line tool over the PolicyDiff core.
//!
//! A tiny `main`: parse flags, run, print the error chain once, map to an exit
//! code (0 ok, 1 error, 2 usage). A broken pipe counts as success.

mod args;
mod commands;
mod input;
mod matrix;
mod output;
mod related;

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    // An empty variable chooses nothing (`POLICYDIFF_DB= policydiff list`,
    // `export POLICYDIFF_DB=` to undo a choice): the default, not clap's
    // "a value is required for '--db'", a flag the user never gave.
    // Still one thread here.
    for var in ["POLICYDIFF_DB", "POLICYDIFF_MODEL"] {
        if std::env::var_os(var).is_some_and(|v| v.is_empty()) {
            std::env::remove_var(var);
        }
    }
    let args = args::Cli::parse();
    init_tracing(args.verbose);
    match commands::run(args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            if is_broken_pipe(&err) {
                return ExitCode::SUCCESS;
            }
            // File names may hold line breaks or terminal controls.
            let text = output::visible_line(&message(&err));
            let _ = writeln!(std::io::stderr(), "policydiff: {text}");
            ExitCode::from(1)
        }
    }
}

fn init_tracing(verbose: u8) {
    let default = match verbose {
        0 => "warn",
        1 => "info",
        _ => "debug",
    };
    let filter = tracing_subscriber::EnvFilter::try_from_env("POLICYDIFF_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(default));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .init();
}

/// A write failed because the reader went away (`policydiff list | head`):
/// not an error. serde_json wraps the I/O error in its own.
fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        let io = e.downcast_ref::<std::io::Error>().map(std::io::Error::kind);
        let json = e
            .downcast_ref::<serde_json::Error>()
            .and_then(serde_json::Error::io_error_kind);
        io.or(json) == Some(std::io::ErrorKind::BrokenPipe)
    })
}

/// The error and its causes, each said once, joined by `: `.
///
/// The library errors say their cause in their own message and also hand
/// it on as their `source` (`library database: disk is full` whose source
/// is `disk is full`, whose source is SQLite's `Error code 13: disk is
/// full`), so printing the whole chain (`{:#}`) repeats each cause. A cause
/// already said (or said but for an `Error code N:` prefix or an
/// `(os error N)` suffix) is left out.
fn message(err: &anyhow::Error) -> String {
    let mut out = String::new();
    for cause in err.chain() {
        let text = cause.to_string();
        let core = text
            .split_once(": ")
            .filter(|(head, _)| head.starts_with("Error code "))
            .map_or(text.as_str(), |(_, rest)| rest);
        let core = core
            .rsplit_once(" (os error ")
            .filter(|(_, code)| {
                code.strip_suffix(')')
                    .is_some_and(|n| n.parse::<i32>().is_ok())
            })
            .map_or(core, |(said, _)| said);
        if out.is_empty() {
            out = text;
        } else if !out.contains(core) {
            out.push_str(": ");
            out.push_str(&text);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug)]
    struct E(&'static str, Option<Box<E>>);
    impl std::fmt::Display for E {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str(self.0)
        }
    }
    impl std::error::Error for E {
        fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
            self.1.as_deref().map(|e| e as _)
        }
    }

    #[test]
    fn each_cause_is_said_once() {
        let sqlite = E("Error code 13: database or disk is full", None);
        let rusqlite = E("database or disk is full", Some(Box::new(sqlite)));
        let store = E(
            "library database: database or disk is full",
            Some(Box::new(rusqlite)),
        );
        let err = anyhow::Error::new(store).context("importing a.txt");
        assert_eq!(
            message(&err),
            "importing a.txt: library database: database or disk is full"
        );
        // An I/O error's `(os error N)` adds nothing to a message that said it.
        let io = std::io::Error::from_raw_os_error(21);
        let err = anyhow::Error::new(E("cannot read plans: Is a directory", None))
            .context("x")
            .context(io.to_string());
        assert_eq!(
            message(&err),
            "Is a directory (os error 21): x: cannot read plans: Is a directory"
        );
        let err = anyhow::Error::new(io).context("cannot read plans: Is a directory");
        assert_eq!(message(&err), "cannot read plans: Is a directory");
        let other = E("Error code 14: unable to open database file", None);
        let err = anyhow::Error::new(E("library database: cannot open", Some(Box::new(other))));
        assert_eq!(
            message(&err),
            "library database: cannot open: Error code 14: unable to open database file"
        );
    }
}
