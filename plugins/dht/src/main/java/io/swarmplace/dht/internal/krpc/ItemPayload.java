package io.swarmplace.dht.internal.krpc;

import java.util.Objects;
import java.util.Optional;

/**
 * A BEP 44 item as it travels in a get response or a put query: the bencoded value and, for a mutable
 * item, its key, seq and signature.
 *
 * @param value one bencoded value, as its canonical encoding
 */
public record ItemPayload(byte[] value, Optional<Signed> signed) {

    /** The mutable part: ed25519 public key (32 bytes), version, signature (64 bytes). */
    public record Signed(byte[] publicKey, long seq, byte[] signature) {
        public Signed {
            publicKey = publicKey.clone();
            signature = signature.clone();
        }

        @Override
        public byte[] publicKey() {
            return publicKey.clone();
        }

        @Override
        public byte[] signature() {
            return signature.clone();
        }
    }

    public ItemPayload {
        value = Objects.requireNonNull(value, "value").clone();
        Objects.requireNonNull(signed, "signed");
    }

    @Override
    public byte[] value() {
        return value.clone();
    }
}
