#!/usr/bin/env bash
# One set-up command for a fresh machine (and for CI): the Debian packages the charts, the browser
# tests and the manifest's schema check (xmllint) need, when they are missing and we may install them, then the npm packages (which also
# build the command line into dist/).
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ] || need+=(chromium)
fc-list 2>/dev/null | grep -qi 'Noto Sans CJK' || need+=(fonts-noto-cjk)
command -v xmllint >/dev/null 2>&1 || need+=(libxml2-utils)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "setup: installing ${need[*]} (Debian packages for chart fonts, browser tests and the manifest schema check)"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  else
    echo "setup: please install ${need[*]} (sudo apt-get install ${need[*]}); charts need the font, browser tests need chromium, the manifest test needs xmllint" >&2
  fi
fi

npm ci --no-audit --no-fund
