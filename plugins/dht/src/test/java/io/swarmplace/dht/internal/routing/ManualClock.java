package io.swarmplace.dht.internal.routing;

import java.time.Duration;
import java.util.function.LongSupplier;

/** Monotonic nanoseconds that move only when a test says so. Starts near overflow to catch naive comparisons. */
public final class ManualClock implements LongSupplier {

    private long nanos = Long.MAX_VALUE - Duration.ofMinutes(30).toNanos();

    @Override
    public long getAsLong() {
        return nanos;
    }

    public void advance(Duration duration) {
        nanos += duration.toNanos();
    }
}
