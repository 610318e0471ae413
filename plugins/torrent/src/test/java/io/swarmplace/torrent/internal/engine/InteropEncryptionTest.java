package io.swarmplace.torrent.internal.engine;

import static io.swarmplace.torrent.internal.engine.InteropSupport.TIMEOUT;
import static io.swarmplace.torrent.internal.engine.InteropSupport.assertSameFiles;
import static io.swarmplace.torrent.internal.engine.InteropSupport.awaitSameFiles;
import static io.swarmplace.torrent.internal.engine.InteropSupport.writeAlbum;
import static io.swarmplace.torrent.internal.engine.InteropSupport.writeTorrent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.swarmplace.testing.peers.Aria2;
import io.swarmplace.testing.peers.FreePorts;
import io.swarmplace.testing.peers.LibtorrentPeer;
import io.swarmplace.testing.peers.Transmission;
import io.swarmplace.torrent.AddTorrent;
import io.swarmplace.torrent.CreateTorrent;
import io.swarmplace.torrent.PeerEncryption;
import io.swarmplace.torrent.PeerStatus;
import io.swarmplace.torrent.Torrent;
import io.swarmplace.torrent.TorrentState;
import io.swarmplace.torrent.internal.mse.AllowedEncryption;
import io.swarmplace.torrent.internal.mse.EncryptionPolicy;
import io.swarmplace.torrent.metainfo.Metainfo;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * MSE/PE against peers that refuse plaintext, on 127.0.0.1: python3-libtorrent with in/out_enc_policy
 * pe_forced and allowed_enc_level pe_rc4, and aria2c with --bt-require-crypto --bt-min-crypto-level=arc4,
 * each downloading from our engine and seeding to it, and transmission-cli -er seeding to it (it never
 * dials 127.x peers). Our engine runs the production defaults (try MSE
 * out, accept both in), so every transfer here proves the RC4 stream both ways; the engine's own view of
 * each connection must say RC4.
 */
class InteropEncryptionTest {

    /** Short: on loopback a few MiB move, and seeds hang up on each other, within tens of milliseconds. */
    private static final Duration WATCH = Duration.ofMillis(1);
    private static final List<String> ARIA2_ARC4_REQUIRED = List.of("--bt-require-crypto=true", "--bt-min-crypto-level=arc4");

    @TempDir
    static Path work;

    private static LibtorrentPeer forcedSeeder;
    private static Path seededAlbum;
    private static Path seededTorrent;

    @BeforeAll
    static void startLibtorrentSeeder() throws Exception {
        LibtorrentPeer.require();
        seededAlbum = writeAlbum(work.resolve("libtorrent-seed/album"), 300);
        seededTorrent = work.resolve("libtorrent-album.torrent");
        forcedSeeder = LibtorrentPeer.started(FreePorts.loopbackPort(), LibtorrentPeer.Options.fastSeeder().rc4Forced());
        forcedSeeder.createTorrent(seededAlbum, seededTorrent, 64 * 1024, List.of());
        forcedSeeder.awaitSeeding(forcedSeeder.addTorrent(seededTorrent, seededAlbum.getParent(), true), TIMEOUT);
    }

    @AfterAll
    static void stopLibtorrentSeeder() {
        if (forcedSeeder != null) {
            forcedSeeder.close();
        }
    }

    @Test
    void downloadsFromALibtorrentSeederThatRequiresRc4() throws Exception {
        assertThat(download(new TestEngineConfig(0), work.resolve("from-libtorrent"), seededTorrent, forcedSeeder.port(),
                seededAlbum)).containsExactly(PeerEncryption.RC4);
    }

