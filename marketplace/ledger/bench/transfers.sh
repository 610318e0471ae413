#!/usr/bin/env bash
# Ledger benchmark: transfers/s and two-phase (pending+post) pairs/s with batching, and the p99 latency
# of a single transfer, on the real PostgreSQL at 127.0.0.1:5432 (database test, user postgres, trust
# authentication; a schema ledger_bench is created and dropped). docs/benchmarks.md records results.
#
# Usage: marketplace/ledger/bench/transfers.sh [--transfers N] [--pairs N] [--accounts N] [--in-flight N]
#        [--latency-samples N] [--jdbc-url URL --user U]   (defaults: 500000, 200000, 10000, 4, 2000)
#        BENCH_SKIP_BUILD=1 reuses the last build; BENCH_JAVA_OPTS adds JVM options.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
module=$(cd "$here/.." && pwd)
root=$(cd "$module/../.." && pwd)
classpath_file="$module/target/bench-classpath.txt"
if [ "${BENCH_SKIP_BUILD:-0}" != 1 ] || [ ! -s "$classpath_file" ]; then
  (cd "$root" && ./mvnw -B -ntp -q -o -pl marketplace/ledger test-compile dependency:build-classpath \
      -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test)
fi
exec java -Xms256m -Xmx1g -XX:+UseSerialGC ${BENCH_JAVA_OPTS:-} \
  -cp "$module/target/test-classes:$module/target/classes:$(cat "$classpath_file")" \
  io.swarmplace.ledger.bench.TransferBenchmark "$@"
