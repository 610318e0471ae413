#!/usr/bin/env bash
# Benchmark: time from process start to "ready", and resident memory when idle, for a node with the
# sample plugin installed. Usage: dist/bench/startup.sh [runs]   (build first: ./mvnw -DskipTests package)
# SWARMPLACE_DIST=DIR measures another unpacked distribution (e.g. a copy with some bundles/30 jars removed).
# Prints one line per run and the medians; docs/benchmarks.md records the results.
set -euo pipefail
runs=${1:-10}
here=$(cd "$(dirname "$0")" && pwd)
dist=${SWARMPLACE_DIST:-$(ls -d "$here"/../target/swarmplace-*/ 2>/dev/null | head -n 1)}
[ -x "$dist/bin/swarmplace" ] || { echo "build the distribution first: ./mvnw -DskipTests package" >&2; exit 1; }
data=$(mktemp -d)
trap 'rm -rf "$data"' EXIT
cli() { "$dist/bin/swarmplace" --data-dir "$data" "$@"; }

# First start creates the framework cache; install the sample plugin into it.
cli start --background >/dev/null
cli plugin install --trust "$dist/examples/hello-1.0.0.jar" >/dev/null
cli stop >/dev/null

ready_ms=(); wall_ms=(); rss_mb=()
for i in $(seq 1 "$runs"); do
  log="$data/console-$i.log"
  t0=$(date +%s%N)
  "$dist/bin/swarmplace" --data-dir "$data" start </dev/null >"$log" 2>&1 &
  pid=$!
  for _ in $(seq 1 600); do grep -q " ready in " "$log" && break; sleep 0.01; done
  t1=$(date +%s%N)
  grep -q " ready in " "$log" || { echo "run $i: not ready" >&2; cat "$log" >&2; kill "$pid"; exit 1; }
  jvm=$(sed -n 's/.* ready in \([0-9]*\) ms.*/\1/p' "$log")
  sleep 5   # idle
  rss=$(awk '/VmRSS/ {print int($2/1024)}' "/proc/$pid/status")
  kill -TERM "$pid"; wait "$pid" || true
  ready_ms+=("$jvm"); wall_ms+=($(( (t1 - t0) / 1000000 ))); rss_mb+=("$rss")
  echo "run $i: ready ${jvm} ms (JVM start to ready), ${wall_ms[-1]} ms (launch to ready line seen), idle RSS ${rss} MB"
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
echo "median over $runs runs: ready $(median "${ready_ms[@]}") ms, launch-to-ready $(median "${wall_ms[@]}") ms, idle RSS $(median "${rss_mb[@]}") MB"
echo "machine: $(nproc) cores, $(java -version 2>&1 | head -n 1)"
