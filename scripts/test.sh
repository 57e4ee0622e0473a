#!/usr/bin/env bash
# `npm test`: unit and integration tests against a real Postgres, then end-to-end tests in Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-browser.sh
npx vitest run
npx playwright test
