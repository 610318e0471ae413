#!/usr/bin/env bash
# Wallet benchmark: signed transfers per second through the full Trident path (build over gRPC, sign,
# store forced to disk, broadcast) against an in-process devnet, and time from send to solidified.
# docs/benchmarks.md records results.
#
# Usage: plugins/wallet/bench/transfers.sh [--transfers N] [--confirmations N] [--block-ms M] [--solidify-depth D]
#        (defaults: 300 per token, 20, 3000 ms and 19 blocks as on TRON); BENCH_SKIP_BUILD=1 reuses the last build.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
module=$(cd "$here/.." && pwd)
root=$(cd "$module/../.." && pwd)
classpath_file="$module/target/bench-classpath.txt"
if [ "${BENCH_SKIP_BUILD:-0}" != 1 ] || [ ! -s "$classpath_file" ]; then
  (cd "$root" && ./mvnw -B -ntp -q -pl plugins/wallet test-compile dependency:build-classpath \
      -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test)
fi
exec java -Xms32m -Xmx256m -XX:+UseSerialGC ${BENCH_JAVA_OPTS:-} \
  -cp "$module/target/test-classes:$module/target/classes:$(cat "$classpath_file")" \
  io.swarmplace.wallet.bench.TransfersBenchmark "$@"
