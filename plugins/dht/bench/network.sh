#!/usr/bin/env bash
# DHT benchmark: a network of our nodes on 127.0.0.1 in one JVM (lookup latency, hops, messages, success
# before and after 20% of the nodes die; heap per node), then find_node queries per second one node
# answers on one event loop thread, next to python3-libtorrent 2.0.8 flooded the same way.
# docs/benchmarks.md ("DHT") records results.
#
# Usage: plugins/dht/bench/network.sh [nodes] [infoHashes] [lookupsPerInfoHash] [floodSeconds]
#        (defaults 1000 50 4 5); BENCH_SKIP_BUILD=1 reuses the last build.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
module=$(cd "$here/.." && pwd)
root=$(cd "$module/../.." && pwd)
classpath_file="$module/target/bench-classpath.txt"
if [ "${BENCH_SKIP_BUILD:-0}" != 1 ] || [ ! -s "$classpath_file" ]; then
  (cd "$root" && ./mvnw -B -ntp -q -o -pl platform/testing,plugins/dht test-compile dependency:build-classpath \
      -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test)
fi
exec java -Xms64m -Xmx1g -XX:+UseSerialGC ${BENCH_JAVA_OPTS:-} \
  -cp "$module/target/test-classes:$module/target/classes:$(cat "$classpath_file")" \
  io.swarmplace.dht.internal.node.DhtNetworkBenchmark "$@"
