package io.swarmplace.tron.devnet.internal;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

final class Hashes {

    private Hashes() {
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
