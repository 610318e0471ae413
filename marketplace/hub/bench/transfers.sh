#!/usr/bin/env bash
# Ledger hub benchmark: remote transfers/s over loopback (requests of many transfers, pipelined on one
# connection) and the p99 latency of a single remote transfer. The ledger runs on the real PostgreSQL at
# 127.0.0.1:5432 (database test, user postgres, trust authentication; schema hub_bench is created and
# dropped). docs/benchmarks.md ("Ledger hub") records results.
#
# Usage: marketplace/hub/bench/transfers.sh [--transfers N] [--batch N] [--in-flight N] [--accounts N]
#        [--latency-samples N]   (defaults: 200000, 2000, 8, 1000, 2000)
#        BENCH_SKIP_BUILD=1 reuses the last build; BENCH_JAVA_OPTS adds JVM options.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
module=$(cd "$here/.." && pwd)
root=$(cd "$module/../.." && pwd)
classpath_file="$module/target/bench-classpath.txt"
if [ "${BENCH_SKIP_BUILD:-0}" != 1 ] || [ ! -s "$classpath_file" ]; then
  (cd "$root" && ./mvnw -B -ntp -q -o -pl marketplace/hub test-compile dependency:build-classpath \
      -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test)
fi
exec java -Xms256m -Xmx1g -XX:+UseSerialGC ${BENCH_JAVA_OPTS:-} \
  -cp "$module/target/test-classes:$module/target/classes:$(cat "$classpath_file")" \
  io.swarmplace.ledger.hub.bench.HubBenchmark "$@"
