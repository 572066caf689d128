#!/usr/bin/env bash
# deploy/chat test: every test of the project, on real infrastructure, in this order:
#   1. missing Debian packages (redis-server, chromium, prometheus, docker-compose)
#   2. build the launcher, the Kafka broker jars and the Elasticsearch zip
#   3. shared test infrastructure, ONCE for the run (random ports, endpoints in CHAT_TEST_INFRA_FILE)
#   4. mvn verify over the whole reactor (unit + integration tests, format check, ArchUnit)
#   5. frontend unit tests (npm ci && npm test), when frontend/package.json exists, and the load
#      benchmark's unit tests (node --test)
#   6. the full local stack (own data dir under /tmp, MESSAGING_REPLICAS=2, high rate limits)
#      and each end-to-end suite that exists
# Always stops what it started. Prints a summary with durations; exit status 0 only if all passed.
#
#   deploy/chat test        all of it (what .ci/run runs)
#   deploy/chat test e2e    only the end-to-end stage (builds the jars without running tests)
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# shellcheck source=deploy/scripts/lib.sh
source "$ROOT/deploy/scripts/lib.sh"

RUN_DIR="$(mktemp -d /tmp/chat-test-run.XXXXXX)"
chmod 755 "$RUN_DIR"
INFRA_PID=""
OFFSET=0
STACK_DATA="$RUN_DIR/stack"
SUMMARY=()
FAILED=0
RUN_START=$SECONDS

