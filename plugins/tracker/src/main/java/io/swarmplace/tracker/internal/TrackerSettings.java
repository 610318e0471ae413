package io.swarmplace.tracker.internal;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The tracker's configuration, checked. Built from the component's {@link TrackerServer.Config}; every
 * bad value is refused with a message naming the attribute and the PID.
 *
 * @param httpPort TCP port; 0 picks a free one, {@value #OFF} switches HTTP off
 * @param udpPort UDP port; 0 picks a free one, {@value #OFF} switches UDP off
 * @param peerExpirySeconds a peer not heard from for this long is forgotten
 */
record TrackerSettings(
        boolean enabled,
        String bindAddress,
        int httpPort,
        int udpPort,
        int announceIntervalSeconds,
        int minIntervalSeconds,
        int maxPeersPerReply,
        int peerExpirySeconds,
        int maxTorrents,
        int maxPeersPerTorrent,
        int maxPeers,
        int maxHttpConnections,
        AccessPolicy access) {

    /** The port value that switches a protocol off. */
    static final int OFF = -1;

    /** Most peers one reply may carry, whatever the configuration says: 200 IPv6 peers are 3.6 KB. */
    static final int PEERS_PER_REPLY_CAP = 200;

    TrackerSettings {
        requireRange("httpPort", httpPort, OFF, 65_535);
        requireRange("udpPort", udpPort, OFF, 65_535);
        requireRange("announceInterval", announceIntervalSeconds, 1, 86_400);
        requireRange("minInterval", minIntervalSeconds, 1, announceIntervalSeconds);
        requireRange("maxPeersPerReply", maxPeersPerReply, 1, PEERS_PER_REPLY_CAP);
        requireRange("peerExpiry", peerExpirySeconds, 1, 7 * 86_400);
        requireRange("maxTorrents", maxTorrents, 1, Integer.MAX_VALUE);
        requireRange("maxPeersPerTorrent", maxPeersPerTorrent, 1, Integer.MAX_VALUE);
        requireRange("maxPeers", maxPeers, 1, Integer.MAX_VALUE);
        requireRange("maxHttpConnections", maxHttpConnections, 1, Integer.MAX_VALUE);
        if (bindAddress == null || bindAddress.isBlank()) {
            throw new IllegalArgumentException("bindAddress must be an IP address such as 0.0.0.0 or 127.0.0.1"
                    + " (PID " + TrackerServer.PID + ")");
        }
    }

    static TrackerSettings from(TrackerServer.Config config) {
        int interval = config.announceInterval();
        if (config.peerExpiry() < 0) {
            throw new IllegalArgumentException("peerExpiry must be 0 (twice announceInterval) or a number of seconds,"
                    + " got " + config.peerExpiry() + " (PID " + TrackerServer.PID + ")");
        }
        int expiry = config.peerExpiry() == 0 ? 2 * interval : config.peerExpiry();
        return new TrackerSettings(
                config.enabled(),
                config.bindAddress().strip(),
                config.httpPort(),
                config.udpPort(),
                interval,
                config.minInterval(),
                Math.min(config.maxPeersPerReply(), PEERS_PER_REPLY_CAP),
                expiry,
                config.maxTorrents(),
                config.maxPeersPerTorrent(),
                config.maxPeers(),
                config.maxHttpConnections(),
                accessPolicy(config.mode(), config.allowedInfoHashes()));
    }

    boolean httpOn() {
        return enabled && httpPort != OFF;
    }

    boolean udpOn() {
        return enabled && udpPort != OFF;
    }

    /** How often expired peers are swept: a quarter of the expiry, at most once a second, at least once a minute. */
    int sweepPeriodSeconds() {
        return Math.max(1, Math.min(60, peerExpirySeconds / 4));
    }

    private static AccessPolicy accessPolicy(String mode, String[] allowedHexes) {
        switch (mode.strip().toLowerCase(Locale.ROOT)) {
            case "open":
                return AccessPolicy.open();
            case "whitelist":
                Set<InfoHashKey> allowed = new LinkedHashSet<>();
                for (String hex : allowedHexes) {
                    if (hex.isBlank()) {
                        continue;
                    }
                    try {
                        allowed.add(InfoHashKey.parseHex(hex));
                    } catch (IllegalArgumentException bad) {
                        throw new IllegalArgumentException("allowedInfoHashes: " + bad.getMessage()
                                + " (PID " + TrackerServer.PID + ")", bad);
                    }
                }
                return AccessPolicy.whitelist(allowed);
            default:
                throw new IllegalArgumentException("mode must be 'open' or 'whitelist', not '" + mode
                        + "' (PID " + TrackerServer.PID + ")");
        }
    }

    private static void requireRange(String attribute, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(attribute + " must be between " + min + " and " + max + ", got " + value
                    + " (PID " + TrackerServer.PID + ")");
        }
    }
}
