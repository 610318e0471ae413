package io.swarmplace.torrent.internal.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.swarmplace.torrent.internal.wire.HandshakeFailedException.Reason;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LeakWatch.class)
class HandshakeHandlerTest {

    private final WireStatistics statistics = new WireStatistics();
    private final Recorder recorder = new Recorder(false);
    private final TorrentLookup servesOnlyOurTorrent =
            infoHash -> infoHash.equals(Fixtures.INFO_HASH) ? Optional.of(Fixtures.torrent()) : Optional.empty();

    @Test
    void outgoingSendsOurHandshakeFirst() {
        EmbeddedChannel channel = outgoing();

        byte[] sent = readAllOutbound(channel);

        Handshake ours = Handshake.decode(sent);
        assertThat(ours.infoHash()).isEqualTo(Fixtures.INFO_HASH);
        assertThat(ours.peerId()).isEqualTo(Fixtures.LOCAL_ID);
        assertThat(ours.supportsExtensionProtocol()).isTrue();
        assertThat(ours.supportsFastExtension()).isTrue();
        assertThat(channel.finish()).isFalse();
    }

    @Test
    void messagesInTheSameReadAsTheHandshakeAreDecodedAfterTheCompletedEvent() {
        EmbeddedChannel channel = outgoing();
        readAllOutbound(channel);
        byte[] extensionHandshake = ExtensionHandshake.of(java.util.Map.of("ut_metadata", 2)).encode();
        byte[] wire = Fixtures.concat(Fixtures.remoteHandshake(Fixtures.INFO_HASH),
                Fixtures.encode(PeerMessage.Extended.wrap(0, extensionHandshake), PeerMessage.HAVE_ALL,
                        PeerMessage.UNCHOKE));

        channel.writeInbound(Unpooled.wrappedBuffer(wire));

        assertThat(recorder.events).hasSize(4);
        HandshakeCompleted completed = (HandshakeCompleted) recorder.events.get(0);
        assertThat(completed.remote().peerId()).isEqualTo(Fixtures.REMOTE_ID);
        assertThat(completed.remote().supportsDht()).isTrue();
        assertThat(completed.local().peerId()).isEqualTo(Fixtures.LOCAL_ID);
        assertThat(completed.incoming()).isFalse();
        assertThat(completed.fastExtension()).isTrue();
        assertThat(completed.extensionProtocol()).isTrue();
        assertThat(recorder.events.get(1)).isInstanceOf(PeerMessage.Extended.class);
        assertThat(recorder.events.subList(2, 4)).containsExactly(PeerMessage.HAVE_ALL, PeerMessage.UNCHOKE);
        assertThat(channel.pipeline().get(HandshakeHandler.class)).isNull();
        assertThat(channel.pipeline().names()).containsSubsequence(HandshakeHandler.FRAME_DECODER,
                HandshakeHandler.MESSAGE_DECODER, HandshakeHandler.MESSAGE_ENCODER);
        assertThat(channel.finish()).isFalse();
    }

    @Test
    void theCodecIsInstalledWithTheTorrentsMessageLimit() {
        EmbeddedChannel channel = outgoing();
        readAllOutbound(channel);
        channel.writeInbound(Unpooled.wrappedBuffer(Fixtures.remoteHandshake(Fixtures.INFO_HASH)));

        MessageFrameDecoder framer = channel.pipeline().get(MessageFrameDecoder.class);

        assertThat(framer.maxMessageLength()).isEqualTo(Fixtures.torrent().maxMessageLength());
        channel.writeOutbound(new PeerMessage.Have(4));
        ByteBuf have = channel.readOutbound();
        assertThat(ByteBufUtil.hexDump(have)).isEqualTo("000000050400000004");
        have.release();
        assertThat(channel.finish()).isFalse();
    }

