package io.swarmplace.torrent.internal.wire;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageDecoder;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Turns one framed message body (from {@link MessageFrameDecoder}) into a {@link PeerMessage}. A
 * message id it does not know is skipped and counted, as BEP 3 asks; a known message with the wrong
 * length closes the connection with a {@link PeerProtocolException}. Piece and extended payloads are
 * slices of the frame (no copy).
 */
public final class PeerMessageDecoder extends MessageToMessageDecoder<ByteBuf> {

    private static final int BLOCK_FIELDS = 12;

    private final WireStatistics statistics;
    private boolean failed;

    public PeerMessageDecoder(WireStatistics statistics) {
        super(ByteBuf.class);
        this.statistics = statistics;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf frame, List<Object> out) {
        if (failed) {
            return;
        }
        try {
            PeerMessage message = decode(frame);
            if (message != null) {
                out.add(message);
            }
        } catch (PeerProtocolException e) {
            failed = true;
            ctx.close();
            throw e;
        }
    }

    /** Decodes one message body; null for an unknown message id. The caller keeps its reference to {@code frame}. */
    PeerMessage decode(ByteBuf frame) {
        if (!frame.isReadable()) {
            return PeerMessage.KEEP_ALIVE;
        }
        int id = frame.readUnsignedByte();
        int payload = frame.readableBytes();
        switch (id) {
            case MessageIds.CHOKE:
                return withoutPayload(id, payload, PeerMessage.CHOKE);
            case MessageIds.UNCHOKE:
                return withoutPayload(id, payload, PeerMessage.UNCHOKE);
            case MessageIds.INTERESTED:
                return withoutPayload(id, payload, PeerMessage.INTERESTED);
            case MessageIds.NOT_INTERESTED:
                return withoutPayload(id, payload, PeerMessage.NOT_INTERESTED);
            case MessageIds.HAVE:
                return pieceIndexMessage(frame, id, payload, PeerMessage.Have::new);
            case MessageIds.BITFIELD:
                return new PeerMessage.Bitfield(ByteBufUtil.getBytes(frame));
            case MessageIds.REQUEST:
                return blockMessage(frame, id, payload, PeerMessage.Request::new);
            case MessageIds.PIECE:
                if (payload < 8) {
                    throw new PeerProtocolException("piece message of " + payload
                            + " payload bytes is shorter than its 8-byte header");
                }
                int index = readIndex(frame, id, "piece index");
                int begin = readIndex(frame, id, "begin");
                return new PeerMessage.Piece(index, begin, frame.readRetainedSlice(frame.readableBytes()));
            case MessageIds.CANCEL:
                return blockMessage(frame, id, payload, PeerMessage.Cancel::new);
            case MessageIds.PORT:
                expectLength(id, payload, 2);
                return new PeerMessage.Port(frame.readUnsignedShort());
            case MessageIds.SUGGEST_PIECE:
                return pieceIndexMessage(frame, id, payload, PeerMessage.SuggestPiece::new);
            case MessageIds.HAVE_ALL:
                return withoutPayload(id, payload, PeerMessage.HAVE_ALL);
            case MessageIds.HAVE_NONE:
                return withoutPayload(id, payload, PeerMessage.HAVE_NONE);
            case MessageIds.REJECT_REQUEST:
                return blockMessage(frame, id, payload, PeerMessage.RejectRequest::new);
            case MessageIds.ALLOWED_FAST:
                return pieceIndexMessage(frame, id, payload, PeerMessage.AllowedFast::new);
            case MessageIds.EXTENDED:
                if (payload < 1) {
                    throw new PeerProtocolException("extended message without its extended message id");
                }
                int extendedId = frame.readUnsignedByte();
                return new PeerMessage.Extended(extendedId, frame.readRetainedSlice(frame.readableBytes()));
            default:
                statistics.unknownMessage();
                return null;
        }
    }

    /** The constructor of a message that names a block: piece index, begin and length (request, cancel, reject). */
    @FunctionalInterface
    private interface BlockMessage {
        PeerMessage of(int pieceIndex, int begin, int length);
    }

    private static PeerMessage withoutPayload(int id, int payload, PeerMessage message) {
        expectLength(id, payload, 0);
        return message;
    }

    private static PeerMessage pieceIndexMessage(ByteBuf frame, int id, int payload, IntFunction<PeerMessage> message) {
        expectLength(id, payload, 4);
        return message.apply(readIndex(frame, id, "piece index"));
    }

    private static PeerMessage blockMessage(ByteBuf frame, int id, int payload, BlockMessage message) {
        expectLength(id, payload, BLOCK_FIELDS);
        return message.of(readIndex(frame, id, "piece index"), readIndex(frame, id, "begin"), readIndex(frame, id, "length"));
    }

    private static void expectLength(int id, int actual, int expected) {
        if (actual != expected) {
            throw new PeerProtocolException(MessageIds.name(id) + " message must have " + expected
                    + " payload bytes, got " + actual);
        }
    }

    /** Indexes and offsets are unsigned 32-bit on the wire; anything above 2^31-1 cannot be valid here. */
    private static int readIndex(ByteBuf frame, int id, String field) {
        long value = frame.readUnsignedInt();
        if (value > Integer.MAX_VALUE) {
            throw new PeerProtocolException(MessageIds.name(id) + " message has " + field + " " + value
                    + ", beyond any torrent");
        }
        return (int) value;
    }
}
