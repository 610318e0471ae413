package io.swarmplace.dht.internal.krpc;

import java.util.Arrays;
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

        @Override
        public boolean equals(Object other) {
            return other instanceof Signed that && seq == that.seq && Arrays.equals(publicKey, that.publicKey)
                    && Arrays.equals(signature, that.signature);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(publicKey) * 31 + Long.hashCode(seq);
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

    @Override
    public boolean equals(Object other) {
        return other instanceof ItemPayload that && Arrays.equals(value, that.value) && signed.equals(that.signed);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(value) * 31 + signed.hashCode();
    }
}
