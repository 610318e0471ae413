package io.swarmplace.dht.internal.item;

import io.swarmplace.dht.ImmutableItem;
import io.swarmplace.dht.MutableItem;
import io.swarmplace.dht.internal.krpc.ItemPayload;
import io.swarmplace.dht.internal.krpc.NodeId;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** BEP 44's addressing and signing rules: where an item lives and which bytes its signature covers. */
public final class ItemRules {

    private ItemRules() {}

    /** An immutable item's target: SHA-1 of its bencoded value. */
    public static NodeId immutableTarget(byte[] bencodedValue) {
        return NodeId.of(sha1(bencodedValue));
    }

    /** A mutable item's target: SHA-1 of the public key followed by the salt. */
    public static NodeId mutableTarget(byte[] publicKey, byte[] salt) {
        byte[] input = new byte[publicKey.length + salt.length];
        System.arraycopy(publicKey, 0, input, 0, publicKey.length);
        System.arraycopy(salt, 0, input, publicKey.length, salt.length);
        return NodeId.of(sha1(input));
    }

    /** The bytes a mutable item's signature covers: {@code 4:salt<n>:<salt>3:seqi<seq>e1:v<value>}, the salt part only if there is one. */
    public static byte[] signedBytes(byte[] salt, long seq, byte[] bencodedValue) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bencodedValue.length + salt.length + 40);
        if (salt.length > 0) {
            out.writeBytes(("4:salt" + salt.length + ":").getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(salt);
        }
        out.writeBytes(("3:seqi" + seq + "e1:v").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(bencodedValue);
        return out.toByteArray();
    }

    /** True if the payload carries a valid signature of its key over salt, seq and value. */
    public static boolean signatureValid(ItemPayload.Signed signed, byte[] salt, byte[] bencodedValue) {
        return Ed25519Keys.verify(signed.publicKey(), signedBytes(salt, signed.seq(), bencodedValue), signed.signature());
    }

    /** Checks a value a caller wants to store; the message says what to change. */
    public static void requireStorable(byte[] bencodedValue, byte[] salt) {
        if (bencodedValue.length > ImmutableItem.MAX_VALUE) {
            throw new IllegalArgumentException("a DHT item's bencoded value may have at most " + ImmutableItem.MAX_VALUE
                    + " bytes, got " + bencodedValue.length);
        }
        if (salt.length > MutableItem.MAX_SALT) {
            throw new IllegalArgumentException("a DHT item's salt may have at most " + MutableItem.MAX_SALT + " bytes, got "
                    + salt.length);
        }
    }

    private static byte[] sha1(byte[] input) {
        try {
            return MessageDigest.getInstance("SHA-1").digest(input);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every JVM has SHA-1", impossible);
        }
    }
}
