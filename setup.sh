#!/usr/bin/env bash
# Installs what Keepsake needs (libsodium; age and minisign for the tests; FAT and exFAT
# tools mounted through FUSE for the USB-stick backup tests), builds the
# `keepsake` command in release mode and shows its help.
set -euo pipefail
cd "$(dirname "$0")"

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

if command -v apt-get >/dev/null 2>&1; then
    $SUDO apt-get update
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
        libsodium-dev pkg-config zlib1g-dev age minisign unzip faketime \
        dosfstools fusefat exfatprogs exfat-fuse fuse chromium poppler-utils fonts-liberation
elif command -v brew >/dev/null 2>&1; then
    brew install libsodium pkg-config age minisign
else
    echo "error: install libsodium (with pkg-config), age and minisign with your package manager, then run this again" >&2
    exit 1
fi

swift build -c release --product keepsake
echo
echo "Built: $(swift build -c release --show-bin-path)/keepsake"
"$(swift build -c release --show-bin-path)/keepsake" --help