cleanup() {
  if [[ -d "$STACK_DATA/run" ]]; then
    launcher_quiet down || true
  fi
  stop_infra
  if [[ $FAILED -eq 0 ]]; then rm -rf "$RUN_DIR"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# step NAME COMMAND...: runs one step, records PASS/FAIL and its duration.
step() {
  local name="$1" begin=$SECONDS status
  shift
  say "=== $name"
  "$@"
  status=$?
  local took=$((SECONDS - begin))
  if [[ $status -eq 0 ]]; then
    SUMMARY+=("$(printf 'PASS  %-44s %4ds' "$name" "$took")")
  else
    SUMMARY+=("$(printf 'FAIL  %-44s %4ds  (exit %d)' "$name" "$took" "$status")")
    FAILED=1
  fi
  return $status
}

skip() { SUMMARY+=("$(printf 'SKIP  %-44s        (%s)' "$1" "$2")"); }

launcher_quiet() { (export CHAT_DATA_DIR="$STACK_DATA" && launcher "$@") >/dev/null 2>&1; }

start_infra() {
  # A copy of the launcher's classpath: mvn verify rebuilds deploy/local-stack meanwhile.
  mkdir -p "$RUN_DIR/launcher" && cp -r "$LOCAL_STACK"/local-stack-*.jar "$LOCAL_STACK/libs" "$RUN_DIR/launcher/"
  export CHAT_TEST_INFRA_FILE="$RUN_DIR/test-infrastructure.properties"
  CHAT_PROJECT_ROOT="$ROOT" java -Xmx768m -XX:+UseSerialGC \
    -cp "$(ls "$RUN_DIR"/launcher/local-stack-*.jar):$RUN_DIR/launcher/libs/*" \
    chat.stack.SharedInfrastructureMain "$CHAT_TEST_INFRA_FILE" >"$RUN_DIR/test-infrastructure.log" 2>&1 &
  INFRA_PID=$!
  local deadline=$((SECONDS + 300))
  until [[ -f "$CHAT_TEST_INFRA_FILE" ]]; do
    if ! kill -0 "$INFRA_PID" 2>/dev/null || ((SECONDS > deadline)); then
      tail -n 40 "$RUN_DIR/test-infrastructure.log" >&2
      return 1
    fi
    sleep 1
  done
  tail -n 1 "$RUN_DIR/test-infrastructure.log"
}

stop_infra() {
  if [[ -n "$INFRA_PID" ]] && kill -0 "$INFRA_PID" 2>/dev/null; then
    kill "$INFRA_PID" && wait "$INFRA_PID" 2>/dev/null
  fi
  INFRA_PID=""
  unset CHAT_TEST_INFRA_FILE
}

build_for_tests() {
  (cd "$ROOT" && mvn -B -q -Dstyle.color=never -DskipTests package \
    -pl deploy/kafka-runtime,deploy/elasticsearch-runtime,deploy/local-stack -am)
}

maven_verify() { (cd "$ROOT" && mvn -B -Dstyle.color=never --fail-at-end verify 2>&1 | tee "$RUN_DIR/mvn-verify.log" | grep -E --line-buffered '^\[(INFO|WARNING|ERROR)\] (Building |Tests run:|BUILD|ERROR|FAIL)|Reactor Summary|SUCCESS \[|FAILURE \[|SKIPPED$'; exit "${PIPESTATUS[0]}"); }

frontend_tests() { (cd "$ROOT/frontend" && npm ci --no-audit --no-fund --loglevel=error && npm test); }

# The load benchmark's own bookkeeping (no dependencies needed).
bench_tests() { (cd "$ROOT/messaging-service/bench" && node --test); }

# listening PORT: true when something accepts connections on 127.0.0.1:PORT.
listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# The e2e stack runs on the standard ports, or 1000 above them when a stack already runs there
# (a developer's `deploy/chat up`); CHAT_PORT_OFFSET forces a value.
choose_port_offset() {
  if [[ -n "${CHAT_PORT_OFFSET:-}" ]]; then
    OFFSET="$CHAT_PORT_OFFSET"
    return
  fi
  OFFSET=0
  local port
  for port in 8080 8081 8082 8083 8091 6380 27018 9092 9093 9200 9300; do
    if listening "$port"; then
      say "port $port is busy (another stack?): the e2e stack uses the standard ports + 1000"
      OFFSET=1000
      return
    fi
  done
}

# The stack of the e2e stage: its own data dir, two messaging replicas, an admin, no throttling.
start_stack() {
  choose_port_offset
  (
    export CHAT_PORT_OFFSET="$OFFSET"
    export CHAT_DATA_DIR="$STACK_DATA" MESSAGING_REPLICAS=2 ADMIN_USERS="${ADMIN_USERS:-admin}"
    export AUTH_RATE_LIMIT_PER_MINUTE="${AUTH_RATE_LIMIT_PER_MINUTE:-100000}"
    export API_RATE_LIMIT_PER_SECOND="${API_RATE_LIMIT_PER_SECOND:-100000}"
    export MESSAGE_RATE_LIMIT_PER_SECOND="${MESSAGE_RATE_LIMIT_PER_SECOND:-100000}"
    build_frontend && launcher up --detach
  )
}

stop_stack() { (export CHAT_DATA_DIR="$STACK_DATA" && launcher down); }

e2e() {
  CHAT_URL="http://localhost:$((8080 + OFFSET))" MESSAGING_URL="http://localhost:$((8081 + OFFSET))" \
    PRESENCE_URL="http://localhost:$((8082 + OFFSET))" LOGGING_URL="http://localhost:$((8083 + OFFSET))" \
    MESSAGING_PORTS="$((8081 + OFFSET)) $((8091 + OFFSET))" PRESENCE_PORT=$((8082 + OFFSET)) \
    LOGGING_PORT=$((8083 + OFFSET)) CHAT_PORT_OFFSET="$OFFSET" CHAT_DATA_DIR="$STACK_DATA" \
    timeout "${E2E_SUITE_TIMEOUT:-900}" "$@"
}

summary() {
  echo
  say "summary (run folder $RUN_DIR)"
  printf '  %s\n' "${SUMMARY[@]}"
  printf '  total %ds\n' $((SECONDS - RUN_START))
}

MODE="${1:-all}"
case "$MODE" in
  all | e2e) ;;
  *) echo "usage: deploy/chat test [e2e]" >&2; exit 2 ;;
esac

cd "$ROOT"
step "install missing packages" install_packages redis-server chromium prometheus docker-compose
VERIFIED=0
if [[ "$MODE" == all ]]; then
  step "build launcher, Kafka, Elasticsearch" build_for_tests || { summary; exit 1; }
  step "start shared test infrastructure" start_infra || { summary; exit 1; }
  step "mvn verify (all modules)" maven_verify
  VERIFIED=$?
  stop_infra
  if [[ -f frontend/package.json ]]; then
    step "frontend unit tests (npm test)" frontend_tests
  else
    skip "frontend unit tests" "no frontend/package.json"
  fi
  step "benchmark unit tests (node --test)" bench_tests
else
  step "build jars and frontend (no tests)" build_stack
  VERIFIED=$?
fi
if [[ $VERIFIED -ne 0 ]]; then
  skip "end-to-end suites" "the build failed: no jars to run"
elif step "start full stack (2 messaging replicas)" start_stack; then
  for suite in messaging-service/src/test/js/run-e2e.sh frontend/e2e/run.sh deploy/monitoring/verify.sh; do
    if [[ -f "$suite" ]]; then
      step "e2e $suite" e2e bash "$suite"
    else
      skip "e2e $suite" "not present"
    fi
  done
  step "stop full stack" stop_stack
else
  tail -n 30 "$STACK_DATA/logs/launcher.log" 2>/dev/null
fi
summary
exit $FAILED
