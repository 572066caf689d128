#!/usr/bin/env bash
# Live verification of the monitoring against the running local stack (deploy/chat up):
#   1. finds the services (gateway from CHAT_URL, messaging on 8081 and, if it runs, 8091,
#      presence 8082, logging 8083) and writes a Prometheus config from
#      deploy/prometheus/prometheus-local.yml with exactly those targets;
#   2. promtool check config / check rules;
#   3. starts Debian's prometheus on a free loopback port and waits until every target is up;
#   4. generates traffic through the gateway (accounts, sockets, messages, read APIs);
#   5. evaluates every dashboard and alert expression (deploy/monitoring/evaluate.mjs);
#   6. renders a PNG chart of key metrics (deploy/monitoring/chart.mjs).
# Exits non-zero on the first failure. Stops the Prometheus it started.
#
#   CHAT_URL=http://localhost:8080 deploy/monitoring/verify.sh
#   CHART_OUT=deploy/monitoring/docs/metrics.png deploy/monitoring/verify.sh   # refresh the picture
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
CHAT_URL="${CHAT_URL:-http://localhost:8080}"
CHAT_URL="${CHAT_URL%/}"
MESSAGING_PORTS="${MESSAGING_PORTS:-8081 8091}"
PRESENCE_PORT="${PRESENCE_PORT:-8082}"
LOGGING_PORT="${LOGGING_PORT:-8083}"
TRAFFIC_SECONDS="${TRAFFIC_SECONDS:-25}"
WORK="$(mktemp -d /tmp/chat-verify.XXXXXX)"
PROM_PID=""

