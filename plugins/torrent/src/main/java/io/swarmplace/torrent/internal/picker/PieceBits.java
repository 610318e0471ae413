package io.swarmplace.torrent.internal.picker;

import java.util.BitSet;

/**
 * A fixed-size set of piece indices with the word-parallel operations the picker needs across two
 * sets (first common piece, n-th common piece, count in common) that {@link BitSet} only offers by
 * allocating a copy. 100,000 pieces are 1,563 words, so a full pass costs about a microsecond.
 */
final class PieceBits {

    private final long[] words;
    private final int size;
    private int cardinality;

    PieceBits(int size) {
        this.size = size;
        this.words = new long[(size + 63) >>> 6];
    }

    static PieceBits of(BitSet bits, int size) {
        PieceBits copy = new PieceBits(size);
        for (int i = bits.nextSetBit(0); i >= 0 && i < size; i = bits.nextSetBit(i + 1)) {
            copy.set(i);
        }
        return copy;
    }

    int size() {
        return size;
    }

    int cardinality() {
        return cardinality;
    }

    boolean get(int index) {
        return (words[index >>> 6] & (1L << index)) != 0;
    }

    /** Sets the bit; returns true if it was clear. */
    boolean set(int index) {
        long mask = 1L << index;
        int w = index >>> 6;
        if ((words[w] & mask) != 0) {
            return false;
        }
        words[w] |= mask;
        cardinality++;
        return true;
    }

    /** Clears the bit; returns true if it was set. */
    boolean clear(int index) {
        long mask = 1L << index;
        int w = index >>> 6;
        if ((words[w] & mask) == 0) {
            return false;
        }
        words[w] &= ~mask;
        cardinality--;
        return true;
    }

    int nextSetBit(int from) {
        if (from >= size) {
            return -1;
        }
        int w = from >>> 6;
        long word = words[w] & (-1L << from);
        while (true) {
            if (word != 0) {
                return (w << 6) + Long.numberOfTrailingZeros(word);
            }
            if (++w == words.length) {
                return -1;
            }
            word = words[w];
        }
    }

    /** First index at or after {@code from} set in both this and {@code other} (same size), or -1. */
    int nextSetBitInBoth(PieceBits other, int from) {
        if (from >= size) {
            return -1;
        }
        int w = from >>> 6;
        long word = words[w] & other.words[w] & (-1L << from);
        while (true) {
            if (word != 0) {
                return (w << 6) + Long.numberOfTrailingZeros(word);
            }
            if (++w == words.length) {
                return -1;
            }
            word = words[w] & other.words[w];
        }
    }

    /** How many indices are set in both. */
    int countInBoth(PieceBits other) {
        int count = 0;
        for (int w = 0; w < words.length; w++) {
            count += Long.bitCount(words[w] & other.words[w]);
        }
        return count;
    }

    /** The {@code n}-th (0-based) index set in both, or -1 if fewer than {@code n + 1} are. */
    int nthSetBitInBoth(PieceBits other, int n) {
        int left = n;
        for (int w = 0; w < words.length; w++) {
            long word = words[w] & other.words[w];
            int count = Long.bitCount(word);
            if (left < count) {
                for (int i = 0; i < left; i++) {
                    word &= word - 1;
                }
                return (w << 6) + Long.numberOfTrailingZeros(word);
            }
            left -= count;
        }
        return -1;
    }

    boolean intersects(PieceBits other) {
        for (int w = 0; w < words.length; w++) {
            if ((words[w] & other.words[w]) != 0) {
                return true;
            }
        }
        return false;
    }

    /** Whether any index set here is also set in {@code other}, read word-wise from a {@link BitSet}. */
    boolean intersects(BitSet other) {
        long[] theirs = other.toLongArray();
        int n = Math.min(theirs.length, words.length);
        for (int w = 0; w < n; w++) {
            if ((words[w] & theirs[w]) != 0) {
                return true;
            }
        }
        return false;
    }

    BitSet toBitSet() {
        return BitSet.valueOf(words);
    }
}
