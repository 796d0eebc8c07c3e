#!/usr/bin/env bash
# Install the Debian/Ubuntu packages the desktop app needs to build, run headless and run e2e tests.
# Idempotent: does nothing when every package is already installed.
# Usage: scripts/apt-deps.sh   (as root, or with sudo available)
set -euo pipefail

PKGS=(
  libwebkit2gtk-4.1-dev   # WebKitGTK webview (Tauri 2 on Linux)
  libxdo-dev              # tauri's menu/keyboard helpers
  libssl-dev
  libayatana-appindicator3-dev
  librsvg2-dev
  xvfb                    # headless X server for e2e
  webkit2gtk-driver       # WebKitWebDriver, used by tauri-driver
  fonts-noto-cjk          # Chinese glyphs (otherwise rendered as boxes)
)

missing=()
for p in "${PKGS[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "apt-deps: all ${#PKGS[@]} packages installed"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
echo "apt-deps: installing ${missing[*]}"
$SUDO apt-get -o DPkg::Lock::Timeout=600 update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${missing[@]}"
