package io.swarmplace.torrent.metainfo;

import java.util.Arrays;
import java.util.List;

/**
 * The content of a torrent's info dictionary: how its bytes are cut into pieces and laid onto files.
 *
 * @param name suggested name of the file (single-file) or root folder (multi-file)
 * @param pieceLength bytes per piece (the last piece may be shorter)
 * @param pieceHashes the SHA-1 of every piece, 20 bytes each, concatenated
 * @param files the files in stream order, padding files included, with offsets that tile the stream
 * @param singleFile true when the info dictionary has "length" rather than "files"
 * @param privateTorrent BEP 27: peers only from the torrent's trackers, no DHT or peer exchange
 */
public record TorrentInfo(
        String name,
        int pieceLength,
        byte[] pieceHashes,
        List<TorrentFile> files,
        boolean singleFile,
        boolean privateTorrent) {

    public static final int HASH_LENGTH = 20;

    public TorrentInfo {
        if (pieceLength <= 0) {
            throw new IllegalArgumentException("piece length must be positive: " + pieceLength);
        }
        if (pieceHashes.length % HASH_LENGTH != 0) {
            throw new IllegalArgumentException("piece hashes are not a multiple of 20 bytes");
        }
        pieceHashes = pieceHashes.clone();
        files = List.copyOf(files);
        long expectedOffset = 0;
        for (TorrentFile file : files) {
            if (file.offset() != expectedOffset) {
                throw new IllegalArgumentException("file offsets do not tile the torrent at " + file.displayPath());
            }
            expectedOffset = file.end();
        }
        long pieces = pieceHashes.length / HASH_LENGTH;
        long needed = (expectedOffset + pieceLength - 1) / pieceLength;
        if (pieces != needed) {
            throw new IllegalArgumentException(
                    "torrent of " + expectedOffset + " bytes in pieces of " + pieceLength + " needs "
                            + needed + " piece hashes, has " + pieces);
        }
    }

    @Override
    public byte[] pieceHashes() {
        return pieceHashes.clone();
    }

    /** The SHA-1 of piece {@code index}. */
    public byte[] pieceHash(int index) {
        checkPiece(index);
        return Arrays.copyOfRange(pieceHashes, index * HASH_LENGTH, (index + 1) * HASH_LENGTH);
    }

    public int pieceCount() {
        return pieceHashes.length / HASH_LENGTH;
    }

    /** Sum of all file lengths, padding included. */
    public long totalLength() {
        return files.isEmpty() ? 0 : files.get(files.size() - 1).end();
    }

    /** Length of piece {@code index}: {@link #pieceLength} except possibly for the last one. */
    public int pieceSize(int index) {
        checkPiece(index);
        long start = (long) index * pieceLength;
        return (int) Math.min(pieceLength, totalLength() - start);
    }

    private void checkPiece(int index) {
        if (index < 0 || index >= pieceCount()) {
            throw new IndexOutOfBoundsException("piece " + index + " of " + pieceCount());
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TorrentInfo that
                && name.equals(that.name)
                && pieceLength == that.pieceLength
                && Arrays.equals(pieceHashes, that.pieceHashes)
                && files.equals(that.files)
                && singleFile == that.singleFile
                && privateTorrent == that.privateTorrent;
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(pieceHashes) + files.hashCode();
    }

    @Override
    public String toString() {
        return "TorrentInfo[" + name + ", " + pieceCount() + " pieces of " + pieceLength + ", "
                + files.size() + " files, " + totalLength() + " bytes]";
    }
}
