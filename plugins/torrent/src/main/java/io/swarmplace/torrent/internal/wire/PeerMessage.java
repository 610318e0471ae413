package io.swarmplace.torrent.internal.wire;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.util.ReferenceCounted;
import java.util.Arrays;

/**
 * One message of the peer wire protocol after the handshake (BEP 3, the port message of BEP 5, the
 * fast extension of BEP 6, the extended message of BEP 10).
 *
 * <p>Ownership: {@link Piece} and {@link Extended} hold a reference-counted buffer and are themselves
 * {@link ReferenceCounted}. Whoever receives one owns one reference and must release it (or pass it on,
 * e.g. by writing it); the encoder releases what it writes. Every other message holds no buffer.
 */
public sealed interface PeerMessage {

    KeepAlive KEEP_ALIVE = new KeepAlive();
    Choke CHOKE = new Choke();
    Unchoke UNCHOKE = new Unchoke();
    Interested INTERESTED = new Interested();
    NotInterested NOT_INTERESTED = new NotInterested();
    HaveAll HAVE_ALL = new HaveAll();
    HaveNone HAVE_NONE = new HaveNone();

    /** The message id on the wire; -1 for the keep-alive, which has none. */
    int id();

    record KeepAlive() implements PeerMessage {
        @Override
        public int id() {
            return -1;
        }
    }

    record Choke() implements PeerMessage {
        @Override
        public int id() {
            return MessageIds.CHOKE;
        }
    }

    record Unchoke() implements PeerMessage {
        @Override
        public int id() {
            return MessageIds.UNCHOKE;
        }
    }

    record Interested() implements PeerMessage {
        @Override
        public int id() {
            return MessageIds.INTERESTED;
        }
    }

    record NotInterested() implements PeerMessage {
        @Override
        public int id() {
            return MessageIds.NOT_INTERESTED;
        }
    }

    record Have(int pieceIndex) implements PeerMessage {
        public Have {
            requireNonNegative("piece index", pieceIndex);
        }

        @Override
        public int id() {
            return MessageIds.HAVE;
        }
    }

    /**
     * Which pieces the sender has, highest bit of the first byte first. Its length is checked against
     * the piece count with {@link #checkFor(int)} once the piece count is known.
     */
    record Bitfield(byte[] bits) implements PeerMessage {
        public Bitfield {
            bits = bits.clone();
        }

        @Override
        public byte[] bits() {
            return bits.clone();
        }

        public int length() {
            return bits.length;
        }

        public boolean hasPiece(int index) {
            int byteIndex = index >>> 3;
            return byteIndex < bits.length && (bits[byteIndex] & (0x80 >>> (index & 7))) != 0;
        }

        /** BEP 3: exactly ceil(pieceCount / 8) bytes, with the spare bits at the end cleared. */
        public void checkFor(int pieceCount) {
            int expected = (pieceCount + 7) / 8;
            if (bits.length != expected) {
                throw new PeerProtocolException("bitfield of " + bits.length + " bytes for " + pieceCount
                        + " pieces, expected " + expected + " bytes");
            }
            int spare = expected * 8 - pieceCount;
            if (spare > 0 && (bits[expected - 1] & ((1 << spare) - 1)) != 0) {
                throw new PeerProtocolException("bitfield has spare bits set after piece " + (pieceCount - 1));
            }
        }

        @Override
        public int id() {
            return MessageIds.BITFIELD;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Bitfield that && Arrays.equals(bits, that.bits);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bits);
        }

