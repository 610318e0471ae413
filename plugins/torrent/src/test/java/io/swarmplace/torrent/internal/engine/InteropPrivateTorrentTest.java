package io.swarmplace.torrent.internal.engine;

import static io.swarmplace.torrent.internal.engine.InteropSupport.TIMEOUT;
import static io.swarmplace.torrent.internal.engine.InteropSupport.awaitSameFiles;
import static io.swarmplace.torrent.internal.engine.InteropSupport.awaitState;
import static io.swarmplace.torrent.internal.engine.InteropSupport.writeAlbum;
import static io.swarmplace.torrent.internal.engine.InteropSupport.writeTorrent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.swarmplace.bencode.BDictionary;
import io.swarmplace.bencode.BencodeDecoder;
import io.swarmplace.testing.peers.FreePorts;
import io.swarmplace.testing.peers.LibtorrentPeer;
import io.swarmplace.torrent.AddTorrent;
import io.swarmplace.torrent.CreateTorrent;
import io.swarmplace.torrent.Torrent;
import io.swarmplace.torrent.TorrentState;
import io.swarmplace.torrent.metainfo.InfoHash;
import io.swarmplace.torrent.metainfo.Metainfo;
import io.swarmplace.tracker.SwarmStats;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * BEP 27: for a private torrent our engine offers no peer exchange (no ut_pex in its extension
 * handshake, while a public torrent of the same engine has it), announces only to the torrent's own
 * tracker (never to extra trackers from the add request), and a real libtorrent downloads it from us
 * through that tracker.
 */
class InteropPrivateTorrentTest extends TrackerAndEngineFixture {

    private static final int EXTENDED = 20;
    private static final int MAX_MESSAGES_BEFORE_EXTENSION_HANDSHAKE = 20;

    private InteropTracker extraTracker;

    @BeforeEach
    void startExtraTracker() throws Exception {
        extraTracker = InteropTracker.start();
    }

    @AfterEach
    void stopExtraTracker() {
        if (extraTracker != null) {
            extraTracker.close();
        }
    }

    @Test
    void ourExtensionHandshakeOffersPeerExchangeOnlyForAPublicTorrent() throws Exception {
        Torrent privateTorrent = seed(writeAlbum(work.resolve("private/album"), 700), true, tracker.httpAnnounce());
        Torrent publicTorrent = seed(writeAlbum(work.resolve("public/album"), 800), false, tracker.httpAnnounce());

        assertThat(extensionNames(privateTorrent.infoHash())).contains("ut_metadata").doesNotContain("ut_pex");
        assertThat(extensionNames(publicTorrent.infoHash())).contains("ut_metadata", "ut_pex");
    }

    @Test
    void aPrivateTorrentNeverFallsBackToTrackersItDoesNotName() throws Exception {
        // Extra trackers are a later BEP 12 tier, tried when the torrent's own tracker fails: here it always does.
        URI unreachable = URI.create("http://127.0.0.1:" + FreePorts.loopbackPort() + "/announce");
        Torrent privateTorrent = seed(writeAlbum(work.resolve("private/album"), 700), true, unreachable);
        Torrent publicTorrent = seed(writeAlbum(work.resolve("public/album"), 800), false, unreachable);
        String privateHex = privateTorrent.infoHash().hex();
        String publicHex = publicTorrent.infoHash().hex();

        await().atMost(TIMEOUT).alias("the public torrent fell back to the extra tracker")
                .until(() -> extraTracker.seeders(publicHex) == 1);
        assertThat(extraTracker.swarm(privateHex)).as("the private torrent's swarm on a tracker it does not name").isEmpty();
        assertThat(extraTracker.swarms()).as("swarms on the extra tracker").extracting(SwarmStats::infoHash)
                .containsExactly(publicHex);
    }

