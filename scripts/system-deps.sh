#!/usr/bin/env bash
# Installs the Debian packages the desk and its tests need, when they are missing.
# Qt's xcb platform under Xvfb, QtMultimedia's libpulse, pdftoppm, zbarimg, a font with every
# accented letter, a PulseAudio server (with parec) for the alert's sound-server test, and
# PostgreSQL for the relay's second backend (the tests start a throwaway server of their own).
# Safe to run again: it only calls apt-get when something is missing.
set -euo pipefail
packages=(xvfb xauth libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0 libxcb-xkb1
          libxkbcommon-x11-0 libxcb-randr0 libxcb-shape0 libxcb-xinerama0 libxcb-cursor0
          libegl1 libgl1 libfontconfig1 libdbus-1-3 libpulse0 poppler-utils zbar-tools
          fonts-dejavu-core pulseaudio pulseaudio-utils postgresql)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "Installing system packages: ${missing[*]}"
if [ "$(id -u)" -eq 0 ]; then sudo=""; elif command -v sudo >/dev/null; then sudo="sudo"; else
  echo "Please install as root: apt-get install ${missing[*]}" >&2; exit 1
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
