package io.swarmplace.ledger.hub.internal.wire;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Ed25519 keys as the wire carries them: the raw 32-byte public key (RFC 8032), signatures of 64 bytes,
 * over a domain-separated message so a hub signature can never be replayed as anything else.
 */
public final class Ed25519 {

    public static final int PUBLIC_KEY_BYTES = 32;
    public static final int SIGNATURE_BYTES = 64;

    /** The DER prefix of an X.509 SubjectPublicKeyInfo holding an Ed25519 key (RFC 8410). */
    private static final byte[] X509_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");
    private static final byte[] DOMAIN = "swarmplace-hub-request-v1\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private Ed25519() {}

    public static byte[] raw(PublicKey key) {
        byte[] encoded = key.getEncoded();
        if (encoded.length != X509_PREFIX.length + PUBLIC_KEY_BYTES
                || !Arrays.equals(encoded, 0, X509_PREFIX.length, X509_PREFIX, 0, X509_PREFIX.length)) {
            throw new IllegalArgumentException("not an Ed25519 public key: " + key.getAlgorithm());
        }
        return Arrays.copyOfRange(encoded, X509_PREFIX.length, encoded.length);
    }

    public static PublicKey publicKey(byte[] raw) throws GeneralSecurityException {
        if (raw.length != PUBLIC_KEY_BYTES) {
            throw new java.security.InvalidKeyException("an Ed25519 public key has 32 bytes, not " + raw.length);
        }
        byte[] encoded = Arrays.copyOf(X509_PREFIX, X509_PREFIX.length + PUBLIC_KEY_BYTES);
        System.arraycopy(raw, 0, encoded, X509_PREFIX.length, PUBLIC_KEY_BYTES);
        return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(encoded));
    }

    public static byte[] sign(PrivateKey key, byte[] rawPublicKey, byte[] payload) {
        try {
            Signature signer = Signature.getInstance("Ed25519");
            signer.initSign(key);
            feed(signer, rawPublicKey, payload);
            return signer.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not sign with the hub key: " + e.getMessage(), e);
        }
    }

    /** True if {@code signature} is the key's over the payload; false for any malformed key or signature. */
    public static boolean verify(byte[] rawPublicKey, byte[] payload, byte[] signature) {
        try {
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(publicKey(rawPublicKey));
            feed(verifier, rawPublicKey, payload);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static void feed(Signature signature, byte[] rawPublicKey, byte[] payload) throws GeneralSecurityException {
        signature.update(DOMAIN);
        signature.update(rawPublicKey);
        signature.update(payload);
    }

    public static String hex(byte[] rawPublicKey) {
        return HexFormat.of().formatHex(rawPublicKey);
    }
}