    @Test
    void incomingHandshakeByteByByteIsAnsweredOnceTheInfoHashIsKnown() {
        EmbeddedChannel channel = incoming(servesOnlyOurTorrent);
        byte[] theirs = Fixtures.remoteHandshake(Fixtures.INFO_HASH);

        for (int i = 0; i < Handshake.INFO_HASH_END; i++) {
            assertThat(channel.outboundMessages()).as("nothing sent before the info-hash is known").isEmpty();
            channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {theirs[i]}));
        }
        Handshake ours = Handshake.decode(readAllOutbound(channel));
        for (int i = Handshake.INFO_HASH_END; i < theirs.length; i++) {
            assertThat(recorder.events).isEmpty();
            channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {theirs[i]}));
        }

        assertThat(ours.infoHash()).isEqualTo(Fixtures.INFO_HASH);
        HandshakeCompleted completed = (HandshakeCompleted) recorder.events.get(0);
        assertThat(completed.incoming()).isTrue();
        assertThat(completed.torrent()).isEqualTo(Fixtures.torrent());
        assertThat(channel.isOpen()).isTrue();
        assertThat(channel.finish()).isFalse();
    }

    @Test
    void aForeignInfoHashClosesTheConnectionWithoutAnswering() {
        EmbeddedChannel channel = incoming(servesOnlyOurTorrent);
        ByteBuf theirs = Unpooled.wrappedBuffer(Fixtures.remoteHandshake(Fixtures.OTHER_INFO_HASH));

        channel.writeInbound(theirs);

        assertThat(failure().reason()).isEqualTo(Reason.UNKNOWN_INFO_HASH);
        assertThat(failure()).hasMessageContaining(Fixtures.OTHER_INFO_HASH.hex()).hasMessageContaining("does not serve");
        assertThat(channel.isOpen()).isFalse();
        assertThat(channel.outboundMessages()).isEmpty();
        assertThat(theirs.refCnt()).isZero();
    }

    @Test
    void theWrongProtocolStringClosesAtTheFirstWrongByte() {
        EmbeddedChannel channel = incoming(servesOnlyOurTorrent);

        channel.writeInbound(Unpooled.wrappedBuffer("GET /announce HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII)));

        assertThat(failure().reason()).isEqualTo(Reason.NOT_BITTORRENT);
        assertThat(failure()).hasMessageContaining("byte 0 differs");
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void aProtocolStringThatGoesWrongLateIsCaughtThere() {
        EmbeddedChannel channel = incoming(servesOnlyOurTorrent);
        byte[] theirs = Fixtures.remoteHandshake(Fixtures.INFO_HASH);
        theirs[12] = 'X';

        channel.writeInbound(Unpooled.wrappedBuffer(Arrays.copyOf(theirs, 15)));

        assertThat(failure().reason()).isEqualTo(Reason.NOT_BITTORRENT);
        assertThat(failure()).hasMessageContaining("byte 12 differs");
    }

    @Test
    void aHandshakeThatStopsShortTimesOut() {
        EmbeddedChannel channel = new EmbeddedChannel();
        channel.freezeTime();
        channel.pipeline().addLast(HandshakeHandler.incoming(
                new WireSettings(Fixtures.LOCAL_ID, ReservedBits.ours(false), Duration.ofSeconds(5), statistics),
                servesOnlyOurTorrent), recorder);
        channel.writeInbound(Unpooled.wrappedBuffer(Arrays.copyOf(Fixtures.remoteHandshake(Fixtures.INFO_HASH), 30)));

        channel.advanceTimeBy(4, TimeUnit.SECONDS);
        channel.runScheduledPendingTasks();
        assertThat(channel.isOpen()).isTrue();
        channel.advanceTimeBy(2, TimeUnit.SECONDS);
        channel.runScheduledPendingTasks();

        assertThat(failure().reason()).isEqualTo(Reason.TIMEOUT);
        assertThat(failure()).hasMessage("no complete handshake within 5000 ms (30 of 68 bytes arrived)");
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void theTimeoutIsCancelledOnceTheHandshakeIsDone() {
        EmbeddedChannel channel = new EmbeddedChannel();
        channel.freezeTime();
        channel.pipeline().addLast(HandshakeHandler.incoming(Fixtures.settings(statistics), servesOnlyOurTorrent), recorder);
        channel.writeInbound(Unpooled.wrappedBuffer(Fixtures.remoteHandshake(Fixtures.INFO_HASH)));

        channel.advanceTimeBy(1, TimeUnit.MINUTES);
        channel.runScheduledPendingTasks();

        assertThat(recorder.exceptions).isEmpty();
        assertThat(channel.isOpen()).isTrue();
        readAllOutbound(channel);
        assertThat(channel.finish()).isFalse();
    }

    @Test
    void anOutgoingConnectionAnsweredForAnotherTorrentIsClosed() {
        EmbeddedChannel channel = outgoing();
        readAllOutbound(channel);

        channel.writeInbound(Unpooled.wrappedBuffer(Fixtures.remoteHandshake(Fixtures.OTHER_INFO_HASH)));

        assertThat(failure().reason()).isEqualTo(Reason.WRONG_INFO_HASH);
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void aConnectionToOurselvesIsClosed() {
        EmbeddedChannel channel = outgoing();
        byte[] ours = readAllOutbound(channel);

        channel.writeInbound(Unpooled.wrappedBuffer(ours));

        assertThat(failure().reason()).isEqualTo(Reason.CONNECTED_TO_SELF);
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void aPeerThatHangsUpMidHandshakeIsReported() {
        EmbeddedChannel channel = incoming(servesOnlyOurTorrent);
        channel.writeInbound(Unpooled.wrappedBuffer(Arrays.copyOf(Fixtures.remoteHandshake(Fixtures.INFO_HASH), 10)));

        channel.close();

        assertThat(failure().reason()).isEqualTo(Reason.CLOSED);
        assertThat(failure()).hasMessage("peer closed the connection after 10 of 68 handshake bytes");
    }

    @Test
    void reservedBitsSitWhereTheBepsPutThem() {
        byte[] reserved = new byte[8];
        ReservedBits.NONE.withExtensionProtocol(true).writeTo(reserved, 0);
        assertThat(reserved[5]).isEqualTo((byte) 0x10);
        ReservedBits.NONE.withFastExtension(true).withDht(true).writeTo(reserved, 0);
        assertThat(reserved[7]).isEqualTo((byte) 0x05);
        assertThat(reserved[5]).isZero();
        ReservedBits unknownBitsKept = ReservedBits.fromBytes(new byte[] {(byte) 0x80, 0, 0, 0, 0, 0x10, 0, 1}, 0);
        assertThat(unknownBitsKept.extensionProtocol()).isTrue();
        assertThat(unknownBitsKept.dht()).isTrue();
        assertThat(unknownBitsKept.fastExtension()).isFalse();
        assertThat(unknownBitsKept.withDht(false).bits()).isEqualTo(0x8000_0000_0010_0000L);
    }

    private HandshakeFailedException failure() {
        return (HandshakeFailedException) recorder.onlyException();
    }

    private EmbeddedChannel outgoing() {
        return new EmbeddedChannel(HandshakeHandler.outgoing(Fixtures.settings(statistics), Fixtures.torrent()), recorder);
    }

    private EmbeddedChannel incoming(TorrentLookup lookup) {
        return new EmbeddedChannel(HandshakeHandler.incoming(Fixtures.settings(statistics), lookup), recorder);
    }

    private static byte[] readAllOutbound(EmbeddedChannel channel) {
        ByteBuf all = Unpooled.buffer();
        for (ByteBuf out; (out = channel.readOutbound()) != null; ) {
            all.writeBytes(out);
            out.release();
        }
        byte[] bytes = ByteBufUtil.getBytes(all);
        all.release();
        return bytes;
    }
}
