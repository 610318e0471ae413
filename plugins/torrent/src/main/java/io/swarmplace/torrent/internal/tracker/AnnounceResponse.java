package io.swarmplace.torrent.internal.tracker;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What a tracker answered to an announce.
 *
 * @param interval how long to wait before the next regular announce
 * @param minInterval the tracker's floor for announces made sooner, if it gave one
 * @param peers peers of the swarm, IPv4 and IPv6 (peers given by DNS name are unresolved)
 * @param seeders peers with the whole torrent ("complete"), if the tracker said
 * @param leechers peers still downloading ("incomplete"), if the tracker said
 * @param warning a "warning message": the announce worked but the tracker wants the user to know this
 * @param trackerId a "tracker id" to send back on later announces, empty if none
 */
public record AnnounceResponse(
        Duration interval,
        Optional<Duration> minInterval,
        List<InetSocketAddress> peers,
        OptionalInt seeders,
        OptionalInt leechers,
        Optional<String> warning,
        byte[] trackerId) {

    public AnnounceResponse {
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(minInterval, "minInterval");
        Objects.requireNonNull(seeders, "seeders");
        Objects.requireNonNull(leechers, "leechers");
        Objects.requireNonNull(warning, "warning");
        peers = List.copyOf(peers);
        trackerId = trackerId == null ? new byte[0] : trackerId.clone();
    }

    @Override
    public byte[] trackerId() {
        return trackerId.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AnnounceResponse that
                && interval.equals(that.interval) && minInterval.equals(that.minInterval) && peers.equals(that.peers)
                && seeders.equals(that.seeders) && leechers.equals(that.leechers) && warning.equals(that.warning)
                && Arrays.equals(trackerId, that.trackerId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(interval, minInterval, peers, seeders, leechers, warning, Arrays.hashCode(trackerId));
    }

    @Override
    public String toString() {
        return "AnnounceResponse[interval " + interval + ", min " + minInterval.map(Duration::toString).orElse("-")
                + ", " + peers.size() + " peers, seeders " + seeders + ", leechers " + leechers
                + warning.map(w -> ", warning '" + w + "'").orElse("") + "]";
    }
}
