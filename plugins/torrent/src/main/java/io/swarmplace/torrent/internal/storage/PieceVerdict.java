package io.swarmplace.torrent.internal.storage;

/** What {@link TorrentStorage#writePiece} did with a whole piece. */
public enum PieceVerdict {
    /** The SHA-1 matched; the piece is on disk and verified. */
    VERIFIED,
    /** The SHA-1 did not match; nothing was written. The peers that sent it sent bad data. */
    HASH_FAILED,
    /**
     * The SHA-1 matched but the bytes over a BEP 47 padding file are not zeros, so they could never be
     * served back as they are; nothing was written.
     */
    BAD_PADDING,
    /** The piece was verified before; nothing was hashed or written. */
    ALREADY_VERIFIED
}
