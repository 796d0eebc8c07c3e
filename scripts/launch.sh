#!/usr/bin/env bash
# Set up and launch the PolicyDiff desktop app. On first run the library
# (in the OS data directory) is filled with the bundled corpus.
# Installs what is missing first (apt packages for Tauri, npm packages).
source "$(dirname "$0")/common.sh"

ensure_rust
scripts/apt-deps.sh
ensure_ui_deps
log "building the UI"
(cd ui && npm run build)
log "building and starting the app (first build takes a few minutes)"
exec cargo run -p policydiff-app --features custom-protocol -- "$@"
