package io.swarmplace.torrent.internal.engine;

import java.util.ArrayDeque;

/**
 * Piece-sized arrays for {@link PieceAssembly}, reused once storage has hashed and written a piece. A
 * download at hundreds of MiB/s otherwise allocates a piece array per piece that lives just long enough
 * (blocks in flight, then the disk queue) to be promoted, so the old generation fills with dead piece
 * arrays and full collections stop the engine. At most {@code maxFreeBytes} wait here; arrays of another
 * size than the pooled ones (the last piece) are left to the collector. Touched only on the torrent's loop.
 */
final class PieceBuffers {

    static final long DEFAULT_MAX_FREE_BYTES = 16L * 1024 * 1024;

    private final long maxFreeBytes;
    private final ArrayDeque<byte[]> free = new ArrayDeque<>();

    PieceBuffers(long maxFreeBytes) {
        this.maxFreeBytes = maxFreeBytes;
    }

    /** An array of exactly {@code size} bytes with undefined content. */
    byte[] take(int size) {
        byte[] pooled = free.peek();
        if (pooled != null && pooled.length == size) {
            return free.pop();
        }
        return new byte[size];
    }

    /** Takes back an array nobody reads or writes any more. */
    void give(byte[] array) {
        byte[] pooled = free.peek();
        if (pooled != null && pooled.length != array.length) {
            return;
        }
        if ((long) (free.size() + 1) * array.length <= maxFreeBytes) {
            free.push(array);
        }
    }

    int freeCount() {
        return free.size();
    }
}
