package io.swarmplace.tracker.internal;

import io.swarmplace.tracker.SwarmStats;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;

/**
 * Every swarm the tracker knows, shared by the HTTP and UDP sides. Memory is bounded: at most
 * {@code maxTorrents} swarms, {@code maxPeersPerTorrent} peers in one and {@code maxPeers} in all; a
 * peer that arrives when a peer limit is reached is answered but not remembered, a torrent that arrives
 * when the torrent limit is reached is refused. Peers that stop announcing are forgotten by
 * {@link #expire()}, which the server runs on a schedule; in open mode a swarm with no peers left is
 * dropped too (with its completed count), in whitelist mode it is kept.
 */
final class SwarmRegistry {

    private final TrackerSettings settings;
    private final TrackerStatistics statistics;
    private final LongSupplier nanoClock;
    private final RandomGenerator random;
    private final Map<InfoHashKey, Swarm> swarms = new ConcurrentHashMap<>();
    private final AtomicInteger peers = new AtomicInteger();

    /**
     * @param nanoClock monotonic time in nanoseconds ({@code System::nanoTime} outside tests)
     * @param random picks where in a swarm a reply's peers start; must be safe to share between threads
     */
    SwarmRegistry(TrackerSettings settings, TrackerStatistics statistics, LongSupplier nanoClock, RandomGenerator random) {
        this.settings = settings;
        this.statistics = statistics;
        this.nanoClock = nanoClock;
        this.random = random;
    }

    /**
     * Records an announce and picks the peers to answer it with.
     *
     * @throws TrackerRequestException if the torrent is not allowed or the torrent limit is reached
     */
    AnnounceReply announce(AnnounceRequest request) {
        InfoHashKey infoHash = request.infoHash();
        if (!settings.access().allows(infoHash)) {
            throw new TrackerRequestException("torrent " + infoHash.hex() + " is not registered with this tracker");
        }
        int wanted = request.numWant() < 0
                ? settings.maxPeersPerReply()
                : Math.min(request.numWant(), settings.maxPeersPerReply());
        while (true) {
            long now = nanoClock.getAsLong();
            Swarm swarm = request.event() == AnnounceEvent.STOPPED ? swarms.get(infoHash) : swarmFor(infoHash, now);
            if (swarm == null) {
                return new AnnounceReply(settings.announceIntervalSeconds(), settings.minIntervalSeconds(), 0, 0, List.of());
            }
            synchronized (swarm) {
                if (swarm.retired()) {
                    continue;
                }
                boolean mayAdd = swarm.size() < settings.maxPeersPerTorrent() && peers.get() < settings.maxPeers();
                switch (swarm.announce(request, now, mayAdd)) {
                    case STORED -> peers.incrementAndGet();
                    case REMOVED -> peers.decrementAndGet();
                    case NOT_STORED -> statistics.peersNotStored.increment();
                    case NOTHING -> { }
                }
                return new AnnounceReply(settings.announceIntervalSeconds(), settings.minIntervalSeconds(),
                        swarm.seeders(), swarm.leechers(), swarm.peersFor(request, wanted, random));
            }
        }
    }

    private Swarm swarmFor(InfoHashKey infoHash, long now) {
        Swarm swarm = swarms.get(infoHash);
        if (swarm != null) {
            return swarm;
        }
        if (swarms.size() >= settings.maxTorrents()) {
            throw new TrackerRequestException("this tracker already tracks its limit of " + settings.maxTorrents()
                    + " torrents; try again later");
        }
        Swarm fresh = new Swarm(now);
        Swarm raced = swarms.putIfAbsent(infoHash, fresh);
        return raced == null ? fresh : raced;
    }

    /** The scrape numbers of a torrent: zeros if unknown, empty if the access policy does not allow it. */
    Optional<ScrapeEntry> scrape(InfoHashKey infoHash) {
        if (!settings.access().allows(infoHash)) {
            return Optional.empty();
        }
        Swarm swarm = swarms.get(infoHash);
        if (swarm == null) {
            return Optional.of(ScrapeEntry.EMPTY);
        }
        synchronized (swarm) {
            return Optional.of(swarm.retired() ? ScrapeEntry.EMPTY : swarm.scrape());
        }
    }

    /** Forgets peers not heard from within the peer expiry, and in open mode the swarms left empty. */
    void expire() {
        long cutoff = nanoClock.getAsLong() - TimeUnit.SECONDS.toNanos(settings.peerExpirySeconds());
        boolean dropEmpty = settings.access().mode() == AccessPolicy.Mode.OPEN;
        for (Map.Entry<InfoHashKey, Swarm> entry : swarms.entrySet()) {
            Swarm swarm = entry.getValue();
            synchronized (swarm) {
                int expired = swarm.expire(cutoff);
                if (expired > 0) {
                    peers.addAndGet(-expired);
                    statistics.peersExpired.add(expired);
                }
                if (dropEmpty && swarm.isIdleSince(cutoff)) {
                    swarm.retire();
                    swarms.remove(entry.getKey(), swarm);
                }
            }
        }
    }

    List<SwarmStats> swarms() {
        List<SwarmStats> all = new ArrayList<>(swarms.size());
        swarms.forEach((infoHash, swarm) -> stats(infoHash, swarm).ifPresent(all::add));
        all.sort(Comparator.comparing(SwarmStats::infoHash));
        return all;
    }

    Optional<SwarmStats> swarm(InfoHashKey infoHash) {
        Swarm swarm = swarms.get(infoHash);
        return swarm == null ? Optional.empty() : stats(infoHash, swarm);
    }

    private static Optional<SwarmStats> stats(InfoHashKey infoHash, Swarm swarm) {
        synchronized (swarm) {
            if (swarm.retired()) {
                return Optional.empty();
            }
            return Optional.of(new SwarmStats(infoHash.hex(), swarm.seeders(), swarm.leechers(), swarm.completed()));
        }
    }

    int torrentCount() {
        return swarms.size();
    }

    int peerCount() {
        return peers.get();
    }
}
