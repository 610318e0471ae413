package io.swarmplace.wallet.internal.crypto;

import io.swarmplace.wallet.TronAddress;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Arrays;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.digests.KeccakDigest;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;

/**
 * TRON keys: a secp256k1 private key, and the address derived from it the way TRON does (the last 20
 * bytes of Keccak-256 over the uncompressed public key, after the prefix 0x41).
 */
public final class TronKeys {

    private static final X9ECParameters CURVE = CustomNamedCurves.getByName("secp256k1");
    private static final int PRIVATE_KEY_LENGTH = 32;

    private TronKeys() {}

    /** A new private key, uniformly in [1, n-1]. */
    public static byte[] newPrivateKey(SecureRandom random) {
        BigInteger order = CURVE.getN();
        BigInteger key;
        do {
            key = new BigInteger(order.bitLength(), random);
        } while (key.signum() == 0 || key.compareTo(order) >= 0);
        return toFixedLength(key);
    }

    /** Checks that 32 bytes are a valid private key (not zero, below the curve order). */
    public static void requireValidPrivateKey(byte[] privateKey) {
        if (privateKey.length != PRIVATE_KEY_LENGTH) {
            throw new IllegalArgumentException("a TRON private key is 32 bytes (64 hex digits), not " + privateKey.length);
        }
        BigInteger key = new BigInteger(1, privateKey);
        if (key.signum() == 0 || key.compareTo(CURVE.getN()) >= 0) {
            throw new IllegalArgumentException("not a valid secp256k1 private key (zero or not below the curve order)");
        }
    }

    public static TronAddress addressOf(byte[] privateKey) {
        requireValidPrivateKey(privateKey);
        ECPoint publicPoint = new FixedPointCombMultiplier().multiply(CURVE.getG(), new BigInteger(1, privateKey)).normalize();
        byte[] uncompressed = publicPoint.getEncoded(false);
        KeccakDigest keccak = new KeccakDigest(256);
        keccak.update(uncompressed, 1, uncompressed.length - 1);
        byte[] hash = new byte[32];
        keccak.doFinal(hash, 0);
        byte[] address = new byte[TronAddress.LENGTH];
        address[0] = TronAddress.PREFIX;
        System.arraycopy(hash, hash.length - 20, address, 1, 20);
        return TronAddress.ofBytes(address);
    }

    private static byte[] toFixedLength(BigInteger key) {
        byte[] raw = key.toByteArray();
        if (raw.length == PRIVATE_KEY_LENGTH) {
            return raw;
        }
        byte[] fixed = new byte[PRIVATE_KEY_LENGTH];
        int copy = Math.min(raw.length, PRIVATE_KEY_LENGTH);
        System.arraycopy(raw, raw.length - copy, fixed, PRIVATE_KEY_LENGTH - copy, copy);
        return fixed;
    }

    /** Overwrites key material once it is no longer needed. */
    public static void wipe(byte[] secret) {
        Arrays.fill(secret, (byte) 0);
    }
}
