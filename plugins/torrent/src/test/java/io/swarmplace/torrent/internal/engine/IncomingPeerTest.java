package io.swarmplace.torrent.internal.engine;

import static io.swarmplace.torrent.internal.engine.EngineInteropTest.awaitState;
import static io.swarmplace.torrent.internal.engine.EngineInteropTest.newEngine;
import static io.swarmplace.testing.TestFiles.writeRandom;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.swarmplace.testing.peers.FreePorts;
import io.swarmplace.testing.peers.LibtorrentPeer;
import io.swarmplace.torrent.AddTorrent;
import io.swarmplace.torrent.CreateTorrent;
import io.swarmplace.torrent.PeerStatus;
import io.swarmplace.torrent.Torrent;
import io.swarmplace.torrent.TorrentState;
import io.swarmplace.torrent.metainfo.Metainfo;
import io.swarmplace.torrent.metainfo.MetainfoWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A peer that dialled us announces its listening port (BEP 10 "p"); we keep it to dial later, but must not
 * dial it while its own connection is up: libtorrent sees the same peer id twice and drops a connection,
 * taking the requests in flight on it along.
 */
class IncomingPeerTest {

    @Test
    void aPeerThatDialledUsIsNotDialledBackWhileConnected(@TempDir Path node) throws Exception {
        LibtorrentPeer.require();
        Path content = node.resolve("share").resolve("file.bin");
        writeRandom(content, 2 * 1024 * 1024, 5);
        TorrentEngine engine = newEngine(node);
        // Plaintext, as our engine does not speak MSE: libtorrent's first, encrypted attempt would fail.
        LibtorrentPeer.Options plaintext = LibtorrentPeer.Options.defaults().with("out_enc_policy", 2);
        try (LibtorrentPeer leecher = LibtorrentPeer.started(FreePorts.loopbackPort(), plaintext)) {
            Metainfo created = engine.create(content, CreateTorrent.defaults().withPieceLength(64 * 1024)).get();
            Path torrentFile = node.resolve("file.torrent");
            Files.write(torrentFile, new MetainfoWriter().write(created));
            Torrent torrent = engine.add(AddTorrent.of(new AddTorrent.TorrentFileSource(torrentFile)).savingTo(content.getParent()));
            awaitState(torrent, TorrentState.SEEDING);
            // Slow enough that the upload spans several of our 1 s ticks, which is when we dial candidates.
            torrent.setRateLimits(0, 256 * 1024);

            String hex = leecher.addTorrent(torrentFile, node.resolve("leecher"), false);
            leecher.connectPeer(hex, "127.0.0.1", engine.status().listenAddress().getPort());
            await().atMost(Duration.ofSeconds(30)).until(() -> !torrent.peers().isEmpty());

            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                    .alias("only libtorrent's own connection to us")
                    .until(() -> onlyIncoming(torrent.peers()));
            assertThat(leecher.logTail()).doesNotContain("duplicate peer-id");
            leecher.awaitFinished(hex, Duration.ofSeconds(60));
        } finally {
            engine.deactivate();
        }
    }

    private static boolean onlyIncoming(List<PeerStatus> peers) {
        return peers.size() == 1 && !peers.get(0).outgoing();
    }
}
