package io.swarmplace.tracker.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.swarmplace.testing.ExternalPart;
import io.swarmplace.tracker.SwarmStats;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
        Tools.requireMktorrent();
        ExternalPart.require("aria2c", "apt-get install aria2", () -> ExternalPart.onPath("aria2c"));
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
        Path data = Tools.payload(work.resolve("seed/payload.bin"), 2 * 1024 * 1024 + 777, 5);
        Path torrent = Tools.mktorrent(data, tracker.httpAnnounceUri().orElseThrow(), work.resolve("payload.torrent"));
        String infoHash = Tools.infoHashHex(torrent);
        Path downloads = Files.createDirectories(work.resolve("aria2"));

        try (LibtorrentPeer seeder = LibtorrentPeer.seed(work, torrent, data.getParent())) {
            await().atMost(WAIT).until(() -> tracker.swarm(infoHash).map(SwarmStats::seeders).orElse(0) == 1);

            Process aria2 = new ProcessBuilder(List.of("aria2c",
                    "--dir=" + downloads, "--interface=127.0.0.1", "--listen-port=" + Tools.freePort(),
                    "--enable-dht=false", "--enable-dht6=false", "--bt-enable-lpd=false", "--enable-peer-exchange=false",
                    "--seed-time=0", "--file-allocation=none", "--disable-ipv6=true", "--bt-stop-timeout=60",
                    "--summary-interval=0", "--console-log-level=warn", torrent.toString()))
                    .redirectErrorStream(true)
                    .redirectOutput(work.resolve("aria2c.log").toFile())
                    .start();
            try {
                assertThat(aria2.waitFor(90, TimeUnit.SECONDS)).as("aria2c finished within 90 s").isTrue();
                assertThat(aria2.exitValue()).as("aria2c exit code; log: %s", Files.readString(work.resolve("aria2c.log")))
                        .isZero();
            } finally {
                aria2.destroyForcibly();
            }
        }

        assertThat(Files.mismatch(data, downloads.resolve("payload.bin"))).isEqualTo(-1L);
        assertThat(tracker.swarm(infoHash).orElseThrow().completed()).isEqualTo(1);
        assertThat(tracker.counters().httpAnnounces()).isGreaterThanOrEqualTo(3);
        assertThat(tracker.counters().refusals()).isZero();
    }
}
