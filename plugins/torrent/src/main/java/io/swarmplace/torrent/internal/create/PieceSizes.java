package io.swarmplace.torrent.internal.create;

/**
 * The automatic piece size, in the spirit of libtorrent's: small enough that a peer can trade pieces
 * early, large enough that the piece hashes (20 bytes per piece) stay a small .torrent file. The rule is
 * the smallest power of two from 16 KiB to 16 MiB that needs at most {@value #MOST_PIECES} pieces, which
 * gives 1001–2000 pieces for totals from 31.25 MiB to 31.25 GiB; smaller torrents get 16 KiB pieces and
 * larger ones 16 MiB pieces.
 */
public final class PieceSizes {

    public static final int SMALLEST = 16 * 1024;
    public static final int LARGEST_AUTOMATIC = 16 * 1024 * 1024;
    public static final int MOST_PIECES = 2000;

    private PieceSizes() {}

    public static int automatic(long totalLength) {
        if (totalLength < 0) {
            throw new IllegalArgumentException("negative total length " + totalLength);
        }
        for (int size = SMALLEST; size < LARGEST_AUTOMATIC; size <<= 1) {
            if (pieceCount(totalLength, size) <= MOST_PIECES) {
                return size;
            }
        }
        return LARGEST_AUTOMATIC;
    }

    static long pieceCount(long totalLength, int pieceLength) {
        return (totalLength + pieceLength - 1) / pieceLength;
    }
}
