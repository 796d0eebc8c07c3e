#!/usr/bin/env bash
# Regenerate what the UI takes from the Rust side and fail if a committed file
# differs (someone changed a type, a command, an event or the engine without
# regenerating):
#   ui/src/lib/bindings/        the IPC types (ts-rs) and contract (commands.ts, events.ts, formats.ts)
#   ui/src/lib/backend/fixtures the engine's comparison the mock backend serves
#   src-tauri/permissions       the commands' permissions (written by build.rs from the same list)
# Usage: scripts/check-bindings.sh
set -euo pipefail
cd "$(dirname "$0")/.."
GENERATED=(ui/src/lib/bindings ui/src/lib/backend/fixtures src-tauri/permissions)
cargo test -q -p policydiff-app --test bindings
if ! git diff --exit-code -- "${GENERATED[@]}"; then
  echo "check-bindings: generated files are out of date; run 'cargo test -p policydiff-app --test bindings' and commit" >&2
  exit 1
fi
untracked=$(git ls-files --others --exclude-standard -- "${GENERATED[@]}")
if [ -n "$untracked" ]; then
  echo "check-bindings: new generated files not committed:" >&2
  echo "$untracked" >&2
  exit 1
fi
echo "check-bindings: ${GENERATED[*]} up to date"
