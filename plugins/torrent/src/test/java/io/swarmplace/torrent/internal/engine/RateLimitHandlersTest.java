package io.swarmplace.torrent.internal.engine;

import static io.swarmplace.torrent.internal.engine.EngineInteropTest.awaitState;
import static io.swarmplace.torrent.internal.engine.EngineInteropTest.newEngine;
import static io.swarmplace.testing.TestFiles.writeRandom;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.swarmplace.torrent.AddTorrent;
import io.swarmplace.torrent.CreateTorrent;
import io.swarmplace.torrent.Torrent;
import io.swarmplace.torrent.TorrentState;
import io.swarmplace.torrent.metainfo.Metainfo;
import io.swarmplace.torrent.metainfo.MetainfoWriter;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rate limit handlers only cost time when unlimited, so a connection has one only while its torrent has a
 * limit: from the handshake on when the limit came first, or put in when a limit is set later. Two of our
 * engines on 127.0.0.1, the downloader limited so the connection lasts.
 */
class RateLimitHandlersTest {

    @Test
    void aConnectionGetsTheTorrentsRateLimitHandlerOnlyOnceTheTorrentHasALimit(@TempDir Path node) throws Exception {
        Path content = node.resolve("share").resolve("file.bin");
        writeRandom(content, 2 * 1024 * 1024, 9);
        TorrentEngine seeder = newEngine(node.resolve("a"));
        TorrentEngine leecher = newEngine(node.resolve("b"));
        try {
            Metainfo created = seeder.create(content, CreateTorrent.defaults().withPieceLength(64 * 1024)).get();
            Path torrentFile = node.resolve("file.torrent");
            Files.write(torrentFile, new MetainfoWriter().write(created));
            Torrent seeding = seeder.add(AddTorrent.of(new AddTorrent.TorrentFileSource(torrentFile)).savingTo(content.getParent()));
            awaitState(seeding, TorrentState.SEEDING);

            Torrent leeching = leecher.add(AddTorrent.of(new AddTorrent.TorrentFileSource(torrentFile)).paused(true));
            leeching.setRateLimits(64 * 1024, 0);
            leeching.resume();
            awaitState(leeching, TorrentState.DOWNLOADING);
            leeching.connect(new InetSocketAddress("127.0.0.1", seeder.status().listenAddress().getPort()));
            await().atMost(Duration.ofSeconds(30)).until(() -> handlers(seeding).size() == 1 && handlers(leeching).size() == 1);

            assertThat(handlers(leeching).get(0)).as("limited before the connection: from its handshake on")
                    .contains(PeerChannelInitializer.TORRENT_SHAPER);
            assertThat(handlers(seeding).get(0)).as("no limit anywhere on the seeder's side")
                    .doesNotContain(PeerChannelInitializer.TORRENT_SHAPER, "global-rate-limit");

            seeding.setRateLimits(0, 32 * 1024);
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                    .until(() -> handlers(seeding).get(0).contains(PeerChannelInitializer.TORRENT_SHAPER));
            assertThat(leeching.status().state()).as("still limited, so still downloading").isEqualTo(TorrentState.DOWNLOADING);
        } finally {
            leecher.deactivate();
            seeder.deactivate();
        }
    }

    /** The handler names of each connection of {@code torrent}. */
    private static List<List<String>> handlers(Torrent torrent) {
        TorrentSession session = (TorrentSession) torrent;
        return session.onLoop(() -> session.peers.connected().stream().map(p -> p.channel().pipeline().names()).toList());
    }
}
