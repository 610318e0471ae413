package io.swarmplace.torrent.internal.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Generated hostile input after a valid handshake, with a fixed seed so a failure reproduces. Whatever
 * arrives, the only outcomes allowed are decoded messages, counted drops, or one PeerProtocolException
 * with the connection closed; the bytes buffered for the connection stay within one allowed message.
 */
@ExtendWith(LeakWatch.class)
class HostileInputTest {

    /** Small, so that a lying length is quickly "almost allowed". */
    private static final int LIMIT = MessageLimits.PIECE_MESSAGE + 100;
    private static final int MAX_CHUNK = 4096;
    /** One message being collected, one read on top, and the cumulator's growth to a power of two. */
    private static final long MEMORY_BOUND = 2L * (LIMIT + 4 + MAX_CHUNK) + 1024;
    private static final int[] FIXED_LENGTHS = new int[256];

    static {
        java.util.Arrays.fill(FIXED_LENGTHS, -1);
        for (int id : new int[] {0, 1, 2, 3, 0x0E, 0x0F}) {
            FIXED_LENGTHS[id] = 0;
        }
        for (int id : new int[] {4, 0x0D, 0x11}) {
            FIXED_LENGTHS[id] = 4;
        }
        for (int id : new int[] {6, 8, 0x10}) {
            FIXED_LENGTHS[id] = 12;
        }
        FIXED_LENGTHS[9] = 2;
    }

    private final Random random = new Random(0xB17_7022L);

    @Test
    void randomByteSoupAfterAValidHandshake() {
        for (int round = 0; round < 300; round++) {
            feedAndCheck(Fixtures.randomBytes(random, 1 + random.nextInt(20_000)));
        }
    }

    @Test
    void framesWithRandomIdsLengthsAndPayloads() {
        int failures = 0;
        for (int round = 0; round < 300; round++) {
            ByteBuffer wire = ByteBuffer.allocate(64 * 1024);
            while (wire.remaining() > 100) {
                int length = random.nextInt(41);
                wire.putInt(length);
                if (length > 0) {
                    wire.put((byte) random.nextInt(24));
                    wire.put(Fixtures.randomBytes(random, length - 1));
                }
            }
            Outcome outcome = feedAndCheck(java.util.Arrays.copyOf(wire.array(), wire.position()));
            failures += outcome.failed ? 1 : 0;
        }
        assertThat(failures).as("random frames hit wrong lengths sooner or later").isPositive();
    }

    @Test
    void everyWrongLengthOfAFixedSizeMessageIsRefused() {
        for (int id = 0; id < FIXED_LENGTHS.length; id++) {
            if (FIXED_LENGTHS[id] < 0) {
                continue;
            }
            for (int payload = 0; payload <= 20; payload++) {
                byte[] frame = ByteBuffer.allocate(5 + payload).putInt(1 + payload).put((byte) id).array();
                Outcome outcome = feedAndCheck(frame);
                if (payload == FIXED_LENGTHS[id]) {
                    assertThat(outcome.failed).as("message %d with %d bytes", id, payload).isFalse();
                    assertThat(outcome.messages).hasSize(1);
                } else {
                    assertThat(outcome.failed).as("message %d with %d bytes", id, payload).isTrue();
                    assertThat(outcome.failure).hasMessageEndingWith("payload bytes, got " + payload);
                }
            }
        }
    }

    @Test
    void oversizedLengthsCloseAtOnceWithoutBuffering() {
        for (int round = 0; round < 200; round++) {
            long length = LIMIT + 1 + (long) (random.nextDouble() * (0xFFFF_FFFFL - LIMIT - 1));
            byte[] header = ByteBuffer.allocate(4 + 100).putInt((int) length).array();

            Outcome outcome = feedAndCheck(header);

            assertThat(outcome.failure).hasMessage("message of " + length + " bytes exceeds limit " + LIMIT);
            assertThat(outcome.peakBufferedBytes).isLessThan(1024);
        }
    }

