package io.swarmplace.dht;

import java.util.Arrays;
import java.util.Objects;

/**
 * An item stored in the DHT under the SHA-1 of its bencoded value (BEP 44).
 *
 * @param targetHex SHA-1 of {@code value}, 40 lowercase hex digits
 * @param value the bencoded value, at most 1,000 bytes
 */
public record ImmutableItem(String targetHex, byte[] value) {

    public static final int MAX_VALUE = 1000;

    public ImmutableItem {
        Objects.requireNonNull(targetHex, "targetHex");
        value = Objects.requireNonNull(value, "value").clone();
    }

    @Override
    public byte[] value() {
        return value.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ImmutableItem that && targetHex.equals(that.targetHex) && Arrays.equals(value, that.value);
    }

    @Override
    public int hashCode() {
        return targetHex.hashCode();
    }
}
