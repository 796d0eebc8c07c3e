#!/usr/bin/env bash
# Regenerate the TypeScript bindings from the Rust types and fail if the
# committed files in ui/src/lib/bindings/ differ (someone changed a type
# without regenerating). Usage: scripts/check-bindings.sh
set -euo pipefail
cd "$(dirname "$0")/.."
cargo test -q -p policydiff-app --test bindings
if ! git diff --exit-code -- ui/src/lib/bindings; then
  echo "check-bindings: ui/src/lib/bindings is out of date; run 'cargo test -p policydiff-app --test bindings' and commit" >&2
  exit 1
fi
untracked=$(git ls-files --others --exclude-standard -- ui/src/lib/bindings)
if [ -n "$untracked" ]; then
  echo "check-bindings: new binding files not committed:" >&2
  echo "$untracked" >&2
  exit 1
fi
echo "check-bindings: ui/src/lib/bindings is up to date"
