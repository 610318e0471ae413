package io.swarmplace.torrent.internal.choke;

import java.time.Duration;

/**
 * Choker settings.
 *
 * @param regularSlots upload slots given by rank (download rate while leeching, upload rate while seeding)
 * @param optimisticSlots upload slots given at random, rotated every {@code optimisticEveryRounds}
 * @param optimisticEveryRounds rechoke rounds between optimistic rotations (3 rounds of 10 s = 30 s)
 * @param newcomerWindow a peer connected for less than this is a newcomer
 * @param newcomerWeight how much likelier a newcomer is to be drawn for an optimistic slot
 * @param minReciprocationRate while leeching, a peer must send us at least this many bytes per second
 *     to earn a regular slot by rate (the original client used 1000); slots nobody earns become
 *     optimistic slots
 */
public record ChokerConfig(
        int regularSlots,
        int optimisticSlots,
        int optimisticEveryRounds,
        Duration newcomerWindow,
        int newcomerWeight,
        long minReciprocationRate) {

    public static final ChokerConfig DEFAULTS = new ChokerConfig(4, 1, 3, Duration.ofSeconds(60), 3, 1024);

    public ChokerConfig {
        if (regularSlots < 0 || optimisticSlots < 0) {
            throw new IllegalArgumentException("upload slots cannot be negative: regular " + regularSlots + ", optimistic " + optimisticSlots);
        }
        if (optimisticEveryRounds < 1) {
            throw new IllegalArgumentException("optimistic rotation needs at least 1 round, got " + optimisticEveryRounds);
        }
        if (newcomerWindow.isNegative()) {
            throw new IllegalArgumentException("newcomer window cannot be negative: " + newcomerWindow);
        }
        if (newcomerWeight < 1) {
            throw new IllegalArgumentException("newcomer weight must be at least 1, got " + newcomerWeight);
        }
        if (minReciprocationRate < 0) {
            throw new IllegalArgumentException("minimum reciprocation rate cannot be negative: " + minReciprocationRate);
        }
    }
}
