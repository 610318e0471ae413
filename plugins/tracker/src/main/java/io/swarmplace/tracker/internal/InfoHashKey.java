package io.swarmplace.tracker.internal;

import java.util.Arrays;
import java.util.HexFormat;

/** The 20-byte SHA-1 info-hash a swarm is known by (BEP 3); v2-only 32-byte hashes are truncated to 20 by clients. */
final class InfoHashKey implements Comparable<InfoHashKey> {

    static final int LENGTH = 20;

    private final byte[] bytes;
    private final int hash;

    private InfoHashKey(byte[] bytes) {
        this.bytes = bytes;
        this.hash = Arrays.hashCode(bytes);
    }

    /** @throws IllegalArgumentException if {@code bytes} is not 20 bytes long */
    static InfoHashKey of(byte[] bytes) {
        if (bytes.length != LENGTH) {
            throw new IllegalArgumentException("an info-hash is 20 bytes, got " + bytes.length);
        }
        return new InfoHashKey(bytes.clone());
    }

    /** @throws IllegalArgumentException if {@code hex} is not 40 hexadecimal digits */
    static InfoHashKey parseHex(String hex) {
        String trimmed = hex.strip();
        if (trimmed.length() != 2 * LENGTH) {
            throw new IllegalArgumentException("an info-hash is 40 hexadecimal digits, got '" + hex + "' ("
                    + trimmed.length() + " characters)");
        }
        try {
            return new InfoHashKey(HexFormat.of().parseHex(trimmed));
        } catch (IllegalArgumentException notHex) {
            throw new IllegalArgumentException("an info-hash is 40 hexadecimal digits, got '" + hex + "'", notHex);
        }
    }

    byte[] bytes() {
        return bytes.clone();
    }

    String hex() {
        return HexFormat.of().formatHex(bytes);
    }

    @Override
    public int compareTo(InfoHashKey other) {
        return Arrays.compareUnsigned(bytes, other.bytes);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof InfoHashKey that && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return hex();
    }
}
