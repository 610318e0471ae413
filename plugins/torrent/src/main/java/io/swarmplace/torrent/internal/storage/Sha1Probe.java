package io.swarmplace.torrent.internal.storage;

import java.nio.ByteBuffer;
import java.util.Random;

/**
 * Measures how fast this JVM hashes pieces the way {@link TorrentStorage#writePiece} does (one SHA-1
 * over each whole piece held in a heap buffer). For benchmarks and diagnostics; it asserts nothing.
 */
public final class Sha1Probe {

    /**
     * @param bytes bytes hashed in total
     * @param pieces pieces hashed
     * @param nanos wall time spent hashing
     * @param checksum first byte of every digest XOR-ed, so the work cannot be optimized away
     */
    public record Result(long bytes, int pieces, long nanos, int checksum) {

        public double mebibytesPerSecond() {
            return nanos == 0 ? Double.POSITIVE_INFINITY : (bytes / 1048576.0) / (nanos / 1e9);
        }
    }

    private Sha1Probe() {}

    /**
     * Hashes {@code mebibytes} MiB of pseudo-random data cut into pieces of {@code pieceLength} bytes on
     * the calling thread (so call it on a worker, never on an event loop).
     */
    public static Result run(int mebibytes, int pieceLength) {
        if (mebibytes < 1 || pieceLength < 1) {
            throw new IllegalArgumentException("need at least 1 MiB and a positive piece length");
        }
        byte[] piece = new byte[pieceLength];
        new Random(pieceLength).nextBytes(piece);
        ByteBuffer buffer = ByteBuffer.wrap(piece);
        long total = (long) mebibytes * 1024 * 1024;
        long hashed = 0;
        int pieces = 0;
        int checksum = 0;
        long start = System.nanoTime();
        while (hashed < total) {
            int size = (int) Math.min(pieceLength, total - hashed);
            checksum ^= PieceHasher.sha1(buffer.duplicate().limit(size))[0];
            hashed += size;
            pieces++;
        }
        return new Result(hashed, pieces, System.nanoTime() - start, checksum);
    }
}
