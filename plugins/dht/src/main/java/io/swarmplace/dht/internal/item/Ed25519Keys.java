package io.swarmplace.dht.internal.item;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.interfaces.EdECPrivateKey;
import java.security.interfaces.EdECPublicKey;
import java.security.spec.EdECPoint;
import java.security.spec.EdECPublicKeySpec;
import java.security.spec.NamedParameterSpec;

/**
 * Ed25519 with the 32-byte raw public keys BEP 44 puts on the wire, on the JDK's own implementation.
 * The JDK represents a public key as a point (y and the parity of x); the wire form is y in little-endian
 * with x's parity in the top bit (RFC 8032 section 5.1.2).
 */
public final class Ed25519Keys {

    public static final int PUBLIC_KEY_LENGTH = 32;
    public static final int SIGNATURE_LENGTH = 64;

    private Ed25519Keys() {}

    /** Length of an RFC 8032 private key (the seed both halves of the key pair derive from). */
    public static final int SEED_LENGTH = 32;

    /**
     * The key pair of a 32-byte RFC 8032 seed. The JDK has no public call for this: its generator takes the
     * seed as the only 32 random bytes it draws, so it is handed a source that yields exactly the seed.
     */
    public static KeyPair fromSeed(byte[] seed) {
        if (seed.length != SEED_LENGTH) {
            throw new IllegalArgumentException("an ed25519 seed has 32 bytes, got " + seed.length);
        }
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
            generator.initialize(NamedParameterSpec.ED25519, new SeedSource(seed));
            KeyPair keys = generator.generateKeyPair();
            byte[] drawn = ((EdECPrivateKey) keys.getPrivate()).getBytes().orElseThrow();
            if (!java.util.Arrays.equals(drawn, seed)) {
                throw new IllegalStateException("this JVM's Ed25519 generator does not take its seed as 32 random bytes");
            }
            return keys;
        } catch (GeneralSecurityException noEd25519) {
            throw new IllegalStateException("this JVM has no Ed25519 (Java 15 or newer has it)", noEd25519);
        }
    }

    /** Yields the seed once; anything more would mean the generator draws differently than assumed. */
    private static final class SeedSource extends SecureRandom {
        private static final long serialVersionUID = 1L;
        private final byte[] seed;
        private boolean used;

        SeedSource(byte[] seed) {
            this.seed = seed.clone();
        }

        @Override
        public void nextBytes(byte[] bytes) {
            if (used || bytes.length != seed.length) {
                throw new IllegalStateException("the Ed25519 generator asked for " + bytes.length + " more random bytes");
            }
            used = true;
            System.arraycopy(seed, 0, bytes, 0, seed.length);
        }
    }

    /** The seed of an ed25519 private key (what a key file stores). */
    public static byte[] seed(KeyPair keys) {
        if (!(keys.getPrivate() instanceof EdECPrivateKey edKey)) {
            throw new IllegalArgumentException("not an ed25519 key: " + keys.getPrivate().getAlgorithm());
        }
        return edKey.getBytes().orElseThrow(() -> new IllegalArgumentException("this ed25519 key does not reveal its seed"));
    }

    /** The raw 32-byte form of an ed25519 public key. */
    public static byte[] rawPublicKey(PublicKey key) {
        if (!(key instanceof EdECPublicKey edKey) || !"Ed25519".equalsIgnoreCase(edKey.getParams().getName())) {
            throw new IllegalArgumentException("BEP 44 items are signed with ed25519 keys, got a " + key.getAlgorithm() + " key");
        }
        EdECPoint point = edKey.getPoint();
        byte[] bigEndian = point.getY().toByteArray();
        byte[] raw = new byte[PUBLIC_KEY_LENGTH];
        for (int i = 0; i < bigEndian.length && i < PUBLIC_KEY_LENGTH; i++) {
            raw[i] = bigEndian[bigEndian.length - 1 - i];
        }
        if (point.isXOdd()) {
            raw[PUBLIC_KEY_LENGTH - 1] |= (byte) 0x80;
        }
        return raw;
    }

    /** The JDK key for a raw 32-byte public key; fails for bytes that are no point on the curve. */
    public static PublicKey publicKey(byte[] raw) throws GeneralSecurityException {
        if (raw.length != PUBLIC_KEY_LENGTH) {
            throw new InvalidKeyException("an ed25519 public key has 32 bytes, got " + raw.length);
        }
        byte[] bigEndian = new byte[PUBLIC_KEY_LENGTH];
        for (int i = 0; i < PUBLIC_KEY_LENGTH; i++) {
            bigEndian[i] = raw[PUBLIC_KEY_LENGTH - 1 - i];
        }
        boolean xOdd = (bigEndian[0] & 0x80) != 0;
        bigEndian[0] &= 0x7f;
        EdECPoint point = new EdECPoint(xOdd, new BigInteger(1, bigEndian));
        return KeyFactory.getInstance("Ed25519").generatePublic(new EdECPublicKeySpec(NamedParameterSpec.ED25519, point));
    }

    /** Signs {@code message} with the pair's private key; the key is not kept. */
    public static byte[] sign(KeyPair keys, byte[] message) {
        if (!(keys.getPrivate() instanceof EdECPrivateKey)) {
            throw new IllegalArgumentException("BEP 44 items are signed with ed25519 keys, got a "
                    + keys.getPrivate().getAlgorithm() + " key");
        }
        try {
            Signature signer = Signature.getInstance("Ed25519");
            signer.initSign(keys.getPrivate());
            signer.update(message);
            return signer.sign();
        } catch (GeneralSecurityException broken) {
            throw new IllegalArgumentException("cannot sign with this ed25519 key: " + broken.getMessage(), broken);
        }
    }

    /** True if {@code signature} is {@code rawPublicKey}'s signature of {@code message}; false for any malformed input. */
    public static boolean verify(byte[] rawPublicKey, byte[] message, byte[] signature) {
        if (signature.length != SIGNATURE_LENGTH) {
            return false;
        }
        try {
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(publicKey(rawPublicKey));
            verifier.update(message);
            return verifier.verify(signature);
        } catch (SignatureException | InvalidKeyException | java.security.spec.InvalidKeySpecException invalid) {
            return false;
        } catch (GeneralSecurityException noEd25519) {
            throw new IllegalStateException("this JVM has no Ed25519 (Java 15 or newer has it)", noEd25519);
        }
    }
}
