#!/usr/bin/env bash
# Install the real clients the test suite drives: LibreOffice (Word files),
# Chromium (HTML) and CJK fonts (so Chinese renders without tofu).
# Idempotent; does nothing for what is already there. Needs root for apt-get;
# without root it says what is missing and leaves the tests to skip (outside CI).
set -uo pipefail

need=()
command -v soffice >/dev/null 2>&1 || command -v libreoffice >/dev/null 2>&1 || need+=(libreoffice-writer-nogui)
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v pdftoppm >/dev/null 2>&1 || need+=(poppler-utils)
dpkg -s fonts-noto-cjk >/dev/null 2>&1 || need+=(fonts-noto-cjk)

if [ ${#need[@]} -eq 0 ]; then
    exit 0
fi
if [ "$(id -u)" != 0 ]; then
    echo "system-deps: not root; missing: ${need[*]} (tests that need them will skip)" >&2
    exit 0
fi
echo "system-deps: installing ${need[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null 2>&1 || apt-get update -qq
apt-get install -y -qq --no-install-recommends "${need[@]}" >/tmp/resdiff-apt.log 2>&1 || {
    echo "system-deps: apt-get install failed; last lines:" >&2
    tail -n 20 /tmp/resdiff-apt.log >&2
    exit 1
}
