package io.swarmplace.torrent.internal.tracker;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One tracker of a torrent as {@code torrent info} shows it.
 *
 * @param url the tracker URL without its query (which may hold a passkey)
 * @param tier its tier (0-based)
 * @param lastAnnounce when an announce to it was last attempted
 * @param lastSuccess when it last answered
 * @param nextAnnounce when it will next be asked; only the tracker the next round starts with has one
 * @param lastError why its last announce failed; empty after a success
 * @param seeders and
 * @param leechers what it last said about the swarm
 * @param warning its last warning message
 */
public record TrackerStatus(
        String url,
        int tier,
        Optional<Instant> lastAnnounce,
        Optional<Instant> lastSuccess,
        Optional<Instant> nextAnnounce,
        Optional<String> lastError,
        OptionalInt seeders,
        OptionalInt leechers,
        Optional<String> warning) {}
