package io.swarmplace.wallet;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * Base58 with a 4-byte double-SHA-256 checksum, as Bitcoin and TRON write addresses: no 0/O/I/l to
 * misread, and a typo fails the checksum.
 */
final class Base58Check {

    private static final String ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
    private static final BigInteger BASE = BigInteger.valueOf(58);
    private static final int CHECKSUM_LENGTH = 4;
    /** Far longer than any address; stops a hostile string from costing quadratic time. */
    private static final int MAX_INPUT_LENGTH = 128;

    private Base58Check() {}

    static String encode(byte[] payload) {
        byte[] data = Arrays.copyOf(payload, payload.length + CHECKSUM_LENGTH);
        System.arraycopy(checksum(payload), 0, data, payload.length, CHECKSUM_LENGTH);
        StringBuilder out = new StringBuilder();
        BigInteger value = new BigInteger(1, data);
        while (value.signum() > 0) {
            BigInteger[] divided = value.divideAndRemainder(BASE);
            out.append(ALPHABET.charAt(divided[1].intValue()));
            value = divided[0];
        }
        for (int i = 0; i < data.length && data[i] == 0; i++) {
            out.append(ALPHABET.charAt(0));
        }
        return out.reverse().toString();
    }

    /** Returns the payload, or throws IllegalArgumentException saying what is wrong. */
    static byte[] decode(String text) {
        if (text.length() > MAX_INPUT_LENGTH) {
            throw new IllegalArgumentException("too long");
        }
        BigInteger value = BigInteger.ZERO;
        for (int i = 0; i < text.length(); i++) {
            int digit = ALPHABET.indexOf(text.charAt(i));
            if (digit < 0) {
                throw new IllegalArgumentException("'" + text.charAt(i) + "' is not a base58 character");
            }
            value = value.multiply(BASE).add(BigInteger.valueOf(digit));
        }
        byte[] magnitude = value.signum() == 0 ? new byte[0] : value.toByteArray();
        if (magnitude.length > 0 && magnitude[0] == 0) {
            magnitude = Arrays.copyOfRange(magnitude, 1, magnitude.length);
        }
        int leadingZeros = 0;
        while (leadingZeros < text.length() && text.charAt(leadingZeros) == ALPHABET.charAt(0)) {
            leadingZeros++;
        }
        byte[] data = new byte[leadingZeros + magnitude.length];
        System.arraycopy(magnitude, 0, data, leadingZeros, magnitude.length);
        if (data.length <= CHECKSUM_LENGTH) {
            throw new IllegalArgumentException("too short");
        }
        byte[] payload = Arrays.copyOf(data, data.length - CHECKSUM_LENGTH);
        byte[] expected = checksum(payload);
        if (!MessageDigest.isEqual(expected, Arrays.copyOfRange(data, payload.length, data.length))) {
            throw new IllegalArgumentException("checksum mismatch (a mistyped character?)");
        }
        return payload;
    }

    private static byte[] checksum(byte[] payload) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            byte[] twice = sha256.digest(sha256.digest(payload));
            return Arrays.copyOf(twice, CHECKSUM_LENGTH);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
