package io.swarmplace.torrent.internal.wire;

import io.swarmplace.torrent.metainfo.InfoHash;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * Collects the ut_metadata pieces of one info dictionary from one peer and checks the result against
 * the info-hash. The size the peer announced is bounded before anything is kept, and every piece must
 * agree with it; pieces are kept as they come, so a peer that lies about the size costs no memory
 * until it sends data. Not thread-safe; {@link #assembleAndVerify()} hashes, so call it off the event
 * loop.
 */
public final class MetadataAssembler {

    private final InfoHash infoHash;
    private final int metadataSize;
    private final byte[][] pieces;
    private int received;

    /**
     * @param metadataSize the "metadata_size" of the peer's extension handshake
     * @param maxMetadataSize the most we are willing to fetch (e.g. {@link MetadataPieces#DEFAULT_MAX_METADATA_SIZE})
     */
    public MetadataAssembler(InfoHash infoHash, long metadataSize, int maxMetadataSize) {
        if (metadataSize <= 0) {
            throw new PeerProtocolException("peer announced metadata_size " + metadataSize + ", which cannot hold an info dictionary");
        }
        if (metadataSize > maxMetadataSize) {
            throw new PeerProtocolException("metadata_size of " + metadataSize + " bytes exceeds limit " + maxMetadataSize);
        }
        this.infoHash = infoHash;
        this.metadataSize = (int) metadataSize;
        this.pieces = new byte[MetadataPieces.pieceCount(this.metadataSize)][];
    }

    public int metadataSize() {
        return metadataSize;
    }

    public int pieceCount() {
        return pieces.length;
    }

    /**
     * Keeps one piece; a piece that arrives twice replaces the first. Returns whether all pieces are now
     * here. A piece that contradicts the announced size is a {@link PeerProtocolException}.
     */
    public boolean accept(MetadataMessage.Data data) {
        if (data.totalSize() != metadataSize) {
            throw new PeerProtocolException("metadata piece " + data.piece() + " says total_size " + data.totalSize()
                    + ", but the peer announced metadata_size " + metadataSize);
        }
        if (data.piece() >= pieces.length) {
            throw new PeerProtocolException("metadata piece " + data.piece() + " is beyond the last piece "
                    + (pieces.length - 1) + " of " + metadataSize + " bytes");
        }
        int expected = MetadataPieces.pieceLength(metadataSize, data.piece());
        if (data.length() != expected) {
            throw new PeerProtocolException("metadata piece " + data.piece() + " has " + data.length()
                    + " bytes, expected " + expected);
        }
        if (pieces[data.piece()] == null) {
            received++;
        }
        pieces[data.piece()] = data.data();
        return isComplete();
    }

    public boolean isComplete() {
        return received == pieces.length;
    }

    /** The lowest piece not yet received, if any. */
    public OptionalInt nextMissingPiece() {
        for (int i = 0; i < pieces.length; i++) {
            if (pieces[i] == null) {
                return OptionalInt.of(i);
            }
        }
        return OptionalInt.empty();
    }

    public List<Integer> missingPieces() {
        List<Integer> missing = new ArrayList<>();
        for (int i = 0; i < pieces.length; i++) {
            if (pieces[i] == null) {
                missing.add(i);
            }
        }
        return missing;
    }

    /**
     * The info dictionary's bytes once every piece is here and their SHA-1 is the info-hash; otherwise a
     * {@link MetadataHashMismatchException} (the peer sent wrong data) or an IllegalStateException
     * (pieces are missing: the caller asked too early).
     */
    public byte[] assembleAndVerify() {
        if (!isComplete()) {
            throw new IllegalStateException("metadata is incomplete: missing pieces " + missingPieces());
        }
        byte[] info = new byte[metadataSize];
        for (int i = 0; i < pieces.length; i++) {
            System.arraycopy(pieces[i], 0, info, i * MetadataPieces.PIECE_SIZE, pieces[i].length);
        }
        InfoHash actual = InfoHash.ofInfoBytes(info);
        if (!actual.equals(infoHash)) {
            throw new MetadataHashMismatchException(infoHash, actual, metadataSize);
        }
        return info;
    }
}
