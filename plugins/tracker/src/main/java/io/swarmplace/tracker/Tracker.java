package io.swarmplace.tracker;

import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * The running tracker (component PID {@code io.swarmplace.tracker}). Its announce URIs carry the ports
 * actually bound, so a tracker configured with port 0 can be found by tests and by the node itself.
 */
public interface Tracker {

    /** False when the configuration switched the tracker off; it then listens on nothing. */
    boolean enabled();

    /** {@code http://host:port/announce}, or empty when HTTP is off. */
    Optional<URI> httpAnnounceUri();

    /** {@code udp://host:port/announce}, or empty when UDP is off. */
    Optional<URI> udpAnnounceUri();

    /** Every swarm the tracker currently knows, ordered by info-hash. */
    List<SwarmStats> swarms();

    /**
     * One swarm by its info-hash.
     *
     * @param infoHashHex 40 hexadecimal digits, either case
     * @throws IllegalArgumentException if {@code infoHashHex} is not 40 hexadecimal digits
     */
    Optional<SwarmStats> swarm(String infoHashHex);

    /** Counts of requests served and refused since the tracker started. */
    TrackerCounters counters();
}
