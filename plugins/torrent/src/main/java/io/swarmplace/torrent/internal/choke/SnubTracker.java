package io.swarmplace.torrent.internal.choke;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Notices peers that snub us: we are interested, have requests outstanding, and no block has come
 * from the peer for {@code timeout} (60 s by default). The clock starts when the first request goes
 * out while nothing was outstanding and restarts at every block, so a request sent after a long
 * quiet spell is not counted as a minute of silence. A snubbed peer stays snubbed until its next
 * block arrives, even if we stop waiting on it meanwhile.
 *
 * <p>The engine reports the events; the tracker only measures time. Not thread-safe: one tracker per
 * torrent, called from its event loop.
 */
public final class SnubTracker<P> {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    private static final class Watch {
        boolean waiting;
        long waitingSince;
        boolean snubbed;
    }

    private final LongSupplier nanoClock;
    private final long timeoutNanos;
    private final Map<P, Watch> peers = new HashMap<>();

    public SnubTracker(LongSupplier nanoClock) {
        this(nanoClock, DEFAULT_TIMEOUT);
    }

    public SnubTracker(LongSupplier nanoClock, Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("snub timeout must be positive, got " + timeout);
        }
        this.nanoClock = nanoClock;
        this.timeoutNanos = timeout.toNanos();
    }

    /** We sent the peer a block request. */
    public void requestSent(P peer) {
        Watch watch = watch(peer);
        if (!watch.waiting) {
            watch.waiting = true;
            watch.waitingSince = nanoClock.getAsLong();
        }
    }

    /** A block arrived from the peer: it is not snubbing us, and the silence clock restarts. */
    public void blockReceived(P peer) {
        Watch watch = watch(peer);
        watch.snubbed = false;
        watch.waitingSince = nanoClock.getAsLong();
    }

    /**
     * Nothing is outstanding with the peer any more: every request was served, rejected or dropped
     * because the peer choked us, or we lost interest. Stops the clock; a snub already noticed stays.
     */
    public void stoppedWaiting(P peer) {
        Watch watch = peers.get(peer);
        if (watch != null) {
            watch.waiting = false;
        }
    }

    /** The peer disconnected. */
    public void peerGone(P peer) {
        peers.remove(peer);
    }

    /** Whether the peer snubs us now. */
    public boolean isSnubbed(P peer) {
        Watch watch = peers.get(peer);
        return watch != null && evaluate(watch, nanoClock.getAsLong());
    }

    /**
     * The peers that became snubbed since the last call, so the engine can cut their request queue
     * (to one, see {@code RequestQueueSizer}) and hand their blocks to others. O(peers); call it from
     * a periodic tick (once a second is plenty).
     */
    public Set<P> newlySnubbed() {
        long now = nanoClock.getAsLong();
        Set<P> found = new LinkedHashSet<>();
        for (Map.Entry<P, Watch> entry : peers.entrySet()) {
            Watch watch = entry.getValue();
            if (!watch.snubbed && evaluate(watch, now)) {
                found.add(entry.getKey());
            }
        }
        return found;
    }

    private boolean evaluate(Watch watch, long now) {
        if (!watch.snubbed && watch.waiting && now - watch.waitingSince >= timeoutNanos) {
            watch.snubbed = true;
        }
        return watch.snubbed;
    }

    private Watch watch(P peer) {
        return peers.computeIfAbsent(peer, key -> new Watch());
    }
}
