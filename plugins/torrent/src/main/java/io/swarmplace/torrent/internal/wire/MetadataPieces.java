package io.swarmplace.torrent.internal.wire;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** BEP 9 cuts the info dictionary into 16 KiB pieces; the last one may be shorter. */
public final class MetadataPieces {

    public static final int PIECE_SIZE = 16 * 1024;
    /** Largest metadata we fetch: real info dictionaries of huge torrents stay well below this. */
    public static final int DEFAULT_MAX_METADATA_SIZE = 8 * 1024 * 1024;

    private MetadataPieces() {}

    public static int pieceCount(int metadataSize) {
        return (metadataSize + PIECE_SIZE - 1) / PIECE_SIZE;
    }

    public static int pieceLength(int metadataSize, int piece) {
        return Math.min(PIECE_SIZE, metadataSize - piece * PIECE_SIZE);
    }

    /** What to send for each requested piece of {@code infoBytes}. */
    public static List<MetadataMessage.Data> split(byte[] infoBytes) {
        int count = pieceCount(infoBytes.length);
        List<MetadataMessage.Data> pieces = new ArrayList<>(count);
        for (int piece = 0; piece < count; piece++) {
            int from = piece * PIECE_SIZE;
            pieces.add(new MetadataMessage.Data(piece, infoBytes.length,
                    Arrays.copyOfRange(infoBytes, from, from + pieceLength(infoBytes.length, piece))));
        }
        return pieces;
    }
}
