#!/usr/bin/env bash
# Debian/Ubuntu libraries the app and its tests need: Qt's offscreen platform (EGL, fontconfig,
# xkbcommon, GLib, D-Bus), Qt's xcb platform for real windows on X11 (the libraries its plugin
# links: `ldd PySide6/Qt/plugins/platforms/libqxcb.so`) and Xvfb to test it, a font,
# LibreOffice Calc with Carlito (metrically Calibri, so column widths print as in Excel) and poppler
# (pdfinfo, pdftotext) for the report print tests, and libfaketime, with which CI runs the suite 400 days ahead.
# Safe to run again; does nothing on machines without apt-get.
set -euo pipefail
packages=(libegl1 libgl1 libfontconfig1 libxkbcommon0 libglib2.0-0 libdbus-1-3 fonts-dejavu-core
          libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0 libxcb-render-util0
          libxcb-render0 libxcb-shape0 libxcb-shm0 libxcb-sync1 libxcb-util1 libxcb-xfixes0 libxcb-xkb1 libxcb1
          libx11-xcb1 libx11-6 libxkbcommon-x11-0 xvfb xauth
          libreoffice-calc-nogui fonts-crosextra-carlito poppler-utils faketime)
if ! command -v apt-get >/dev/null; then
  echo "install-system-deps: no apt-get here; install Qt's runtime libraries, Xvfb and LibreOffice yourself" >&2
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
