#!/usr/bin/env bash
# The README's test command: typecheck, unit + integration tests (PGlite and a real PostgreSQL
# server started here), a production build, then the Playwright specs in Debian's Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
# The tests need Debian's Chromium, PostgreSQL server and ffmpeg/sox/espeak-ng (loudness reference); install them when missing and we may.
if [ ! -x /usr/bin/chromium ] || ! ls -d /usr/lib/postgresql/*/bin >/dev/null 2>&1 || ! command -v ffmpeg >/dev/null || ! command -v sox >/dev/null || ! command -v espeak-ng >/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium postgresql fonts-dejavu-core ffmpeg sox espeak-ng >/dev/null
  else
    echo "The tests need Debian packages: sudo apt-get install chromium postgresql ffmpeg sox espeak-ng" >&2; exit 1
  fi
fi
[ -d node_modules ] || npm install --no-audit --no-fund
PG_URL=$(scripts/pg-test.sh start)
trap 'scripts/pg-test.sh stop' EXIT
export MIXSTUDY_TEST_PG_URL="$PG_URL"
echo "== typecheck"; npx tsc --noEmit
REPORTS=$(mktemp -d)
echo "== unit and integration tests (PGlite + PostgreSQL at $PG_URL)"
npx vitest run --reporter=default --reporter=json --outputFile.json="$REPORTS/vitest.json"
echo "== build"; npx next build > "$REPORTS/build.log" 2>&1 || { tail -50 "$REPORTS/build.log"; exit 1; }
echo "== end-to-end (Chromium)"
PLAYWRIGHT_JSON_OUTPUT_NAME="$REPORTS/playwright.json" npx playwright test --reporter=list,json
# One closing line over both runners: "N passed, N failed, N skipped".
node -e '
const fs = require("fs");
const v = JSON.parse(fs.readFileSync(process.argv[1], "utf8"));
const p = JSON.parse(fs.readFileSync(process.argv[2], "utf8")).stats;
const passed = v.numPassedTests + p.expected, failed = v.numFailedTests + p.unexpected + (p.flaky || 0);
const skipped = v.numPendingTests + v.numTodoTests + p.skipped;
console.log(`unit+integration ${v.numPassedTests}/${v.numTotalTests}, end-to-end ${p.expected}/${p.expected + p.unexpected + p.skipped + (p.flaky || 0)}`);
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
if (failed > 0 || skipped > 0) process.exit(1);
' "$REPORTS/vitest.json" "$REPORTS/playwright.json"
