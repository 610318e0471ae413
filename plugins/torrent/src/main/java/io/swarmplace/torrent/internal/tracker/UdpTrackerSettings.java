package io.swarmplace.torrent.internal.tracker;

import java.time.Duration;

/**
 * Timing of the UDP tracker protocol (BEP 15).
 *
 * @param baseTimeout the wait before the first retransmission; attempt n waits baseTimeout·2^n (BEP 15
 *     says 15 s)
 * @param maxAttempts how many times a packet is sent before the request fails; BEP 15 goes to n = 8,
 *     which is more than two hours, too long for an engine that has other trackers to try
 * @param connectionIdLifetime how long a connection id is used (BEP 15: one minute)
 */
public record UdpTrackerSettings(Duration baseTimeout, int maxAttempts, Duration connectionIdLifetime) {

    /** BEP 15 stops doubling at n = 8. */
    static final int MAX_DOUBLINGS = 8;

    public UdpTrackerSettings {
        if (baseTimeout == null || baseTimeout.isNegative() || baseTimeout.isZero()) {
            throw new IllegalArgumentException("baseTimeout must be positive, was " + baseTimeout);
        }
        if (maxAttempts < 1 || maxAttempts > MAX_DOUBLINGS + 1) {
            throw new IllegalArgumentException("maxAttempts must be 1.." + (MAX_DOUBLINGS + 1) + ", was " + maxAttempts);
        }
        if (connectionIdLifetime == null || connectionIdLifetime.isNegative()) {
            throw new IllegalArgumentException("connectionIdLifetime cannot be negative, was " + connectionIdLifetime);
        }
    }

    /** 15 s doubling over 4 attempts (a request gives up after 225 s), connection ids kept 60 s. */
    public static UdpTrackerSettings defaults() {
        return new UdpTrackerSettings(Duration.ofSeconds(15), 4, Duration.ofSeconds(60));
    }

    /** How long to wait for an answer to the attempt that follows {@code timeoutsSoFar} unanswered ones. */
    public Duration timeoutAfter(int timeoutsSoFar) {
        return baseTimeout.multipliedBy(1L << Math.min(timeoutsSoFar, MAX_DOUBLINGS));
    }
}
