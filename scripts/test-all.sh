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
echo "== unit and integration tests (PGlite + PostgreSQL at $PG_URL)"; npx vitest run
echo "== build"; npx next build > /tmp/mixstudy-build.log 2>&1 || { tail -50 /tmp/mixstudy-build.log; exit 1; }
echo "== end-to-end (Chromium)"; npx playwright test
