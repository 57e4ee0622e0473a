#!/usr/bin/env bash
# The app as Playwright sees it: a production build on a fresh embedded database with the demo data.
set -euo pipefail
cd "$(dirname "$0")/.."
rm -rf .data/e2e
npx next build
export REKINDLE_DATA_DIR=.data/e2e PORT="${E2E_PORT:-3100}" PGPORT="${E2E_PGPORT:-5480}"
exec npx tsx --conditions=react-server scripts/run.ts start
