#!/usr/bin/env bash
# End-to-end scenarios in real headless Chromium against a running stack.
#   CHAT_URL                 the gateway (default http://localhost:8080)
#   RESTART_MESSAGING_CMD    restarts messaging-service (default: <repo>/deploy/chat restart messaging-service)
#   E2E_ADMIN_USER / E2E_ADMIN_PASSWORD   an account named in ADMIN_USERS (default admin / admin-e2e-password)
#   UPDATE_DOC_SCREENSHOTS=1 also copy the screenshots to docs/screenshots/ (for the README)
set -euo pipefail
cd "$(dirname "$0")/.."

export CHAT_URL="${CHAT_URL:-http://localhost:8080}"
export CHROMIUM_PATH="${CHROMIUM_PATH:-/usr/bin/chromium}"

if [ ! -x "$CHROMIUM_PATH" ]; then
  echo "e2e: installing Debian chromium" >&2
  if [ "$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi
# The gateway serves dist/; build it when missing.
[ -f dist/index.html ] || npm run build

mkdir -p e2e/screenshots
exec node --test --test-concurrency=1 --test-reporter=spec e2e/scenarios.test.mjs
