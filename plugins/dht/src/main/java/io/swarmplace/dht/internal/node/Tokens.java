package io.swarmplace.dht.internal.node;

import io.swarmplace.dht.internal.krpc.ByteString;
import java.net.InetAddress;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.function.LongSupplier;

/**
 * announce_peer tokens (BEP 5): the first 8 bytes of SHA-1 over a secret and the querier's IP. The secret
 * changes every {@link #ROTATION}; tokens made with the previous secret are still accepted, so a token is
 * good for 5 to 10 minutes and only from the IP it was given to. Keeps no per-querier state. Not
 * thread-safe (one event loop).
 */
public final class Tokens {

    public static final Duration ROTATION = Duration.ofMinutes(5);
    static final int LENGTH = 8;
    private static final int SECRET_LENGTH = 16;

    private final Random random;
    private final LongSupplier clock;
    private final MessageDigest sha1;
    private byte[] current;
    private byte[] previous;
    private long rotatedAt;

    /** @param random a secure random for the secrets; @param clock monotonic nanoseconds */
    public Tokens(Random random, LongSupplier clock) {
        this.random = random;
        this.clock = clock;
        try {
            this.sha1 = MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every Java runtime has SHA-1", impossible);
        }
        this.current = secret();
        this.previous = secret();
        this.rotatedAt = clock.getAsLong();
    }

    /** The token to hand to {@code ip} now. */
    public ByteString tokenFor(InetAddress ip) {
        rotateIfDue();
        return new ByteString(token(current, ip));
    }

    /** True if {@code token} was given to {@code ip} under the current or the previous secret. */
    public boolean isValid(ByteString token, InetAddress ip) {
        rotateIfDue();
        byte[] presented = token.bytes();
        return MessageDigest.isEqual(presented, token(current, ip)) || MessageDigest.isEqual(presented, token(previous, ip));
    }

    private void rotateIfDue() {
        long now = clock.getAsLong();
        long period = ROTATION.toNanos();
        long elapsed = now - rotatedAt;
        if (elapsed < period) {
            return;
        }
        if (elapsed >= 2 * period) {
            // Quiet for two periods: every token handed out is too old.
            previous = secret();
        } else {
            previous = current;
        }
        current = secret();
        rotatedAt = now;
    }

    private byte[] token(byte[] secret, InetAddress ip) {
        sha1.update(secret);
        sha1.update(ip.getAddress());
        return Arrays.copyOf(sha1.digest(), LENGTH);
    }

    private byte[] secret() {
        byte[] secret = new byte[SECRET_LENGTH];
        random.nextBytes(secret);
        return secret;
    }
}
