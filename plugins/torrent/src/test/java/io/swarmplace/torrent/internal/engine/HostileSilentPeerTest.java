package io.swarmplace.torrent.internal.engine;

import static io.swarmplace.testing.TestFiles.assertSameFiles;
import static io.swarmplace.testing.TestFiles.writeRandom;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.swarmplace.testing.peers.FreePorts;
import io.swarmplace.testing.peers.LibtorrentPeer;
import io.swarmplace.torrent.AddTorrent;
import io.swarmplace.torrent.PeerStatus;
import io.swarmplace.torrent.Torrent;
import io.swarmplace.torrent.TorrentState;
import io.swarmplace.torrent.TorrentStatus;
import io.swarmplace.torrent.metainfo.Metainfo;
import io.swarmplace.torrent.metainfo.MetainfoReader;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A peer that has everything, unchokes us, and then never answers a request (it even sends keep-alives,
 * so the idle timeout alone would never drop it), next to a rate-limited libtorrent seeder. The engine
 * runs with a 12 s peer timeout: requests to the silent peer time out after 3 s and go elsewhere, it is
 * snubbed after 6 s and dropped after 12 s, before the honest seeder has sent everything.
 */
class HostileSilentPeerTest {

    private static final int IDLE_SECONDS = 12;
    private static final int PIECE_LENGTH = 128 * 1024;
    private static final Duration TIMEOUT = Duration.ofSeconds(45);

    @TempDir
    Path work;

