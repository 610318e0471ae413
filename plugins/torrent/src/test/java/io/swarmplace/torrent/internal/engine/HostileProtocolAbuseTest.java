package io.swarmplace.torrent.internal.engine;

import static io.swarmplace.testing.TestFiles.writeRandom;
import static io.swarmplace.torrent.internal.engine.HostileWire.BITFIELD;
import static io.swarmplace.torrent.internal.engine.HostileWire.EXTENDED;
import static io.swarmplace.torrent.internal.engine.HostileWire.HAVE;
import static io.swarmplace.torrent.internal.engine.HostileWire.HAVE_ALL;
import static io.swarmplace.torrent.internal.engine.HostileWire.INTERESTED;
import static io.swarmplace.torrent.internal.engine.HostileWire.PIECE;
import static io.swarmplace.torrent.internal.engine.HostileWire.REJECT_REQUEST;
import static io.swarmplace.torrent.internal.engine.HostileWire.REQUEST;
import static io.swarmplace.torrent.internal.engine.HostileWire.UNCHOKE;
import static io.swarmplace.torrent.internal.engine.HostileWire.frame;
import static io.swarmplace.torrent.internal.engine.HostileWire.ints;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.util.ResourceLeakDetector;
import io.swarmplace.testing.peers.FreePorts;
import io.swarmplace.testing.peers.LibtorrentPeer;
import io.swarmplace.torrent.AddTorrent;
import io.swarmplace.torrent.CreateTorrent;
import io.swarmplace.torrent.PeerStatus;
import io.swarmplace.torrent.Torrent;
import io.swarmplace.torrent.TorrentState;
import io.swarmplace.torrent.metainfo.Metainfo;
import io.swarmplace.torrent.metainfo.MetainfoWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hand-written peer abuses the engine's listening port while the engine seeds a small torrent. Every
 * violation BEP 3 calls fatal closes that connection; what BEP 3 says to ignore is ignored (the same
 * connection then still answers); the engine's connection count returns to zero, its heap stays bounded
 * under floods, Netty reports no leaked buffer (PARANOID), and afterwards a real libtorrent peer still
 * downloads the torrent.
 */
class HostileProtocolAbuseTest {

    private static final int PIECE_LENGTH = 32 * 1024;
    /** 11 pieces: the bitfield has 2 bytes and 5 spare bits; the last piece is short. */
    private static final int SIZE = 10 * PIECE_LENGTH + 5_000;
    private static final int PIECES = 11;
    private static final Duration CLOSE_WITHIN = Duration.ofSeconds(5);

    @TempDir
    static Path work;

