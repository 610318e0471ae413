package io.swarmplace.torrent.internal.mse;

import io.swarmplace.torrent.metainfo.InfoHash;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** The SHA-1 hashes of the MSE spec: HASH('req1', S) and friends, and the RC4 keys. */
final class MseHashes {

    static final int LENGTH = 20;

    private MseHashes() {}

    static byte[] req1(byte[] secret) {
        return sha1("req1", secret);
    }

    /** HASH('req2', SKEY): names a torrent without showing its info-hash. */
    static byte[] req2(InfoHash infoHash) {
        return sha1("req2", infoHash.bytes());
    }

    static byte[] req3(byte[] secret) {
        return sha1("req3", secret);
    }

    /** The key of the stream the connecting side (A) encrypts. */
    static byte[] keyA(byte[] secret, InfoHash infoHash) {
        return sha1("keyA", secret, infoHash.bytes());
    }

    /** The key of the stream the receiving side (B) encrypts. */
    static byte[] keyB(byte[] secret, InfoHash infoHash) {
        return sha1("keyB", secret, infoHash.bytes());
    }

    static byte[] xor(byte[] a, byte[] b) {
        byte[] result = new byte[a.length];
        for (int i = 0; i < a.length; i++) {
            result[i] = (byte) (a[i] ^ b[i]);
        }
        return result;
    }

    private static byte[] sha1(String label, byte[]... parts) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-1");
            digest.update(label.getBytes(StandardCharsets.US_ASCII));
            for (byte[] part : parts) {
                digest.update(part);
            }
            return digest.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-1", e);
        }
    }
}
