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
import io.swarmplace.torrent.TorrentEvent;
import io.swarmplace.torrent.TorrentState;
import io.swarmplace.torrent.TorrentStatus;
import io.swarmplace.torrent.internal.storage.StorageStats;
import io.swarmplace.torrent.metainfo.Metainfo;
import io.swarmplace.torrent.metainfo.MetainfoReader;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A libtorrent seeder that serves corrupt data next to an honest one. Bans are keyed by IP address (a
 * banned peer must not come back from another port), so the two seeders live on their own loopback
 * addresses, 127.0.0.2 and 127.0.0.3 (Linux routes all of 127/8 to lo), while our engine dials from
 * 127.0.0.1.
 *
 * <p>libtorrent's seed_mode cannot serve bad data: it hashes each piece on its first request and
 * leaves seed mode when one fails. So the corrupt seeder checks a good copy first and only then gets
 * a byte flipped in every 16 KiB block of its file: libtorrent trusts what it verified and serves
 * the changed bytes. Every block it sends is bad, so every piece that verifies came from the honest
 * seeder alone.
 */
class HostileCorruptPeerTest {

    private static final String CORRUPT_HOST = "127.0.0.2";
    private static final String HONEST_HOST = "127.0.0.3";
    private static final int PIECE_LENGTH = 64 * 1024;
    private static final int BLOCK = 16 * 1024;
    private static final Duration TIMEOUT = Duration.ofSeconds(40);

    @TempDir
    Path work;

