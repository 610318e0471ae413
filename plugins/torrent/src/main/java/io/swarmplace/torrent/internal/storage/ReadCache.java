package io.swarmplace.torrent.internal.storage;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Verified whole pieces kept in native memory to serve uploads, least recently used dropped first, bounded
 * in bytes across all the torrents of an engine (one cache per engine, as libtorrent's). Seeding peers ask
 * for the same popular pieces block by block; serving those from memory saves a disk read per block.
 *
 * <p>Blocks leave the cache as {@linkplain #retainedSlice slices} of the cached buffer, not copies: the
 * socket writes straight from the cache. Each slice holds a reference, so a piece evicted while some of its
 * blocks are still queued for a socket stays valid until they are written; only a buffer nobody else
 * holds is filled again by {@link #take}. Pieces are read from disk straight into these buffers, with no
 * heap copy on the way in either.
 *
 * <p>Each torrent's storage is an owner: its pieces are keyed by it and dropped with {@link #removeAll}.
 */
public final class ReadCache implements AutoCloseable {

    private final long capacityBytes;
    private final LinkedHashMap<Key, ByteBuf> pieces = new LinkedHashMap<>(64, 0.75f, true);
    private long bytes;
    /** Bytes of buffers handed out by {@link #take} and not yet cached or given back: room kept for them. */
    private long reservedBytes;
    /** Closed with the engine: a read still finishing on a disk thread frees its buffer instead of caching it. */
    private boolean closed;

    private record Key(Object owner, int piece) {}

    /** @param capacityBytes bytes of pieces held at most; 0 disables the cache */
    public ReadCache(long capacityBytes) {
        if (capacityBytes < 0) {
            throw new IllegalArgumentException("the read cache's size must not be negative, was " + capacityBytes);
        }
        this.capacityBytes = capacityBytes;
    }

    /** Whether a piece of this size can be cached at all. */
    boolean fits(int pieceSize) {
        return pieceSize <= capacityBytes;
    }

    synchronized boolean contains(Object owner, int piece) {
        return pieces.containsKey(new Key(owner, piece));
    }

    /**
     * {@code length} bytes at {@code begin} of a cached piece, sharing its memory and holding a reference
     * to it (the caller releases the slice), or null when the piece is not cached.
     */
    synchronized ByteBuf retainedSlice(Object owner, int piece, int begin, int length) {
        ByteBuf cached = pieces.get(new Key(owner, piece));
        return cached == null ? null : cached.retainedSlice(begin, length);
    }

    /** A heap copy of {@code length} bytes at {@code begin} of a cached piece, or null when it is not cached. */
    synchronized byte[] copy(Object owner, int piece, int begin, int length) {
        ByteBuf cached = pieces.get(new Key(owner, piece));
        if (cached == null) {
            return null;
        }
        byte[] copy = new byte[length];
        cached.getBytes(begin, copy);
        return copy;
    }

    /**
     * An empty buffer of exactly {@code size} bytes for the caller to fill and then {@link #putTaken} or
     * {@link #giveBack}: room for it is made by evicting the least recently used pieces, and an evicted
     * buffer of the same size that no slice still holds is handed out instead of a new one. The room stays
     * reserved while the caller holds it, so disk threads filling buffers at the same time each evict (and
     * reuse) one instead of allocating while the others' are not counted yet.
     */
    synchronized ByteBuf take(int size) {
        ByteBuf reuse = null;
        Iterator<ByteBuf> eldest = pieces.values().iterator();
        while (bytes + reservedBytes + size > capacityBytes && eldest.hasNext()) {
            ByteBuf evicted = eldest.next();
            eldest.remove();
            bytes -= evicted.capacity();
            // The map's removal means no new slice can be made of it; refCnt 1 means no old one is left.
            if (reuse == null && evicted.capacity() == size && evicted.refCnt() == 1) {
                reuse = evicted;
            } else {
                evicted.release();
            }
        }
        reservedBytes += size;
        return reuse != null ? reuse.clear() : Unpooled.directBuffer(size, size);
    }

    /** Caches a buffer from {@link #take}, filled to its capacity; the cache owns it afterwards. */
    synchronized void putTaken(Object owner, int piece, ByteBuf taken) {
        reservedBytes -= taken.capacity();
        if (closed) {
            taken.release();
            return;
        }
        ByteBuf previous = pieces.put(new Key(owner, piece), taken);
        if (previous != null) {
            bytes -= previous.capacity();
            previous.release();
        }
        bytes += taken.capacity();
    }

    /** Returns a buffer from {@link #take} that is not to be cached (the read failed, the piece is gone). */
    synchronized void giveBack(ByteBuf taken) {
        reservedBytes -= taken.capacity();
        taken.release();
    }

    synchronized void remove(Object owner, int piece) {
        ByteBuf previous = pieces.remove(new Key(owner, piece));
        if (previous != null) {
            bytes -= previous.capacity();
            previous.release();
        }
    }

    /** Drops every piece of one owner: its torrent closed, moved away or deleted its files. */
    synchronized void removeAll(Object owner) {
        Iterator<Map.Entry<Key, ByteBuf>> entries = pieces.entrySet().iterator();
        while (entries.hasNext()) {
            Map.Entry<Key, ByteBuf> entry = entries.next();
            if (entry.getKey().owner() == owner) {
                entries.remove();
                bytes -= entry.getValue().capacity();
                entry.getValue().release();
            }
        }
    }

    /** Bytes of one owner's pieces held now. */
    synchronized long bytesOf(Object owner) {
        long held = 0;
        for (Map.Entry<Key, ByteBuf> entry : pieces.entrySet()) {
            if (entry.getKey().owner() == owner) {
                held += entry.getValue().capacity();
            }
        }
        return held;
    }

    /** Bytes of pieces held now, across owners. */
    public synchronized long bytes() {
        return bytes;
    }

    /** Frees every cached piece (memory still sliced by queued writes is freed once they are written). */
    @Override
    public synchronized void close() {
        closed = true;
        pieces.values().forEach(ByteBuf::release);
        pieces.clear();
        bytes = 0;
    }
}
