package io.swarmplace.torrent.internal.engine;

import static io.swarmplace.testing.TestFiles.assertSameFiles;
import static io.swarmplace.testing.TestFiles.writeRandom;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.swarmplace.testing.peers.FreePorts;
import io.swarmplace.testing.peers.LibtorrentPeer;
import io.swarmplace.torrent.AddTorrent;
import io.swarmplace.torrent.Torrent;
import io.swarmplace.torrent.TorrentState;
import io.swarmplace.torrent.TorrentStatus;
import io.swarmplace.torrent.internal.storage.ResumeOutcome;
import io.swarmplace.torrent.internal.storage.StorageStats;
import io.swarmplace.torrent.metainfo.Metainfo;
import io.swarmplace.torrent.metainfo.MetainfoReader;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An engine downloading from a rate-limited libtorrent seeder stops halfway, cleanly (deactivate) or by
 * SIGKILL of the JVM it runs in; a new engine on the same state folder picks the torrent up, trusts
 * what was verified without hashing unchanged files, downloads only the rest from a fast seeder, and
 * ends with identical files. Four 2 MiB files of eight 256 KiB pieces each, downloaded in order, so
 * that early files are complete and untouched when the download stops.
 */
class ResumeAfterStopTest {

    private static final int PIECE_LENGTH = 256 * 1024;
    private static final int FILE_SIZE = 2 * 1024 * 1024;
    private static final int PIECES_PER_FILE = FILE_SIZE / PIECE_LENGTH;
    private static final Duration TIMEOUT = Duration.ofSeconds(40);

    @TempDir
    static Path work;

    private static LibtorrentPeer slow;
    private static LibtorrentPeer fast;
    private static Path content;
    private static Path torrentFile;
    private static Metainfo metainfo;

    @BeforeAll
    static void seeders() throws Exception {
        LibtorrentPeer.require();
        content = work.resolve("seed").resolve("album");
        for (int i = 0; i < 4; i++) {
            writeRandom(content.resolve("track" + i + ".bin"), FILE_SIZE, 100 + i);
        }
        slow = LibtorrentPeer.started(FreePorts.loopbackPort(), LibtorrentPeer.Options.fastSeeder()
                .with("upload_rate_limit", 400_000).with("ignore_limits_on_local_network", false));
        fast = LibtorrentPeer.started(FreePorts.loopbackPort(), LibtorrentPeer.Options.fastSeeder());
        torrentFile = work.resolve("album.torrent");
        slow.createTorrent(content, torrentFile, PIECE_LENGTH, List.of());
        metainfo = new MetainfoReader().read(Files.readAllBytes(torrentFile));
        slow.addTorrent(torrentFile, content.getParent(), true);
        fast.addTorrent(torrentFile, content.getParent(), true);
    }

    @AfterAll
    static void stopSeeders() {
        if (slow != null) {
            slow.close();
        }
        if (fast != null) {
            fast.close();
        }
    }

    @Test
    void continuesAfterACleanStopWithoutHashingAnythingAgain() throws Exception {
        Path node = work.resolve("clean");
        TorrentEngine first = newEngine(node);
        try {
            Torrent torrent = first.add(AddTorrent.of(new AddTorrent.TorrentFileSource(torrentFile)).sequential(true)
                    .withPeers(List.of(slowAddress())));
            await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(100)).alias("a third of the pieces verified")
                    .until(() -> torrent.status().verifiedPieces() >= 12);
        } finally {
            first.deactivate();
        }

