package io.swarmplace.torrent.internal.engine;

import static io.swarmplace.testing.TestFiles.assertSameFiles;
import static io.swarmplace.testing.TestFiles.writeRandom;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.swarmplace.testing.peers.FreePorts;
import io.swarmplace.testing.peers.LibtorrentPeer;
import io.swarmplace.testing.peers.OpenTracker;
import io.swarmplace.torrent.AddTorrent;
import io.swarmplace.torrent.CreateTorrent;
import io.swarmplace.torrent.Torrent;
import io.swarmplace.torrent.TorrentEvent;
import io.swarmplace.torrent.TorrentState;
import io.swarmplace.torrent.metainfo.MagnetLink;
import io.swarmplace.torrent.metainfo.Metainfo;
import io.swarmplace.torrent.metainfo.MetainfoReader;
import io.swarmplace.torrent.metainfo.MetainfoWriter;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our engine against real python3-libtorrent peers and opentracker on 127.0.0.1: it downloads a
 * multi-file torrent from a libtorrent seeder found through the tracker, seeds a torrent it created to
 * a libtorrent downloader, and fetches a magnet link's metadata from libtorrent before downloading.
 */
class EngineInteropTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    static Path work;

    private static OpenTracker tracker;
    private static LibtorrentPeer libtorrent;
    private static Path content;
    private static Path torrentFile;
    private static Metainfo metainfo;

    @BeforeAll
    static void startPeers() throws IOException {
        LibtorrentPeer.require();
        OpenTracker.require();
        content = work.resolve("seed").resolve("album");
        writeRandom(content.resolve("a.bin"), 3 * 1024 * 1024 + 123, 1);
        writeRandom(content.resolve("sub/b.bin"), 700 * 1024, 2);
        writeRandom(content.resolve("sub/c.txt"), 1, 3);
        int trackerPort = FreePorts.loopbackPort();
        String announce = "http://127.0.0.1:" + trackerPort + "/announce";
        libtorrent = LibtorrentPeer.started(FreePorts.loopbackPort(), LibtorrentPeer.Options.fastSeeder());
        torrentFile = work.resolve("album.torrent");
        String hex = libtorrent.createTorrent(content, torrentFile, 256 * 1024, List.of(announce));
        metainfo = new MetainfoReader().read(Files.readAllBytes(torrentFile));
        assertThat(metainfo.infoHash().hex()).isEqualTo(hex);
        tracker = OpenTracker.start(trackerPort, List.of(hex));
        libtorrent.addTorrent(torrentFile, content.getParent(), true);
    }

    @AfterAll
    static void stopPeers() {
        if (libtorrent != null) {
            libtorrent.close();
        }
        if (tracker != null) {
            tracker.close();
        }
    }

    @Test
    void downloadsMultiFileTorrentFromLibtorrentFoundThroughTheTracker(@TempDir Path node) throws Exception {
        TorrentEngine engine = newEngine(node);
        try {
            Torrent torrent = engine.add(AddTorrent.of(new AddTorrent.TorrentFileSource(torrentFile)));
            awaitState(torrent, TorrentState.SEEDING);
            assertSameFiles(content, node.resolve("downloads").resolve("album"));
            assertThat(torrent.status().verifiedPieces()).isEqualTo(metainfo.info().pieceCount());
        } finally {
            engine.deactivate();
        }
    }

    @Test
    void aPerTorrentDownloadLimitHolds(@TempDir Path node) throws Exception {
        TorrentEngine engine = newEngine(node);
        try {
            long limit = 1024 * 1024;
            Torrent torrent = engine.add(AddTorrent.of(new AddTorrent.TorrentFileSource(torrentFile)).paused(true));
            torrent.setRateLimits(limit, 0);
            long started = System.nanoTime();
            torrent.resume();
            awaitState(torrent, TorrentState.SEEDING);
            double seconds = (System.nanoTime() - started) / 1e9;
            long bytes = metainfo.info().totalLength();
            // A lower bound only: a slow machine makes this pass more easily, never fail.
            assertThat(bytes / seconds).as("average download rate in bytes/s").isLessThan(limit * 1.5);
            assertSameFiles(content, node.resolve("downloads").resolve("album"));
        } finally {
            engine.deactivate();
        }
    }

    @Test
    void libtorrentDownloadsATorrentWeCreatedFromOurSeeder(@TempDir Path node) throws Exception {
        Path ours = node.resolve("share").resolve("photos");
        writeRandom(ours.resolve("one.jpg"), 1024 * 1024 + 7, 11);
        writeRandom(ours.resolve("two.jpg"), 600 * 1024, 12);
        TorrentEngine engine = newEngine(node);
        try (LibtorrentPeer leecher = LibtorrentPeer.started(FreePorts.loopbackPort(), LibtorrentPeer.Options.defaults())) {
            Metainfo created = engine.create(ours, CreateTorrent.defaults().withPieceLength(64 * 1024)).get();
            Path createdFile = node.resolve("photos.torrent");
            Files.write(createdFile, new MetainfoWriter().write(created));
            Torrent torrent = engine.add(AddTorrent.of(new AddTorrent.TorrentFileSource(createdFile)).savingTo(ours.getParent()));
            awaitState(torrent, TorrentState.SEEDING);

            Path leecherFolder = node.resolve("leecher");
            String hex = leecher.addTorrent(createdFile, leecherFolder, false);
            assertThat(hex).isEqualTo(created.infoHash().hex());
            leecher.connectPeer(hex, "127.0.0.1", engine.status().listenAddress().getPort());
            leecher.awaitFinished(hex, TIMEOUT);
            InteropSupport.awaitSameFiles(ours, leecherFolder.resolve("photos"));
            assertThat(torrent.status().uploadedBytes()).as("payload bytes we sent")
                    .isGreaterThanOrEqualTo(created.info().totalLength());
        } finally {
            engine.deactivate();
        }
    }

    @Test
    void fetchesMagnetMetadataFromLibtorrentThenDownloadsWithEventsInOrder(@TempDir Path node) throws Exception {
        TorrentEngine engine = newEngine(node);
        try {
            String magnet = new MagnetLink(metainfo.infoHash(), java.util.Optional.empty(), List.of(),
                    List.of(new InetSocketAddress("127.0.0.1", libtorrent.port()))).toUri();
            List<TorrentEvent> events = new CopyOnWriteArrayList<>();
            engine.addListener(events::add);
            Torrent torrent = engine.add(AddTorrent.of(new AddTorrent.MagnetSource(magnet)));
            awaitState(torrent, TorrentState.SEEDING);
            assertThat(torrent.metainfo()).get().extracting(Metainfo::infoHash).isEqualTo(metainfo.infoHash());
            await().atMost(TIMEOUT).until(() -> events.stream().anyMatch(TorrentEvent.Completed.class::isInstance));
            assertThat(events.get(0)).isEqualTo(new TorrentEvent.MetadataReceived(metainfo.infoHash(), "album"));
            assertThat(events.stream().filter(TorrentEvent.PieceVerified.class::isInstance).map(e -> ((TorrentEvent.PieceVerified) e).piece()))
                    .hasSize(metainfo.info().pieceCount()).doesNotHaveDuplicates();
            assertThat(events.stream().filter(e -> !(e instanceof TorrentEvent.PeerDisconnected)).reduce((a, b) -> b))
                    .contains(new TorrentEvent.Completed(metainfo.infoHash()));
            // libtorrent, a seed, is dropped once we are one too: its account is final then.
            await().atMost(TIMEOUT).until(() -> events.stream().anyMatch(TorrentEvent.PeerDisconnected.class::isInstance));
            TorrentEvent.PeerDisconnected gone = (TorrentEvent.PeerDisconnected) events.stream()
                    .filter(TorrentEvent.PeerDisconnected.class::isInstance).findFirst().orElseThrow();
            assertThat(gone.client()).startsWith("libtorrent");
            assertThat(gone.bytesDownloaded()).isEqualTo(metainfo.info().totalLength());
            assertSameFiles(content, node.resolve("downloads").resolve("album"));
        } finally {
            engine.deactivate();
        }
    }

    static TorrentEngine newEngine(Path node) throws InterruptedException {
        return new TorrentEngine(new TestEngineConfig(0), node.resolve("downloads"), node.resolve("state"));
    }

    static void awaitState(Torrent torrent, TorrentState state) {
        await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(100))
                .alias(torrent.infoHash() + " reaching " + state)
                .until(() -> torrent.status().state() == state);
    }
}