        @Override
        public String toString() {
            return "Bitfield[" + bits.length + " bytes]";
        }
    }

    record Request(int pieceIndex, int begin, int length) implements PeerMessage {
        public Request {
            requireBlock(pieceIndex, begin, length);
        }

        @Override
        public int id() {
            return MessageIds.REQUEST;
        }
    }

    /**
     * A block of data. {@code data} is a slice of the received buffer (no copy); this message owns one
     * reference to it. The slice keeps the whole read buffer it came from alive, so a receiver that
     * holds blocks for long (a write queue to disk) should hand them on promptly rather than hoard them.
     */
    record Piece(int pieceIndex, int begin, ByteBuf data) implements PeerMessage, ReferenceCounted {
        public Piece {
            requireNonNegative("piece index", pieceIndex);
            requireNonNegative("begin", begin);
        }

        @Override
        public int id() {
            return MessageIds.PIECE;
        }

        @Override
        public int refCnt() {
            return data.refCnt();
        }

        @Override
        public Piece retain() {
            data.retain();
            return this;
        }

        @Override
        public Piece retain(int increment) {
            data.retain(increment);
            return this;
        }

        @Override
        public Piece touch() {
            data.touch();
            return this;
        }

        @Override
        public Piece touch(Object hint) {
            data.touch(hint);
            return this;
        }

        @Override
        public boolean release() {
            return data.release();
        }

        @Override
        public boolean release(int decrement) {
            return data.release(decrement);
        }

        @Override
        public String toString() {
            return "Piece[pieceIndex=" + pieceIndex + ", begin=" + begin + ", " + data.readableBytes() + " bytes]";
        }
    }

    record Cancel(int pieceIndex, int begin, int length) implements PeerMessage {
        public Cancel {
            requireBlock(pieceIndex, begin, length);
        }

        @Override
        public int id() {
            return MessageIds.CANCEL;
        }
    }

    /** BEP 5: the sender's DHT port. */
    record Port(int port) implements PeerMessage {
        public Port {
            if (port < 0 || port > 0xFFFF) {
                throw new IllegalArgumentException("not a port: " + port);
            }
        }

        @Override
        public int id() {
            return MessageIds.PORT;
        }
    }

    /** BEP 6. */
    record SuggestPiece(int pieceIndex) implements PeerMessage {
        public SuggestPiece {
            requireNonNegative("piece index", pieceIndex);
        }

        @Override
        public int id() {
            return MessageIds.SUGGEST_PIECE;
        }
    }

    /** BEP 6. */
    record HaveAll() implements PeerMessage {
        @Override
        public int id() {
            return MessageIds.HAVE_ALL;
        }
    }

    /** BEP 6. */
    record HaveNone() implements PeerMessage {
        @Override
        public int id() {
            return MessageIds.HAVE_NONE;
        }
    }

    /** BEP 6: the answer to a request that will not be served. */
    record RejectRequest(int pieceIndex, int begin, int length) implements PeerMessage {
        public RejectRequest {
            requireBlock(pieceIndex, begin, length);
        }

        @Override
        public int id() {
            return MessageIds.REJECT_REQUEST;
        }
    }

    /** BEP 6. */
    record AllowedFast(int pieceIndex) implements PeerMessage {
        public AllowedFast {
            requireNonNegative("piece index", pieceIndex);
        }

        @Override
        public int id() {
            return MessageIds.ALLOWED_FAST;
        }
    }

    /**
     * BEP 10: an extension message. {@code extendedId} 0 is the extension handshake; other ids are the
     * ones the receiver assigned in its handshake's "m". This message owns one reference to
     * {@code payload}.
     */
    record Extended(int extendedId, ByteBuf payload) implements PeerMessage, ReferenceCounted {
        public Extended {
            if (extendedId < 0 || extendedId > 0xFF) {
                throw new IllegalArgumentException("an extended message id is one byte, got " + extendedId);
            }
        }

        /** An extended message around {@code payload}, without copying it. */
        public static Extended wrap(int extendedId, byte[] payload) {
            return new Extended(extendedId, Unpooled.wrappedBuffer(payload));
        }

        @Override
        public int id() {
            return MessageIds.EXTENDED;
        }

        @Override
        public int refCnt() {
            return payload.refCnt();
        }

        @Override
        public Extended retain() {
            payload.retain();
            return this;
        }

        @Override
        public Extended retain(int increment) {
            payload.retain(increment);
            return this;
        }

        @Override
        public Extended touch() {
            payload.touch();
            return this;
        }

        @Override
        public Extended touch(Object hint) {
            payload.touch(hint);
            return this;
        }

        @Override
        public boolean release() {
            return payload.release();
        }

        @Override
        public boolean release(int decrement) {
            return payload.release(decrement);
        }

        @Override
        public String toString() {
            return "Extended[extendedId=" + extendedId + ", " + payload.readableBytes() + " bytes]";
        }
    }

    private static void requireNonNegative(String what, int value) {
        if (value < 0) {
            throw new IllegalArgumentException(what + " must not be negative: " + value);
        }
    }

    private static void requireBlock(int pieceIndex, int begin, int length) {
        requireNonNegative("piece index", pieceIndex);
        requireNonNegative("begin", begin);
        requireNonNegative("length", length);
    }
}
