package io.swarmplace.torrent.internal.storage;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** SHA-1 of a piece in memory, the way every piece is checked before it may touch the disk. */
final class PieceHasher {

    private PieceHasher() {}

    /** SHA-1 of the remaining bytes of {@code data}; its position is left unchanged. */
    static byte[] sha1(ByteBuffer data) {
        MessageDigest digest = newSha1();
        digest.update(data.duplicate());
        return digest.digest();
    }

    static byte[] sha1(byte[] data, int offset, int length) {
        MessageDigest digest = newSha1();
        digest.update(data, offset, length);
        return digest.digest();
    }

    static boolean matches(ByteBuffer data, byte[] expected) {
        return MessageDigest.isEqual(sha1(data), expected);
    }

    static MessageDigest newSha1() {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-1", e);
        }
    }
}
