package io.swarmplace.testing.peers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.swarmplace.testing.peers.LibtorrentPeer.Options;
import io.swarmplace.testing.peers.LibtorrentPeer.TorrentStatus;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LibtorrentPeerTest {

    private static final Duration TRANSFER = Duration.ofSeconds(20);

    @TempDir
    Path work;

    @BeforeAll
    static void needsLibtorrentAndOpentracker() {
        LibtorrentPeer.require();
        OpenTracker.require();
    }

    @Test
    void aSecondPeerDownloadsFromASeederItFindsThroughTheTracker() throws Exception {
        Path content = SampleContent.write(work.resolve("seed"), "content", 11);
        Path torrent = work.resolve("content.torrent");
        List<Integer> ports = FreePorts.loopbackPorts(3);
        try (LibtorrentPeer seeder = LibtorrentPeer.started(ports.get(0), Options.fastSeeder());
                LibtorrentPeer leecher = LibtorrentPeer.started(ports.get(1), Options.defaults())) {
            String hex = seeder.createTorrent(content, torrent, 256 * 1024, List.of("http://127.0.0.1:" + ports.get(2) + "/announce"));
            try (OpenTracker tracker = OpenTracker.start(ports.get(2), List.of(hex))) {
                assertThat(seeder.addTorrent(torrent, content.getParent(), true)).isEqualTo(hex);
                seeder.awaitSeeding(hex, TRANSFER);

                assertThat(leecher.addTorrent(torrent, work.resolve("download"), false)).isEqualTo(hex);
                TorrentStatus done = leecher.awaitFinished(hex, TRANSFER);

                assertThat(done.totalDone()).isEqualTo(SampleContent.size(content));
                assertThat(done.progress()).isEqualTo(1.0);
                SampleContent.assertSameFiles(content, work.resolve("download/content"));
                assertThat(seeder.status(hex).totalUpload()).isGreaterThanOrEqualTo(SampleContent.size(content));
            }
        }
    }

    @Test
    void announcesAndScrapesOfATrackerOnLoopbackAreReported() throws Exception {
        Path content = SampleContent.write(work, "content", 16);
        Path torrent = work.resolve("content.torrent");
        List<Integer> ports = FreePorts.loopbackPorts(3);
        try (LibtorrentPeer tool = LibtorrentPeer.launch("tool")) {
            String hex = tool.createTorrent(content, torrent, 256 * 1024, List.of("http://127.0.0.1:" + ports.get(2) + "/announce"));
            try (OpenTracker tracker = OpenTracker.start(ports.get(2), List.of(hex));
                    LibtorrentPeer seeder = LibtorrentPeer.started(ports.get(0), Options.defaults().withoutSsrfMitigation());
                    LibtorrentPeer guarded = LibtorrentPeer.started(ports.get(1), Options.defaults())) {
                seeder.addTorrent(torrent, work, true);
                LibtorrentPeer.Announce announce = seeder.awaitAnnounce(hex, TRANSFER);
                assertThat(announce.trackerUrl()).isEqualTo(tracker.httpAnnounceUrl());
                assertThat(seeder.announces(hex)).first().isEqualTo(announce);

                assertThat(seeder.scrape(hex, TRANSFER)).isEqualTo(new LibtorrentPeer.Scrape(1, 0));

                guarded.addTorrent(torrent, work, true);
                assertThat(guarded.awaitAnnounce(hex, TRANSFER).peers()).as("the swarm grew by the second peer")
                        .isEqualTo(announce.peers() + 1);
                assertThatThrownBy(() -> guarded.scrape(hex, TRANSFER)).as("SSRF mitigation blocks /scrape on loopback")
                        .isInstanceOf(PeerFixtureException.class).hasMessageContaining("scrape failed");
            }
        }
    }

    @Test
    void torrentViewAndCheckShowWhatLibtorrentReadsAndFinds() throws Exception {
        Mktorrent.require();
        Path content = SampleContent.write(work, "content", 17);
        Path torrent = Mktorrent.create(content, List.of("http://127.0.0.1:1/announce"), 15, work.resolve("private.torrent"),
                List.of("-p"));
        try (LibtorrentPeer peer = LibtorrentPeer.started(FreePorts.loopbackPort(), Options.defaults())) {
            LibtorrentPeer.TorrentView view = peer.torrentView(torrent);

            assertThat(view.infoHash()).isEqualTo(peer.infoHashOf(torrent));
            assertThat(view.privateTorrent()).isTrue();
            assertThat(view.pieceLength()).isEqualTo(32 * 1024);
            assertThat(view.pieces()).isEqualTo((int) ((SampleContent.size(content) + 32 * 1024 - 1) / (32 * 1024)));
            assertThat(view.files()).extracting(LibtorrentPeer.FileEntry::path).containsExactly(
                    "content/a.bin", "content/docs/deep/b.bin", "content/docs/readme.txt", "content/tiny", "content/z-last.dat");
            assertThat(view.files()).noneMatch(LibtorrentPeer.FileEntry::padding);
            assertThat(view.files().get(3).size()).isEqualTo(7);

            byte[] damaged = Files.readAllBytes(content.resolve("tiny"));
            damaged[0] ^= 1;
            Files.write(content.resolve("tiny"), damaged);
            peer.addTorrent(torrent, work, false);
            TorrentStatus checked = peer.awaitChecked(view.infoHash(), TRANSFER);
            assertThat(checked.numPieces()).as("all but the piece holding the changed byte").isEqualTo(view.pieces() - 1);
            assertThat(checked.state()).isEqualTo("downloading");
        }
    }

    @Test
    void aPeerDialledDirectlyServesAMagnetLink() throws Exception {
        Path content = SampleContent.write(work.resolve("seed"), "content", 12);
        Path torrent = work.resolve("content.torrent");
        List<Integer> ports = FreePorts.loopbackPorts(2);
        try (LibtorrentPeer seeder = LibtorrentPeer.started(ports.get(0), Options.fastSeeder());
                LibtorrentPeer leecher = LibtorrentPeer.started(ports.get(1), Options.defaults())) {
            String hex = seeder.createTorrent(content, torrent, 64 * 1024, List.of());
            seeder.addTorrent(torrent, content.getParent(), false);
            seeder.awaitSeeding(hex, TRANSFER);

            assertThat(leecher.addMagnet("magnet:?xt=urn:btih:" + hex + "&dn=content", work.resolve("download"))).isEqualTo(hex);
            leecher.connectPeer(hex, "127.0.0.1", seeder.port());
            TorrentStatus midway = leecher.await(hex, TRANSFER, status -> status.hasMetadata(), "given metadata");
            assertThat(midway.hasMetadata()).isTrue();
            leecher.awaitFinished(hex, TRANSFER);

            SampleContent.assertSameFiles(content, work.resolve("download/content"));
            TorrentStatus seeding = seeder.status(hex);
            assertThat(seeding.isSeeding()).isTrue();
            assertThat(seeding.totalUpload()).isGreaterThanOrEqualTo(SampleContent.size(content));
        }
    }

    @Test
    void pauseResumeRecheckAndRemoveDoWhatTheySay() throws Exception {
        Path content = SampleContent.write(work, "content", 13);
        Path torrent = work.resolve("content.torrent");
        try (LibtorrentPeer peer = LibtorrentPeer.started(FreePorts.loopbackPort(), Options.defaults())) {
            String hex = peer.createTorrent(content, torrent, 32 * 1024, List.of());
            peer.addTorrent(torrent, work, false);
            peer.awaitSeeding(hex, TRANSFER);

            peer.pause(hex);
            assertThat(peer.await(hex, TRANSFER, TorrentStatus::paused, "paused").paused()).isTrue();
            peer.resume(hex);
            assertThat(peer.await(hex, TRANSFER, status -> !status.paused(), "resumed").paused()).isFalse();

            byte[] original = Files.readAllBytes(content.resolve("a.bin"));
            byte[] damaged = original.clone();
            damaged[100_000] ^= 1;
            Files.write(content.resolve("a.bin"), damaged);
            peer.forceRecheck(hex);
            TorrentStatus rechecked = peer.await(hex, TRANSFER,
                    status -> !status.state().startsWith("checking") && status.totalDone() < status.totalWanted(), "rechecked");
            assertThat(rechecked.totalWanted() - rechecked.totalDone()).as("one 32 KiB piece lost").isEqualTo(32 * 1024);

            peer.remove(hex);
            assertThatThrownBy(() -> peer.status(hex)).isInstanceOf(PeerFixtureException.class).hasMessageContaining("no torrent with info-hash " + hex);
        }
    }

    @Test
    void infoHashOfReadsWhatCreateTorrentWrote() throws Exception {
        Path content = SampleContent.write(work, "content", 14);
        try (LibtorrentPeer tool = LibtorrentPeer.launch("tool")) {
            String created = tool.createTorrent(content, work.resolve("a.torrent"), 16 * 1024, List.of("http://127.0.0.1:1/announce"));
            assertThat(created).matches("[0-9a-f]{40}");
            assertThat(tool.infoHashOf(work.resolve("a.torrent"))).isEqualTo(created);
        }
    }

    @Test
    void aBusyPortIsAFailureNotASilentMoveToAnotherPort() throws Exception {
        int port = FreePorts.loopbackPort();
        try (ServerSocket taken = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            assertThatThrownBy(() -> LibtorrentPeer.started(port, Options.defaults()).close())
                    .isInstanceOf(PeerFixtureException.class)
                    .hasMessageContaining("could not listen on 127.0.0.1:" + port);
        }
    }

    @Test
    void aBrokenTorrentFileIsReportedWithTheDriversReasonAndTheDriverCarriesOn() throws Exception {
        Path garbage = Files.write(work.resolve("garbage.torrent"), "d4:infoi3ee".getBytes());
        Path content = SampleContent.write(work, "content", 15);
        try (LibtorrentPeer peer = LibtorrentPeer.started(FreePorts.loopbackPort(), Options.defaults())) {
            assertThatThrownBy(() -> peer.addTorrent(garbage, work, false))
                    .isInstanceOf(PeerFixtureException.class).hasMessageContaining("'add' failed");
            assertThatThrownBy(() -> peer.infoHashOf(work.resolve("missing.torrent")))
                    .isInstanceOf(PeerFixtureException.class).hasMessageContaining("'info_hash' failed");
            assertThatThrownBy(() -> peer.start(FreePorts.loopbackPort(), Options.defaults()))
                    .isInstanceOf(PeerFixtureException.class).hasMessageContaining("already started");

            String hex = peer.createTorrent(content, work.resolve("good.torrent"), 16 * 1024, List.of());
            assertThat(peer.addTorrent(work.resolve("good.torrent"), work, true)).isEqualTo(hex);
        }
    }

    @Test
    void extraSettingsReachLibtorrentWhichNamesTheOnesItDoesNotKnow() {
        Options typo = Options.defaults().with("upload_rate_limit", 0).with("no_such_setting", 1);

        assertThatThrownBy(() -> LibtorrentPeer.started(FreePorts.loopbackPort(), typo).close())
                .isInstanceOf(PeerFixtureException.class)
                .hasMessageContaining("'start' failed")
                .hasMessageContaining("unknown name in settings_pack: no_such_setting");
    }

    @Test
    void aTransferThatCannotHappenTimesOutWithTheLastStatus() throws Exception {
        try (LibtorrentPeer peer = LibtorrentPeer.started(FreePorts.loopbackPort(), Options.defaults())) {
            String hex = peer.addMagnet("magnet:?xt=urn:btih:" + "ab".repeat(20), work);

            assertThatThrownBy(() -> peer.awaitFinished(hex, Duration.ofMillis(300)))
                    .isInstanceOf(PeerTimeoutException.class)
                    .hasMessageContaining("was not finished within PT0.3S")
                    .hasMessageContaining("downloading_metadata");
        }
    }

    @Test
    void dhtNodesOnLoopbackStoreAndFindAnImmutableItem() {
        List<Integer> ports = FreePorts.loopbackPorts(3);
        try (LibtorrentPeer first = LibtorrentPeer.started(ports.get(0), Options.defaults().withDht());
                LibtorrentPeer second = LibtorrentPeer.started(ports.get(1), Options.defaults().withDht());
                LibtorrentPeer third = LibtorrentPeer.started(ports.get(2), Options.defaults().withDht())) {
            for (LibtorrentPeer node : List.of(first, second, third)) {
                for (LibtorrentPeer other : List.of(first, second, third)) {
                    if (node != other) {
                        node.addDhtNode("127.0.0.1", other.port());
                    }
                }
            }

            for (LibtorrentPeer node : List.of(first, second, third)) {
                assertThat(node.awaitDhtNodes(2, TRANSFER)).isGreaterThanOrEqualTo(2);
            }

            LibtorrentPeer.DhtPut put = first.dhtPutImmutable("hello from the loopback DHT", Duration.ofSeconds(10));

            assertThat(put.nodes()).as("nodes that stored the item").isPositive();
            assertThat(put.targetHex()).matches("[0-9a-f]{40}");
            assertThat(third.dhtGetImmutable(put.targetHex(), Duration.ofSeconds(10))).contains("hello from the loopback DHT");
            assertThat(third.dhtGetImmutable("00".repeat(20), Duration.ofMillis(500))).isEmpty();
        }
    }
}
