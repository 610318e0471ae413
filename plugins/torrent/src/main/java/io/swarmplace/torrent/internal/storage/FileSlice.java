package io.swarmplace.torrent.internal.storage;

/**
 * A run of bytes of one file that a piece (or part of one) covers.
 *
 * @param fileIndex index into the torrent's file list
 * @param fileOffset where the run starts inside that file
 * @param length bytes in the run, always at least 1
 * @param padding true when the file is a BEP 47 padding file: zeros that are never on disk
 */
public record FileSlice(int fileIndex, long fileOffset, int length, boolean padding) {

    public FileSlice {
        if (fileIndex < 0 || fileOffset < 0 || length <= 0) {
            throw new IllegalArgumentException(
                    "bad slice: file " + fileIndex + " offset " + fileOffset + " length " + length);
        }
    }
}
