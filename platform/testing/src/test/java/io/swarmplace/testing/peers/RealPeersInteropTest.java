package io.swarmplace.testing.peers;

import static org.assertj.core.api.Assertions.assertThat;

import io.swarmplace.testing.peers.LibtorrentPeer.Options;
import io.swarmplace.testing.peers.LibtorrentPeer.TorrentStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proves the fixtures against each other: one multi-file torrent made by mktorrent, tracked by opentracker,
 * seeded by libtorrent, fetched by libtorrent and aria2c through the tracker (HTTP and UDP), and seeded by
 * transmission-cli and aria2c to a libtorrent peer that dials them.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RealPeersInteropTest {

    private static final Duration TRANSFER = Duration.ofSeconds(20);
    private static final int PIECE_EXPONENT = 18;

    @TempDir
    static Path shared;

    @TempDir
    Path work;

    private static Path content;
    private static Path trackedTorrent;
    private static Path trackerlessTorrent;
    private static String infoHash;
    private static OpenTracker tracker;
    private static LibtorrentPeer seeder;
    private static Transmission transmission;
    private static LibtorrentPeer transmissionLeecher;

    @BeforeAll
    static void seedThroughATracker() throws Exception {
        LibtorrentPeer.require();
        OpenTracker.require();
        Mktorrent.require();
        Aria2.require();
        Transmission.require();

        content = SampleContent.write(shared.resolve("seed"), "content", 42);
        List<Integer> ports = FreePorts.loopbackPorts(4);
        int trackerPort = ports.get(0);
        trackedTorrent = Mktorrent.create(content, List.of("http://127.0.0.1:" + trackerPort + "/announce",
                "udp://127.0.0.1:" + trackerPort + "/announce"), PIECE_EXPONENT, shared.resolve("tracked.torrent"));
        trackerlessTorrent = Mktorrent.create(content, List.of(), PIECE_EXPONENT, shared.resolve("trackerless.torrent"));

        // Transmission unchokes only on a 10 s timer: start it and dial it first, so that wait overlaps the
        // other tests; its test then only awaits the result. The leecher knows no tracker: every byte it
        // gets comes from transmission.
        transmission = Transmission.seed(trackerlessTorrent, content.getParent(), ports.get(2));
        transmissionLeecher = LibtorrentPeer.started(ports.get(3), Options.defaults());
        transmissionLeecher.addTorrent(trackerlessTorrent, shared.resolve("from-transmission"), false);
        seeder = LibtorrentPeer.started(ports.get(1), Options.fastSeeder());
        infoHash = seeder.infoHashOf(trackedTorrent);
        tracker = OpenTracker.start(trackerPort, List.of(infoHash));
        seeder.addTorrent(trackedTorrent, content.getParent(), true);
        seeder.awaitSeeding(infoHash, TRANSFER);
        transmissionLeecher.connectPeer(infoHash, "127.0.0.1", transmission.port());
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable fixture : new AutoCloseable[] {transmissionLeecher, transmission, seeder, tracker}) {
            if (fixture != null) {
                try {
                    fixture.close();
                } catch (Exception e) {
                    throw new IllegalStateException("could not stop " + fixture, e);
                }
            }
        }
    }

    @Test
    void mktorrentAndLibtorrentMakeTheSameInfoDictionary() {
        Path made = work.resolve("libtorrent.torrent");
        String created = seeder.createTorrent(content, made, 1 << PIECE_EXPONENT,
                List.of(tracker.httpAnnounceUrl(), tracker.udpAnnounceUrl()));

        assertThat(created).isEqualTo(infoHash);
        assertThat(seeder.infoHashOf(trackerlessTorrent))
                .as("trackers live outside the info dictionary, so they never change the info-hash").isEqualTo(infoHash);
    }

    @Test
    void libtorrentDownloadsFromLibtorrentFoundThroughTheHttpTracker() throws Exception {
        long uploadedBefore = seeder.status(infoHash).totalUpload();
        try (LibtorrentPeer leecher = LibtorrentPeer.started(FreePorts.loopbackPort(), Options.defaults())) {
            assertThat(leecher.addTorrent(trackedTorrent, work, false)).isEqualTo(infoHash);

            TorrentStatus done = leecher.awaitFinished(infoHash, TRANSFER);

            assertThat(done.totalDone()).isEqualTo(SampleContent.size(content));
        }
        SampleContent.assertSameFiles(content, work.resolve("content"));
        assertThat(seeder.status(infoHash).totalUpload() - uploadedBefore).isGreaterThanOrEqualTo(SampleContent.size(content));
    }

    @Test
    void libtorrentFetchesAMagnetLinkFromLibtorrentFoundThroughTheUdpTracker() throws Exception {
        String magnet = "magnet:?xt=urn:btih:" + infoHash + "&dn=content&tr=" + tracker.udpAnnounceUrl();
        try (LibtorrentPeer leecher = LibtorrentPeer.started(FreePorts.loopbackPort(), Options.defaults())) {
            assertThat(leecher.addMagnet(magnet, work)).isEqualTo(infoHash);

            leecher.awaitFinished(infoHash, TRANSFER);
        }
        SampleContent.assertSameFiles(content, work.resolve("content"));
    }

    @Test
    void aria2DownloadsFromLibtorrentFoundThroughTheTracker() throws Exception {
        try (Aria2 aria2 = Aria2.download(trackedTorrent, work, FreePorts.loopbackPort())) {
            aria2.awaitSuccess(TRANSFER);
        }
        SampleContent.assertSameFiles(content, work.resolve("content"));
    }

    @Test
    void aria2FetchesAMagnetLinkFromLibtorrentFoundThroughTheHttpTracker() throws Exception {
        String magnet = "magnet:?xt=urn:btih:" + infoHash + "&dn=content&tr=" + tracker.httpAnnounceUrl();
        try (Aria2 aria2 = Aria2.download(magnet, work, FreePorts.loopbackPort())) {
            aria2.awaitSuccess(TRANSFER);
        }
        SampleContent.assertSameFiles(content, work.resolve("content"));
    }

    @Test
    @Order(Integer.MAX_VALUE) // last: transmission has had the other tests' time to unchoke the leecher
    void libtorrentDownloadsFromTransmissionItDials() throws Exception {
        TorrentStatus done = transmissionLeecher.awaitFinished(infoHash, TRANSFER);

        assertThat(done.totalDownload()).as("payload from the only peer it knows").isGreaterThanOrEqualTo(SampleContent.size(content));
        SampleContent.assertSameFiles(content, shared.resolve("from-transmission/content"));
        assertThat(transmission.isAlive()).isTrue();
    }

    @Test
    void libtorrentDownloadsFromAria2ItDials() throws Exception {
        List<Integer> ports = FreePorts.loopbackPorts(2);
        try (Aria2 aria2 = Aria2.seed(trackerlessTorrent, content.getParent(), ports.get(0));
                LibtorrentPeer leecher = LibtorrentPeer.started(ports.get(1), Options.defaults())) {
            leecher.addTorrent(trackerlessTorrent, work, false);
            leecher.connectPeer(infoHash, "127.0.0.1", aria2.port());

            TorrentStatus done = leecher.awaitFinished(infoHash, TRANSFER);

            assertThat(done.totalDownload()).isGreaterThanOrEqualTo(SampleContent.size(content));
            assertThat(aria2.isAlive()).as("a seeder stays until closed").isTrue();
        }
        SampleContent.assertSameFiles(content, work.resolve("content"));
    }

    @Test
    void mktorrentWritesAMultiFileTorrentWithTheAskedPieceLength() throws Exception {
        String torrent = new String(Files.readAllBytes(trackedTorrent), java.nio.charset.StandardCharsets.ISO_8859_1);

        assertThat(torrent).contains("5:files").contains("12:piece lengthi" + (1 << PIECE_EXPONENT) + "e")
                .contains("4:name7:content").contains("8:announce" + tracker.httpAnnounceUrl().length() + ":" + tracker.httpAnnounceUrl());
    }
}
