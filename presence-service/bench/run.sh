#!/usr/bin/env bash
# Replays connection events through Kafka into a RUNNING presence-service and prints throughput
# and offline latency. Reads KAFKA_BROKER, REDIS_HOST, REDIS_PORT (defaults: the local stack);
# pass options as --name=value (see chat.presence.bench.PresenceBenchmark), e.g. --grace=3s
# (must equal the service's grace period), --events=200000, --samples=300, --rate=5000.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
mvn -q -o -pl presence-service test-compile
classpath_file="$(mktemp)"
trap 'rm -f "$classpath_file"' EXIT
mvn -q -o -pl presence-service dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$classpath_file"
exec java -cp "presence-service/target/test-classes:presence-service/target/classes:$(cat "$classpath_file")" \
  chat.presence.bench.PresenceBenchmark "$@"
