package io.swarmplace.torrent.internal.wire;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.swarmplace.torrent.metainfo.InfoHash;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/** Shared values and plumbing for the wire tests. */
final class Fixtures {

    static final InfoHash INFO_HASH = InfoHash.ofInfoBytes("d4:name4:test".getBytes(StandardCharsets.US_ASCII));
    static final InfoHash OTHER_INFO_HASH = InfoHash.ofInfoBytes("d4:name5:other".getBytes(StandardCharsets.US_ASCII));
    static final PeerId LOCAL_ID = new PeerId("-SW0010-aaaaaaaaaaaa".getBytes(StandardCharsets.US_ASCII));
    static final PeerId REMOTE_ID = new PeerId("-LT2080-bbbbbbbbbbbb".getBytes(StandardCharsets.US_ASCII));
    static final int PIECE_COUNT = 100;

    private Fixtures() {}

    static WireSettings settings(WireStatistics statistics) {
        return new WireSettings(LOCAL_ID, ReservedBits.ours(false), Duration.ofSeconds(10), statistics);
    }

    static LocalTorrent torrent() {
        return LocalTorrent.withPieceCount(INFO_HASH, PIECE_COUNT);
    }

    static byte[] remoteHandshake(InfoHash infoHash) {
        return new Handshake(ReservedBits.ours(true), infoHash, REMOTE_ID).encode();
    }

    /** A channel whose handshake is done (outgoing side), with a recorder after the codec. */
    static EmbeddedChannel connectedChannel(WireStatistics statistics, Recorder recorder) {
        EmbeddedChannel channel = new EmbeddedChannel(
                HandshakeHandler.outgoing(settings(statistics), torrent()), recorder);
        ByteBuf ours = channel.readOutbound();
        ours.release();
        channel.writeInbound(Unpooled.wrappedBuffer(remoteHandshake(INFO_HASH)));
        return channel;
    }

    /** The framed bytes of {@code messages} as our encoder writes them. */
    static byte[] encode(PeerMessage... messages) {
        EmbeddedChannel channel = new EmbeddedChannel(new PeerMessageEncoder());
        channel.writeOutbound((Object[]) messages);
        ByteBuf all = Unpooled.buffer();
        for (ByteBuf out; (out = channel.readOutbound()) != null; ) {
            all.writeBytes(out);
            out.release();
        }
        channel.finishAndReleaseAll();
        byte[] bytes = new byte[all.readableBytes()];
        all.readBytes(bytes);
        all.release();
        return bytes;
    }

    static byte[] concat(byte[]... parts) {
        int length = Arrays.stream(parts).mapToInt(p -> p.length).sum();
        byte[] out = new byte[length];
        int offset = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, out, offset, part.length);
            offset += part.length;
        }
        return out;
    }

    /** Cuts {@code bytes} into random pieces, each at least one byte. */
    static List<byte[]> randomChunks(byte[] bytes, Random random, int maxChunk) {
        List<byte[]> chunks = new ArrayList<>();
        for (int offset = 0; offset < bytes.length; ) {
            int length = Math.min(bytes.length - offset, 1 + random.nextInt(maxChunk));
            chunks.add(Arrays.copyOfRange(bytes, offset, offset + length));
            offset += length;
        }
        return chunks;
    }

    static byte[] randomBytes(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }
}
