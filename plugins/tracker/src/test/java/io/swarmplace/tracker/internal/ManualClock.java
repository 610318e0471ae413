package io.swarmplace.tracker.internal;

import java.time.Duration;
import java.util.function.LongSupplier;

/** Monotonic nanoseconds that move only when a test says so. Starts near overflow to catch naive comparisons. */
final class ManualClock implements LongSupplier {

    private long nanos = Long.MAX_VALUE - Duration.ofHours(1).toNanos();

    @Override
    public long getAsLong() {
        return nanos;
    }

    void advance(Duration duration) {
        nanos += duration.toNanos();
    }
}
