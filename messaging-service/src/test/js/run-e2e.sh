#!/usr/bin/env bash
# Runs the end-to-end suites against a running stack.
#   CHAT_URL   base URL (default http://localhost:8080, the gateway)
#   usage:     ./run-e2e.sh                 every suites/*.test.js
#              ./run-e2e.sh protocol chat   only suites whose file name contains one of the words
# Exit code: node --test's (non-zero when a test failed or the stack is unreachable).
set -euo pipefail
cd "$(dirname "$0")"
export CHAT_URL="${CHAT_URL:-http://localhost:8080}"

if [[ ! -d node_modules/socket.io-client ]]; then
  npm ci --no-audit --no-fund --loglevel=error
fi

if ! curl -fsS -o /dev/null --max-time 10 "$CHAT_URL/actuator/health/readiness" \
  && ! curl -sS -o /dev/null --max-time 10 "$CHAT_URL/"; then
  echo "run-e2e: nothing answers at $CHAT_URL (start the local stack first)" >&2
  exit 2
fi

suites=()
if [[ $# -eq 0 ]]; then
  suites=(suites/*.test.js)
else
  for word in "$@"; do
    for file in suites/*"$word"*.test.js; do
      [[ -e "$file" ]] && suites+=("$file")
    done
  done
fi
if [[ ${#suites[@]} -eq 0 ]]; then
  echo "run-e2e: no suite matches: $*" >&2
  exit 2
fi

# One suite file at a time: the stack is shared, and the 2-core machine is too.
exec node --test --test-concurrency=1 --test-timeout="${E2E_TEST_TIMEOUT_MS:-60000}" "${suites[@]}"
