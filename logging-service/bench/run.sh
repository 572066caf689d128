#!/usr/bin/env bash
# Indexing benchmark: drains a backlog of synthetic activity events from Kafka into Elasticsearch
# (sustained throughput), then sends events at a fixed rate and times each one until a search
# returns it (produce->searchable lag). The service runs inside the benchmark JVM.
# Uses KAFKA_BROKER and ELASTICSEARCH_NODE when set, else starts private ones (random ports).
# Options: --events=200000 --rate=1000 --seconds=30 --poll=0.1
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
mvn -q -o -pl logging-service test-compile
classpath_file="$(mktemp)"
trap 'rm -f "$classpath_file"' EXIT
mvn -q -o -pl logging-service dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$classpath_file"
exec java -Xmx1g -cp "logging-service/target/test-classes:logging-service/target/classes:$(cat "$classpath_file")" \
  chat.logging.bench.IndexingBenchmark "$@"
