package io.swarmplace.torrent.internal.mse;

import java.math.BigInteger;
import java.security.SecureRandom;

/**
 * One side of MSE's Diffie-Hellman exchange: the spec's fixed 768-bit prime P, generator 2, and a
 * 160-bit private key. Keys travel as 96-byte big-endian numbers.
 */
final class DiffieHellman {

    static final int KEY_LENGTH = 96;
    private static final int PRIVATE_KEY_BITS = 160;
    private static final BigInteger P = new BigInteger(
            "FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74"
                    + "020BBEA63B139B22514A08798E3404DDEF9519B3CD3A431B302B0A6DF25F1437"
                    + "4FE1356D6D51C245E485B576625E7EC6F44C42E9A63A36210000000000090563", 16);
    private static final BigInteger G = BigInteger.TWO;

    private final BigInteger privateKey;
    private final byte[] publicKey;

    DiffieHellman(SecureRandom random) {
        BigInteger key;
        do {
            key = new BigInteger(PRIVATE_KEY_BITS, random);
        } while (key.signum() == 0);
        this.privateKey = key;
        this.publicKey = toKeyBytes(G.modPow(privateKey, P));
    }

    byte[] publicKey() {
        return publicKey.clone();
    }

    /** S, the shared secret, from the peer's 96-byte public key. */
    byte[] sharedSecret(byte[] peerPublicKey) {
        BigInteger peer = new BigInteger(1, peerPublicKey);
        // 0, 1 and P-1 would make S guessable; a genuine peer never sends them.
        if (peer.compareTo(BigInteger.ONE) <= 0 || peer.compareTo(P.subtract(BigInteger.ONE)) >= 0) {
            throw new MseException(MseException.Reason.BAD_PUBLIC_KEY,
                    "the peer's Diffie-Hellman public key is outside 2..P-2");
        }
        return toKeyBytes(peer.modPow(privateKey, P));
    }

    private static byte[] toKeyBytes(BigInteger value) {
        byte[] raw = value.toByteArray();
        byte[] key = new byte[KEY_LENGTH];
        int length = Math.min(raw.length, KEY_LENGTH);
        System.arraycopy(raw, raw.length - length, key, KEY_LENGTH - length, length);
        return key;
    }
}
