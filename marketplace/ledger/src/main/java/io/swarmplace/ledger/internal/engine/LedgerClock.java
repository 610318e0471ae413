package io.swarmplace.ledger.internal.engine;

import java.time.Clock;
import java.time.Instant;

/**
 * The ledger's time: nanoseconds since the epoch, strictly increasing across everything the ledger
 * stamps (so a timestamp identifies an event and orders history), and never behind what the database
 * already holds, even if the wall clock steps back.
 */
final class LedgerClock {

    private final Clock wallClock;
    private long last;

    LedgerClock(Clock wallClock) {
        this.wallClock = wallClock;
    }

    /** Never hands out a timestamp at or below {@code stored}. */
    void notBefore(long stored) {
        last = Math.max(last, stored);
    }

    /** The current ledger time, without using it up. */
    long peek() {
        return Math.max(last + 1, wall());
    }

    long next() {
        last = peek();
        return last;
    }

    private long wall() {
        Instant now = wallClock.instant();
        return Math.multiplyExact(now.getEpochSecond(), 1_000_000_000L) + now.getNano();
    }
}
