#!/usr/bin/env bash
# Fuzz the input pipeline (decode → split → clean → parse → compare) for a
# time budget: scripts/fuzz.sh [minutes] [seed]. Default 10 minutes, a seed
# from the clock. Failing inputs are saved in fuzz/artifacts/ with what
# broke; copy a fixed one into fuzz/regressions/ so the test suite replays it.
# Runs at low priority (nice): the machine stays usable.
set -euo pipefail
cd "$(dirname "$0")/.."
minutes="${1:-10}"
seed="${2:-$(date +%s)}"
cargo build --release -p policydiff-fuzz
exec nice -n 10 target/release/policydiff-fuzz --minutes "$minutes" --seed "$seed" --artifacts fuzz/artifacts
