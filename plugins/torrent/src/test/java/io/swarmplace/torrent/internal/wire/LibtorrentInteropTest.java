package io.swarmplace.torrent.internal.wire;

import static io.swarmplace.torrent.internal.wire.QueueingHandler.awaitNext;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.swarmplace.bencode.BDictionary;
import io.swarmplace.bencode.BInteger;
import io.swarmplace.bencode.BString;
import io.swarmplace.bencode.BencodeDecoder;
import io.swarmplace.bencode.Decoded;
import io.swarmplace.testing.peers.FreePorts;
import io.swarmplace.testing.peers.LibtorrentPeer;
import io.swarmplace.testing.peers.LibtorrentPeer.Options;
import io.swarmplace.torrent.internal.wire.HandshakeFailedException.Reason;
import io.swarmplace.torrent.metainfo.InfoHash;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our handshake, codec and extension messages against a real libtorrent 2.0.8 seeder on 127.0.0.1 (plaintext
 * only: an encrypted handshake is not what these tests are about): we download a piece and the metadata
 * from it, and it dials into a Netty server using our handshake. It seeds two single-file torrents, "main"
 * (2 MiB in 256 KiB pieces) and "foreign" (64 KiB).
 */
@ExtendWith(LeakWatch.class)
class LibtorrentInteropTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final int OUR_UT_METADATA = 3;
    private static final int OUR_UT_PEX = 1;
    /** What libtorrent sends as "v" in its extension handshake. */
    private static final String THEIR_USER_AGENT = "libtorrent/2.0 (Swarmplace wire test seeder)";

    private static LibtorrentPeer seeder;
    private static Torrent main;
    private static Torrent foreign;
    private static EventLoopGroup group;
    private static WireSettings settings;

    private final BlockingQueue<Object> received = new LinkedBlockingQueue<>();
    private Channel channel;

    /** The parts of a .torrent file this test needs, read with our own bencode decoder. */
    private record Torrent(InfoHash infoHash, byte[] infoBytes, int pieceLength, int pieceCount, byte[] data) {
        static Torrent read(Path torrentFile, byte[] data) throws Exception {
            Decoded file = new BencodeDecoder().decodeWithSpans(Files.readAllBytes(torrentFile));
            byte[] infoBytes = file.rawMember("info").orElseThrow();
            BDictionary info = (BDictionary) new BencodeDecoder().decode(infoBytes);
            int pieceLength = (int) ((BInteger) info.get("piece length").orElseThrow()).value();
            int pieceCount = ((BString) info.get("pieces").orElseThrow()).length() / 20;
            return new Torrent(InfoHash.ofInfoBytes(infoBytes), infoBytes, pieceLength, pieceCount, data);
        }
    }

    @BeforeAll
    static void startSeeder(@TempDir Path directory) throws Exception {
        LibtorrentPeer.require();
        seeder = LibtorrentPeer.started(FreePorts.loopbackPort(), Options.defaults().plaintextOnly().with("user_agent", THEIR_USER_AGENT));
        Random random = new Random(2024);
        main = seed(directory, "main", 2 * 1024 * 1024, 256 * 1024, random);
        foreign = seed(directory, "foreign", 64 * 1024, 16 * 1024, random);
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        settings = new WireSettings(PeerId.generate(new SecureRandom()), ReservedBits.ours(false),
                Duration.ofSeconds(10), new WireStatistics());
    }

    @AfterAll
    static void stopSeeder() throws Exception {
        if (group != null) {
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        }
        if (seeder != null) {
            seeder.close();
        }
    }

    /** Writes {@code size} random bytes as {@code name}/{@code name}.bin, makes a torrent of it and has libtorrent seed it. */
    private static Torrent seed(Path directory, String name, int size, int pieceSize, Random random) throws Exception {
        byte[] data = new byte[size];
        random.nextBytes(data);
        Path dataFile = Files.write(Files.createDirectories(directory.resolve(name)).resolve(name + ".bin"), data);
        Path torrentFile = directory.resolve(name + ".torrent");
        String hex = seeder.createTorrent(dataFile, torrentFile, pieceSize, List.of());
        seeder.addTorrent(torrentFile, dataFile.getParent(), true);
        seeder.awaitSeeding(hex, WAIT);
        return Torrent.read(torrentFile, data);
    }

    @AfterEach
    void closeConnection() {
        if (channel != null) {
            channel.close().syncUninterruptibly();
        }
        QueueingHandler.releaseAll(received);
    }

    @Test
    void downloadsABlockRangeAndTheMetadataFromLibtorrent() throws Exception {
        Torrent torrent = main;
        channel = dialSeeder(LocalTorrent.withPieceCount(torrent.infoHash(), torrent.pieceCount()));

        HandshakeCompleted handshake = awaitNext(received, HandshakeCompleted.class, e -> true, WAIT);
        assertThat(handshake.remote().infoHash()).isEqualTo(torrent.infoHash());
        assertThat(handshake.remote().peerId().clientName()).startsWith("libtorrent 2.0");
        assertThat(handshake.extensionProtocol()).isTrue();
        assertThat(handshake.fastExtension()).isTrue();
        channel.writeAndFlush(PeerMessage.Extended.wrap(ExtensionHandshake.ID,
                ExtensionHandshake.of(Map.of(ExtensionHandshake.UT_METADATA, OUR_UT_METADATA, ExtensionHandshake.UT_PEX, OUR_UT_PEX))
                        .withClientVersion("Swarmplace wire test").encode()));

        ExtensionHandshake theirs = extensionHandshake();
        assertThat(theirs.idOf(ExtensionHandshake.UT_METADATA)).isPresent();
        assertThat(theirs.idOf(ExtensionHandshake.UT_PEX)).isPresent();
        assertThat(theirs.metadataSize()).hasValue(torrent.infoBytes().length);
        assertThat(theirs.clientVersion()).hasValue(THEIR_USER_AGENT);

        assertSeederHasEverything(torrent);
        channel.writeAndFlush(PeerMessage.INTERESTED);
        awaitNext(received, PeerMessage.Unchoke.class, m -> true, WAIT);

        assertThat(downloadPiece(0, torrent.pieceLength()))
                .isEqualTo(Arrays.copyOfRange(torrent.data(), 0, torrent.pieceLength()));

        byte[] metadata = downloadMetadata(torrent.infoHash(), theirs);
        assertThat(metadata).isEqualTo(torrent.infoBytes());
        assertThat(InfoHash.ofInfoBytes(metadata)).isEqualTo(torrent.infoHash());
        assertThat(settings.statistics().unknownMessages()).isZero();
    }

    @Test
    void libtorrentDiallingUsIsTurnedAwayForAForeignTorrentAndAcceptedForAKnownOne() throws Exception {
        TorrentLookup servesMainOnly = infoHash -> infoHash.equals(main.infoHash())
                ? Optional.of(LocalTorrent.withPieceCount(main.infoHash(), main.pieceCount()))
                : Optional.empty();
        channel = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel child) {
                        child.pipeline().addLast(HandshakeHandler.NAME, HandshakeHandler.incoming(settings, servesMainOnly))
                                .addLast(new QueueingHandler(received));
                    }
                })
                .bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
        int ourPort = ((InetSocketAddress) channel.localAddress()).getPort();

        seeder.connectPeer(foreign.infoHash().hex(), "127.0.0.1", ourPort);
        HandshakeFailedException refused = awaitNext(received, HandshakeFailedException.class, e -> true, WAIT);
        assertThat(refused.reason()).isEqualTo(Reason.UNKNOWN_INFO_HASH);
        assertThat(refused).hasMessageContaining(foreign.infoHash().hex());
        awaitNext(received, Object.class, item -> item == QueueingHandler.CLOSED, WAIT);

        seeder.connectPeer(main.infoHash().hex(), "127.0.0.1", ourPort);
        HandshakeCompleted accepted = awaitNext(received, HandshakeCompleted.class, e -> true, WAIT);
        assertThat(accepted.incoming()).isTrue();
        assertThat(accepted.remote().infoHash()).isEqualTo(main.infoHash());
        assertThat(accepted.remote().peerId().clientName()).startsWith("libtorrent 2.0");
        assertThat(accepted.local().infoHash()).isEqualTo(main.infoHash());
        ExtensionHandshake theirs = extensionHandshake();
        assertThat(theirs.metadataSize()).hasValue(main.infoBytes().length);
    }

    private Channel dialSeeder(LocalTorrent torrent) throws InterruptedException {
        return new Bootstrap().group(group).channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 5_000)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(HandshakeHandler.NAME, HandshakeHandler.outgoing(settings, torrent))
                                .addLast(new QueueingHandler(received));
                    }
                })
                .connect(new InetSocketAddress("127.0.0.1", seeder.port())).sync().channel();
    }

    private ExtensionHandshake extensionHandshake() throws InterruptedException {
        PeerMessage.Extended message = awaitNext(received, PeerMessage.Extended.class,
                m -> m.extendedId() == ExtensionHandshake.ID, WAIT);
        try {
            return ExtensionHandshake.decode(message.payload());
        } finally {
            message.release();
        }
    }

    private void assertSeederHasEverything(Torrent torrent) throws InterruptedException {
        PeerMessage have = awaitNext(received, PeerMessage.class,
                m -> m instanceof PeerMessage.HaveAll || m instanceof PeerMessage.Bitfield, WAIT);
        if (have instanceof PeerMessage.Bitfield bitfield) {
            bitfield.checkFor(torrent.pieceCount());
            for (int piece = 0; piece < torrent.pieceCount(); piece++) {
                assertThat(bitfield.hasPiece(piece)).as("seeder has piece %d", piece).isTrue();
            }
        }
    }

    private byte[] downloadPiece(int index, int pieceLength) throws InterruptedException {
        for (int begin = 0; begin < pieceLength; begin += MessageLimits.BLOCK_SIZE) {
            channel.write(new PeerMessage.Request(index, begin, Math.min(MessageLimits.BLOCK_SIZE, pieceLength - begin)));
        }
        channel.flush();
        byte[] piece = new byte[pieceLength];
        int blocks = (pieceLength + MessageLimits.BLOCK_SIZE - 1) / MessageLimits.BLOCK_SIZE;
        for (int i = 0; i < blocks; i++) {
            PeerMessage.Piece block = awaitNext(received, PeerMessage.Piece.class, m -> m.pieceIndex() == index, WAIT);
            try {
                assertThat(block.data().readableBytes()).isEqualTo(MessageLimits.BLOCK_SIZE);
                block.data().getBytes(block.data().readerIndex(), piece, block.begin(), block.data().readableBytes());
            } finally {
                block.release();
            }
        }
        return piece;
    }

    private byte[] downloadMetadata(InfoHash infoHash, ExtensionHandshake theirs) throws InterruptedException {
        int theirUtMetadata = theirs.idOf(ExtensionHandshake.UT_METADATA).orElseThrow();
        MetadataAssembler assembler = new MetadataAssembler(infoHash, theirs.metadataSize().orElseThrow(),
                MetadataPieces.DEFAULT_MAX_METADATA_SIZE);
        for (int piece = 0; piece < assembler.pieceCount(); piece++) {
            channel.write(PeerMessage.Extended.wrap(theirUtMetadata, new MetadataMessage.Request(piece).encode()));
        }
        channel.flush();
        while (!assembler.isComplete()) {
            PeerMessage.Extended message = awaitNext(received, PeerMessage.Extended.class,
                    m -> m.extendedId() == OUR_UT_METADATA, WAIT);
            try {
                MetadataMessage answer = MetadataMessage.decode(message.payload(), settings.statistics()).orElseThrow();
                assertThat(answer).as("libtorrent answers a metadata request with data: %s", answer)
                        .isInstanceOf(MetadataMessage.Data.class);
                assembler.accept((MetadataMessage.Data) answer);
            } finally {
                message.release();
            }
        }
        return assembler.assembleAndVerify();
    }

}