    @Test
    void bansTheCorruptPeerAndCompletesFromTheHonestOne() throws Exception {
        LibtorrentPeer.require();
        Path original = work.resolve("honest").resolve("data.bin");
        writeRandom(original, 2 * 1024 * 1024 + 12_345, 41);
        Path corruptCopy = work.resolve("corrupt").resolve("data.bin");
        Files.createDirectories(corruptCopy.getParent());
        Files.copy(original, corruptCopy);

        int honestPort = FreePorts.loopbackPort();
        int corruptPort = FreePorts.loopbackPort();
        // The honest seeder is slower, so the corrupt one certainly gets to send whole pieces.
        try (LibtorrentPeer honest = LibtorrentPeer.started(honestPort, onHost(HONEST_HOST, honestPort)
                        .with("upload_rate_limit", 1_000_000).with("ignore_limits_on_local_network", false));
                LibtorrentPeer corrupt = LibtorrentPeer.started(corruptPort, onHost(CORRUPT_HOST, corruptPort))) {
            Path torrentFile = work.resolve("data.torrent");
            String hex = honest.createTorrent(original, torrentFile, PIECE_LENGTH, List.of());
            Metainfo metainfo = new MetainfoReader().read(Files.readAllBytes(torrentFile));
            honest.addTorrent(torrentFile, original.getParent(), true);
            corrupt.addTorrent(torrentFile, corruptCopy.getParent(), false);
            corrupt.awaitSeeding(hex, TIMEOUT);
            flipOneByteInEveryBlock(corruptCopy);

            Path node = work.resolve("node");
            TorrentEngine engine = new TorrentEngine(HostileEngineConfig.defaults(), node.resolve("downloads"), node.resolve("state"));
            List<TorrentEvent> events = new CopyOnWriteArrayList<>();
            engine.addListener(events::add);
            Map<String, PeerStatus> lastSeen = new ConcurrentHashMap<>();
            InetSocketAddress corruptAddress = new InetSocketAddress(CORRUPT_HOST, corruptPort);
            InetSocketAddress honestAddress = new InetSocketAddress(HONEST_HOST, honestPort);
            try {
                Torrent torrent = engine.add(AddTorrent.of(new AddTorrent.TorrentFileSource(torrentFile))
                        .withPeers(List.of(corruptAddress, honestAddress)));
                await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(20)).alias("download completing")
                        .until(() -> {
                            torrent.peers().forEach(p -> lastSeen.put(p.address().getAddress().getHostAddress(), p));
                            return torrent.status().state() == TorrentState.SEEDING;
                        });
                assertSameFiles(original.getParent(), node.resolve("downloads"));

                List<TorrentEvent.PeerBanned> bans = await().atMost(Duration.ofSeconds(5))
                        .until(() -> events.stream().filter(TorrentEvent.PeerBanned.class::isInstance)
                                .map(TorrentEvent.PeerBanned.class::cast).toList(), list -> !list.isEmpty());
                assertThat(bans).as("bans").allSatisfy(ban -> {
                    assertThat(ban.peer().getAddress().getHostAddress()).isEqualTo(CORRUPT_HOST);
                    assertThat(ban.infoHash()).isEqualTo(metainfo.infoHash());
                    assertThat(ban.reason()).contains("hash check");
                });

                // Banned means gone and never dialled again, even when asked to.
                torrent.connect(corruptAddress);
                await().atMost(Duration.ofSeconds(10)).during(Duration.ofSeconds(2)).alias("corrupt seeder staying disconnected")
                        .until(() -> corrupt.status(hex).numPeers() == 0
                                && torrent.peers().stream().noneMatch(p -> p.address().getAddress().getHostAddress().equals(CORRUPT_HOST)));

                TorrentStatus status = torrent.status();
                TorrentSession session = (TorrentSession) torrent;
                // Failed pieces the banned peer had a hand in are its doing: the honest seeder keeps its trust.
                int honestTrust = session.onLoop(() -> session.peers.trust(honestAddress.getAddress()));
                assertThat(honestTrust).as("trust in the honest seeder").isPositive();
                StorageStats storage = session.onLoop(() -> session.storage.stats());
                long wanted = metainfo.info().totalLength();
                assertThat(status.verifiedBytes()).isEqualTo(wanted);
                assertThat(storage.hashFailures()).as("pieces that failed the hash check").isPositive();
                assertThat(status.wastedBytes()).as("wasted bytes").isGreaterThanOrEqualTo(storage.hashFailures() * BLOCK);
                assertThat(status.downloadedBytes()).as("every payload byte received: the wanted ones, then the wasted")
                        .isGreaterThanOrEqualTo(wanted + status.wastedBytes());

                LibtorrentPeer.TorrentStatus honestView = honest.status(hex);
                LibtorrentPeer.TorrentStatus corruptView = corrupt.status(hex);
                assertThat(honestView.totalUpload()).as("the honest seeder sent every verified piece").isGreaterThanOrEqualTo(wanted);
                assertThat(corruptView.totalUpload()).as("the corrupt seeder sent something before it was banned").isPositive();
                assertThat(status.downloadedBytes()).as("we cannot have received more than both seeders sent")
                        .isLessThanOrEqualTo(honestView.totalUpload() + corruptView.totalUpload());
                PeerStatus honestPeer = lastSeen.get(HONEST_HOST);
                assertThat(honestPeer).as("the honest seeder was seen connected").isNotNull();
                assertThat(honestPeer.bytesDownloaded()).isPositive().isLessThanOrEqualTo(honestView.totalUpload());
                long perPeer = lastSeen.values().stream().mapToLong(PeerStatus::bytesDownloaded).sum();
                assertThat(perPeer).as("per-peer bytes add up to no more than the torrent's").isLessThanOrEqualTo(status.downloadedBytes());
                assertThat(status.uploadedBytes()).isZero();
            } finally {
                engine.deactivate();
            }
        }
    }

    /** A fast libtorrent seeder listening on and dialling from {@code host} only. */
    static LibtorrentPeer.Options onHost(String host, int port) {
        return LibtorrentPeer.Options.fastSeeder()
                .with("listen_interfaces", host + ":" + port)
                .with("outgoing_interfaces", host);
    }

    private static void flipOneByteInEveryBlock(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = channel.size();
            ByteBuffer one = ByteBuffer.allocate(1);
            for (long block = 0; block < size; block += BLOCK) {
                long at = block + Math.min(BLOCK, size - block) / 2;
                one.clear();
                channel.read(one, at);
                one.flip();
                byte flipped = (byte) (one.get(0) ^ 0x5a);
                channel.write(ByteBuffer.wrap(new byte[] {flipped}), at);
            }
            channel.force(true);
        }
    }
}
