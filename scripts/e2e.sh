#!/usr/bin/env bash
# End-to-end tests of the desktop app: build the app with the UI embedded,
# start Xvfb and tauri-driver, run tests/e2e/run.mjs against a fresh library.
#
# Usage: scripts/e2e.sh [--no-build] [--measure]
#   --measure  run tests/e2e/measure.mjs (timings, RSS) instead of the tests
# Needs: scripts/apt-deps.sh done (WebKitWebDriver, Xvfb, CJK fonts), Node >= 20,
#        tauri-driver (installed with `cargo install tauri-driver --locked` if missing).
# Env:   E2E_PORT (tauri-driver port, default 4444; native driver uses +1)
#        E2E_DISPLAY (Xvfb display number, default 99)
#        E2E_LARGE_DOCS (documents of the generated large library that tests/e2e/large.mjs
#        opens after the main tests; default 50000, about a minute more; 0 skips it)
# Screenshots go to e2e-artifacts/. Exit status 0 when every test passed.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"

BUILD=1
SCRIPT=tests/e2e/run.mjs
for arg in "$@"; do
  case "$arg" in
    --no-build) BUILD=0 ;;
    --measure) SCRIPT=tests/e2e/measure.mjs ;;
    *) echo "usage: scripts/e2e.sh [--no-build] [--measure]" >&2; exit 2 ;;
  esac
done

for tool in Xvfb WebKitWebDriver node; do
  command -v "$tool" >/dev/null || { echo "e2e: $tool not found (run scripts/apt-deps.sh)" >&2; exit 2; }
done
export PATH="$HOME/.cargo/bin:$PATH"
if ! command -v tauri-driver >/dev/null; then
  echo "e2e: installing tauri-driver"
  cargo install tauri-driver --locked
fi

if [ "$BUILD" = 1 ]; then
  echo "e2e: building the UI"
  ( cd ui && { [ -d node_modules ] || npm ci --no-audit --no-fund; } && npm run build )
  echo "e2e: building the app (debug, UI embedded)"
  cargo build -p policydiff-app --features custom-protocol
  echo "e2e: building the CLI (debug), which imports the large library"
  cargo build -p policydiff-cli --bin policydiff
fi
# Cargo's target directory: CARGO_TARGET_DIR when set (relative to the repository), else target/.
TARGET="${CARGO_TARGET_DIR:-target}"
case "$TARGET" in /*) ;; *) TARGET="$ROOT/$TARGET" ;; esac
BIN="$TARGET/debug/policydiff-app"
CLI="$TARGET/debug/policydiff"
[ -x "$BIN" ] || { echo "e2e: $BIN missing (run without --no-build)" >&2; exit 2; }
LARGE="${E2E_LARGE_DOCS:-50000}"
if [ "$SCRIPT" = tests/e2e/run.mjs ] && [ "$LARGE" != 0 ]; then
  [ -x "$CLI" ] || { echo "e2e: $CLI missing (run without --no-build)" >&2; exit 2; }
fi

TMP="$(mktemp -d -t policydiff-e2e.XXXXXX)"
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$TMP"
}
trap cleanup EXIT

# A fresh library and fresh config dirs (window state) for this run.
export POLICYDIFF_DB="$TMP/library.sqlite3"
export XDG_CONFIG_HOME="$TMP/config" XDG_DATA_HOME="$TMP/data" XDG_CACHE_HOME="$TMP/cache"
mkdir -p "$XDG_CONFIG_HOME" "$XDG_DATA_HOME" "$XDG_CACHE_HOME"

DISP="${E2E_DISPLAY:-99}"
Xvfb ":$DISP" -screen 0 1600x1000x24 -nolisten tcp >"$TMP/xvfb.log" 2>&1 &
PIDS+=($!)
export DISPLAY=":$DISP"

PORT="${E2E_PORT:-4444}"
tauri-driver --port "$PORT" --native-port "$((PORT + 1))" >"$TMP/driver.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 50); do
  if (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then break; fi
  sleep 0.1
done

mkdir -p e2e-artifacts
status=0
E2E_APP="$BIN" E2E_DRIVER="http://127.0.0.1:$PORT" E2E_ARTIFACTS="$ROOT/e2e-artifacts" E2E_WORK="$TMP" \
  node "$SCRIPT" || status=$?

# The library pane on a large generated library: a second library file, so tauri-driver
# (whose environment the app inherits) is started again with POLICYDIFF_DB pointing to it.
if [ "$SCRIPT" = tests/e2e/run.mjs ] && [ "$LARGE" != 0 ]; then
  t0=$SECONDS
  node tests/e2e/gen-library.mjs "$LARGE" "$TMP/large.txt"
  "$CLI" --db "$TMP/large.sqlite3" import "$TMP/large.txt" >"$TMP/large-import.log" 2>&1 \
    || { cat "$TMP/large-import.log" >&2; echo "e2e: importing the large library failed" >&2; exit 1; }
  echo "e2e: large library of $LARGE generated documents imported in $((SECONDS - t0)) s"
  kill "${PIDS[-1]}" 2>/dev/null || true
  wait "${PIDS[-1]}" 2>/dev/null || true
  POLICYDIFF_DB="$TMP/large.sqlite3" tauri-driver --port "$PORT" --native-port "$((PORT + 1))" >"$TMP/driver-large.log" 2>&1 &
  PIDS+=($!)
  for _ in $(seq 50); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then break; fi
    sleep 0.1
  done
  large=0
  E2E_APP="$BIN" E2E_DRIVER="http://127.0.0.1:$PORT" E2E_ARTIFACTS="$ROOT/e2e-artifacts" E2E_LARGE_DOCS="$LARGE" \
    node tests/e2e/large.mjs || large=$?
  if [ "$large" -ne 0 ]; then
    cp "$TMP/driver-large.log" e2e-artifacts/driver-large.log 2>/dev/null || true
    status=$large
  fi
fi
if [ "$status" -ne 0 ]; then
  cp "$TMP/driver.log" e2e-artifacts/driver.log 2>/dev/null || true
  echo "e2e: failed; driver log in e2e-artifacts/driver.log" >&2
  # A crash of the web view (a lost WebDriver session) leaves no message but the kernel's.
  crashes=$(dmesg 2>/dev/null | grep -i segfault | tail -n 3 || true)
  if [ -n "$crashes" ]; then
    echo "e2e: the kernel's last segfaults:" >&2
    echo "$crashes" >&2
  fi
fi
exit "$status"