        TorrentEngine second = newEngine(node);
        try {
            Resumed resumed = resume(second);
            assertThat(resumed.outcome.status()).isEqualTo(ResumeOutcome.Status.ACCEPTED);
            assertThat(resumed.verifiedPieces).isGreaterThanOrEqualTo(12).isLessThan(metainfo.info().pieceCount());
            assertThat(resumed.hashedAtStart.piecesHashed()).as("pieces hashed when opening").isZero();
            finishAndCheck(second, resumed);
        } finally {
            second.deactivate();
        }
    }

    @Test
    void continuesAfterTheEngineProcessIsKilled() throws Exception {
        Path node = work.resolve("killed");
        Path output = work.resolve("child.log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                ResumeCrashChild.class.getName(), node.resolve("downloads").toString(), node.resolve("state").toString(),
                torrentFile.toString(), "127.0.0.1", Integer.toString(slow.port()))
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        Path resumeFile = new StateStore(node.resolve("state")).resumeFile(metainfo.infoHash());
        try {
            // The engine saves resume data every 15 s while pieces keep being verified: kill it right after.
            await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(50)).alias("the periodic resume save")
                    .failFast("the engine process ended", () -> !child.isAlive())
                    .until(() -> Files.exists(resumeFile));
        } finally {
            child.destroyForcibly();
            assertThat(child.waitFor(10, TimeUnit.SECONDS)).as("killed engine process gone").isTrue();
        }
        assertThat(child.exitValue()).as("exit status of a SIGKILLed JVM (log in " + output + ")").isEqualTo(137);

        TorrentEngine second = newEngine(node);
        try {
            Resumed resumed = resume(second);
            ResumeOutcome outcome = resumed.outcome;
            assertThat(outcome.trusted().cardinality()).as("pieces trusted from the periodic save without hashing")
                    .isGreaterThanOrEqualTo(PIECES_PER_FILE);
            assertThat(resumed.hashedAtStart.piecesHashed()).as("only claimed pieces of files written after the save are hashed")
                    .isEqualTo(outcome.dropped().cardinality())
                    .isLessThanOrEqualTo(PIECES_PER_FILE);
            assertThat(resumed.verifiedPieces).isGreaterThanOrEqualTo(outcome.trusted().cardinality())
                    .isLessThan(metainfo.info().pieceCount());
            finishAndCheck(second, resumed);
        } finally {
            second.deactivate();
        }
    }

    /** What the second engine found when it opened the torrent, before dialling anyone. */
    private record Resumed(Torrent torrent, int verifiedPieces, long verifiedBytes, ResumeOutcome outcome, StorageStats hashedAtStart) {}

    private static Resumed resume(TorrentEngine engine) {
        Torrent torrent = engine.find(metainfo.infoHash()).orElseThrow(() -> new AssertionError("torrent not restored"));
        // Restored without peers (no tracker): it waits in DOWNLOADING until we dial the fast seeder.
        await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(50)).until(() -> torrent.status().state() == TorrentState.DOWNLOADING);
        TorrentStatus status = torrent.status();
        TorrentSession session = (TorrentSession) torrent;
        ResumeOutcome outcome = session.onLoop(() -> session.storage.resumeOutcome());
        StorageStats stats = session.onLoop(() -> session.storage.stats());
        assertThat(status.downloadedBytes()).isZero();
        return new Resumed(torrent, status.verifiedPieces(), status.verifiedBytes(), outcome, stats);
    }

    private static void finishAndCheck(TorrentEngine engine, Resumed resumed) throws Exception {
        Torrent torrent = resumed.torrent;
        torrent.connect(new InetSocketAddress("127.0.0.1", fast.port()));
        await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(100)).until(() -> torrent.status().state() == TorrentState.SEEDING);
        assertSameFiles(content, torrent.status().saveFolder().resolve("album"));

        TorrentStatus status = torrent.status();
        long total = metainfo.info().totalLength();
        long missing = total - resumed.verifiedBytes;
        assertThat(missing).isPositive().isLessThan(total);
        assertThat(status.downloadedBytes() - status.wastedBytes())
                .as("bytes used in the second run: exactly what was missing").isEqualTo(missing);
        assertThat(status.wastedBytes()).isLessThan(4L * PIECE_LENGTH);
        TorrentSession session = (TorrentSession) torrent;
        StorageStats stats = session.onLoop(() -> session.storage.stats());
        int downloadedPieces = metainfo.info().pieceCount() - resumed.verifiedPieces;
        assertThat(stats.piecesWritten()).isEqualTo(downloadedPieces);
        assertThat(stats.piecesHashed()).as("each downloaded piece hashed once, nothing verified before hashed again")
                .isEqualTo(resumed.hashedAtStart.piecesHashed() + downloadedPieces);
    }

    private static InetSocketAddress slowAddress() {
        return new InetSocketAddress("127.0.0.1", slow.port());
    }

    private static TorrentEngine newEngine(Path node) throws InterruptedException {
        return new TorrentEngine(HostileEngineConfig.defaults(), node.resolve("downloads"), node.resolve("state"));
    }
}
