package io.swarmplace.dht;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A signed, updatable item stored in the DHT (BEP 44). Its address is SHA-1 of the public key followed by
 * the salt, so one key can publish many items under different salts.
 *
 * @param publicKey the signer's ed25519 public key, 32 bytes
 * @param salt up to 64 bytes, empty for none
 * @param seq the version; readers take the highest seq they find
 * @param value the bencoded value, at most 1,000 bytes
 * @param signature the ed25519 signature (64 bytes) over salt, seq and value as BEP 44 lays them out
 */
public record MutableItem(byte[] publicKey, byte[] salt, long seq, byte[] value, byte[] signature) {

    public static final int PUBLIC_KEY_LENGTH = 32;
    public static final int SIGNATURE_LENGTH = 64;
    public static final int MAX_SALT = 64;

    public MutableItem {
        publicKey = Objects.requireNonNull(publicKey, "publicKey").clone();
        salt = Objects.requireNonNull(salt, "salt").clone();
        value = Objects.requireNonNull(value, "value").clone();
        signature = Objects.requireNonNull(signature, "signature").clone();
    }

    @Override
    public byte[] publicKey() {
        return publicKey.clone();
    }

    @Override
    public byte[] salt() {
        return salt.clone();
    }

    @Override
    public byte[] value() {
        return value.clone();
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MutableItem that && seq == that.seq && Arrays.equals(publicKey, that.publicKey)
                && Arrays.equals(salt, that.salt) && Arrays.equals(value, that.value)
                && Arrays.equals(signature, that.signature);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(publicKey), Arrays.hashCode(salt), seq, Arrays.hashCode(value));
    }

    @Override
    public String toString() {
        HexFormat hex = HexFormat.of();
        return "MutableItem[pk=" + hex.formatHex(publicKey) + ", salt=" + hex.formatHex(salt) + ", seq=" + seq + ", "
                + value.length + " bytes]";
    }
}
