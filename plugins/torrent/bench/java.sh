#!/usr/bin/env bash
# Runs a benchmark main class of this module with its test classpath, building it first unless
# BENCH_SKIP_BUILD=1. Usage: java.sh <main class> [args]; BENCH_JAVA_OPTS adds JVM options.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
module=$(cd "$here/.." && pwd)
root=$(cd "$module/../.." && pwd)
classpath_file="$module/target/bench-classpath.txt"
if [ "${BENCH_SKIP_BUILD:-0}" != 1 ] || [ ! -s "$classpath_file" ]; then
  (cd "$root" && ./mvnw -B -ntp -q -pl plugins/torrent -am test-compile dependency:build-classpath \
      -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test)
fi
main=$1
shift
exec java -Xms32m -Xmx256m -XX:+UseSerialGC -XX:MaxMetaspaceSize=256m ${BENCH_JAVA_OPTS:-} \
  -cp "$module/target/test-classes:$module/target/classes:$(cat "$classpath_file")" "$main" "$@"
