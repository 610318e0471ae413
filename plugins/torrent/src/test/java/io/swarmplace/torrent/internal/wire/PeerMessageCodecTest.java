package io.swarmplace.torrent.internal.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LeakWatch.class)
class PeerMessageCodecTest {

    private final Random random = new Random(4242);

    /** One of every message type; the buffers of piece and extended are fresh each call. */
    private List<PeerMessage> everyMessage() {
        byte[] block = Fixtures.randomBytes(random, MessageLimits.BLOCK_SIZE);
        byte[] extension = Fixtures.randomBytes(random, 300);
        return List.of(
                PeerMessage.KEEP_ALIVE,
                PeerMessage.CHOKE,
                PeerMessage.UNCHOKE,
                PeerMessage.INTERESTED,
                PeerMessage.NOT_INTERESTED,
                new PeerMessage.Have(99),
                new PeerMessage.Bitfield(new byte[] {(byte) 0xFF, (byte) 0xA0}),
                new PeerMessage.Request(3, 16384, 16384),
                new PeerMessage.Piece(3, 16384, Unpooled.wrappedBuffer(block)),
                new PeerMessage.Cancel(3, 16384, 16384),
                new PeerMessage.Port(6881),
                new PeerMessage.SuggestPiece(7),
                PeerMessage.HAVE_ALL,
                PeerMessage.HAVE_NONE,
                new PeerMessage.RejectRequest(3, 0, 16384),
                new PeerMessage.AllowedFast(12),
                PeerMessage.Extended.wrap(3, extension));
    }

    private static List<PeerMessage> copies(List<PeerMessage> messages) {
        List<PeerMessage> copies = new ArrayList<>();
        for (PeerMessage message : messages) {
            if (message instanceof PeerMessage.Piece piece) {
                copies.add(new PeerMessage.Piece(piece.pieceIndex(), piece.begin(), piece.data().copy()));
            } else if (message instanceof PeerMessage.Extended extended) {
                copies.add(new PeerMessage.Extended(extended.extendedId(), extended.payload().copy()));
            } else {
                copies.add(message);
            }
        }
        return copies;
    }

    @Test
    void everyMessageTypeRoundTripsInOneBuffer() {
        List<PeerMessage> sent = everyMessage();
        List<PeerMessage> expected = copies(sent);
        byte[] wire = Fixtures.encode(sent.toArray(PeerMessage[]::new));

        List<PeerMessage> received = decodeAll(List.of(wire));

        assertThat(received).containsExactlyElementsOf(expected);
        release(received);
        release(expected);
    }

    @Test
    void messagesFedByteByByteDecodeTheSame() {
        List<PeerMessage> sent = everyMessage();
        List<PeerMessage> expected = copies(sent);
        byte[] wire = Fixtures.encode(sent.toArray(PeerMessage[]::new));
        List<byte[]> single = new ArrayList<>();
        for (byte b : wire) {
            single.add(new byte[] {b});
        }

        List<PeerMessage> received = decodeAll(single);

        assertThat(received).containsExactlyElementsOf(expected);
        release(received);
        release(expected);
    }

    @Test
    void randomFragmentationNeverChangesWhatIsDecoded() {
        for (int round = 0; round < 50; round++) {
            List<PeerMessage> sent = everyMessage();
            List<PeerMessage> expected = copies(sent);
            byte[] wire = Fixtures.encode(sent.toArray(PeerMessage[]::new));

            List<PeerMessage> received = decodeAll(Fixtures.randomChunks(wire, random, 5000));

            assertThat(received).containsExactlyElementsOf(expected);
            release(received);
            release(expected);
        }
    }

