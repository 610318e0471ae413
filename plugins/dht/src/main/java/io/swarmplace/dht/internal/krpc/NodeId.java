package io.swarmplace.dht.internal.krpc;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;

/**
 * A 160-bit DHT id (node id, info-hash or lookup target). Distances are XOR, compared as unsigned
 * big-endian numbers. Immutable.
 */
public final class NodeId implements Comparable<NodeId> {

    public static final int LENGTH = 20;
    public static final int BITS = LENGTH * 8;

    private final byte[] bytes;

    private NodeId(byte[] bytes) {
        this.bytes = bytes;
    }

    /** An id from exactly 20 bytes (copied). */
    public static NodeId of(byte[] bytes) {
        if (bytes.length != LENGTH) {
            throw new IllegalArgumentException("a DHT id has " + LENGTH + " bytes, got " + bytes.length);
        }
        return new NodeId(bytes.clone());
    }

    /** An id from 20 bytes of {@code source} starting at {@code offset}. */
    public static NodeId of(byte[] source, int offset) {
        return new NodeId(Arrays.copyOfRange(source, offset, offset + LENGTH));
    }

    /** An id from 40 hex digits. */
    public static NodeId parseHex(String hex) {
        String digits = hex.strip();
        if (digits.length() != LENGTH * 2) {
            throw new IllegalArgumentException("expected 40 hex digits for a DHT id or info-hash, got '" + hex + "' ("
                    + digits.length() + " characters)");
        }
        try {
            return new NodeId(HexFormat.of().parseHex(digits));
        } catch (IllegalArgumentException notHex) {
            throw new IllegalArgumentException("'" + hex + "' is not 40 hex digits", notHex);
        }
    }

    public static NodeId random(Random random) {
        byte[] bytes = new byte[LENGTH];
        random.nextBytes(bytes);
        return new NodeId(bytes);
    }

    /** A copy of the 20 bytes. */
    public byte[] bytes() {
        return bytes.clone();
    }

    public void copyTo(byte[] target, int offset) {
        System.arraycopy(bytes, 0, target, offset, LENGTH);
    }

    public int byteAt(int index) {
        return bytes[index] & 0xff;
    }

    /** Bit {@code index}, 0 being the most significant bit of the first byte. */
    public boolean bit(int index) {
        return (bytes[index >>> 3] & (0x80 >>> (index & 7))) != 0;
    }

    /** How many leading bits this id shares with {@code other} (160 when equal). */
    public int commonPrefixLength(NodeId other) {
        for (int i = 0; i < LENGTH; i++) {
            int x = (bytes[i] ^ other.bytes[i]) & 0xff;
            if (x != 0) {
                return i * 8 + Integer.numberOfLeadingZeros(x) - 24;
            }
        }
        return BITS;
    }

    /** Negative if {@code a} is closer to this id than {@code b}, positive if farther, 0 if equally far. */
    public int compareDistance(NodeId a, NodeId b) {
        for (int i = 0; i < LENGTH; i++) {
            int da = (a.bytes[i] ^ bytes[i]) & 0xff;
            int db = (b.bytes[i] ^ bytes[i]) & 0xff;
            if (da != db) {
                return da - db;
            }
        }
        return 0;
    }

    /**
     * A random id that shares exactly the first {@code prefixLength} bits with this one and differs in
     * the next (or is any id sharing all {@code prefixLength} bits when that is 160).
     */
    public NodeId randomWithPrefix(int prefixLength, boolean flipNextBit, Random random) {
        byte[] out = new byte[LENGTH];
        random.nextBytes(out);
        for (int bit = 0; bit < prefixLength; bit++) {
            setBit(out, bit, bit(bit));
        }
        if (flipNextBit && prefixLength < BITS) {
            setBit(out, prefixLength, !bit(prefixLength));
        }
        return new NodeId(out);
    }

    private static void setBit(byte[] target, int index, boolean value) {
        int mask = 0x80 >>> (index & 7);
        if (value) {
            target[index >>> 3] |= (byte) mask;
        } else {
            target[index >>> 3] &= (byte) ~mask;
        }
    }

    public String hex() {
        return HexFormat.of().formatHex(bytes);
    }

    @Override
    public int compareTo(NodeId other) {
        return Arrays.compareUnsigned(bytes, other.bytes);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof NodeId that && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return hex();
    }
}
