package io.swarmplace.torrent.bench;

import io.swarmplace.testing.peers.FreePorts;
import io.swarmplace.testing.peers.LibtorrentPeer;
import io.swarmplace.torrent.AddTorrent;
import io.swarmplace.torrent.Torrent;
import io.swarmplace.torrent.TorrentState;
import io.swarmplace.torrent.internal.mse.EncryptionPolicy;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Connection setup with python3-libtorrent at its defaults (pe_enabled: it tries MSE first), with our
 * engine's MSE/PE off ("before": libtorrent's encrypted attempt is refused and it redials in plaintext)
 * and on (the production default). Measures, alternating, the time from libtorrent's connect_peer to our
 * engine having a handshaken peer (incoming), and from adding a torrent with the seeder's address to
 * having it as a peer (outgoing). Usage: connect.sh [runs (default 10)].
 */
public final class ConnectBenchmark {

    private static final String LOOPBACK = "127.0.0.1";
    private static final long TIMEOUT_NANOS = 30_000_000_000L;

    private final Path work;
    private final BenchTorrent torrent;

    private ConnectBenchmark(Path work) throws Exception {
        this.work = work;
        this.torrent = BenchTorrent.create(work, 4L << 20);
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        if (!LibtorrentPeer.available()) {
            System.err.println("needs " + LibtorrentPeer.NAME + ": " + LibtorrentPeer.HOW_TO_GET);
            System.exit(2);
        }
        Logger.getLogger("io.swarmplace").setLevel(Level.WARNING);
        Path work = Files.createTempDirectory("swarmplace-connect-bench-");
        try {
            new ConnectBenchmark(work).run(runs);
        } finally {
            Folders.delete(work);
        }
        System.exit(0);
    }

    private void run(int runs) throws Exception {
        Samples incomingPlain = new Samples();
        Samples incomingMse = new Samples();
        Samples outgoingPlain = new Samples();
        Samples outgoingMse = new Samples();
        try (LibtorrentPeer seeder = LibtorrentPeer.started(FreePorts.loopbackPort(), LibtorrentPeer.Options.defaults())) {
            seeder.addTorrent(torrent.torrentFile(), torrent.seedFolder(), true);
            for (int run = 1; run <= runs; run++) {
                boolean mseFirst = run % 2 == 0;
                for (EncryptionPolicy policy : mseFirst ? List.of(EncryptionPolicy.ENABLED, EncryptionPolicy.DISABLED)
                        : List.of(EncryptionPolicy.DISABLED, EncryptionPolicy.ENABLED)) {
                    boolean mse = policy == EncryptionPolicy.ENABLED;
                    (mse ? incomingMse : incomingPlain).add(incomingMillis(policy));
                    (mse ? outgoingMse : outgoingPlain).add(outgoingMillis(policy, seeder.port()));
                }
            }
        }
        System.out.printf(Locale.ROOT, "CONNECT with libtorrent (defaults, pe_enabled), ms, median (range) of %d runs:%n", runs);
        System.out.printf(Locale.ROOT, "  libtorrent dials us, our MSE off (before): %s%n", incomingPlain.describe(1));
        System.out.printf(Locale.ROOT, "  libtorrent dials us, our MSE on  (after):  %s%n", incomingMse.describe(1));
        System.out.printf(Locale.ROOT, "  we dial libtorrent, plaintext:             %s%n", outgoingPlain.describe(1));
        System.out.printf(Locale.ROOT, "  we dial libtorrent, MSE:                   %s%n", outgoingMse.describe(1));
    }

    private double incomingMillis(EncryptionPolicy policy) throws Exception {
        Path node = Files.createTempDirectory(work, "seeder-");
        try (EngineUnderTest engine = new EngineUnderTest(node.resolve("downloads"), node.resolve("state"),
                Map.of("incomingEncryption", policy));
                LibtorrentPeer leecher = LibtorrentPeer.started(FreePorts.loopbackPort(), LibtorrentPeer.Options.defaults())) {
            Torrent seeding = engine.service().add(AddTorrent.of(new AddTorrent.TorrentFileSource(torrent.torrentFile()))
                    .savingTo(torrent.seedFolder()));
            awaitState(seeding, TorrentState.SEEDING);
            String hex = leecher.addTorrent(torrent.torrentFile(), node.resolve("leecher"), false);
            long start = System.nanoTime();
            leecher.connectPeer(hex, LOOPBACK, engine.listenPort());
            return awaitPeer(seeding, start);
        } finally {
            Folders.delete(node);
        }
    }

    private double outgoingMillis(EncryptionPolicy policy, int seederPort) throws Exception {
        Path node = Files.createTempDirectory(work, "leecher-");
        try (EngineUnderTest engine = new EngineUnderTest(node.resolve("downloads"), node.resolve("state"),
                Map.of("outgoingEncryption", policy))) {
            long start = System.nanoTime();
            Torrent added = engine.service().add(AddTorrent.of(new AddTorrent.TorrentFileSource(torrent.torrentFile()))
                    .withPeers(List.of(new InetSocketAddress(LOOPBACK, seederPort))));
            return awaitPeer(added, start);
        } finally {
            Folders.delete(node);
        }
    }

    private static double awaitPeer(Torrent torrent, long start) throws InterruptedException {
        while (torrent.peers().isEmpty()) {
            if (System.nanoTime() - start > TIMEOUT_NANOS) {
                throw new IllegalStateException("no peer connected within 30 s");
            }
            Thread.sleep(1);
        }
        return (System.nanoTime() - start) / 1e6;
    }

    private static void awaitState(Torrent torrent, TorrentState state) throws InterruptedException {
        long start = System.nanoTime();
        while (torrent.status().state() != state) {
            if (System.nanoTime() - start > TIMEOUT_NANOS) {
                throw new IllegalStateException(torrent.infoHash() + " did not reach " + state + ": " + torrent.status());
            }
            Thread.sleep(5);
        }
    }
}
