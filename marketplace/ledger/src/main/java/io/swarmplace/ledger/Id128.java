package io.swarmplace.ledger;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.UUID;

/**
 * A 128-bit identifier of an account or transfer, chosen by the client so that a retry carries the same
 * id. Zero is reserved (it means "none"). Written as 32 hex digits.
 */
public record Id128(long high, long low) implements Comparable<Id128> {

    private static final SecureRandom RANDOM = new SecureRandom();

    public static final Id128 ZERO = new Id128(0, 0);

    public static Id128 random() {
        return new Id128(RANDOM.nextLong(), RANDOM.nextLong());
    }

    public static Id128 of(long low) {
        return new Id128(0, low);
    }

    /**
     * An id derived from something that already identifies the event (a TRON transaction id, an order
     * number): the first 128 bits of SHA-256(domain, 0, material). The same event always maps to the same
     * id, so seeing it twice can never move money twice.
     */
    public static Id128 derive(String domain, byte[] material) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(domain.getBytes(StandardCharsets.UTF_8));
            sha256.update((byte) 0);
            ByteBuffer digest = ByteBuffer.wrap(sha256.digest(material));
            return new Id128(digest.getLong(), digest.getLong());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    /** Parses 32 hex digits (or fewer: leading zeros may be left out). */
    public static Id128 parse(String hex) {
        String digits = hex.strip();
        if (digits.isEmpty() || digits.length() > 32 || !digits.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            throw new IllegalArgumentException("not a 128-bit id (1 to 32 hex digits): '" + hex + "'");
        }
        String padded = "0".repeat(32 - digits.length()) + digits;
        return new Id128(Long.parseUnsignedLong(padded.substring(0, 16), 16),
                Long.parseUnsignedLong(padded.substring(16), 16));
    }

    public static Id128 fromUuid(UUID uuid) {
        return new Id128(uuid.getMostSignificantBits(), uuid.getLeastSignificantBits());
    }

    public UUID toUuid() {
        return new UUID(high, low);
    }

    public boolean isZero() {
        return high == 0 && low == 0;
    }

    @Override
    public int compareTo(Id128 other) {
        int byHigh = Long.compareUnsigned(high, other.high);
        return byHigh != 0 ? byHigh : Long.compareUnsigned(low, other.low);
    }

    @Override
    public String toString() {
        return HexFormat.of().toHexDigits(high) + HexFormat.of().toHexDigits(low);
    }
}
