package io.swarmplace.torrent.internal.storage;

/**
 * Counters of one torrent's storage since it was opened; a snapshot.
 *
 * @param piecesHashed pieces whose SHA-1 was computed (writes and rechecks)
 * @param bytesHashed bytes fed to SHA-1
 * @param hashFailures pieces handed to writePiece whose hash did not match (or whose padding was not zero)
 * @param piecesWritten verified pieces written to disk
 * @param bytesWritten bytes written to files
 * @param bytesWrittenDirect the part of bytesWritten that bypassed the page cache (direct writes)
 * @param bytesReadFromDisk bytes read from files (uploads and rechecks)
 * @param cacheHits block reads served from memory
 * @param cacheMisses block reads that had to go to disk
 * @param cachedBytes bytes held by the read cache now
 * @param openFiles file handles open now
 */
public record StorageStats(
        long piecesHashed,
        long bytesHashed,
        long hashFailures,
        long piecesWritten,
        long bytesWritten,
        long bytesWrittenDirect,
        long bytesReadFromDisk,
        long cacheHits,
        long cacheMisses,
        long cachedBytes,
        int openFiles) {}
