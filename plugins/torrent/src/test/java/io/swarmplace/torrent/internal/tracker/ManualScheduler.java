package io.swarmplace.torrent.internal.tracker;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Runs scheduled tasks when the test moves its {@link ManualClock} past their time, on the test's thread. */
final class ManualScheduler implements TrackerScheduler {

    private final ManualClock clock;
    private final List<Task> tasks = new ArrayList<>();

    private final class Task implements Cancellable {
        final Instant due;
        final Duration delay;
        final Runnable action;

        Task(Instant due, Duration delay, Runnable action) {
            this.due = due;
            this.delay = delay;
            this.action = action;
        }

        @Override
        public void cancel() {
            synchronized (ManualScheduler.this) {
                tasks.remove(this);
            }
        }
    }

    ManualScheduler(ManualClock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized Cancellable schedule(Duration delay, Runnable action) {
        Task task = new Task(clock.instant().plus(delay), delay, action);
        tasks.add(task);
        return task;
    }

    /** The delay the earliest pending task was scheduled with. */
    synchronized Optional<Duration> nextDelay() {
        return tasks.stream().min(Comparator.comparing(t -> t.due)).map(t -> t.delay);
    }

    synchronized int pending() {
        return tasks.size();
    }

    /** Moves the clock and runs every task that has become due, earliest first. */
    void advance(Duration duration) {
        clock.advance(duration);
        while (true) {
            Task due;
            synchronized (this) {
                due = tasks.stream().filter(t -> !t.due.isAfter(clock.instant())).min(Comparator.comparing(t -> t.due)).orElse(null);
                if (due == null) {
                    return;
                }
                tasks.remove(due);
            }
            due.action.run();
        }
    }
}
