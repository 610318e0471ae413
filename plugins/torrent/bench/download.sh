#!/usr/bin/env bash
# Engine transfer benchmark: 1 GiB (1 MiB pieces, TCP, 127.0.0.1) downloaded by our engine vs by
# python3-libtorrent from a libtorrent fast seeder, the reverse (libtorrent downloading from our engine
# vs from libtorrent), and SHA-1 rates inside the engine vs the JDK. docs/benchmarks.md records results.
#
# Usage: plugins/torrent/bench/download.sh [--size-mib N] [--runs N] [--work DIR] [--only download,seed,sha1] [--settle-ms N]
#        [--direct-writes true|false]
#        (defaults: 1024 MiB, 5 runs each, DIR=/tmp, all parts); BENCH_SKIP_BUILD=1 reuses the last build;
#        BENCH_JAVA_OPTS adds JVM options: -Dbench.verbose=true (CPU per thread role, libtorrent peer events),
#        -Dbench.log=FINE (engine and fixture logs), -XX:StartFlightRecording=filename=bench.jfr,settings=profile.
#        -Dbench.rc4=true makes the libtorrent seeder require MSE/PE with RC4 (every download encrypted).
# Needs python3-libtorrent (apt-get install python3-libtorrent) and ~3x the size free in DIR (deleted after).
# Our engine runs in this JVM with the node's collector and a 256 MiB heap cap; it reports its peak heap.
exec "$(dirname "$0")/java.sh" io.swarmplace.torrent.bench.DownloadBenchmark "$@"
