package io.swarmplace.ledger.hub.internal.store;

import io.swarmplace.ledger.hub.internal.wire.Ed25519;
import java.util.Arrays;

/** A raw public key as a map key (arrays compare by identity). */
record KeyBytes(byte[] bytes) {

    KeyBytes {
        bytes = bytes.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof KeyBytes that && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return Ed25519.hex(bytes);
    }
}
