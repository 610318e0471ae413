package io.swarmplace.torrent.bench;

import io.swarmplace.testing.peers.FreePorts;
import io.swarmplace.testing.peers.LibtorrentPeer;
import io.swarmplace.torrent.AddTorrent;
import io.swarmplace.torrent.Torrent;
import io.swarmplace.torrent.TorrentState;
import io.swarmplace.torrent.TorrentStatus;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.logging.ConsoleHandler;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The engine's transfer benchmark (run by plugins/torrent/bench/download.sh; see docs/benchmarks.md):
 * <ol>
 * <li>download: our engine vs python3-libtorrent downloading the same torrent from one libtorrent seeder
 *     (fast seeder preset, seed mode, TCP on 127.0.0.1), alternating, N runs each;
 * <li>seed: libtorrent downloading from our engine vs from the libtorrent seeder, alternating;
 * <li>sha1: hashing rates inside the engine against the JDK's.
 * </ol>
 * A run is timed from adding the torrent to the downloader until every piece is verified; each
 * downloader starts fresh (new session or engine, empty folder) and its files are deleted after. One
 * warm-up run of each kind is left out: the seed-mode seeder hashes each piece on its first request.
 */
public final class DownloadBenchmark {

    private static final Duration POLL = Duration.ofMillis(10);
    private static final Duration QUEUE_SAMPLE = Duration.ofMillis(250);
    private static final String LOOPBACK = "127.0.0.1";
    /** Held so the level sticks (loggers are weakly referenced); the engine's per-torrent INFO lines would drown the results. */
    private static final Logger ENGINE_LOG = Logger.getLogger("io.swarmplace");

    private final BenchArguments arguments;
    private final Path work;
    private final HeapPeak heap = new HeapPeak();
    private final ThreadCpu threadCpu = new ThreadCpu();
    private final boolean verbose = Boolean.getBoolean("bench.verbose");
    private final Duration timeout;
    private BenchTorrent torrent;

    private DownloadBenchmark(BenchArguments arguments, Path work) {
        this.arguments = arguments;
        this.work = work;
        // Generous: 5 MiB/s at least, a minute at least.
        this.timeout = Duration.ofSeconds(Math.max(60, arguments.sizeBytes() / (5L << 20)));
    }

