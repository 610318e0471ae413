#!/usr/bin/env bash
# Connection setup benchmark: python3-libtorrent (defaults: tries MSE/PE first) connecting to our engine
# with MSE off and on, and our engine dialling libtorrent in plaintext and with MSE. docs/benchmarks.md
# records results. Usage: plugins/torrent/bench/connect.sh [runs (default 10)]; BENCH_SKIP_BUILD=1 reuses
# the last build. Needs python3-libtorrent (apt-get install python3-libtorrent).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
module=$(cd "$here/.." && pwd)
root=$(cd "$module/../.." && pwd)
classpath_file="$module/target/bench-classpath.txt"
if [ "${BENCH_SKIP_BUILD:-0}" != 1 ] || [ ! -s "$classpath_file" ]; then
  (cd "$root" && ./mvnw -B -ntp -q -pl plugins/torrent -am test-compile dependency:build-classpath \
      -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test)
fi
exec java -Xms32m -Xmx256m -XX:+UseSerialGC ${BENCH_JAVA_OPTS:-} \
  -cp "$module/target/test-classes:$module/target/classes:$(cat "$classpath_file")" \
  io.swarmplace.torrent.bench.ConnectBenchmark "$@"
