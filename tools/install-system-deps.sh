#!/usr/bin/env bash
# Debian/Ubuntu libraries the tests need: Qt's offscreen platform (EGL, fontconfig,
# xkbcommon, GLib, D-Bus), a font, LibreOffice Calc and poppler (pdfinfo) for the report-opens-cleanly test.
# Safe to run again; does nothing on machines without apt-get.
set -euo pipefail
packages=(libegl1 libgl1 libfontconfig1 libxkbcommon0 libglib2.0-0 libdbus-1-3 fonts-dejavu-core
          libreoffice-calc-nogui poppler-utils)
if ! command -v apt-get >/dev/null; then
  echo "install-system-deps: no apt-get here; install Qt's runtime libraries and LibreOffice yourself" >&2
  exit 0
fi
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