    @Test
    void aLibtorrentLeecherThatRequiresRc4DownloadsFromOurSeeder() throws Exception {
        Path node = work.resolve("to-libtorrent");
        Path album = writeAlbum(node.resolve("share/album"), 400);
        TorrentEngine engine = InteropSupport.newEngine(node);
        try (LibtorrentPeer leecher = LibtorrentPeer.started(FreePorts.loopbackPort(), LibtorrentPeer.Options.defaults().rc4Forced())) {
            Torrent torrent = seed(engine, album, node.resolve("album.torrent"), List.of());
            Path leecherFolder = node.resolve("leecher");
            String hex = leecher.addTorrent(node.resolve("album.torrent"), leecherFolder, false);
            leecher.connectPeer(hex, "127.0.0.1", engine.status().listenAddress().getPort());
            Set<PeerEncryption> seen = watchEncryptionUntil(torrent, "libtorrent finishing from our seeder",
                    () -> leecher.status(hex).progress() >= 1.0);
            leecher.awaitFinished(hex, TIMEOUT);
            awaitSameFiles(album, leecherFolder.resolve("album"));
            assertThat(seen).containsExactly(PeerEncryption.RC4);
        } finally {
            engine.deactivate();
        }
    }

    @Test
    void downloadsFromAnAria2SeederThatRequiresArc4() throws Exception {
        Aria2.require();
        Path node = work.resolve("from-aria2");
        Path album = writeAlbum(node.resolve("seed/album"), 500);
        Path torrentFile = node.resolve("album.torrent");
        forcedSeeder.createTorrent(album, torrentFile, 64 * 1024, List.of());
        int aria2Port = FreePorts.loopbackPort();
        try (Aria2 seeder = Aria2.seed(torrentFile, album.getParent(), aria2Port, ARIA2_ARC4_REQUIRED)) {
            assertThat(download(new TestEngineConfig(0), node.resolve("engine"), torrentFile, aria2Port, album))
                    .containsExactly(PeerEncryption.RC4);
        }
    }

    @Test
    void anAria2LeecherThatRequiresArc4DownloadsFromOurSeeder() throws Exception {
        Aria2.require();
        Path node = work.resolve("to-aria2");
        Path album = writeAlbum(node.resolve("share/album"), 600);
        TorrentEngine engine = InteropSupport.newEngine(node);
        try (InteropTracker tracker = InteropTracker.start()) {
            Torrent torrent = seed(engine, album, node.resolve("album.torrent"), List.of(tracker.httpAnnounce()));
            await().atMost(TIMEOUT).alias("our seeder announced itself")
                    .until(() -> tracker.seeders(torrent.infoHash().hex()) == 1);
            Path downloads = Files.createDirectories(node.resolve("aria2"));
            Set<PeerEncryption> seen;
            try (Aria2 leecher = Aria2.download(node.resolve("album.torrent"), downloads, FreePorts.loopbackPort(),
                    ARIA2_ARC4_REQUIRED)) {
                seen = watchEncryptionUntil(torrent, "aria2c connecting to our seeder", () -> !torrent.peers().isEmpty());
                leecher.awaitSuccess(TIMEOUT);
            }
            assertSameFiles(album, downloads.resolve("album"));
            assertThat(seen).containsExactly(PeerEncryption.RC4);
        } finally {
            engine.deactivate();
        }
    }

    /** libtorrent with pe_disabled hangs up on our MSE handshake; the default policy dials it once more in plaintext. */
    @Test
    void fallsBackToPlaintextOnceForALibtorrentSeederThatRefusesEncryption() throws Exception {
        Path node = work.resolve("plaintext-fallback");
        try (LibtorrentPeer plaintextSeeder = LibtorrentPeer.started(FreePorts.loopbackPort(),
                LibtorrentPeer.Options.fastSeeder().plaintextOnly())) {
            // a connection before libtorrent serves the torrent is refused, and a refused one is not redialled
            plaintextSeeder.awaitSeeding(plaintextSeeder.addTorrent(seededTorrent, seededAlbum.getParent(), true), TIMEOUT);
            assertThat(download(new TestEngineConfig(0), node, seededTorrent, plaintextSeeder.port(), seededAlbum))
                    .containsExactly(PeerEncryption.NONE);
        }
    }

