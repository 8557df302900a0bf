#!/usr/bin/env bash
# Debian packages Jiandu needs beyond Python: headless Chromium prints the cooperation report
# to PDF, Noto CJK gives it real Chinese fonts, poppler-utils checks the PDF's text in tests.
# Idempotent: nothing is fetched when every package is already installed.
set -euo pipefail

PACKAGES=(chromium fonts-noto-cjk poppler-utils)

missing=()
for package in "${PACKAGES[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$package")
    fi
done

if [ ${#missing[@]} -eq 0 ]; then
    exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    SUDO="sudo"
fi
echo "system-deps: installing ${missing[*]}"
$SUDO apt-get update -q
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
