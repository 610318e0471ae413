package io.swarmplace.tracker.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.swarmplace.testing.peers.Aria2;
import io.swarmplace.testing.peers.FreePorts;
import io.swarmplace.testing.peers.LibtorrentPeer;
import io.swarmplace.testing.peers.LibtorrentPeer.Options;
import io.swarmplace.testing.peers.Mktorrent;
import io.swarmplace.tracker.SwarmStats;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real BitTorrent clients on 127.0.0.1 that can find each other only through our tracker. Two libtorrent
 * 2.0 sessions (a seeder and a downloader), over HTTP and over UDP: the file must arrive byte for byte,
 * and scrapes (ours over HTTP and UDP, and libtorrent's own) must then count two seeders and one completed
 * download. And aria2c, which downloads from a libtorrent seeder it learns of through our HTTP tracker.
 */
class RealClientsInteropTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path work;

    private TrackerServer tracker;

    @BeforeEach
    void startTracker() throws Exception {
        LibtorrentPeer.require();
        Mktorrent.require();
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
        Path data = payload(work.resolve("seed/payload.bin"), 3 * 1024 * 1024 + 12_345, 99);
        Path torrent = Mktorrent.create(data, announce.toString(), 16, work.resolve("payload.torrent"));
        List<Integer> ports = FreePorts.loopbackPorts(2);

        // Only the seeder scrapes; libtorrent's SSRF mitigation would keep it from /scrape on loopback.
        try (LibtorrentPeer seeder = LibtorrentPeer.started(ports.get(0), Options.defaults().withoutSsrfMitigation())) {
            String infoHash = seeder.addTorrent(torrent, data.getParent(), true);
            seeder.awaitAnnounce(infoHash, WAIT);
            await().atMost(WAIT).until(() -> tracker.swarm(infoHash), swarm -> swarm.map(SwarmStats::seeders).orElse(0) == 1);

            try (LibtorrentPeer downloader = LibtorrentPeer.started(ports.get(1), Options.defaults())) {
                downloader.addTorrent(torrent, Files.createDirectories(work.resolve("download")), false);
                assertThat(downloader.awaitAnnounce(infoHash, WAIT).peers()).as("the downloader's first announce names the seeder")
                        .isEqualTo(1);
                downloader.awaitFinished(infoHash, WAIT);

                assertThat(Files.mismatch(data, work.resolve("download/payload.bin"))).isEqualTo(-1L);
                await().atMost(WAIT).until(() -> tracker.swarm(infoHash),
                        swarm -> swarm.equals(Optional.of(new SwarmStats(infoHash, 2, 0, 1))));

                URI http = tracker.httpAnnounceUri().orElseThrow();
                URI udp = tracker.udpAnnounceUri().orElseThrow();
                assertThat(ScrapeClient.http(http, infoHash)).isEqualTo(new ScrapeEntry(2, 1, 0));
                assertThat(ScrapeClient.udp(udp, infoHash)).isEqualTo(new ScrapeEntry(2, 1, 0));
                assertThat(seeder.scrape(infoHash, WAIT)).isEqualTo(new LibtorrentPeer.Scrape(2, 0));
            }
        }
        assertThat(tracker.counters().refusals()).isZero();
    }

    @Test
    void aria2cDownloadsFromALibtorrentSeederFoundThroughTheTracker() throws Exception {
        Aria2.require();
        Path data = payload(work.resolve("seed/payload.bin"), 2 * 1024 * 1024 + 777, 5);
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

    /** A file of {@code size} bytes from a seeded generator. */
    private static Path payload(Path file, int size, long seed) throws Exception {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        Files.createDirectories(file.getParent());
        return Files.write(file, bytes);
    }
}