    /** Our side forced to RC4 only, libtorrent at its defaults (offers both, prefers plaintext). */
    @Test
    void anEngineForcedToRc4DownloadsFromLibtorrentAtItsDefaults() throws Exception {
        Path node = work.resolve("forced-to-defaults");
        try (LibtorrentPeer defaultSeeder = LibtorrentPeer.started(FreePorts.loopbackPort(), LibtorrentPeer.Options.fastSeeder())) {
            defaultSeeder.awaitSeeding(defaultSeeder.addTorrent(seededTorrent, seededAlbum.getParent(), true), TIMEOUT);
            EngineConfig forced = new TestEngineConfig(0).withEncryption(EncryptionPolicy.FORCED, AllowedEncryption.RC4);
            assertThat(download(forced, node, seededTorrent, defaultSeeder.port(), seededAlbum))
                    .containsExactly(PeerEncryption.RC4);
        }
    }

    /** Transmission unchokes on a 10 s timer: this one waits up to 10 s for its first block. */
    @Test
    void downloadsFromATransmissionSeederThatRequiresEncryption() throws Exception {
        Transmission.require();
        Path node = work.resolve("from-transmission");
        Path album = writeAlbum(node.resolve("seed/album"), 700);
        Path torrentFile = node.resolve("album.torrent");
        forcedSeeder.createTorrent(album, torrentFile, 64 * 1024, List.of());
        try (Transmission seeder = Transmission.seedRequiringEncryption(torrentFile, album.getParent(), FreePorts.loopbackPort())) {
            assertThat(download(new TestEngineConfig(0), node.resolve("engine"), torrentFile, seeder.port(), album))
                    .containsExactly(PeerEncryption.RC4);
        }
    }

    private static Torrent seed(TorrentEngine engine, Path album, Path torrentFile, List<java.net.URI> trackers) throws Exception {
        Metainfo created = engine.create(album, CreateTorrent.defaults().withTrackers(trackers).withPieceLength(64 * 1024)).get();
        writeTorrent(created, torrentFile);
        Torrent torrent = engine.add(AddTorrent.of(new AddTorrent.TorrentFileSource(torrentFile)).savingTo(album.getParent()));
        InteropSupport.awaitState(torrent, TorrentState.SEEDING, () -> "");
        return torrent;
    }

    /**
     * An engine set up by {@code config} in {@code node} downloads {@code torrentFile} from the peer on
     * 127.0.0.1:{@code port} and must end with the files of {@code expected}; returns how every connection
     * seen on the way was protected.
     */
    private static Set<PeerEncryption> download(EngineConfig config, Path node, Path torrentFile, int port, Path expected)
            throws Exception {
        TorrentEngine engine = new TorrentEngine(config, node.resolve("downloads"), node.resolve("state"));
        try {
            Torrent torrent = engine.add(AddTorrent.of(new AddTorrent.TorrentFileSource(torrentFile))
                    .withPeers(List.of(new InetSocketAddress("127.0.0.1", port))));
            Set<PeerEncryption> seen = watchEncryptionUntil(torrent, torrent.infoHash() + " completing",
                    () -> torrent.status().state() == TorrentState.SEEDING);
            assertSameFiles(expected, node.resolve("downloads").resolve(expected.getFileName()));
            return seen;
        } finally {
            engine.deactivate();
        }
    }

    /** Waits for {@code done}, noting how every peer connection of {@code torrent} seen on the way is protected. */
    private static Set<PeerEncryption> watchEncryptionUntil(Torrent torrent, String what, Callable<Boolean> done) {
        Set<PeerEncryption> seen = EnumSet.noneOf(PeerEncryption.class);
        await().atMost(TIMEOUT).pollInterval(WATCH).alias(what).until(() -> {
            // done first: the connections that made it true are still listed right after
            boolean finished = done.call();
            for (PeerStatus peer : torrent.peers()) {
                seen.add(peer.encryption());
            }
            return finished;
        });
        return seen;
    }
}
