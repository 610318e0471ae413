package io.swarmplace.torrent.internal.wire;

import java.time.Duration;

/**
 * What every connection of one engine shares: our peer id and reserved bits, how long a handshake may
 * take, and where drops are counted.
 */
public record WireSettings(PeerId peerId, ReservedBits reserved, Duration handshakeTimeout, WireStatistics statistics) {

    public static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);

    public WireSettings {
        if (handshakeTimeout.isNegative() || handshakeTimeout.isZero()) {
            throw new IllegalArgumentException("the handshake timeout must be positive: " + handshakeTimeout);
        }
    }
}
