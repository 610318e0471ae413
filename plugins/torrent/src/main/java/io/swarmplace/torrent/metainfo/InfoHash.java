package io.swarmplace.torrent.metainfo;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The SHA-1 of a torrent's bencoded info dictionary (BEP 3, v1): the name of a swarm everywhere on the
 * network. Immutable; the array given to the constructor is copied.
 */
public record InfoHash(byte[] bytes) implements Comparable<InfoHash> {

    public static final int LENGTH = 20;

    public InfoHash {
        if (bytes == null || bytes.length != LENGTH) {
            throw new IllegalArgumentException(
                    "an info-hash has " + LENGTH + " bytes, got " + (bytes == null ? "none" : bytes.length));
        }
        bytes = bytes.clone();
    }

    /** The info-hash of exactly these bencoded info-dictionary bytes. */
    public static InfoHash ofInfoBytes(byte[] infoDictionary) {
        try {
            return new InfoHash(MessageDigest.getInstance("SHA-1").digest(infoDictionary));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-1", e);
        }
    }

    /** Parses 40 hex digits, either case. */
    public static InfoHash fromHex(String hex) {
        if (hex == null || hex.length() != 2 * LENGTH) {
            throw new IllegalArgumentException("an info-hash in hex has 40 digits: " + hex);
        }
        try {
            return new InfoHash(HexFormat.of().parseHex(hex.toLowerCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a hex info-hash: " + hex, e);
        }
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    /** Lower-case hex, as trackers' whitelists and most tools print it. */
    public String hex() {
        return HexFormat.of().formatHex(bytes);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof InfoHash that && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public int compareTo(InfoHash other) {
        return Arrays.compareUnsigned(bytes, other.bytes);
    }

    @Override
    public String toString() {
        return hex();
    }
}
