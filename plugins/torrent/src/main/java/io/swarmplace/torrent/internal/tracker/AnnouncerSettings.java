package io.swarmplace.torrent.internal.tracker;

import java.time.Duration;

/**
 * Policy of the {@link TrackerAnnouncer}.
 *
 * @param numWant peers asked for in each announce
 * @param minimumInterval the shortest interval accepted from a tracker, whatever it asks for, so a
 *     misconfigured or hostile tracker cannot make the engine hammer it; also the floor for extra
 *     announces when the tracker gave no "min interval"
 * @param maximumInterval the longest interval accepted, so peers keep coming
 * @param backoff the wait after rounds in which no tracker answered
 */
public record AnnouncerSettings(int numWant, Duration minimumInterval, Duration maximumInterval, AnnounceBackoff backoff) {

    public AnnouncerSettings {
        if (numWant < 0) {
            throw new IllegalArgumentException("numWant cannot be negative, was " + numWant);
        }
        if (minimumInterval == null || minimumInterval.isNegative() || maximumInterval == null
                || maximumInterval.compareTo(minimumInterval) < 0) {
            throw new IllegalArgumentException("intervals need 0 <= minimum <= maximum, got " + minimumInterval + " and " + maximumInterval);
        }
    }

    /** 50 peers, intervals held to 1 min .. 2 h, backoff 30 s doubling to 30 min. */
    public static AnnouncerSettings defaults() {
        return new AnnouncerSettings(50, Duration.ofMinutes(1), Duration.ofHours(2), AnnounceBackoff.defaults());
    }
}