    @Test
    void encodingMatchesTheBytesBep3AndBep6Specify() {
        assertThat(hex(PeerMessage.KEEP_ALIVE)).isEqualTo("00000000");
        assertThat(hex(PeerMessage.INTERESTED)).isEqualTo("0000000102");
        assertThat(hex(new PeerMessage.Have(258))).isEqualTo("000000050400000102");
        assertThat(hex(new PeerMessage.Request(1, 0x4000, 0x4000))).isEqualTo("0000000d06000000010000400000004000");
        assertThat(hex(new PeerMessage.Port(6881))).isEqualTo("00000003091ae1");
        assertThat(hex(PeerMessage.HAVE_ALL)).isEqualTo("000000010e");
        assertThat(hex(new PeerMessage.RejectRequest(2, 0, 16))).isEqualTo("0000000d10000000020000000000000010");
        assertThat(hex(new PeerMessage.Piece(1, 2, Unpooled.wrappedBuffer(new byte[] {9, 8}))))
                .isEqualTo("0000000b07000000010000000209" + "08");
        assertThat(hex(PeerMessage.Extended.wrap(0, new byte[] {'d', 'e'}))).isEqualTo("00000004140064" + "65");
    }

    @Test
    void pieceDataIsNotCopiedOnTheWayOut() {
        EmbeddedChannel channel = new EmbeddedChannel(new PeerMessageEncoder());
        ByteBuf block = Unpooled.directBuffer(MessageLimits.BLOCK_SIZE).writeZero(MessageLimits.BLOCK_SIZE);

        channel.writeOutbound(new PeerMessage.Piece(0, 0, block));
        ByteBuf out = channel.readOutbound();

        try {
            assertThat(out).isInstanceOf(CompositeByteBuf.class);
            assertThat(((CompositeByteBuf) out).numComponents()).isEqualTo(2);
            block.setByte(0, 42);
            assertThat(out.getByte(13)).as("the written bytes are the block's own memory").isEqualTo((byte) 42);
        } finally {
            out.release();
        }
        assertThat(block.refCnt()).as("the block is released once the write is done").isZero();
        assertThat(channel.finish()).isFalse();
    }

    @Test
    void pieceDataIsASliceOfTheReceivedBufferAndOwnedByTheReceiver() {
        Recorder recorder = new Recorder(true);
        EmbeddedChannel channel = new EmbeddedChannel(new MessageFrameDecoder(1 << 20),
                new PeerMessageDecoder(new WireStatistics()), recorder);
        ByteBuf received = Unpooled.wrappedBuffer(
                Fixtures.encode(new PeerMessage.Piece(5, 0, Unpooled.wrappedBuffer(new byte[100]))));

        channel.writeInbound(received);

        PeerMessage.Piece piece = (PeerMessage.Piece) recorder.messages().get(0);
        assertThat(piece.data().readableBytes()).isEqualTo(100);
        assertThat(piece.refCnt()).isEqualTo(1);
        assertThat(received.refCnt()).as("the slice keeps the received buffer alive").isEqualTo(1);
        piece.release();
        assertThat(received.refCnt()).isZero();
        assertThat(channel.finish()).isFalse();
    }

    @Test
    void unknownMessageIdsAreSkippedAndCounted() {
        WireStatistics statistics = new WireStatistics();
        byte[] unknown = {0, 0, 0, 4, 0x42, 1, 2, 3};
        byte[] wire = Fixtures.concat(unknown, Fixtures.encode(PeerMessage.UNCHOKE), unknown);

        List<PeerMessage> received = decodeAll(List.of(wire), statistics);

        assertThat(received).containsExactly(PeerMessage.UNCHOKE);
        assertThat(statistics.unknownMessages()).isEqualTo(2);
    }

    @Test
    void aKnownMessageWithTheWrongLengthClosesTheConnection() {
        Recorder recorder = new Recorder(false);
        EmbeddedChannel channel = codecChannel(new WireStatistics(), recorder);
        ByteBuf haveWithFiveBytes = Unpooled.wrappedBuffer(new byte[] {0, 0, 0, 6, 4, 0, 0, 0, 1, 0});

        channel.writeInbound(haveWithFiveBytes);

        assertThat(recorder.onlyException())
                .isInstanceOf(PeerProtocolException.class)
                .hasMessage("have message must have 4 payload bytes, got 5");
        assertThat(channel.isOpen()).isFalse();
        assertThat(haveWithFiveBytes.refCnt()).isZero();
    }

