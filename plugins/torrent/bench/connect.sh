#!/usr/bin/env bash
# Connection setup benchmark: python3-libtorrent (defaults: tries MSE/PE first) connecting to our engine
# with MSE off and on, and our engine dialling libtorrent in plaintext and with MSE. docs/benchmarks.md
# records results. Usage: plugins/torrent/bench/connect.sh [runs (default 10)]; BENCH_SKIP_BUILD=1 reuses
# the last build. Needs python3-libtorrent (apt-get install python3-libtorrent).
exec "$(dirname "$0")/java.sh" io.swarmplace.torrent.bench.ConnectBenchmark "$@"