    @Test
    void downloadCompletesAndTheSilentPeerIsSnubbedThenDropped() throws Exception {
        LibtorrentPeer.require();
        Path original = work.resolve("seed").resolve("data.bin");
        writeRandom(original, 4 * 1024 * 1024 + 777, 23);
        int honestPort = FreePorts.loopbackPort();
        try (LibtorrentPeer honest = LibtorrentPeer.started(honestPort, LibtorrentPeer.Options.fastSeeder()
                        .with("upload_rate_limit", 250_000).with("ignore_limits_on_local_network", false));
                SilentPeer silent = new SilentPeer()) {
            Path torrentFile = work.resolve("data.torrent");
            String hex = honest.createTorrent(original, torrentFile, PIECE_LENGTH, List.of());
            Metainfo metainfo = new MetainfoReader().read(Files.readAllBytes(torrentFile));
            honest.addTorrent(torrentFile, original.getParent(), true);
            silent.serve(metainfo);

            Path node = work.resolve("node");
            TorrentEngine engine = new TorrentEngine(new HostileEngineConfig("127.0.0.1", IDLE_SECONDS),
                    node.resolve("downloads"), node.resolve("state"));
            AtomicBoolean silentSeenSnubbed = new AtomicBoolean();
            AtomicInteger silentBytes = new AtomicInteger();
            PeerStatus[] honestLastSeen = new PeerStatus[1];
            try {
                Torrent torrent = engine.add(AddTorrent.of(new AddTorrent.TorrentFileSource(torrentFile))
                        .withPeers(List.of(silent.address(), new InetSocketAddress("127.0.0.1", honestPort))));
                await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(100)).alias("download completing")
                        .until(() -> {
                            for (PeerStatus peer : torrent.peers()) {
                                if (peer.address().getPort() == silent.address().getPort()) {
                                    silentSeenSnubbed.compareAndSet(false, peer.snubbed());
                                    silentBytes.addAndGet((int) peer.bytesDownloaded());
                                } else if (peer.address().getPort() == honestPort) {
                                    honestLastSeen[0] = peer;
                                }
                            }
                            return torrent.status().state() == TorrentState.SEEDING;
                        });
                assertSameFiles(original.getParent(), node.resolve("downloads"));

                assertThat(silent.requestsReceived()).as("requests the silent peer got").isPositive();
                assertThat(silentSeenSnubbed).as("the silent peer was seen snubbed").isTrue();
                assertThat(silentBytes).hasValue(0);
                assertThat(silent.droppedBeforeCompletion()).as("the engine hung up on the silent peer while downloading").isTrue();

                TorrentStatus status = torrent.status();
                long wanted = metainfo.info().totalLength();
                assertThat(status.verifiedBytes()).isEqualTo(wanted);
                assertThat(status.downloadedBytes()).isGreaterThanOrEqualTo(wanted + status.wastedBytes());
                // When libtorrent's rate limiter pauses past the 3 s request timeout, the blocks it then
                // sends are partly repeats or belong to pieces the picker reset: bounded, but not zero.
                assertThat(status.wastedBytes()).as("wasted bytes").isLessThan(wanted / 2);
                assertThat(status.downloadedBytes()).as("everything came from libtorrent")
                        .isLessThanOrEqualTo(honest.status(hex).totalUpload());
                assertThat(honestLastSeen[0]).isNotNull();
                assertThat(honestLastSeen[0].bytesDownloaded()).isPositive().isLessThanOrEqualTo(status.downloadedBytes());
                assertThat(honestLastSeen[0].snubbed()).isFalse();
            } finally {
                engine.deactivate();
            }
        }
    }

    /**
     * Listens on 127.0.0.1; for each connection: handshake, a full bitfield, unchoke, then nothing but a
     * keep-alive every 2 s while it reads and counts what it is sent.
     */
    private static final class SilentPeer implements AutoCloseable {

        private final ServerSocket server;
        private final AtomicInteger requests = new AtomicInteger();
        private final CountDownLatch hungUp = new CountDownLatch(1);
        private volatile boolean completedFirst;
        private Thread thread;

        SilentPeer() throws IOException {
            server = new ServerSocket(0, 5, InetAddress.getByName("127.0.0.1"));
        }

        InetSocketAddress address() {
            return new InetSocketAddress("127.0.0.1", server.getLocalPort());
        }

        void serve(Metainfo metainfo) {
            thread = new Thread(() -> {
                try (Socket socket = server.accept(); HostileWire wire = new HostileWire(socket)) {
                    socket.setSoTimeout(0);
                    byte[] theirs = wire.readHandshake();
                    wire.sendRaw(HostileWire.handshake(Arrays.copyOfRange(theirs, 28, 48), HostileWire.peerId("-SI0001-"), false));
                    int pieces = metainfo.info().pieceCount();
                    byte[] bits = new byte[(pieces + 7) / 8];
                    for (int piece = 0; piece < pieces; piece++) {
                        bits[piece / 8] |= (byte) (0x80 >>> (piece % 8));
                    }
                    wire.send(HostileWire.BITFIELD, bits);
                    wire.send(HostileWire.UNCHOKE);
                    Thread keepAlive = new Thread(() -> {
                        try {
                            while (hungUp.getCount() > 0) {
                                if (hungUp.await(2, TimeUnit.SECONDS)) {
                                    return;
                                }
                                wire.sendRaw(new byte[4]);
                            }
                        } catch (IOException | InterruptedException e) {
                            // the connection ended
                        }
                    }, "silent-peer-keep-alive");
                    keepAlive.setDaemon(true);
                    keepAlive.start();
                    for (HostileWire.Message message = wire.read(); message != null; message = wire.read()) {
                        if (message.id() == HostileWire.REQUEST) {
                            requests.incrementAndGet();
                        }
                    }
                } catch (IOException e) {
                    // closed
                } finally {
                    hungUp.countDown();
                }
            }, "silent-peer");
            thread.setDaemon(true);
            thread.start();
        }

        int requestsReceived() {
            return requests.get();
        }

        /** True if the engine closed our connection; call after the download completed. */
        boolean droppedBeforeCompletion() throws InterruptedException {
            return hungUp.getCount() == 0;
        }

        @Override
        public void close() throws IOException, InterruptedException {
            server.close();
            if (thread != null) {
                thread.join(5_000);
            }
        }
    }
}
