package io.swarmplace.torrent.internal.engine;

import static io.swarmplace.torrent.internal.engine.InteropSupport.awaitState;
import static io.swarmplace.torrent.internal.engine.InteropSupport.newEngine;
import static io.swarmplace.torrent.internal.engine.InteropSupport.writeTorrent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.swarmplace.testing.TestFiles;
import io.swarmplace.torrent.AddTorrent;
import io.swarmplace.torrent.CreateTorrent;
import io.swarmplace.torrent.PeerStatus;
import io.swarmplace.torrent.Torrent;
import io.swarmplace.torrent.TorrentState;
import io.swarmplace.torrent.internal.wire.PeerId;
import io.swarmplace.torrent.metainfo.Metainfo;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two peers that dial each other at the same moment end up with two connections; each side must close the
 * same one, or each closes a different one and both are lost. The rule (libtorrent's): the connection the
 * peer with the greater id made is kept.
 */
class DuplicateConnectionTest {

    private static final PeerId LOW = id("2d5357303031302d00000000000000000000000a");
    private static final PeerId HIGH = id("2d5357303031302dff000000000000000000000a");

    @Test
    void bothSidesOfADuplicatePickTheSameConnection() {
        // We are HIGH: keep the connection we made, close the one they made; and they, LOW, agree.
        assertThat(SwarmPeers.keepsNewDuplicate(HIGH, LOW, true)).isTrue();
        assertThat(SwarmPeers.keepsNewDuplicate(HIGH, LOW, false)).isFalse();
        assertThat(SwarmPeers.keepsNewDuplicate(LOW, HIGH, false)).isTrue();
        assertThat(SwarmPeers.keepsNewDuplicate(LOW, HIGH, true)).isFalse();
    }

    @Test
    void idsCompareAsUnsignedBytes() {
        PeerId signedNegative = id("2d5357303031302d80000000000000000000000a");
        PeerId positive = id("2d5357303031302d7f000000000000000000000a");
        assertThat(SwarmPeers.keepsNewDuplicate(signedNegative, positive, true)).isTrue();
    }

    @Test
    void twoEnginesDiallingEachOtherKeepOneConnectionBothAgreeOn(@TempDir Path work) throws Exception {
        Path content = work.resolve("share/file.bin");
        TestFiles.writeRandom(content, 1024 * 1024, 71);
        TorrentEngine seeder = newEngine(work.resolve("seeder"));
        TorrentEngine leecher = newEngine(work.resolve("leecher"));
        try {
            Metainfo created = seeder.create(content, CreateTorrent.defaults().withPieceLength(16 * 1024)).get();
            Path torrentFile = writeTorrent(created, work.resolve("file.torrent"));
            Torrent seeding = seeder.add(AddTorrent.of(new AddTorrent.TorrentFileSource(torrentFile)).savingTo(content.getParent()));
            awaitState(seeding, TorrentState.SEEDING, () -> "");
            // Slow, so that the connections are still up when we look.
            seeding.setRateLimits(0, 64 * 1024);
            Torrent leeching = leecher.add(AddTorrent.of(new AddTorrent.TorrentFileSource(torrentFile)).savingTo(work.resolve("got")));
            awaitState(leeching, TorrentState.DOWNLOADING, () -> "");

            InetSocketAddress seederAddress = new InetSocketAddress("127.0.0.1", seeder.status().listenAddress().getPort());
            InetSocketAddress leecherAddress = new InetSocketAddress("127.0.0.1", leecher.status().listenAddress().getPort());
            leeching.connect(seederAddress);
            seeding.connect(leecherAddress);

            boolean seederIdIsGreater = Arrays.compareUnsigned(seeder.peerId().bytes(), leecher.peerId().bytes()) > 0;
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> {
                List<PeerStatus> atSeeder = seeding.peers();
                List<PeerStatus> atLeecher = leeching.peers();
                assertThat(atSeeder).hasSize(1);
                assertThat(atLeecher).hasSize(1);
                assertThat(atSeeder.get(0).outgoing()).as("the seeder made the connection it keeps").isEqualTo(seederIdIsGreater);
                assertThat(atLeecher.get(0).outgoing()).as("the leecher made the connection it keeps").isEqualTo(!seederIdIsGreater);
            });
            assertThat(leeching.status().state()).isEqualTo(TorrentState.DOWNLOADING);
        } finally {
            seeder.deactivate();
            leecher.deactivate();
        }
    }

    private static PeerId id(String hex) {
        return new PeerId(HexFormat.of().parseHex(hex));
    }
}
