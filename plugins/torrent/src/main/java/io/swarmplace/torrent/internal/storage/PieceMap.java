package io.swarmplace.torrent.internal.storage;

import io.swarmplace.torrent.metainfo.TorrentFile;
import io.swarmplace.torrent.metainfo.TorrentInfo;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Where the bytes of each piece live: a piece, or a range inside one, maps to a list of
 * {@link FileSlice}s in stream order. Zero-length files never appear in a slice. Immutable.
 */
public final class PieceMap {

    private final TorrentInfo info;
    private final List<TorrentFile> files;
    /** Start offsets of the non-empty files, ascending, for binary search. */
    private final long[] starts;
    /** File index of each entry of {@link #starts}. */
    private final int[] indexes;

    public PieceMap(TorrentInfo info) {
        this.info = info;
        this.files = info.files();
        int nonEmpty = (int) files.stream().filter(f -> f.length() > 0).count();
        starts = new long[nonEmpty];
        indexes = new int[nonEmpty];
        int n = 0;
        for (int i = 0; i < files.size(); i++) {
            if (files.get(i).length() > 0) {
                starts[n] = files.get(i).offset();
                indexes[n] = i;
                n++;
            }
        }
    }

    public TorrentInfo info() {
        return info;
    }

    public int pieceCount() {
        return info.pieceCount();
    }

    public int pieceSize(int piece) {
        checkPiece(piece);
        return info.pieceSize(piece);
    }

    /** Where piece {@code piece} starts in the torrent's byte stream. */
    public long pieceOffset(int piece) {
        checkPiece(piece);
        return (long) piece * info.pieceLength();
    }

    /** The slices of a whole piece. */
    public List<FileSlice> piece(int piece) {
        return range(piece, 0, pieceSize(piece));
    }

    /**
     * The slices of {@code length} bytes starting {@code begin} bytes into {@code piece}.
     *
     * @throws StorageException of kind INVALID_REQUEST when the range is not inside the piece
     */
    public List<FileSlice> range(int piece, int begin, int length) {
        checkRange(piece, begin, length);
        long position = pieceOffset(piece) + begin;
        long end = position + length;
        List<FileSlice> slices = new ArrayList<>(2);
        int k = entryAt(position);
        while (position < end) {
            int fileIndex = indexes[k];
            TorrentFile file = files.get(fileIndex);
            long inFile = position - file.offset();
            int run = (int) Math.min(end - position, file.length() - inFile);
            slices.add(new FileSlice(fileIndex, inFile, run, file.padding()));
            position += run;
            k++;
        }
        return slices;
    }

    /**
     * The pieces that hold at least one byte of file {@code fileIndex}, as {@code [first, last]}, or an
     * empty array for a zero-length file.
     */
    public int[] piecesOf(int fileIndex) {
        TorrentFile file = files.get(fileIndex);
        if (file.length() == 0) {
            return new int[0];
        }
        int first = (int) (file.offset() / info.pieceLength());
        int last = (int) ((file.end() - 1) / info.pieceLength());
        return new int[] {first, last};
    }

    /** Throws INVALID_REQUEST unless {@code [begin, begin + length)} is a non-empty range inside the piece. */
    public void checkRange(int piece, int begin, int length) {
        int size = pieceSize(piece);
        if (begin < 0 || length <= 0 || begin > size - length) {
            throw new StorageException(StorageException.Kind.INVALID_REQUEST,
                    "block of " + length + " bytes at " + begin + " is outside piece " + piece + " of "
                            + size + " bytes");
        }
    }

    private void checkPiece(int piece) {
        if (piece < 0 || piece >= info.pieceCount()) {
            throw new StorageException(StorageException.Kind.INVALID_REQUEST,
                    "piece " + piece + " does not exist; the torrent has " + info.pieceCount() + " pieces");
        }
    }

    /** The entry (non-empty file) whose bytes include stream position {@code position}. */
    private int entryAt(long position) {
        int found = Arrays.binarySearch(starts, position);
        // Not found: the file that starts before the position holds it.
        return found >= 0 ? found : -found - 2;
    }
}
