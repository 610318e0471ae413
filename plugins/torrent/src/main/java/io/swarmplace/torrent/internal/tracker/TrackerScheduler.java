package io.swarmplace.torrent.internal.tracker;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** Runs announces later. Injected so tests move time by hand instead of sleeping. */
public interface TrackerScheduler {

    /** Runs {@code task} once after {@code delay}; the task must not block. */
    Cancellable schedule(Duration delay, Runnable task);

    /** A scheduled task that may still be called off. */
    interface Cancellable {
        void cancel();
    }

    /** Schedules on an executor, for instance the engine's event loop group. */
    static TrackerScheduler using(ScheduledExecutorService executor) {
        return (delay, task) -> {
            ScheduledFuture<?> future = executor.schedule(task, Math.max(0, delay.toMillis()), TimeUnit.MILLISECONDS);
            return () -> future.cancel(false);
        };
    }
}
