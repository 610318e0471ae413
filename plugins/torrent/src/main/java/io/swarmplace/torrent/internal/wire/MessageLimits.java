package io.swarmplace.torrent.internal.wire;

/**
 * The longest message a peer may send. Whatever is longer is hostile or broken, and the frame decoder
 * refuses it before allocating anything for it.
 */
public final class MessageLimits {

    /** The block size every client requests (BEP 3 recommends 2^14; libtorrent refuses larger requests). */
    public static final int BLOCK_SIZE = 16 * 1024;
    /** A piece message: id (1), index (4), begin (4) and one block. */
    public static final int PIECE_MESSAGE = 9 + BLOCK_SIZE;
    /** Extension messages (BEP 10 handshake, ut_metadata data, ut_pex) stay far below this. */
    public static final int EXTENSION_MESSAGE = 1024 * 1024;
    /** Smallest limit that still carries a block. */
    public static final int MIN_MESSAGE_LIMIT = PIECE_MESSAGE;

    private MessageLimits() {}

    /** Room for a bitfield of {@code pieceCount} pieces, a 16 KiB block and an extension message. */
    public static int forPieceCount(int pieceCount) {
        if (pieceCount <= 0) {
            throw new IllegalArgumentException("a torrent has at least one piece, got " + pieceCount);
        }
        int bitfieldMessage = 1 + (pieceCount + 7) / 8;
        return Math.max(bitfieldMessage, Math.max(PIECE_MESSAGE, EXTENSION_MESSAGE));
    }

    /** Before the metadata is known: bitfields up to the extension cap (8 million pieces) are allowed. */
    public static int forUnknownPieceCount() {
        return Math.max(PIECE_MESSAGE, EXTENSION_MESSAGE);
    }
}
