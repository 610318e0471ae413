package io.swarmplace.torrent.internal.storage;

import io.swarmplace.torrent.metainfo.TorrentInfo;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Objects;

/**
 * What a torrent's storage knew when it last saved: which pieces were verified and flushed, and the
 * size and modification time of every file at that moment, so a restart can trust the pieces without
 * re-hashing them as long as no file changed (libtorrent's fast-resume idea).
 *
 * @param torrentId SHA-1 of the torrent's concatenated piece hashes: ties the data to one torrent
 * @param pieceCount pieces of that torrent
 * @param verifiedPieces pieces verified and forced to disk before the file states were taken
 * @param files one state per file of the torrent, in order (padding files are {@link FileState#ABSENT})
 * @param savePath the download folder the files were in
 */
public record ResumeData(byte[] torrentId, int pieceCount, BitSet verifiedPieces, List<FileState> files, Path savePath) {

    /**
     * A file as it was on disk.
     *
     * @param size bytes, or -1 when the file did not exist
     * @param modifiedNanos last-modified time in nanoseconds since the epoch (0 when absent)
     */
    public record FileState(long size, long modifiedNanos) {

        public static final FileState ABSENT = new FileState(-1, 0);

        public FileState {
            if (size < -1) {
                throw new IllegalArgumentException("file size " + size);
            }
        }

        public boolean exists() {
            return size >= 0;
        }
    }

    public ResumeData {
        torrentId = torrentId.clone();
        verifiedPieces = (BitSet) verifiedPieces.clone();
        files = List.copyOf(files);
        Objects.requireNonNull(savePath, "savePath");
        if (verifiedPieces.length() > pieceCount) {
            throw new IllegalArgumentException("piece " + (verifiedPieces.length() - 1) + " claimed of " + pieceCount);
        }
    }

    /** The identity resume data is tied to: SHA-1 of the torrent's piece hashes. */
    public static byte[] torrentIdOf(TorrentInfo info) {
        return PieceHasher.sha1(info.pieceHashes(), 0, info.pieceHashes().length);
    }

    @Override
    public byte[] torrentId() {
        return torrentId.clone();
    }

    @Override
    public BitSet verifiedPieces() {
        return (BitSet) verifiedPieces.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ResumeData that
                && Arrays.equals(torrentId, that.torrentId)
                && pieceCount == that.pieceCount
                && verifiedPieces.equals(that.verifiedPieces)
                && files.equals(that.files)
                && savePath.equals(that.savePath);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(torrentId), pieceCount, verifiedPieces, files, savePath);
    }

    @Override
    public String toString() {
        return "ResumeData[" + verifiedPieces.cardinality() + " of " + pieceCount + " pieces, " + files.size()
                + " files, " + savePath + "]";
    }
}
