package io.swarmplace.tracker.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.swarmplace.testing.peers.Aria2;
import io.swarmplace.testing.peers.FreePorts;
import io.swarmplace.testing.peers.LibtorrentPeer;
import io.swarmplace.testing.peers.LibtorrentPeer.Options;
import io.swarmplace.testing.peers.Mktorrent;
import io.swarmplace.tracker.SwarmStats;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** aria2c downloads from a libtorrent seeder that it learns of only through our HTTP tracker. */
class Aria2InteropTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path work;

    private TrackerServer tracker;

    @BeforeEach
    void startTracker() throws Exception {
        LibtorrentPeer.require();
        Mktorrent.require();
        Aria2.require();
        tracker = new TrackerServer(TestConfig.loopback().config());
    }

    @AfterEach
    void stopTracker() {
        if (tracker != null) {
            tracker.deactivate();
        }
    }

    @Test
    void aria2cDownloadsFromALibtorrentSeederFoundThroughTheTracker() throws Exception {
        Path data = LibtorrentInteropTest.payload(work.resolve("seed/payload.bin"), 2 * 1024 * 1024 + 777, 5);
        Path torrent = Mktorrent.create(data, tracker.httpAnnounceUri().orElseThrow().toString(), 16, work.resolve("payload.torrent"));
        Path downloads = Files.createDirectories(work.resolve("aria2"));
        List<Integer> ports = FreePorts.loopbackPorts(2);

        String infoHash;
        try (LibtorrentPeer seeder = LibtorrentPeer.started(ports.get(0), Options.defaults())) {
            infoHash = seeder.addTorrent(torrent, data.getParent(), true);
            await().atMost(WAIT).until(() -> tracker.swarm(infoHash).map(SwarmStats::seeders).orElse(0) == 1);

            try (Aria2 aria2 = Aria2.download(torrent, downloads, ports.get(1))) {
                assertThat(aria2.awaitExit(Duration.ofSeconds(90))).as("aria2c exit code; log: %s", aria2.logTail()).isZero();
            }
        }

        assertThat(Files.mismatch(data, downloads.resolve("payload.bin"))).isEqualTo(-1L);
        assertThat(tracker.swarm(infoHash).orElseThrow().completed()).isEqualTo(1);
        assertThat(tracker.counters().httpAnnounces()).isGreaterThanOrEqualTo(3);
        assertThat(tracker.counters().refusals()).isZero();
    }
}