    @Test
    void libtorrentDownloadsAPrivateTorrentFromUsThroughItsOwnTrackerOnly() throws Exception {
        LibtorrentPeer.require();
        Path album = writeAlbum(work.resolve("share/album"), 900);
        Torrent torrent = seed(album, true, tracker.httpAnnounce());
        Metainfo metainfo = torrent.metainfo().orElseThrow();
        assertThat(metainfo.info().privateTorrent()).isTrue();
        String hex = metainfo.infoHash().hex();
        await().atMost(TIMEOUT).alias("our seeder announced itself").until(() -> tracker.seeders(hex) == 1);

        Path downloads = work.resolve("libtorrent");
        try (LibtorrentPeer leecher = LibtorrentPeer.started(FreePorts.loopbackPort(), LibtorrentPeer.Options.defaults())) {
            leecher.addTorrent(work.resolve("share/album.torrent"), downloads, false);
            leecher.awaitFinished(hex, TIMEOUT);
        }

        awaitSameFiles(album, downloads.resolve("album"));
        await().atMost(TIMEOUT).until(() -> tracker.completed(hex) == 1);
        assertThat(extraTracker.counters().httpAnnounces()).as("announces to a tracker the private torrent does not name")
                .isZero();
        assertThat(extraTracker.swarm(hex)).isEmpty();
    }

    /** Creates a torrent of {@code content} naming {@code announce}, and seeds it; the extra tracker is offered too. */
    private Torrent seed(Path content, boolean privateTorrent, URI announce) throws Exception {
        Metainfo created = engine.create(content, CreateTorrent.defaults().withTrackers(List.of(announce))
                .withPieceLength(64 * 1024).withPrivate(privateTorrent)).get();
        Path torrentFile = writeTorrent(created, content.resolveSibling(content.getFileName() + ".torrent"));
        Torrent torrent = engine.add(AddTorrent.of(new AddTorrent.TorrentFileSource(torrentFile))
                .savingTo(content.getParent()).withTrackers(List.of(extraTracker.httpAnnounce())));
        awaitState(torrent, TorrentState.SEEDING, () -> "");
        return torrent;
    }

    /**
     * Connects to our engine as a bare peer that supports the extension protocol (BEP 10), and returns the
     * message names in the "m" dictionary of the extension handshake our engine sends.
     */
    private Set<String> extensionNames(InfoHash infoHash) throws IOException {
        InetSocketAddress ours = engine.status().listenAddress();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", ours.getPort()), 5000);
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write(handshake(infoHash));
            out.flush();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            byte[] theirs = new byte[68];
            in.readFully(theirs);
            assertThat(theirs[25] & 0x10).as("extension protocol bit in our handshake").isNotZero();
            for (int i = 0; i < MAX_MESSAGES_BEFORE_EXTENSION_HANDSHAKE; i++) {
                int length = in.readInt();
                assertThat(length).as("message length").isBetween(0, 1 << 20);
                byte[] message = new byte[length];
                in.readFully(message);
                if (length >= 2 && message[0] == EXTENDED && message[1] == 0) {
                    byte[] payload = java.util.Arrays.copyOfRange(message, 2, length);
                    BDictionary handshake = (BDictionary) new BencodeDecoder().decode(payload);
                    BDictionary names = (BDictionary) handshake.get("m").orElseThrow();
                    Set<String> found = new TreeSet<>();
                    names.entries().keySet().forEach(key -> found.add(key.utf8()));
                    return found;
                }
            }
        }
        throw new AssertionError("our engine sent no extension handshake within "
                + MAX_MESSAGES_BEFORE_EXTENSION_HANDSHAKE + " messages");
    }

    private static byte[] handshake(InfoHash infoHash) {
        byte[] handshake = new byte[68];
        handshake[0] = 19;
        System.arraycopy("BitTorrent protocol".getBytes(StandardCharsets.US_ASCII), 0, handshake, 1, 19);
        handshake[20 + 5] = 0x10; // BEP 10 extension protocol
        handshake[20 + 7] = 0x04; // BEP 6 fast extension
        System.arraycopy(infoHash.bytes(), 0, handshake, 28, 20);
        System.arraycopy("-XX0000-rawprobe0001".getBytes(StandardCharsets.US_ASCII), 0, handshake, 48, 20);
        return handshake;
    }
}
