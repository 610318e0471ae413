package io.swarmplace.dht.internal.krpc;

import java.util.Arrays;
import java.util.HexFormat;

/** Opaque bytes compared by content: KRPC transaction ids and tokens. */
public record ByteString(byte[] bytes) {

    public ByteString {
        bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    public int length() {
        return bytes.length;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ByteString that && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return HexFormat.of().formatHex(bytes);
    }
}
