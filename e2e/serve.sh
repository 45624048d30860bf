#!/usr/bin/env bash
# The server Playwright tests against: a fresh PGlite data folder, two researcher accounts, then `npm start`.
set -euo pipefail
cd "$(dirname "$0")/.."
export MIXSTUDY_DATA_DIR="${MIXSTUDY_E2E_DATA_DIR:-.e2e-data}"
export PORT="${PORT:-3210}"
rm -rf "$MIXSTUDY_DATA_DIR"
# The chat e2e spec points a study at a fake OpenAI-compatible server that wants this key (named by its variable).
export E2E_FAKE_API_KEY="${E2E_FAKE_API_KEY:-e2e-fake-key-7f3a}"
npx tsx --conditions react-server scripts/create-researcher.ts --email alice@e2e.test --name Alice --password alice-password-1
npx tsx --conditions react-server scripts/create-researcher.ts --email bob@e2e.test --name Bob --password bob-password-22
# The attack specs' stranger, editor and throttle victim, and the password hashes no response may contain.
npx tsx --conditions react-server e2e/attack-accounts.ts
# Every line the server writes is also kept, so e2e/secrets.spec.ts can check no key or hash is ever logged.
exec node scripts/start.mjs > >(tee -a "$MIXSTUDY_DATA_DIR/server.log") 2> >(tee -a "$MIXSTUDY_DATA_DIR/server.log" >&2)
