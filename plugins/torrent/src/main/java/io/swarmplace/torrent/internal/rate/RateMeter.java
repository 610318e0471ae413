package io.swarmplace.torrent.internal.rate;

import java.time.Duration;
import java.util.Arrays;
import java.util.function.LongSupplier;

/**
 * Bytes per second over a sliding window, plus the exact total.
 *
 * <p>Why a bucketed window rather than an exponential average: the choker compares peers by rate
 * every 10 s, and a window that forgets completely after {@code window} makes "this peer stopped
 * sending" visible within that time, while an exponential average never quite forgets a burst. The
 * window is cut into buckets (default 5 s in 1 s buckets, the figures BitTorrent clients use); the
 * rate is the bytes of the buckets that are still in the window divided by the time they span: the
 * full buckets plus the elapsed part of the current one, so a rate read just after a bucket boundary
 * is not diluted by an empty bucket. Until the meter has existed for a whole window the divisor is
 * its age, but never less than one bucket, so the first few bytes do not show as a huge spike.
 *
 * <p>Cost: {@link #add} is O(1) amortized, {@link #rate} is O(buckets). Not thread-safe: one meter
 * belongs to one event loop. The clock is injected ({@link System#nanoTime} in production); a clock
 * that goes backwards is treated as standing still.
 */
public final class RateMeter {

    public static final Duration DEFAULT_WINDOW = Duration.ofSeconds(5);
    public static final int DEFAULT_BUCKETS = 5;

    private final LongSupplier nanoClock;
    private final long bucketNanos;
    private final long[] bucketBytes;
    private final long[] bucketEpoch;
    private final long origin;
    private long lastNow;
    private long total;

    /** A 5 s window in 1 s buckets. */
    public RateMeter(LongSupplier nanoClock) {
        this(nanoClock, DEFAULT_WINDOW, DEFAULT_BUCKETS);
    }

    public RateMeter(LongSupplier nanoClock, Duration window, int buckets) {
        if (buckets < 1) {
            throw new IllegalArgumentException("a rate meter needs at least one bucket, got " + buckets);
        }
        long windowNanos = window.toNanos();
        if (windowNanos < buckets) {
            throw new IllegalArgumentException("rate window " + window + " is too short for " + buckets + " buckets");
        }
        this.nanoClock = nanoClock;
        this.bucketNanos = windowNanos / buckets;
        this.bucketBytes = new long[buckets];
        this.bucketEpoch = new long[buckets];
        Arrays.fill(bucketEpoch, -1);
        this.origin = nanoClock.getAsLong();
        this.lastNow = origin;
    }

    /** Counts {@code bytes} transferred now. */
    public void add(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("cannot count a negative number of bytes: " + bytes);
        }
        long epoch = epoch(now());
        int slot = (int) (epoch % bucketBytes.length);
        if (bucketEpoch[slot] != epoch) {
            bucketEpoch[slot] = epoch;
            bucketBytes[slot] = 0;
        }
        bucketBytes[slot] += bytes;
        total = Math.addExact(total, bytes);
    }

    /** Bytes per second over the window ending now (rounded down). */
    public long rate() {
        long now = now();
        long epoch = epoch(now);
        long oldest = epoch - bucketBytes.length + 1;
        long sum = 0;
        for (int i = 0; i < bucketBytes.length; i++) {
            if (bucketEpoch[i] >= oldest && bucketEpoch[i] <= epoch) {
                sum += bucketBytes[i];
            }
        }
        long elapsedInCurrent = (now - origin) - epoch * bucketNanos;
        long span = (bucketBytes.length - 1) * bucketNanos + elapsedInCurrent;
        span = Math.max(bucketNanos, Math.min(span, now - origin));
        // sum * 1e9 / span without overflow for any realistic sum (< 9.2e9 bytes per window)
        return (long) ((double) sum * 1_000_000_000d / span);
    }

    /** Every byte ever counted, exactly. */
    public long total() {
        return total;
    }

    private long now() {
        long now = nanoClock.getAsLong();
        if (now - lastNow > 0) {
            lastNow = now;
        }
        return lastNow;
    }

    private long epoch(long now) {
        return (now - origin) / bucketNanos;
    }
}
