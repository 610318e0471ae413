package io.swarmplace.torrent.internal.wire;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

/**
 * Splits the byte stream into messages: a 4-byte big-endian length, then that many bytes (id and
 * payload). Emits each message body as a retained slice of the received bytes, without copying; an
 * empty buffer is a keep-alive. A length above the limit closes the connection with a
 * {@link PeerProtocolException} as soon as the 4 length bytes are read: nothing is allocated or waited
 * for, so a peer cannot make us buffer more than one allowed message.
 */
public final class MessageFrameDecoder extends ByteToMessageDecoder {

    private static final int LENGTH_PREFIX = 4;

    private final int maxMessageLength;
    private boolean failed;

    public MessageFrameDecoder(int maxMessageLength) {
        if (maxMessageLength <= 0) {
            throw new IllegalArgumentException("the message limit must be positive: " + maxMessageLength);
        }
        this.maxMessageLength = maxMessageLength;
    }

    public int maxMessageLength() {
        return maxMessageLength;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        if (in.readableBytes() < LENGTH_PREFIX) {
            return;
        }
        long length = in.getUnsignedInt(in.readerIndex());
        if (length > maxMessageLength) {
            failed = true;
            in.skipBytes(in.readableBytes());
            ctx.close();
            throw new PeerProtocolException("message of " + length + " bytes exceeds limit " + maxMessageLength);
        }
        if (in.readableBytes() < LENGTH_PREFIX + length) {
            return;
        }
        in.skipBytes(LENGTH_PREFIX);
        out.add(length == 0 ? Unpooled.EMPTY_BUFFER : in.readRetainedSlice((int) length));
    }
}
