package io.swarmplace.torrent.internal.wire;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageEncoder;
import java.util.List;

/**
 * Writes {@link PeerMessage}s with their length prefix. Piece and extended payloads are not copied: the
 * header and the payload go out as one composite buffer. The encoder releases each message it writes.
 */
public final class PeerMessageEncoder extends MessageToMessageEncoder<PeerMessage> {

    public PeerMessageEncoder() {
        super(PeerMessage.class);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, PeerMessage message, List<Object> out) {
        out.add(encode(ctx, message));
    }

    private static ByteBuf encode(ChannelHandlerContext ctx, PeerMessage message) {
        // Java 17 has no pattern matching for switch; the sealed interface keeps this list complete.
        if (message instanceof PeerMessage.KeepAlive) {
            return ctx.alloc().buffer(4).writeInt(0);
        }
        if (message instanceof PeerMessage.Have have) {
            return header(ctx, have, 4).writeInt(have.pieceIndex());
        }
        if (message instanceof PeerMessage.SuggestPiece suggest) {
            return header(ctx, suggest, 4).writeInt(suggest.pieceIndex());
        }
        if (message instanceof PeerMessage.AllowedFast allowed) {
            return header(ctx, allowed, 4).writeInt(allowed.pieceIndex());
        }
        if (message instanceof PeerMessage.Port port) {
            return header(ctx, port, 2).writeShort(port.port());
        }
        if (message instanceof PeerMessage.Bitfield bitfield) {
            return header(ctx, bitfield, bitfield.length()).writeBytes(bitfield.bits());
        }
        if (message instanceof PeerMessage.Request r) {
            return block(header(ctx, r, 12), r.pieceIndex(), r.begin(), r.length());
        }
        if (message instanceof PeerMessage.Cancel c) {
            return block(header(ctx, c, 12), c.pieceIndex(), c.begin(), c.length());
        }
        if (message instanceof PeerMessage.RejectRequest r) {
            return block(header(ctx, r, 12), r.pieceIndex(), r.begin(), r.length());
        }
        if (message instanceof PeerMessage.Piece piece) {
            ByteBuf header = header(ctx, piece, 8 + piece.data().readableBytes())
                    .writeInt(piece.pieceIndex())
                    .writeInt(piece.begin());
            return withPayload(ctx, header, piece.data());
        }
        if (message instanceof PeerMessage.Extended extended) {
            ByteBuf header = header(ctx, extended, 1 + extended.payload().readableBytes())
                    .writeByte(extended.extendedId());
            return withPayload(ctx, header, extended.payload());
        }
        // choke, unchoke, interested, not interested, have all, have none: the id is the whole message
        return header(ctx, message, 0);
    }

    /** Length prefix and id, in a buffer sized for the fixed part of the message. */
    private static ByteBuf header(ChannelHandlerContext ctx, PeerMessage message, int payloadLength) {
        int fixed = message instanceof PeerMessage.Piece ? 8 : message instanceof PeerMessage.Extended ? 1 : payloadLength;
        return ctx.alloc().buffer(5 + fixed).writeInt(1 + payloadLength).writeByte(message.id());
    }

    private static ByteBuf block(ByteBuf header, int index, int begin, int length) {
        return header.writeInt(index).writeInt(begin).writeInt(length);
    }

    /** The payload joins the header with its own reference; the message's reference is released by our caller. */
    private static ByteBuf withPayload(ChannelHandlerContext ctx, ByteBuf header, ByteBuf payload) {
        CompositeByteBuf composite = ctx.alloc().compositeBuffer(2);
        composite.addComponents(true, header, payload.retainedSlice());
        return composite;
    }
}
