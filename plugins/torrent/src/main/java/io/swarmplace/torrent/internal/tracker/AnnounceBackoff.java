package io.swarmplace.torrent.internal.tracker;

import java.time.Duration;

/**
 * How long to wait after announce rounds in which no tracker answered: {@code first} after one failed
 * round, doubling with every further one, never more than {@code max}.
 */
public record AnnounceBackoff(Duration first, Duration max) {

    public AnnounceBackoff {
        if (first == null || first.isNegative() || first.isZero() || max == null || max.compareTo(first) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < first <= max, got " + first + " and " + max);
        }
    }

    /** 30 s, 1 min, 2 min, ... up to 30 min. */
    public static AnnounceBackoff defaults() {
        return new AnnounceBackoff(Duration.ofSeconds(30), Duration.ofMinutes(30));
    }

    /** The wait after {@code failedRounds} consecutive rounds without an answer (at least 1). */
    public Duration after(int failedRounds) {
        if (failedRounds < 1) {
            throw new IllegalArgumentException("failedRounds starts at 1, was " + failedRounds);
        }
        Duration wait = first;
        for (int i = 1; i < failedRounds && wait.compareTo(max) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(max) > 0 ? max : wait;
    }
}
