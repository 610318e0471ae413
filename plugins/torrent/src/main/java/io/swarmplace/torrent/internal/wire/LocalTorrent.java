package io.swarmplace.torrent.internal.wire;

import io.swarmplace.torrent.metainfo.InfoHash;

/**
 * What the wire layer needs to know about a torrent this node serves: its info-hash and the longest
 * message a peer may send on its connections.
 */
public record LocalTorrent(InfoHash infoHash, int maxMessageLength) {

    public LocalTorrent {
        if (maxMessageLength < MessageLimits.MIN_MESSAGE_LIMIT) {
            throw new IllegalArgumentException("a message limit below " + MessageLimits.MIN_MESSAGE_LIMIT
                    + " bytes cannot carry a 16 KiB block: " + maxMessageLength);
        }
    }

    /** A torrent whose metadata we have, with {@code pieceCount} pieces. */
    public static LocalTorrent withPieceCount(InfoHash infoHash, int pieceCount) {
        return new LocalTorrent(infoHash, MessageLimits.forPieceCount(pieceCount));
    }

    /** A torrent known only by its info-hash (a magnet link): the piece count comes with the metadata. */
    public static LocalTorrent withoutMetadata(InfoHash infoHash) {
        return new LocalTorrent(infoHash, MessageLimits.forUnknownPieceCount());
    }
}
