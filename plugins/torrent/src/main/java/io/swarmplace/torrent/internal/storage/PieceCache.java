package io.swarmplace.torrent.internal.storage;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Verified whole pieces kept in memory, least recently used dropped first, bounded in bytes. Seeding
 * peers ask for the same popular pieces block by block; serving those from memory saves a disk read per
 * block.
 *
 * <p>The arrays never leave the cache: readers get copies ({@link #copy}, {@link #copyInto}), so an evicted array can be
 * filled again at once ({@link #take}). Downloading and seeding push a cache's worth of pieces through it
 * every few seconds; allocating a new array for each filled the old generation with dead piece arrays and
 * made the collector stop the engine for long full collections.
 */
final class PieceCache {

    private final long capacityBytes;
    private final LinkedHashMap<Integer, byte[]> pieces = new LinkedHashMap<>(64, 0.75f, true);
    private long bytes;
    /** Bytes of arrays handed out by {@link #take} and not yet cached or given back: room kept for them. */
    private long reservedBytes;

    PieceCache(long capacityBytes) {
        this.capacityBytes = capacityBytes;
    }

    /** Whether a piece of this size can be cached at all. */
    boolean fits(int pieceSize) {
        return pieceSize <= capacityBytes;
    }

    /** The cached array itself, for tests; the storage uses {@link #copy}. */
    synchronized byte[] get(int piece) {
        return pieces.get(piece);
    }

    /** A copy of {@code length} bytes at {@code begin} of a cached piece, or null when it is not cached. */
    synchronized byte[] copy(int piece, int begin, int length) {
        byte[] cached = pieces.get(piece);
        return cached == null ? null : Arrays.copyOfRange(cached, begin, begin + length);
    }

    synchronized boolean contains(int piece) {
        return pieces.containsKey(piece);
    }

    /** Copies {@code length} bytes at {@code begin} of a cached piece into {@code into}; false when it is not cached. */
    synchronized boolean copyInto(int piece, int begin, int length, ByteBuffer into) {
        byte[] cached = pieces.get(piece);
        if (cached == null) {
            return false;
        }
        into.put(cached, begin, length);
        return true;
    }

    /**
     * An array of {@code size} bytes for the caller to fill and then {@link #putTaken} or {@link #giveBack}:
     * room for it is made by evicting the least recently used pieces, and an evicted array of the same size
     * is handed out instead of a new one. Its content is undefined. The room stays reserved while the caller
     * holds it, so disk threads filling arrays at the same time each evict (and reuse) one instead of
     * allocating while the others' arrays are not counted yet.
     */
    synchronized byte[] take(int size) {
        byte[] reuse = null;
        Iterator<Map.Entry<Integer, byte[]>> eldest = pieces.entrySet().iterator();
        while (bytes + reservedBytes + size > capacityBytes && eldest.hasNext()) {
            byte[] evicted = eldest.next().getValue();
            eldest.remove();
            bytes -= evicted.length;
            if (reuse == null && evicted.length == size) {
                reuse = evicted;
            }
        }
        reservedBytes += size;
        return reuse != null ? reuse : new byte[size];
    }

    /** Caches an array from {@link #take}, filled; the caller must not use it afterwards. */
    synchronized void putTaken(int piece, byte[] taken) {
        reservedBytes -= taken.length;
        put(piece, taken);
    }

    /** Returns an array from {@link #take} that is not to be cached (the read failed, the piece is gone). */
    synchronized void giveBack(byte[] taken) {
        reservedBytes -= taken.length;
    }

    /** Caches {@code data} (which the caller must not use afterwards), evicting as needed. */
    synchronized void put(int piece, byte[] data) {
        if (!fits(data.length)) {
            return;
        }
        byte[] previous = pieces.remove(piece);
        if (previous != null) {
            bytes -= previous.length;
        }
        Iterator<Map.Entry<Integer, byte[]>> eldest = pieces.entrySet().iterator();
        while (bytes + data.length > capacityBytes && eldest.hasNext()) {
            bytes -= eldest.next().getValue().length;
            eldest.remove();
        }
        pieces.put(piece, data);
        bytes += data.length;
    }

    synchronized void remove(int piece) {
        byte[] previous = pieces.remove(piece);
        if (previous != null) {
            bytes -= previous.length;
        }
    }

    synchronized void clear() {
        pieces.clear();
        bytes = 0;
    }

    synchronized long bytes() {
        return bytes;
    }
}
