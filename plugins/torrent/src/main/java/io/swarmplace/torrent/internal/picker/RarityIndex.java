package io.swarmplace.torrent.internal.picker;

import java.util.Arrays;

/**
 * The pieces nobody has requested yet, bucketed by priority and then by availability, so that
 * rarest-first looks at the rarest pieces first instead of sorting or scanning every piece, and an
 * availability change (a HAVE) moves one piece between neighbouring buckets in O(1).
 *
 * <p>A bucket is an unordered array; a piece leaves it by swapping the last piece into its place.
 * Ties are broken by where the reader starts scanning a bucket (see {@link PiecePicker}), not by
 * the order inside it.
 */
final class RarityIndex {

    static final class Bucket {
        int[] pieces = new int[4];
        int size;
    }

    private final int[] position;
    private final Bucket[][] buckets; // [priority][availability]
    private final int[] sizeByPriority;

    RarityIndex(int pieceCount, int maxPriority) {
        position = new int[pieceCount];
        Arrays.fill(position, -1);
        buckets = new Bucket[maxPriority + 1][];
        for (int p = 0; p <= maxPriority; p++) {
            buckets[p] = new Bucket[0];
        }
        sizeByPriority = new int[maxPriority + 1];
    }

    void add(int piece, int priority, int availability) {
        Bucket bucket = bucketFor(priority, availability);
        if (bucket.size == bucket.pieces.length) {
            bucket.pieces = Arrays.copyOf(bucket.pieces, bucket.size * 2);
        }
        position[piece] = bucket.size;
        bucket.pieces[bucket.size++] = piece;
        sizeByPriority[priority]++;
    }

    void remove(int piece, int priority, int availability) {
        Bucket bucket = buckets[priority][availability];
        int at = position[piece];
        int last = bucket.pieces[--bucket.size];
        bucket.pieces[at] = last;
        position[last] = at;
        position[piece] = -1;
        sizeByPriority[priority]--;
    }

    void move(int piece, int priority, int fromAvailability, int toAvailability) {
        remove(piece, priority, fromAvailability);
        add(piece, priority, toAvailability);
    }

    int size(int priority) {
        return sizeByPriority[priority];
    }

    /** Buckets exist for availabilities {@code 0 .. bucketCount(priority) - 1}; some may be empty. */
    int bucketCount(int priority) {
        return buckets[priority].length;
    }

    /** The bucket, or null if none was ever needed. */
    Bucket bucket(int priority, int availability) {
        Bucket[] row = buckets[priority];
        return availability < row.length ? row[availability] : null;
    }

    private Bucket bucketFor(int priority, int availability) {
        Bucket[] row = buckets[priority];
        if (availability >= row.length) {
            int grown = Math.max(availability + 1, row.length * 2);
            row = Arrays.copyOf(row, grown);
            for (int a = buckets[priority].length; a < grown; a++) {
                row[a] = new Bucket();
            }
            buckets[priority] = row;
        }
        return row[availability];
    }
}