    public static void main(String[] args) throws Exception {
        BenchArguments arguments;
        try {
            arguments = BenchArguments.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        if (!LibtorrentPeer.available()) {
            System.err.println("needs " + LibtorrentPeer.NAME + ": " + LibtorrentPeer.HOW_TO_GET);
            System.exit(2);
        }
        quietLogs(System.getProperty("bench.log", "WARNING"));
        Path work = Files.createTempDirectory(Files.createDirectories(arguments.work()), "swarmplace-bench-");
        // Interrupted (Ctrl-C, kill) the finally below does not run; gigabytes must not stay behind.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> Folders.delete(work), "delete-bench-files"));
        try {
            new DownloadBenchmark(arguments, work).run();
        } finally {
            Folders.delete(work);
        }
        System.exit(0); // libtorrent reader threads and Netty's global executor must not keep the JVM alive
    }

    /** Our engine's and the peer fixtures' java.util.logging output at {@code level} and above. */
    private static void quietLogs(String level) {
        Level threshold = Level.parse(level);
        ENGINE_LOG.setLevel(threshold);
        if (threshold.intValue() < Level.INFO.intValue()) {
            ConsoleHandler console = new ConsoleHandler();
            console.setLevel(threshold);
            ENGINE_LOG.addHandler(console);
        }
    }

    private void run() throws Exception {
        System.out.printf(Locale.ROOT, "swarmplace engine benchmark: %d MiB, %d KiB pieces, %d runs; JVM %s, max heap %d MiB, %s; %d cores; load %s; engine settings %s%n",
                arguments.sizeMib(), BenchTorrent.PIECE_LENGTH / 1024, arguments.runs(), System.getProperty("java.version"),
                HeapPeak.maxHeapBytes() >> 20, ManagementFactory.getRuntimeMXBean().getInputArguments(),
                Runtime.getRuntime().availableProcessors(), loadAverage(), arguments.engineSettings());
        long start = System.nanoTime();
        torrent = BenchTorrent.create(work, arguments.sizeBytes());
        System.out.printf(Locale.ROOT, "content and torrent ready in %.1f s: %s%n%n", (System.nanoTime() - start) / 1e9, torrent.dataFile());
        if (arguments.parts().contains(BenchArguments.Part.DOWNLOAD)) {
            downloadPhase();
        }
        if (arguments.parts().contains(BenchArguments.Part.SEED)) {
            seedPhase();
        }
        if (arguments.parts().contains(BenchArguments.Part.SHA1)) {
            new Sha1Benchmark(torrent, work).run(arguments.sizeMib());
        }
        System.out.println("load at the end: " + loadAverage());
    }

    // --- download: libtorrent seeder -> ours vs -> libtorrent -----------------------------------

    private void downloadPhase() throws Exception {
        try (LibtorrentPeer seeder = libtorrentSeeder()) {
            int port = seeder.port();
            report("warm-up", "libtorrent -> libtorrent", libtorrentDownloads(seeder), null);
            report("warm-up", "libtorrent -> swarmplace", oursDownloads(seeder), null);
            Samples ours = new Samples();
            Samples theirs = new Samples();
            Samples heapMb = new Samples();
            Samples committedMb = new Samples();
            Samples ratios = new Samples();
            for (int run = 1; run <= arguments.runs(); run++) {
                Run mine;
                Run libtorrent;
                // Alternate who goes first so neither always inherits the other's page cache and CPU state.
                if (run % 2 == 1) {
                    mine = oursDownloads(seeder);
                    libtorrent = libtorrentDownloads(seeder);
                } else {
                    libtorrent = libtorrentDownloads(seeder);
                    mine = oursDownloads(seeder);
                }
                report("run " + run, "libtorrent -> swarmplace", mine, null);
                report("run " + run, "libtorrent -> libtorrent", libtorrent, null);
                ours.add(mine.seconds());
                theirs.add(libtorrent.seconds());
                heapMb.add(mine.heap().liveBytes() / 1e6);
                committedMb.add(mine.heap().committedBytes() / 1e6);
                ratios.add(mine.seconds() / libtorrent.seconds());
            }
            System.out.println();
            System.out.printf(Locale.ROOT, "DOWNLOAD %d MiB from a libtorrent seeder, median (range) of %d runs:%n", arguments.sizeMib(), arguments.runs());
            System.out.printf(Locale.ROOT, "  swarmplace: %s s = %.0f MiB/s; heap live peak %s MB, committed peak %s MB (-Xmx %d MiB)%n",
                    ours.describe(2), arguments.sizeMib() / ours.median(), heapMb.describe(0), committedMb.describe(0),
                    HeapPeak.maxHeapBytes() >> 20);
            System.out.printf(Locale.ROOT, "  libtorrent: %s s = %.0f MiB/s%n", theirs.describe(2), arguments.sizeMib() / theirs.median());
            System.out.printf(Locale.ROOT, "  time ratio swarmplace/libtorrent: %.2f (medians); per-run pairs %s (target <= 0.90)%n%n",
                    ours.median() / theirs.median(), ratios.describe(2));
        }
    }

    private Run oursDownloads(LibtorrentPeer seeder) throws Exception {
        settle();
        Path node = Files.createTempDirectory(work, "swarmplace-");
        try (EngineUnderTest engine = new EngineUnderTest(node.resolve("downloads"), node.resolve("state"), arguments.engineSettings())) {
            System.gc();
            heap.reset();
            threadCpu.start();
            long cpu = processCpuNanos();
            Duration seederCpu = cpuOf(seeder);
            long start = System.nanoTime();
            Torrent added = engine.service().add(AddTorrent.of(new AddTorrent.TorrentFileSource(torrent.torrentFile()))
                    .withPeers(List.of(new InetSocketAddress(LOOPBACK, seeder.port()))));
            TorrentStatus status = awaitOurs(added, TorrentState.SEEDING);
            long nanos = System.nanoTime() - start;
            long cpuNanos = processCpuNanos() - cpu;
            String threads = threadCpu.describe();
            if (verbose) {
                System.out.printf(Locale.ROOT, "    cpu: libtorrent seeder %.2f s%n", cpuOf(seeder).minus(seederCpu).toMillis() / 1e3);
            }
            Heap used = new Heap(heap.liveBytes(), heap.committedBytes(), heap.gcCountSinceReset(), heap.gcMillisSinceReset());
            if (status.verifiedPieces() != torrent.metainfo().info().pieceCount()
                    || Files.size(node.resolve("downloads").resolve(torrent.name())) != torrent.size()) {
                throw new IllegalStateException("our download ended incomplete: " + status);
            }
            return new Run(nanos / 1e9, used, cpuNanos / 1e9, threads);
        } finally {
            Folders.delete(node);
        }
    }

    private Run libtorrentDownloads(LibtorrentPeer seeder) throws Exception {
        return libtorrentDownloads(seeder.port(), seeder, LibtorrentPeer.Options.defaults());
    }

    /**
     * The downloader of the seed phase, the same for both seeders: libtorrent's defaults, but dialling in
     * plaintext, so that the figures compare the transfer and not the MSE handshake.
     */
    private static final LibtorrentPeer.Options PLAINTEXT_DOWNLOADER = LibtorrentPeer.Options.defaults().with("out_enc_policy", 2);

    /**
     * With {@code libtorrentSeeder} null our engine seeds, and the run also reports our JVM's CPU time and
     * heap. In verbose mode it prints the CPU time the libtorrent processes spent on the run.
     */
    private Run libtorrentDownloads(int seederPort, LibtorrentPeer libtorrentSeeder, LibtorrentPeer.Options options) throws Exception {
        boolean fromOurs = libtorrentSeeder == null;
        settle();
        Path node = Files.createTempDirectory(work, "libtorrent-");
        try (LibtorrentPeer leecher = LibtorrentPeer.started(FreePorts.loopbackPort(), options)) {
            heap.reset();
            threadCpu.start();
            long cpu = processCpuNanos();
            Duration leecherCpu = cpuOf(leecher);
            Duration seederCpu = fromOurs ? Duration.ZERO : cpuOf(libtorrentSeeder);
            long start = System.nanoTime();
            String hex = leecher.addTorrent(torrent.torrentFile(), node, false);
            leecher.connectPeer(hex, LOOPBACK, seederPort);
            awaitLibtorrent(leecher, hex);
            double seconds = (System.nanoTime() - start) / 1e9;
            long cpuNanos = processCpuNanos() - cpu;
            String threads = threadCpu.describe();
            if (verbose) {
                System.out.printf(Locale.ROOT, "    cpu: libtorrent downloader %.2f s%s%n", cpuOf(leecher).minus(leecherCpu).toMillis() / 1e3,
                        fromOurs ? "" : String.format(Locale.ROOT, ", libtorrent seeder %.2f s", cpuOf(libtorrentSeeder).minus(seederCpu).toMillis() / 1e3));
                System.out.println(leecher.logTail().lines().filter(l -> l.contains("peer_")).map(l -> "    libtorrent: " + l)
                        .collect(java.util.stream.Collectors.joining("\n")));
            }
            if (!fromOurs) {
                return new Run(seconds, null, -1, null);
            }
            return new Run(seconds, new Heap(heap.liveBytes(), heap.committedBytes(), heap.gcCountSinceReset(), heap.gcMillisSinceReset()),
                    cpuNanos / 1e9, threads);
        } finally {
            Folders.delete(node);
        }
    }

    private static Duration cpuOf(LibtorrentPeer peer) {
        return peer.cpuTime().orElse(Duration.ZERO);
    }

    // --- seed: ours -> libtorrent vs libtorrent -> libtorrent ------------------------------------

    private void seedPhase() throws Exception {
        Path node = Files.createTempDirectory(work, "swarmplace-seeder-");
        try (LibtorrentPeer seeder = libtorrentSeeder();
                EngineUnderTest ourSeeder = new EngineUnderTest(node.resolve("downloads"), node.resolve("state"), arguments.engineSettings())) {
            long checking = System.nanoTime();
            Torrent seeding = ourSeeder.service().add(AddTorrent.of(new AddTorrent.TorrentFileSource(torrent.torrentFile()))
                    .savingTo(torrent.seedFolder()));
            awaitOurs(seeding, TorrentState.SEEDING);
            System.out.printf(Locale.ROOT, "our seeder checked its %d MiB in %.2f s%n", arguments.sizeMib(), (System.nanoTime() - checking) / 1e9);
            int ourPort = ourSeeder.listenPort();
            int theirPort = seeder.port();
            report("warm-up", "libtorrent -> libtorrent", libtorrentDownloads(theirPort, seeder, PLAINTEXT_DOWNLOADER), null);
            report("warm-up", "swarmplace -> libtorrent", libtorrentDownloads(ourPort, null, PLAINTEXT_DOWNLOADER), null);
            Samples fromOurs = new Samples();
            Samples fromTheirs = new Samples();
            Samples ratios = new Samples();
            for (int run = 1; run <= arguments.runs(); run++) {
                Run ours;
                Run theirs;
                if (run % 2 == 1) {
                    ours = libtorrentDownloads(ourPort, null, PLAINTEXT_DOWNLOADER);
                    theirs = libtorrentDownloads(theirPort, seeder, PLAINTEXT_DOWNLOADER);
                } else {
                    theirs = libtorrentDownloads(theirPort, seeder, PLAINTEXT_DOWNLOADER);
                    ours = libtorrentDownloads(ourPort, null, PLAINTEXT_DOWNLOADER);
                }
                report("run " + run, "swarmplace -> libtorrent", ours, null);
                report("run " + run, "libtorrent -> libtorrent", theirs, null);
                fromOurs.add(ours.seconds());
                fromTheirs.add(theirs.seconds());
                ratios.add(ours.seconds() / theirs.seconds());
            }
            System.out.println();
            System.out.printf(Locale.ROOT, "SEED %d MiB to a libtorrent downloader, median (range) of %d runs:%n", arguments.sizeMib(), arguments.runs());
            System.out.printf(Locale.ROOT, "  from swarmplace: %s s = %.0f MiB/s%n", fromOurs.describe(2), arguments.sizeMib() / fromOurs.median());
            System.out.printf(Locale.ROOT, "  from libtorrent: %s s = %.0f MiB/s%n", fromTheirs.describe(2), arguments.sizeMib() / fromTheirs.median());
            System.out.printf(Locale.ROOT, "  time ratio from-swarmplace/from-libtorrent: %.2f (medians); per-run pairs %s (target <= 1.00)%n%n",
                    fromOurs.median() / fromTheirs.median(), ratios.describe(2));
        } finally {
            Folders.delete(node);
        }
    }

    // --- plumbing -------------------------------------------------------------------------------

    /** With -Dbench.rc4=true the libtorrent seeder requires MSE/PE with RC4, so every download is encrypted. */
    private LibtorrentPeer libtorrentSeeder() {
        LibtorrentPeer.Options options = Boolean.getBoolean("bench.rc4")
                ? LibtorrentPeer.Options.fastSeeder().rc4Forced() : LibtorrentPeer.Options.fastSeeder();
        LibtorrentPeer seeder = LibtorrentPeer.started(FreePorts.loopbackPort(), options);
        try {
            seeder.addTorrent(torrent.torrentFile(), torrent.seedFolder(), true);
            return seeder;
        } catch (RuntimeException e) {
            seeder.close();
            throw e;
        }
    }

    private TorrentStatus awaitOurs(Torrent added, TorrentState wanted) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        long firstBytes = -1;
        long half = -1;
        while (true) {
            TorrentStatus status = added.status();
            long now = System.nanoTime();
            if (firstBytes < 0 && status.downloadedBytes() > 0) {
                firstBytes = now;
            }
            if (half < 0 && status.verifiedBytes() * 2 >= status.wantedBytes() && status.wantedBytes() > 0) {
                half = now;
            }
            if (status.state() == wanted) {
                if (verbose && firstBytes > 0) {
                    System.out.printf(Locale.ROOT, "    first block after %.0f ms, half verified after %.0f ms, done after %.0f ms%n",
                            (firstBytes - start) / 1e6, (half - start) / 1e6, (now - start) / 1e6);
                }
                return status;
            }
            if (status.state() == TorrentState.ERROR || System.nanoTime() > deadline) {
                throw new IllegalStateException("our engine did not reach " + wanted + " within " + timeout + ": " + status);
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    /**
     * With --settle-ms, waits before a timed download so that every one starts from the same memory state:
     * on a VM that hands freed memory back to the host after a few seconds, page-cache writes right after
     * the previous run's files were deleted are many times cheaper than writes a few seconds later.
     */
    private void settle() throws InterruptedException {
        if (arguments.settleMs() > 0) {
            Thread.sleep(arguments.settleMs());
        }
    }

    private void awaitLibtorrent(LibtorrentPeer leecher, String hex) throws InterruptedException {
        long started = System.nanoTime();
        long deadline = started + timeout.toNanos();
        StringBuilder queues = new StringBuilder();
        long nextQueueSample = started;
        while (true) {
            LibtorrentPeer.TorrentStatus status = leecher.status(hex);
            if (verbose && System.nanoTime() >= nextQueueSample) {
                nextQueueSample += QUEUE_SAMPLE.toNanos();
                status.peers().forEach(p -> queues.append(String.format(Locale.ROOT, " %.2fs:%d@%.0f",
                        (System.nanoTime() - started) / 1e9, p.downloadQueue(), p.downRate() / 1048576.0)));
            }
            if (status.isFinished()) {
                if (verbose) {
                    System.out.println("    libtorrent's requests to the seeder (time:outstanding@MiB/s):" + queues);
                }
                return;
            }
            if (!status.torrentError().isEmpty() || System.nanoTime() > deadline) {
                throw new IllegalStateException("libtorrent did not finish within " + timeout + ": " + status + "\n" + leecher.logTail());
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    private void report(String label, String path, Run run, String note) {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-8s %-26s %7.2f s %7.1f MiB/s", label, path,
                run.seconds(), arguments.sizeMib() / run.seconds()));
        if (run.heap() != null) {
            line.append(String.format(Locale.ROOT, "  heap live %3.0f MB, committed %3.0f MB, %d GCs %d ms; JVM cpu %5.2f s",
                    run.heap().liveBytes() / 1e6, run.heap().committedBytes() / 1e6, run.heap().collections(),
                    run.heap().collectingMillis(), run.cpuSeconds()));
            if (verbose) {
                line.append(" (").append(run.threads()).append(")");
            }
        }
        if (note != null) {
            line.append("  ").append(note);
        }
        System.out.println(line);
    }

    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return 0;
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** One timed transfer; heap and CPU only for runs of our engine (else null and -1). */
    private record Run(double seconds, Heap heap, double cpuSeconds, String threads) {}

    /** Live heap high-water mark (after collections), committed heap high-water mark, collections. */
    private record Heap(long liveBytes, long committedBytes, long collections, long collectingMillis) {}
}