    @Test
    void hugeBitfieldsAreRefusedByTheLimitOrByThePieceCount() {
        byte[] tooLong = ByteBuffer.allocate(8).putInt(LIMIT + 1).put((byte) 5).array();
        assertThat(feedAndCheck(tooLong).failure).hasMessage("message of " + (LIMIT + 1) + " bytes exceeds limit " + LIMIT);

        byte[] longest = ByteBuffer.allocate(4 + LIMIT).putInt(LIMIT).put((byte) 5).array();
        Outcome accepted = feedAndCheck(longest);
        PeerMessage.Bitfield bitfield = (PeerMessage.Bitfield) accepted.messages.get(0);
        assertThat(bitfield.length()).isEqualTo(LIMIT - 1);
        assertThat(accepted.peakBufferedBytes).as("the measurement sees a message being collected").isGreaterThan(LIMIT / 2);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> bitfield.checkFor(Fixtures.PIECE_COUNT))
                .isInstanceOf(PeerProtocolException.class);
    }

    @Test
    void truncatedMessagesYieldOnlyTheCompleteOnesAndLeakNothing() {
        for (int round = 0; round < 200; round++) {
            byte[] wire = Fixtures.encode(new PeerMessage.Have(1),
                    new PeerMessage.Piece(0, 0, Unpooled.wrappedBuffer(Fixtures.randomBytes(random, 1000))),
                    PeerMessage.Extended.wrap(1, Fixtures.randomBytes(random, 50)));
            int cut = random.nextInt(wire.length);
            Outcome outcome = feedAndCheck(java.util.Arrays.copyOf(wire, cut));

            assertThat(outcome.failed).isFalse();
            int complete = cut < 9 ? 0 : cut < 9 + 1013 ? 1 : 2;
            assertThat(outcome.messages).hasSize(complete);
        }
    }

    @Test
    void randomExtensionPayloadsNeverEscapeAsAnythingButProtocolErrors() {
        WireStatistics statistics = new WireStatistics();
        PexCodec pex = new PexCodec(statistics);
        for (int round = 0; round < 2_000; round++) {
            ByteBuf payload = Unpooled.wrappedBuffer(Fixtures.randomBytes(random, random.nextInt(200)));
            PeerMessage.Extended message = new PeerMessage.Extended(random.nextInt(4), payload);
            try {
                switch (message.extendedId()) {
                    case 0 -> ExtensionHandshake.decode(message.payload());
                    case 1 -> pex.decode(message.payload());
                    default -> MetadataMessage.decode(message.payload(), statistics);
                }
            } catch (PeerProtocolException expected) {
                assertThat(expected.getMessage()).isNotBlank();
            } finally {
                message.release();
            }
        }
    }

    private record Outcome(List<PeerMessage> messages, boolean failed, Throwable failure, long peakBufferedBytes) {}

    /** Feeds {@code wire} after a valid handshake in random chunks and checks the invariants. */
    private Outcome feedAndCheck(byte[] wire) {
        UnpooledByteBufAllocator allocator = new UnpooledByteBufAllocator(false);
        Recorder recorder = new Recorder(true);
        EmbeddedChannel channel = new EmbeddedChannel();
        channel.config().setAllocator(allocator);
        channel.pipeline().addLast(HandshakeHandler.outgoing(Fixtures.settings(new WireStatistics()),
                new LocalTorrent(Fixtures.INFO_HASH, LIMIT)), recorder);
        ByteBuf ours = channel.readOutbound();
        ours.release();
        channel.writeInbound(Unpooled.wrappedBuffer(Fixtures.remoteHandshake(Fixtures.INFO_HASH)));
        long baseline = allocator.metric().usedHeapMemory();

        long peak = 0;
        List<ByteBuf> fed = new ArrayList<>();
        for (byte[] chunk : Fixtures.randomChunks(wire, random, MAX_CHUNK)) {
            if (!channel.isOpen()) {
                break;
            }
            ByteBuf buffer = Unpooled.wrappedBuffer(chunk);
            fed.add(buffer);
            channel.writeInbound(buffer);
            peak = Math.max(peak, allocator.metric().usedHeapMemory() - baseline);
        }
        channel.checkException();
        channel.finishAndReleaseAll();

        assertThat(recorder.exceptions).hasSizeLessThanOrEqualTo(1);
        recorder.exceptions.forEach(e -> assertThat(e).isInstanceOf(PeerProtocolException.class));
        boolean failed = !recorder.exceptions.isEmpty();
        if (failed) {
            assertThat(channel.isOpen()).isFalse();
        }
        assertThat(peak).as("bytes buffered for one connection").isLessThanOrEqualTo(MEMORY_BOUND);
        List<PeerMessage> messages = recorder.messages();
        recorder.releaseAll();
        assertThat(fed).allSatisfy(buffer -> assertThat(buffer.refCnt()).isZero());
        return new Outcome(messages, failed, failed ? recorder.exceptions.get(0) : null, peak);
    }
}
