#!/usr/bin/env bash
# Benchmark: startup.sh for the platform-only set of core bundles and then each addition, on copies of the
# unpacked distribution with bundles removed. Usage: dist/bench/startup-by-bundle.sh [runs] [variant...]
# (build first: ./mvnw -DskipTests package). Variants: platform dht ledger hub wallet all (default: all six).
# The DHT jar stays in the platform set with enabled=false: without any DhtService the torrent bundle's
# DhtServiceDiscovery stays unsatisfied and the node never reports ready.
# PORT (default 36881) moves the torrent and DHT ports off 6881, where other nodes on the machine may listen.
set -euo pipefail
runs=${1:-5}
shift || true
here=$(cd "$(dirname "$0")" && pwd)
src=$(ls -d "$here"/../target/swarmplace-*/ 2>/dev/null | head -n 1)
[ -x "$src/bin/swarmplace" ] || { echo "build the distribution first: ./mvnw -DskipTests package" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
tron="tron-devnet-* wallet-* bundles/20/tron-grpc-* bundles/20/bcprov-jdk18on-*"
variant() { # name, DHT enabled (true/false), jars to remove (globs; bare names are in bundles/30)
  local name=$1 dht=$2; shift 2
  local copy="$work/$name"
  cp -r "$src" "$copy"
  sed -i "s/^listenPort=.*/listenPort=${PORT:-36881}/" "$copy/conf/io.swarmplace.torrent.cfg"
  sed -i "s/^port=.*/port=${PORT:-36881}/; s/^enabled=.*/enabled=$dht/" "$copy/conf/io.swarmplace.dht.cfg"
  for jar in "$@"; do
    case $jar in */*) rm -f "$copy"/$jar ;; *) rm -f "$copy"/bundles/30/$jar ;; esac
  done
  echo "== $name (DHT enabled=$dht; removed: $*); load $(cut -d' ' -f1-3 /proc/loadavg)"
  SWARMPLACE_DIST=$copy "$here/startup.sh" "$runs" | tail -n 2 | head -n 1
  rm -rf "$copy"
}
for v in "${@:-platform dht ledger hub wallet all}"; do
  for one in $v; do
    case $one in
      platform) variant platform false $tron ledger-* hub-* bridge-* ;;
      dht) variant +dht true $tron ledger-* hub-* bridge-* ;;
      ledger) variant +ledger true $tron hub-* bridge-* ;;
      hub) variant +hub true $tron bridge-* ;;
      wallet) variant +wallet+devnet true bridge-* ;;
      all) variant +bridge true ;;
      *) echo "unknown variant $one" >&2; exit 2 ;;
    esac
  done
done
echo "machine: $(nproc) cores, $(java -version 2>&1 | head -n 1), load $(cut -d' ' -f1-3 /proc/loadavg)"
