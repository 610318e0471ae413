package io.swarmplace.torrent.internal.engine;

import static io.swarmplace.torrent.internal.engine.InteropSupport.TIMEOUT;
import static io.swarmplace.torrent.internal.engine.InteropSupport.assertSameFiles;
import static io.swarmplace.torrent.internal.engine.InteropSupport.newEngine;
import static io.swarmplace.torrent.internal.engine.InteropSupport.writeAlbum;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.swarmplace.testing.peers.FreePorts;
import io.swarmplace.testing.peers.LibtorrentPeer;
import io.swarmplace.torrent.AddTorrent;
import io.swarmplace.torrent.PeerStatus;
import io.swarmplace.torrent.Torrent;
import io.swarmplace.torrent.TorrentState;
import io.swarmplace.torrent.metainfo.Metainfo;
import io.swarmplace.torrent.metainfo.MetainfoReader;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A swarm on 127.0.0.1: three of our engines and two libtorrent peers, one of them the only seeder, all
 * finding each other through our tracker alone. The seeder is held to a modest upload rate, so the swarm
 * finishes only if the downloaders trade pieces among themselves; the per-peer byte counts show that our
 * engines uploaded to each other, not only took from the seeder.
 */
class SwarmInteropTest {

    private static final int ENGINES = 3;
    private static final int PIECE_LENGTH = 32 * 1024;
    /** Bytes per second the seeder may send in all: about 3 s for one copy of the album. */
    private static final int SEEDER_RATE = 1024 * 1024;

    @TempDir
    Path work;

    @Test
    void threeEnginesAndTwoLibtorrentPeersCompleteByTradingPiecesThroughOurTracker() throws Exception {
        LibtorrentPeer.require();
        Path album = writeAlbum(work.resolve("seed/album"), 600);
        List<TorrentEngine> engines = new ArrayList<>();
        try (InteropTracker tracker = InteropTracker.start();
                LibtorrentPeer seeder = LibtorrentPeer.started(FreePorts.loopbackPort(), LibtorrentPeer.Options.defaults()
                        .with("upload_rate_limit", SEEDER_RATE)
                        // Loopback counts as a local network, which libtorrent otherwise exempts from rate limits.
                        .with("ignore_limits_on_local_network", false));
                LibtorrentPeer leecher = LibtorrentPeer.started(FreePorts.loopbackPort(), LibtorrentPeer.Options.defaults())) {
            Path torrentFile = work.resolve("album.torrent");
            String hex = seeder.createTorrent(album, torrentFile, PIECE_LENGTH, List.of(tracker.httpAnnounce().toString()));
            Metainfo metainfo = new MetainfoReader().read(Files.readAllBytes(torrentFile));
            seeder.addTorrent(torrentFile, album.getParent(), true);
            await().atMost(TIMEOUT).alias("the libtorrent seeder announced itself").until(() -> tracker.seeders(hex) == 1);

            List<Torrent> torrents = new ArrayList<>();
            for (int i = 0; i < ENGINES; i++) {
                TorrentEngine engine = newEngine(work.resolve("node" + i));
                engines.add(engine);
                torrents.add(engine.add(AddTorrent.of(new AddTorrent.TorrentFileSource(torrentFile))));
            }
            Path leecherFolder = work.resolve("libtorrent");
            leecher.addTorrent(torrentFile, leecherFolder, false);

            // Finished peers drop each other ("both sides are seeds"), so the counts are sampled while it runs.
            Map<String, PeerStatus> engineToEngine = new HashMap<>();
            await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(50))
                    .alias("every peer complete")
                    .until(() -> {
                        sample(torrents, engineToEngine);
                        return torrents.stream().allMatch(t -> t.status().state() == TorrentState.SEEDING)
                                && leecher.status(hex).isFinished();
                    });

            for (int i = 0; i < ENGINES; i++) {
                assertSameFiles(album, work.resolve("node" + i + "/downloads/album"));
                assertThat(torrents.get(i).status().verifiedPieces()).isEqualTo(metainfo.info().pieceCount());
            }
            assertSameFiles(album, leecherFolder.resolve("album"));

            long enginesUploadedToEngines = engineToEngine.values().stream().mapToLong(PeerStatus::bytesUploaded).sum();
            long enginesDownloadedFromEngines = engineToEngine.values().stream().mapToLong(PeerStatus::bytesDownloaded).sum();
            String seen = engineToEngine.entrySet().stream().map(e -> e.getKey() + " up " + e.getValue().bytesUploaded()
                    + " down " + e.getValue().bytesDownloaded()).sorted().collect(Collectors.joining("\n  "));
            assertThat(enginesUploadedToEngines).as("payload our engines sent each other:\n  " + seen)
                    .isGreaterThanOrEqualTo(PIECE_LENGTH);
            assertThat(enginesDownloadedFromEngines).as("payload our engines received from each other:\n  " + seen)
                    .isGreaterThanOrEqualTo(PIECE_LENGTH);
            await().atMost(TIMEOUT).alias("the tracker counted every downloader's completion")
                    .until(() -> tracker.completed(hex) == ENGINES + 1);
        } finally {
            for (TorrentEngine engine : engines) {
                engine.deactivate();
            }
        }
    }

    /** Keeps, per engine and remote address, the latest counts of each connection between two of our engines. */
    private static void sample(List<Torrent> torrents, Map<String, PeerStatus> engineToEngine) {
        for (int i = 0; i < torrents.size(); i++) {
            for (PeerStatus peer : torrents.get(i).peers()) {
                if (peer.client().startsWith("Swarmplace")) {
                    InetSocketAddress address = peer.address();
                    String key = "engine " + i + (peer.outgoing() ? " -> " : " <- ") + address.getPort();
                    engineToEngine.merge(key, peer, (old, now) -> now.bytesUploaded() + now.bytesDownloaded()
                            >= old.bytesUploaded() + old.bytesDownloaded() ? now : old);
                }
            }
        }
    }
}
