package io.swarmplace.torrent.internal.mse;

import io.netty.buffer.ByteBuf;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.SecretKeySpec;

/**
 * One direction of an RC4 stream as MSE uses it: the JDK's ARCFOUR keyed with a 20-byte SHA-1, the
 * first 1024 bytes of keystream thrown away (they leak key bits). Encrypting and decrypting are the
 * same operation; each call continues the keystream where the last one ended.
 */
final class Rc4Stream {

    private static final String ALGORITHM = "ARCFOUR";
    private static final int DISCARDED_KEYSTREAM = 1024;

    private final Cipher cipher;

    Rc4Stream(byte[] key) {
        try {
            cipher = Cipher.getInstance(ALGORITHM);
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, ALGORITHM));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the Java runtime offers no " + ALGORITHM
                    + " cipher (SunJCE provider), which MSE/PE needs", e);
        }
        cipher.update(new byte[DISCARDED_KEYSTREAM]);
    }

    /** Transforms {@code bytes} in place. */
    void apply(byte[] bytes, int offset, int length) {
        try {
            cipher.update(bytes, offset, length, bytes, offset);
        } catch (ShortBufferException e) {
            throw new IllegalStateException("RC4 output is as long as its input", e);
        }
    }

    byte[] apply(byte[] bytes) {
        byte[] copy = bytes.clone();
        apply(copy, 0, copy.length);
        return copy;
    }

    /** Reads all of {@code source} into {@code target}, transformed; advances both indexes. */
    void apply(ByteBuf source, ByteBuf target) {
        int length = source.readableBytes();
        target.ensureWritable(length);
        for (ByteBuffer in : source.nioBuffers(source.readerIndex(), length)) {
            int count = in.remaining();
            ByteBuffer out = target.nioBuffer(target.writerIndex(), count);
            try {
                cipher.update(in, out);
            } catch (ShortBufferException e) {
                throw new IllegalStateException("RC4 output is as long as its input", e);
            }
            target.writerIndex(target.writerIndex() + count);
        }
        source.skipBytes(length);
    }
}