    @Test
    void anOversizedLengthClosesTheConnectionBeforeTheBodyArrives() {
        Recorder recorder = new Recorder(false);
        EmbeddedChannel channel = codecChannel(new WireStatistics(), recorder);
        ByteBuf header = Unpooled.wrappedBuffer(new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xF0, 7});

        channel.writeInbound(header);

        assertThat(recorder.onlyException())
                .isInstanceOf(PeerProtocolException.class)
                .hasMessage("message of 4294967280 bytes exceeds limit 1048576");
        assertThat(channel.isOpen()).isFalse();
        assertThat(header.refCnt()).isZero();
    }

    @Test
    void indexesBeyondTwoToTheThirtyOneAreRefused() {
        Recorder recorder = new Recorder(false);
        EmbeddedChannel channel = codecChannel(new WireStatistics(), recorder);
        ByteBuf have = Unpooled.wrappedBuffer(new byte[] {0, 0, 0, 5, 4, (byte) 0x80, 0, 0, 0});

        channel.writeInbound(have);

        assertThat(recorder.onlyException())
                .isInstanceOf(PeerProtocolException.class)
                .hasMessage("have message has piece index 2147483648, beyond any torrent");
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void bitfieldIsCheckedAgainstThePieceCount() {
        PeerMessage.Bitfield ten = new PeerMessage.Bitfield(new byte[] {(byte) 0xFF, (byte) 0xC0});
        ten.checkFor(10);
        assertThat(ten.hasPiece(9)).isTrue();
        assertThat(ten.hasPiece(10)).isFalse();
        assertThatThrownBy(() -> ten.checkFor(9)).isInstanceOf(PeerProtocolException.class)
                .hasMessage("bitfield has spare bits set after piece 8");
        assertThatThrownBy(() -> ten.checkFor(17)).isInstanceOf(PeerProtocolException.class)
                .hasMessage("bitfield of 2 bytes for 17 pieces, expected 3 bytes");
    }

    @Test
    void messageLimitLeavesRoomForTheBitfieldABlockAndExtensionMessages() {
        assertThat(MessageLimits.forPieceCount(1)).isEqualTo(MessageLimits.EXTENSION_MESSAGE);
        assertThat(MessageLimits.forPieceCount(80_000_000)).isEqualTo(1 + 10_000_000);
        assertThat(MessageLimits.forUnknownPieceCount()).isGreaterThanOrEqualTo(MessageLimits.PIECE_MESSAGE);
    }

    private String hex(PeerMessage message) {
        return HexFormat.of().formatHex(Fixtures.encode(message));
    }

    private static EmbeddedChannel codecChannel(WireStatistics statistics, Recorder recorder) {
        return new EmbeddedChannel(new MessageFrameDecoder(MessageLimits.forPieceCount(Fixtures.PIECE_COUNT)),
                new PeerMessageDecoder(statistics), new PeerMessageEncoder(), recorder);
    }

    private static List<PeerMessage> decodeAll(List<byte[]> chunks) {
        return decodeAll(chunks, new WireStatistics());
    }

    private static List<PeerMessage> decodeAll(List<byte[]> chunks, WireStatistics statistics) {
        Recorder recorder = new Recorder(true);
        EmbeddedChannel channel = codecChannel(statistics, recorder);
        for (byte[] chunk : chunks) {
            channel.writeInbound(Unpooled.wrappedBuffer(chunk));
        }
        assertThat(channel.finish()).isFalse();
        return recorder.messages();
    }

    private static void release(List<PeerMessage> messages) {
        messages.forEach(io.netty.util.ReferenceCountUtil::release);
    }
}
