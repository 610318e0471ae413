package io.swarmplace.torrent.internal.storage;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Verified whole pieces kept in memory, least recently used dropped first, bounded in bytes. Seeding
 * peers ask for the same popular pieces block by block; serving those from memory saves a disk read per
 * block. The arrays are never changed once cached, so read-only views of them may be handed out.
 */
final class PieceCache {

    private final long capacityBytes;
    private final LinkedHashMap<Integer, byte[]> pieces = new LinkedHashMap<>(64, 0.75f, true);
    private long bytes;

    PieceCache(long capacityBytes) {
        this.capacityBytes = capacityBytes;
    }

    /** Whether a piece of this size can be cached at all. */
    boolean fits(int pieceSize) {
        return pieceSize <= capacityBytes;
    }

    synchronized byte[] get(int piece) {
        return pieces.get(piece);
    }

    /** Caches {@code data} (which the caller must not change afterwards), evicting as needed. */
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