say() { echo "verify: $*"; }
fail() {
  echo "verify: FAIL $*" >&2
  if [[ -f "$WORK/prometheus.log" ]]; then tail -n 20 "$WORK/prometheus.log" >&2; fi
  exit 1
}
cleanup() {
  if [[ -n "$PROM_PID" ]] && kill -0 "$PROM_PID" 2>/dev/null; then
    kill "$PROM_PID"
    wait "$PROM_PID" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

for tool in prometheus promtool node npm curl chromium; do
  command -v "$tool" >/dev/null || fail "$tool is missing (Debian: apt-get install prometheus nodejs npm curl chromium)"
done

ready() { curl -fs -m 3 -o /dev/null "$1/actuator/health/readiness"; }
# `deadline SECONDS CMD...`: retries CMD once a second until it succeeds or the time is up.
deadline() {
  local limit=$(( $(date +%s) + $1 )); shift
  until "$@"; do
    (( $(date +%s) < limit )) || return 1
    sleep 1
  done
}
json() { node -e "let s='';process.stdin.on('data',d=>s+=d).on('end',()=>{const b=JSON.parse(s);$1})"; }

# 1. targets and config
gateway_host="$(node -e 'const u=new URL(process.argv[1]);console.log(u.hostname+":"+(u.port||80))' "$CHAT_URL")"
# A port with an HTTP server on it is a replica that must become ready (a loaded machine may
# take a while); a port nobody listens on is a replica that does not run.
listening() { curl -s -m 3 -o /dev/null "$1/actuator/health"; }
deadline 120 ready "$CHAT_URL" || fail "gateway not ready at $CHAT_URL"
deadline 120 ready "http://localhost:$PRESENCE_PORT" || fail "presence-service not ready on $PRESENCE_PORT"
deadline 120 ready "http://localhost:$LOGGING_PORT" || fail "logging-service not ready on $LOGGING_PORT"
messaging_targets=()
for port in $MESSAGING_PORTS; do
  if listening "http://localhost:$port"; then
    deadline 120 ready "http://localhost:$port" || fail "messaging-service on $port not ready"
    messaging_targets+=("\"localhost:$port\"")
  fi
done
(( ${#messaging_targets[@]} > 0 )) || fail "no messaging-service replica ready on ports $MESSAGING_PORTS"
messaging_list="$(IFS=,; echo "${messaging_targets[*]}" | sed 's/,/, /g')"
say "targets: gateway $gateway_host, messaging [$messaging_list], presence $PRESENCE_PORT, logging $LOGGING_PORT"

sed -e "s|\"localhost:8080\"|\"$gateway_host\"|" \
    -e "s|\"localhost:8081\", \"localhost:8091\"|$messaging_list|" \
    -e "s|\"localhost:8082\"|\"localhost:$PRESENCE_PORT\"|" \
    -e "s|\"localhost:8083\"|\"localhost:$LOGGING_PORT\"|" \
    -e "s|^  - rules/\*\.yml$|  - $ROOT/deploy/prometheus/rules/*.yml|" \
    "$ROOT/deploy/prometheus/prometheus-local.yml" > "$WORK/prometheus.yml"
grep -q "$ROOT/deploy/prometheus/rules" "$WORK/prometheus.yml" || fail "could not rewrite rule_files"

# 2. static checks
promtool check config "$WORK/prometheus.yml" >/dev/null || fail "promtool check config"
promtool check rules "$ROOT"/deploy/prometheus/rules/*.yml >/dev/null || fail "promtool check rules"
say "promtool check config and check rules: ok"

# 3. Prometheus
port="$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"
PROM_URL="http://127.0.0.1:$port"
prom_start="$(date +%s)"
prometheus --config.file="$WORK/prometheus.yml" --storage.tsdb.path="$WORK/data" \
  --web.listen-address="127.0.0.1:$port" --log.level=warn >"$WORK/prometheus.log" 2>&1 &
PROM_PID=$!
deadline 30 curl -fsS -m 2 -o /dev/null "$PROM_URL/-/ready" || fail "prometheus not ready on $port"
all_up() {
  curl -fsS -m 3 "$PROM_URL/api/v1/targets?state=active" | json '
    const t=b.data.activeTargets.filter(x=>x.labels.job==="chat-services");
    const down=t.filter(x=>x.health!=="up");
    if(t.length===0||down.length){console.error("waiting for targets:",down.map(x=>x.scrapeUrl+" "+x.health+" "+x.lastError).join("; "));process.exit(1)}
    console.log(t.length)'
}
targets_up="$(deadline 60 all_up)" || fail "not every target is up"
say "prometheus on $PROM_URL scrapes $targets_up targets, all up"

# 4. traffic
if [[ ! -d "$HERE/node_modules/socket.io-client" ]]; then
  npm ci --prefix "$HERE" --no-audit --no-fund --silent || fail "npm ci in deploy/monitoring"
fi
CHAT_URL="$CHAT_URL" node "$HERE/traffic.mjs" "$TRAFFIC_SECONDS" || fail "traffic generation"
traffic_end="$(date +%s)"
# Every target scraped, and every rule group evaluated, after the traffic ended.
scraped_after() {
  curl -fsS -m 3 "$PROM_URL/api/v1/targets?state=active" | json "
    const late=b.data.activeTargets.filter(x=>Date.parse(x.lastScrape)/1000<=$traffic_end);
    process.exit(late.length?1:0)" &&
  curl -fsS -m 3 "$PROM_URL/api/v1/rules" | json "
    const late=b.data.groups.filter(g=>Date.parse(g.lastEvaluation)/1000<=$traffic_end+1);
    process.exit(late.length?1:0)"
}
deadline 30 scraped_after || fail "no scrape or rule evaluation after the traffic"

# 5. every expression
PROM_URL="$PROM_URL" node "$HERE/evaluate.mjs" || fail "some dashboard or alert expressions"

# 6. picture
chart="${CHART_OUT:-$WORK/metrics.png}"
PROM_URL="$PROM_URL" node "$HERE/chart.mjs" "$chart" "$prom_start" || fail "chart rendering"
[[ "$(stat -c %s "$chart")" -gt 10000 ]] || fail "chart $chart is suspiciously small"
say "all checks passed"
