package io.swarmplace.tracker.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.swarmplace.tracker.SwarmStats;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two real libtorrent 2.0 sessions (a seeder and a downloader) on 127.0.0.1 that can find each other
 * only through our tracker, over HTTP and over UDP; the file must arrive byte for byte, and scrapes
 * (ours over HTTP and UDP, and libtorrent's own) must then count two seeders and one completed download.
 */
class LibtorrentInteropTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path work;

    private TrackerServer tracker;

    @BeforeEach
    void startTracker() throws Exception {
        LibtorrentPeer.require();
        Tools.requireMktorrent();
        tracker = new TrackerServer(TestConfig.loopback().with("announceInterval", 60).with("minInterval", 5).config());
    }

    @AfterEach
    void stopTracker() {
        if (tracker != null) {
            tracker.deactivate();
        }
    }

    @Test
    void libtorrentPeersFindEachOtherOverHttp() throws Exception {
        swarmThrough(tracker.httpAnnounceUri().orElseThrow());
    }

    @Test
    void libtorrentPeersFindEachOtherOverUdp() throws Exception {
        swarmThrough(tracker.udpAnnounceUri().orElseThrow());
    }

    private void swarmThrough(URI announce) throws Exception {
        Path data = Tools.payload(work.resolve("seed/payload.bin"), 3 * 1024 * 1024 + 12_345, 99);
        Path torrent = Tools.mktorrent(data, announce, work.resolve("payload.torrent"));
        String infoHash = Tools.infoHashHex(torrent);

        try (LibtorrentPeer seeder = LibtorrentPeer.seed(work, torrent, data.getParent())) {
            seeder.await(line -> line.startsWith("tracker_reply\t"), WAIT);
            await().atMost(WAIT).until(() -> tracker.swarm(infoHash), swarm -> swarm.map(SwarmStats::seeders).orElse(0) == 1);

            try (LibtorrentPeer downloader = LibtorrentPeer.download(work, torrent, work.resolve("download"))) {
                String reply = downloader.await(line -> line.startsWith("tracker_reply\t"), WAIT);
                assertThat(reply).as("the downloader's first announce names the seeder").isEqualTo("tracker_reply\t1");
                downloader.await("finished"::equals, WAIT);

                assertThat(Files.mismatch(data, work.resolve("download/payload.bin"))).isEqualTo(-1L);
                await().atMost(WAIT).until(() -> tracker.swarm(infoHash),
                        swarm -> swarm.equals(Optional.of(new SwarmStats(infoHash, 2, 0, 1))));

                URI http = tracker.httpAnnounceUri().orElseThrow();
                URI udp = tracker.udpAnnounceUri().orElseThrow();
                assertThat(ScrapeClient.http(http, infoHash)).isEqualTo(new ScrapeEntry(2, 1, 0));
                assertThat(ScrapeClient.udp(udp, infoHash)).isEqualTo(new ScrapeEntry(2, 1, 0));
                seeder.scrape();
                assertThat(seeder.await(line -> line.startsWith("scrape"), WAIT)).isEqualTo("scrape\t2\t0");
            }
        }
        assertThat(tracker.counters().refusals()).isZero();
    }
}
