#!/usr/bin/env bash
# The server Playwright tests against: a fresh PGlite data folder, two researcher accounts, then `npm start`.
set -euo pipefail
cd "$(dirname "$0")/.."
export MIXSTUDY_DATA_DIR="${MIXSTUDY_E2E_DATA_DIR:-.e2e-data}"
export PORT="${PORT:-3210}"
rm -rf "$MIXSTUDY_DATA_DIR"
npx tsx --conditions react-server scripts/create-researcher.ts --email alice@e2e.test --name Alice --password alice-password-1
npx tsx --conditions react-server scripts/create-researcher.ts --email bob@e2e.test --name Bob --password bob-password-22
exec node scripts/start.mjs
