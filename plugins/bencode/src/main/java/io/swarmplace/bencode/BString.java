package io.swarmplace.bencode;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;

/**
 * A bencoded byte string. Bencode strings are bytes, not text: info-hashes, piece hashes and compact
 * peer lists are binary, so the bytes are kept as they are and text is a view on demand. Ordered by
 * unsigned raw bytes, the order bencode requires for dictionary keys.
 */
public record BString(byte[] bytes) implements BValue, Comparable<BString> {

    /** Longest prefix shown by {@link #toString()}; piece hash strings run to megabytes. */
    private static final int SHOWN_BYTES = 48;

    public BString {
        bytes = bytes.clone();
    }

    public static BString of(byte[] bytes) {
        return new BString(bytes);
    }

    /** The UTF-8 bytes of {@code text}. */
    public static BString of(String text) {
        return new BString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** A copy of the bytes. */
    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    public int length() {
        return bytes.length;
    }

    public byte byteAt(int index) {
        return bytes[index];
    }

    /** A read-only view of the bytes, without copying. */
    public ByteBuffer asByteBuffer() {
        return ByteBuffer.wrap(bytes).asReadOnlyBuffer();
    }

    /** The bytes as UTF-8 text; malformed sequences become U+FFFD, so this is for display and lenient fields. */
    public String utf8() {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** The bytes as UTF-8 text, or empty if they are not well-formed UTF-8. */
    public Optional<String> strictUtf8() {
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString());
        } catch (CharacterCodingException notUtf8) {
            return Optional.empty();
        }
    }

    public String hex() {
        return HexFormat.of().formatHex(bytes);
    }

    @Override
    public int compareTo(BString other) {
        return Arrays.compareUnsigned(bytes, other.bytes);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof BString that && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String typeName() {
        return "byte string";
    }

    /** Printable ASCII is shown quoted, anything else as hex; long strings are cut short. */
    @Override
    public String toString() {
        int shown = Math.min(bytes.length, SHOWN_BYTES);
        String suffix = shown < bytes.length ? "... (" + bytes.length + " bytes)" : "";
        if (isPrintableAscii(shown)) {
            return "'" + new String(bytes, 0, shown, StandardCharsets.US_ASCII) + suffix + "'";
        }
        return "0x" + HexFormat.of().formatHex(bytes, 0, shown) + suffix;
    }

    private boolean isPrintableAscii(int count) {
        for (int i = 0; i < count; i++) {
            if (bytes[i] < 0x20 || bytes[i] > 0x7e) {
                return false;
            }
        }
        return true;
    }
}
