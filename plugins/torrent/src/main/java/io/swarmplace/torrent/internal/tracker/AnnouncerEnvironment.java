package io.swarmplace.torrent.internal.tracker;

import java.time.Clock;
import java.util.Random;

/**
 * What every {@link TrackerAnnouncer} of an engine shares: the clients, the scheduler and the clock
 * (injected so tests need not sleep), a random source for tier shuffles and keys, and the policy.
 */
public record AnnouncerEnvironment(TrackerClient client, TrackerScheduler scheduler, Clock clock, Random random,
        AnnouncerSettings settings) {}
