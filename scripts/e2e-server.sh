#!/usr/bin/env bash
# The app as Playwright sees it: a production build on a fresh embedded database with the demo data, run the
# way a serverless host runs it: `npm run db:migrate` as its own step, then `next start` alone (plain route
# handlers, the production guards and the embedded engine's loop from instrumentation.ts). `npm start`
# (scripts/serve.ts) is the self-hosting fast lane; its webhook lane has its own tests.
set -euo pipefail
cd "$(dirname "$0")/.."
rm -rf .data/e2e
npx next build
export REKINDLE_DATA_DIR=.data/e2e PORT="${E2E_PORT:-3100}" PGPORT="${E2E_PGPORT:-5480}"
exec npx tsx --conditions=react-server scripts/run.ts next
