#!/usr/bin/env bash
# Makes sure Playwright has a Chromium to drive: Debian's package where apt is available
# (Playwright's own download cannot work on machines without general internet), Playwright's own elsewhere.
set -euo pipefail
if [ -n "${CHROMIUM_PATH:-}" ] && [ -x "$CHROMIUM_PATH" ]; then exit 0; fi
if command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ]; then exit 0; fi
if command -v apt-get >/dev/null 2>&1; then
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  echo "Installing Chromium from Debian packages…"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
  exit 0
fi
echo "No system Chromium and no apt: using Playwright's own browser."
npx playwright install chromium
