package io.swarmplace.torrent.internal.engine;

import static io.swarmplace.torrent.internal.engine.InteropSupport.awaitState;
import static io.swarmplace.torrent.internal.engine.InteropSupport.newEngine;
import static io.swarmplace.torrent.internal.engine.InteropSupport.writeTorrent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.swarmplace.testing.TestFiles;
import io.swarmplace.torrent.AddTorrent;
import io.swarmplace.torrent.CreateTorrent;
import io.swarmplace.torrent.Torrent;
import io.swarmplace.torrent.TorrentState;
import io.swarmplace.torrent.metainfo.Metainfo;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A dial whose TCP connect succeeds but whose handshake fails (the peer hangs up, here after both the
 * encrypted attempt and the plaintext retry) must give its connection slot back: otherwise every such
 * peer costs a slot for good, and after {@code maxConnectionsPerTorrent} of them the torrent can dial
 * nobody.
 */
class FailedDialSlotTest {

    @Test
    void peersThatHangUpDoNotUseUpTheTorrentsConnectionSlots(@TempDir Path work) throws Exception {
        Path content = work.resolve("share/file.bin");
        TestFiles.writeRandom(content, 256 * 1024, 5);
        TorrentEngine seeder = newEngine(work.resolve("seeder"));
        TorrentEngine leecher = newEngine(work.resolve("leecher"));
        try (HangUpListener hangUp = new HangUpListener()) {
            Metainfo created = seeder.create(content, CreateTorrent.defaults().withPieceLength(16 * 1024)).get();
            Path torrentFile = writeTorrent(created, work.resolve("file.torrent"));
            Torrent seeding = seeder.add(AddTorrent.of(new AddTorrent.TorrentFileSource(torrentFile)).savingTo(content.getParent()));
            awaitState(seeding, TorrentState.SEEDING, () -> "");
            Torrent leeching = leecher.add(AddTorrent.of(new AddTorrent.TorrentFileSource(torrentFile)).savingTo(work.resolve("got")));
            awaitState(leeching, TorrentState.DOWNLOADING, () -> "");

            // More failed dials than the torrent has slots (TestEngineConfig: 30), one after another. A dial
            // still in flight makes connect a no-op, so keep asking until the peer saw the next attempt; a
            // leaked dial would stay "in flight" for good and the count would stop.
            int attempts = new TestEngineConfig(0).maxConnectionsPerTorrent() + 5;
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(10))
                    .alias(attempts + " failed dials to a peer that hangs up")
                    .until(() -> {
                        leeching.connect(hangUp.address());
                        return hangUp.accepted.get() >= attempts;
                    });
            assertThat(leeching.peers()).isEmpty();

            leeching.connect(new InetSocketAddress("127.0.0.1", seeder.status().listenAddress().getPort()));
            awaitState(leeching, TorrentState.SEEDING, () -> "peers: " + leeching.peers());
            assertThat(leeching.status().progress()).isEqualTo(1.0);
        } finally {
            leecher.deactivate();
            seeder.deactivate();
        }
    }

    /** Accepts connections on 127.0.0.1 and closes each at once, counting them. */
    private static final class HangUpListener implements AutoCloseable {
        final AtomicInteger accepted = new AtomicInteger();
        private final ServerSocket server;
        private final Thread acceptor;

        HangUpListener() throws IOException {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            acceptor = new Thread(this::acceptUntilClosed, "hang-up-listener");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        InetSocketAddress address() {
            return new InetSocketAddress("127.0.0.1", server.getLocalPort());
        }

        private void acceptUntilClosed() {
            while (!server.isClosed()) {
                try (Socket socket = server.accept()) {
                    accepted.incrementAndGet();
                } catch (IOException stopped) {
                    return;
                }
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }
}
