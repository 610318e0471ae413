package io.swarmplace.wallet;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * A TRON account address: 21 bytes, the first 0x41, shown in base58check ("T..."). Checked when
 * parsed, so a typo never becomes a transfer to nobody.
 */
public final class TronAddress {

    /** Every TRON address starts with this byte; it is what makes the base58 form start with 'T'. */
    public static final byte PREFIX = 0x41;
    public static final int LENGTH = 21;

    private final byte[] bytes;

    private TronAddress(byte[] bytes) {
        this.bytes = bytes;
    }

    /** Parses the base58check form, e.g. {@code TPL66VK2gCXNCD7EJg9pgJRfqcRazjhUZY}. */
    public static TronAddress parse(String base58) {
        if (base58 == null || base58.isBlank()) {
            throw new InvalidAddressException("a TRON address is required (it starts with T)");
        }
        byte[] decoded;
        try {
            decoded = Base58Check.decode(base58.strip());
        } catch (IllegalArgumentException e) {
            throw new InvalidAddressException("'" + base58 + "' is not a TRON address: " + e.getMessage());
        }
        return of(decoded, base58);
    }

    /** From the 21 raw bytes (hex form 41...). */
    public static TronAddress ofBytes(byte[] bytes) {
        return of(bytes.clone(), HexFormat.of().formatHex(bytes));
    }

    /** From the hex form, e.g. {@code 41928c9af0651632157ef27a2cf17ca72c575a4d21}. */
    public static TronAddress ofHex(String hex) {
        try {
            return of(HexFormat.of().parseHex(hex.strip()), hex);
        } catch (IllegalArgumentException e) {
            throw new InvalidAddressException("'" + hex + "' is not a hex TRON address: " + e.getMessage());
        }
    }

    private static TronAddress of(byte[] bytes, String shown) {
        if (bytes.length != LENGTH || bytes[0] != PREFIX) {
            throw new InvalidAddressException("'" + shown + "' is not a TRON address: expected 21 bytes starting with 0x41");
        }
        return new TronAddress(bytes);
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    public String hex() {
        return HexFormat.of().formatHex(bytes);
    }

    public String base58() {
        return Base58Check.encode(bytes);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TronAddress address && Arrays.equals(bytes, address.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return base58();
    }
}
