#!/usr/bin/env bash
# Checks a claimdiff HTML report in headless Chromium and saves a screenshot.
#
#   tests/browser/run.sh REPORT.html [SCREENSHOT.png]     (screenshot default: docs/report.png)
#
# Needs node >= 20 with npm, and Debian's chromium (apt-get install -y chromium) at
# /usr/bin/chromium or CHROMIUM_PATH. Installs playwright-core with `npm ci` when needed; never
# downloads a browser. Exits non-zero when a check fails.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
if [ $# -lt 1 ] || [ $# -gt 2 ]; then
  echo "usage: $0 REPORT.html [SCREENSHOT.png]" >&2
  exit 2
fi
if [ ! -f "$1" ]; then
  echo "run.sh: no such file: $1" >&2
  exit 2
fi
report="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
shot="${2:-$here/../../docs/report.png}"
case "$shot" in
  /*) ;;
  *) shot="$PWD/$shot" ;;
esac

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "run.sh: node and npm are required" >&2
  exit 2
fi
browser="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ ! -x "$browser" ]; then
  echo "run.sh: $browser not found; install it (apt-get install -y chromium) or set CHROMIUM_PATH" >&2
  exit 2
fi

cd "$here"
if [ ! -f node_modules/playwright-core/package.json ] \
  || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund
fi
CHROMIUM_PATH="$browser" exec node report_test.mjs "$report" "$shot"