    private static TorrentEngine engine;
    private static Torrent torrent;
    private static Metainfo metainfo;
    private static Path content;
    private static Path torrentFile;
    private static InetSocketAddress engineAddress;
    private static final List<String> leaks = new CopyOnWriteArrayList<>();
    private static final Handler leakWatcher = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getMessage() != null && record.getMessage().contains("LEAK")) {
                leaks.add(record.getMessage());
            }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };
    private static ResourceLeakDetector.Level leakLevelBefore;

    @BeforeAll
    static void seed() throws Exception {
        leakLevelBefore = ResourceLeakDetector.getLevel();
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
        Logger.getLogger(ResourceLeakDetector.class.getName()).addHandler(leakWatcher);
        content = work.resolve("share").resolve("small.bin");
        writeRandom(content, SIZE, 3);
        engine = new TorrentEngine(HostileEngineConfig.defaults(), work.resolve("downloads"), work.resolve("state"));
        metainfo = engine.create(content, CreateTorrent.defaults().withPieceLength(PIECE_LENGTH)).get();
        assertThat(metainfo.info().pieceCount()).isEqualTo(PIECES);
        torrentFile = work.resolve("small.torrent");
        Files.write(torrentFile, new MetainfoWriter().write(metainfo));
        torrent = engine.add(AddTorrent.of(new AddTorrent.TorrentFileSource(torrentFile)).savingTo(content.getParent()));
        await().atMost(Duration.ofSeconds(20)).until(() -> torrent.status().state() == TorrentState.SEEDING);
        engineAddress = engine.status().listenAddress();
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (engine != null) {
            engine.deactivate();
        }
        Logger.getLogger(ResourceLeakDetector.class.getName()).removeHandler(leakWatcher);
        ResourceLeakDetector.setLevel(leakLevelBefore);
    }

    @AfterEach
    void engineStillServesAndHoldsNoStaleConnections() throws IOException {
        try (HostileWire wire = connected()) {
            assertAnswersRequests(wire);
        }
        await().atMost(CLOSE_WITHIN).alias("connections of the engine back to zero")
                .until(() -> engine.status().connectedPeers() == 0);
        System.gc();
        assertThat(leaks).as("ByteBufs Netty found unreleased").isEmpty();
    }

    @Test
    void foreignInfoHashIsClosedWithoutAnAnswer() throws IOException {
        try (HostileWire wire = HostileWire.connect(engineAddress)) {
            byte[] foreign = new byte[20];
            new Random(7).nextBytes(foreign);
            wire.sendRaw(HostileWire.handshake(foreign, HostileWire.peerId("-XX0001-"), true));
            assertThat(wire.closedByPeer(CLOSE_WITHIN)).as("closed").isTrue();
        }
    }

    @Test
    void oversizedLengthPrefixCloses() throws IOException {
        try (HostileWire wire = connected()) {
            wire.sendRaw(ints(0x7fff_fff0));
            assertThat(wire.closedByPeer(CLOSE_WITHIN)).isTrue();
        }
    }

    @Test
    void unknownMessageIdsAreIgnored() throws IOException {
        try (HostileWire wire = connected()) {
            wire.send(99, new byte[] {1, 2, 3});
            wire.send(0x0B);
            wire.send(200, new byte[4000]);
            assertAnswersRequests(wire);
        }
    }

    @Test
    void bitfieldWithSpareBitsSetCloses() throws IOException {
        try (HostileWire wire = connected()) {
            wire.send(BITFIELD, new byte[] {(byte) 0xff, (byte) 0xff});
            assertThat(wire.closedByPeer(CLOSE_WITHIN)).isTrue();
        }
    }

    @Test
    void bitfieldOfTheWrongLengthCloses() throws IOException {
        try (HostileWire wire = connected()) {
            wire.send(BITFIELD, new byte[] {(byte) 0xff, (byte) 0xe0, 0});
            assertThat(wire.closedByPeer(CLOSE_WITHIN)).isTrue();
        }
    }

    @Test
    void haveBeyondTheLastPieceCloses() throws IOException {
        try (HostileWire wire = connected()) {
            wire.send(HAVE, ints(PIECES));
            assertThat(wire.closedByPeer(CLOSE_WITHIN)).isTrue();
        }
    }

    @Test
    void requestsOutsideTheTorrentAreRejected() throws IOException {
        try (HostileWire wire = connected()) {
            int lastPieceSize = SIZE - (PIECES - 1) * PIECE_LENGTH;
            int[][] bad = {
                {0, PIECE_LENGTH - 100, 16 * 1024}, // runs past the end of the piece
                {PIECES - 1, 0, lastPieceSize + 1}, // past the short last piece
                {PIECES, 0, 16 * 1024}, // a piece beyond the last
                {0, 0, 0}, // empty
                {0, 0, 1024 * 1024}, // far larger than any block
            };
            for (int[] request : bad) {
                wire.send(REQUEST, ints(request));
                HostileWire.Message reject = wire.await(REJECT_REQUEST);
                assertThat(new int[] {reject.intAt(0), reject.intAt(4), reject.intAt(8)}).isEqualTo(request);
            }
            assertAnswersRequests(wire);
        }
    }

    @Test
    void unrequestedPieceDataIsCountedAsWasted() throws IOException {
        long before = torrent.status().wastedBytes();
        try (HostileWire wire = connected()) {
            byte[] payload = new byte[8 + 16 * 1024];
            System.arraycopy(ints(1, 0), 0, payload, 0, 8);
            wire.send(PIECE, payload);
            assertAnswersRequests(wire);
        }
        assertThat(torrent.status().wastedBytes() - before).isEqualTo(16 * 1024);
        assertThat(torrent.status().downloadedBytes()).isGreaterThanOrEqualTo(16 * 1024);
    }

    @Test
    void malformedExtensionHandshakeCloses() throws IOException {
        try (HostileWire wire = connected()) {
            wire.send(EXTENDED, new byte[] {0, 'd', '9', '9', ':', 'x'});
            assertThat(wire.closedByPeer(CLOSE_WITHIN)).isTrue();
        }
    }

    @Test
    void floodOfRequestsWhileChokedClosesTheConnection() throws IOException {
        try (HostileWire wire = connected()) {
            ByteArrayOutputStream flood = new ByteArrayOutputStream();
            for (int i = 0; i < 20_000; i++) {
                flood.writeBytes(frame(REQUEST, ints(i % PIECES, 0, 16 * 1024)));
            }
            try {
                wire.sendRaw(flood.toByteArray());
            } catch (IOException closedMeanwhile) {
                // The engine may hang up before the whole flood is written.
            }
            int rejects = wire.countUntilClosed(REJECT_REQUEST, CLOSE_WITHIN);
            assertThat(rejects).as("rejects before the engine hung up (-1: it never did)")
                    .isBetween(0, PeerProtocol.MAX_REFUSED_REQUESTS);
        }
    }

    /**
     * A peer may keep {@code reqq} requests queued; their blocks are read and queued for its socket only
     * as the socket takes them. One that stops reading holds a few megabytes of ours, not the 31 MiB it
     * asked for; once it reads again, every block comes, with the right bytes.
     */
    @Test
    void queuedRequestsAreServedAsThePeersSocketTakesThem() throws Exception {
        int block = 16 * 1024;
        int requests = PeerProtocol.MAX_QUEUED_PEER_REQUESTS;
        int fullPieces = PIECES - 1;
        try (HostileWire wire = HostileWire.connect(engineAddress, 64 * 1024)) {
            wire.exchangeHandshakes(metainfo.infoHash().bytes(), HostileWire.peerId("-XX0002-"), true);
            wire.await(HAVE_ALL);
            wire.send(INTERESTED);
            wire.await(UNCHOKE);
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            for (int i = 0; i < requests; i++) {
                // distinct requests: every full piece at 200 different offsets
                all.writeBytes(frame(REQUEST, ints(i % fullPieces, i / fullPieces, block)));
            }
            wire.sendRaw(all.toByteArray());

            long[] last = {-1};
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(300)).alias("uploads to a peer that does not read stop")
                    .until(() -> {
                        long uploaded = uploadedTo(wire.localPort());
                        boolean settled = uploaded > 0 && uploaded == last[0];
                        last[0] = uploaded;
                        return settled;
                    });
            assertThat(last[0]).as("bytes queued for a peer that reads nothing")
                    .isLessThan((long) requests * block / 3);

            byte[] expected = Files.readAllBytes(content);
            int[] nextBegin = new int[fullPieces];
            for (int i = 0; i < requests; i++) {
                HostileWire.Message piece = wire.await(PIECE);
                int index = piece.intAt(0);
                int begin = piece.intAt(4);
                // A piece's blocks leave in the order asked for (libtorrent hashes them as they come); pieces
                // not yet read from disk may be overtaken by cached ones.
                assertThat(begin).as("next block of piece " + index).isEqualTo(nextBegin[index]++);
                assertThat(Arrays.copyOfRange(piece.payload(), 8, piece.payload().length))
                        .isEqualTo(Arrays.copyOfRange(expected, index * PIECE_LENGTH + begin, index * PIECE_LENGTH + begin + block));
            }
            assertThat(uploadedTo(wire.localPort())).isEqualTo((long) requests * block);
        }
    }

    private static long uploadedTo(int peerPort) {
        return torrent.peers().stream().filter(p -> p.address().getPort() == peerPort)
                .mapToLong(PeerStatus::bytesUploaded).sum();
    }

    @Test
    void garbageAfterTheHandshakeCloses() throws IOException {
        try (HostileWire wire = connected()) {
            byte[] garbage = new byte[64 * 1024];
            new Random(11).nextBytes(garbage);
            garbage[0] = (byte) 0xee; // a length prefix far above any message
            try {
                wire.sendRaw(garbage);
            } catch (IOException closedMeanwhile) {
                // fine: the engine hung up first
            }
            assertThat(wire.closedByPeer(CLOSE_WITHIN)).isTrue();
        }
    }

    /**
     * 50 MB of messages with unknown ids on one connection (ignored one by one) and 3,000 short
     * connections (foreign info-hash, cut-off handshake, handshake then hang-up): the heap after a full
     * GC grows by far less than what was sent, and a libtorrent peer downloads the torrent afterwards.
     */
    @Test
    void floodsLeaveTheHeapBoundedAndLibtorrentStillDownloads() throws Exception {
        long heapBefore = usedHeapAfterGc();
        try (HostileWire wire = connected()) {
            byte[] junk = frame(123, new byte[64 * 1024]);
            for (int i = 0; i < 50 * 1024 * 1024 / junk.length; i++) {
                wire.sendRaw(junk);
            }
            assertAnswersRequests(wire);
        }
        byte[] foreign = new byte[20];
        for (int i = 0; i < 3_000; i++) {
            try (HostileWire wire = HostileWire.connect(engineAddress)) {
                switch (i % 3) {
                    case 0 -> wire.sendRaw(HostileWire.handshake(foreign, HostileWire.peerId("-XX0001-"), false));
                    case 1 -> wire.sendRaw(new byte[] {19, 'B', 'i', 't'});
                    default -> wire.sendRaw(HostileWire.handshake(metainfo.infoHash().bytes(), HostileWire.peerId("-XX0001-"), true));
                }
            }
        }
        await().atMost(Duration.ofSeconds(20)).alias("connections of the engine back to zero")
                .until(() -> engine.status().connectedPeers() == 0);
        long heapAfter = usedHeapAfterGc();
        assertThat(heapAfter - heapBefore).as("heap growth in bytes after 50 MB and 3,000 connections")
                .isLessThan(32L * 1024 * 1024);

        LibtorrentPeer.require();
        try (LibtorrentPeer leecher = LibtorrentPeer.started(FreePorts.loopbackPort(), LibtorrentPeer.Options.defaults())) {
            Path folder = work.resolve("leecher");
            String hex = leecher.addTorrent(torrentFile, folder, false);
            leecher.connectPeer(hex, "127.0.0.1", engineAddress.getPort());
            leecher.awaitFinished(hex, Duration.ofSeconds(30));
            InteropSupport.awaitSameFiles(content.getParent(), folder);
        }
    }

    /**
     * Peers that dial us are accepted on any of the network loops; after the handshake each moves to its
     * torrent's loop, so that its requests and blocks do not cross threads. A request sent in the same
     * write as the handshake arrives while the channel moves: it must still be answered.
     */
    @Test
    void peersThatDialUsMoveToTheirTorrentsLoop() throws Exception {
        TorrentSession session = engine.session(metainfo.infoHash()).orElseThrow();
        List<HostileWire> wires = new ArrayList<>();
        try {
            // Accepted channels take the loops in turn: of four, two start on the other loop.
            for (int i = 0; i < 4; i++) {
                HostileWire wire = HostileWire.connect(engineAddress);
                wires.add(wire);
                ByteArrayOutputStream handshakeAndRequest = new ByteArrayOutputStream();
                handshakeAndRequest.write(HostileWire.handshake(metainfo.infoHash().bytes(), HostileWire.peerId("-XM000" + i + "-"), true));
                handshakeAndRequest.write(frame(REQUEST, ints(2, 16 * 1024, 16 * 1024)));
                wire.sendRaw(handshakeAndRequest.toByteArray());
                wire.readHandshake();
                HostileWire.Message reject = wire.await(REJECT_REQUEST);
                assertThat(new int[] {reject.intAt(0), reject.intAt(4), reject.intAt(8)}).containsExactly(2, 16 * 1024, 16 * 1024);
            }
            List<Boolean> onTorrentLoop = session.loop.submit(() -> session.peers.connected().stream()
                    .map(peer -> peer.channel().eventLoop() == session.loop).toList()).get();
            assertThat(onTorrentLoop).containsExactly(true, true, true, true);
        } finally {
            for (HostileWire wire : wires) {
                wire.close();
            }
        }
    }

    private static HostileWire connected() throws IOException {
        HostileWire wire = HostileWire.connect(engineAddress);
        byte[] theirs = wire.exchangeHandshakes(metainfo.infoHash().bytes(), HostileWire.peerId("-XX0001-"), true);
        assertThat(Arrays.copyOfRange(theirs, 28, 48)).isEqualTo(metainfo.infoHash().bytes());
        wire.await(HAVE_ALL);
        return wire;
    }

    /** We never said we are interested, so we stay choked: a valid request comes back rejected (BEP 6). */
    private static void assertAnswersRequests(HostileWire wire) throws IOException {
        wire.send(REQUEST, ints(2, 16 * 1024, 16 * 1024));
        HostileWire.Message reject = wire.await(REJECT_REQUEST);
        assertThat(new int[] {reject.intAt(0), reject.intAt(4), reject.intAt(8)}).containsExactly(2, 16 * 1024, 16 * 1024);
    }

    private static long usedHeapAfterGc() {
        Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
