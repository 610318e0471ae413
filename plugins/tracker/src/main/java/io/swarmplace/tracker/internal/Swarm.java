package io.swarmplace.tracker.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * The peers of one torrent. Seeders and leechers are kept in two array lists (removal swaps the last
 * element in) so a reply of n peers costs O(n) whatever the swarm's size. Not thread-safe: the
 * {@link SwarmRegistry} holds this object's monitor around every call.
 */
final class Swarm {

    private static final class Peer {
        final PeerAddress address;
        byte[] peerId;
        boolean seeder;
        long lastSeenNanos;
        int index;

        Peer(PeerAddress address) {
            this.address = address;
        }
    }

    /** What an announce did to the swarm. */
    enum Outcome { STORED, NOT_STORED, REMOVED, NOTHING }

    private final Map<PeerAddress, Peer> byAddress = new HashMap<>();
    private final List<Peer> seeders = new ArrayList<>();
    private final List<Peer> leechers = new ArrayList<>();
    private long completed;
    private long lastActivityNanos;
    private boolean retired;

    Swarm(long nowNanos) {
        this.lastActivityNanos = nowNanos;
    }

    /**
     * Records the announce. A new peer is not stored when {@code mayAddPeer} is false; it still gets
     * peers, and a completion it reports still counts.
     *
     * <p>A download counts as completed once per peer: on event=completed from a peer not known as a
     * seeder, or when a peer known as a leecher announces nothing left with any event. The second rule
     * is for clients that stop right after finishing and never send completed (aria2c with
     * --seed-time=0 sends event=stopped with left=0).
     */
    Outcome announce(AnnounceRequest request, long nowNanos, boolean mayAddPeer) {
        lastActivityNanos = nowNanos;
        Peer peer = byAddress.get(request.peer());
        boolean knownLeecher = peer != null && !peer.seeder;
        boolean reportsCompletion = request.event() == AnnounceEvent.COMPLETED && (peer == null || knownLeecher);
        if (reportsCompletion || knownLeecher && request.isSeeder()) {
            completed++;
        }
        if (request.event() == AnnounceEvent.STOPPED) {
            if (peer == null) {
                return Outcome.NOTHING;
            }
            remove(peer);
            return Outcome.REMOVED;
        }
        Outcome outcome = Outcome.NOTHING;
        if (peer == null) {
            if (!mayAddPeer) {
                return Outcome.NOT_STORED;
            }
            peer = new Peer(request.peer());
            peer.seeder = request.isSeeder();
            add(peer);
            byAddress.put(peer.address, peer);
            outcome = Outcome.STORED;
        } else if (peer.seeder != request.isSeeder()) {
            removeFromList(peer);
            peer.seeder = request.isSeeder();
            add(peer);
        }
        peer.peerId = request.peerId();
        peer.lastSeenNanos = nowNanos;
        return outcome;
    }

    /**
     * Up to {@code count} peers for the one announcing: a leecher gets seeders first, then leechers; a
     * peer that reports nothing left gets leechers first, then seeders; never itself (by address or peer
     * id). Seeders are not withheld from a peer with nothing left: a magnet client announces left=0
     * until it has the metadata and would otherwise never hear of a seeder (opentracker answers the
     * same way). The starting point is random so the load spreads over the swarm.
     */
    List<PeerView> peersFor(AnnounceRequest request, int count, RandomGenerator random) {
        if (count <= 0 || request.event() == AnnounceEvent.STOPPED) {
            return List.of();
        }
        List<PeerView> chosen = new ArrayList<>(Math.min(count, seeders.size() + leechers.size()));
        List<Peer> first = request.isSeeder() ? leechers : seeders;
        List<Peer> then = request.isSeeder() ? seeders : leechers;
        pick(first, request, count, random, chosen);
        pick(then, request, count, random, chosen);
        return chosen;
    }

    private static void pick(List<Peer> from, AnnounceRequest request, int count, RandomGenerator random,
            List<PeerView> chosen) {
        int size = from.size();
        if (size == 0 || chosen.size() >= count) {
            return;
        }
        int start = random.nextInt(size);
        for (int i = 0; i < size && chosen.size() < count; i++) {
            Peer peer = from.get((start + i) % size);
            if (peer.address.equals(request.peer()) || Arrays.equals(peer.peerId, request.peerId())) {
                continue;
            }
            chosen.add(new PeerView(peer.address, peer.peerId.clone()));
        }
    }

    /** Forgets peers last seen before {@code cutoffNanos}; returns how many. */
    int expire(long cutoffNanos) {
        return expireFrom(seeders, cutoffNanos) + expireFrom(leechers, cutoffNanos);
    }

    private int expireFrom(List<Peer> list, long cutoffNanos) {
        int expired = 0;
        for (int i = list.size() - 1; i >= 0; i--) {
            Peer peer = list.get(i);
            if (peer.lastSeenNanos - cutoffNanos < 0) {
                remove(peer);
                expired++;
            }
        }
        return expired;
    }

    boolean isIdleSince(long cutoffNanos) {
        return byAddress.isEmpty() && lastActivityNanos - cutoffNanos < 0;
    }

    /** Marks the swarm as dropped from the registry; an announce that still holds it must look it up again. */
    void retire() {
        retired = true;
    }

    boolean retired() {
        return retired;
    }

    int size() {
        return byAddress.size();
    }

    int seeders() {
        return seeders.size();
    }

    int leechers() {
        return leechers.size();
    }

    long completed() {
        return completed;
    }

    ScrapeEntry scrape() {
        return new ScrapeEntry(seeders.size(), completed, leechers.size());
    }

    private void add(Peer peer) {
        List<Peer> list = listOf(peer);
        peer.index = list.size();
        list.add(peer);
    }

    private void remove(Peer peer) {
        removeFromList(peer);
        byAddress.remove(peer.address);
    }

    private void removeFromList(Peer peer) {
        List<Peer> list = listOf(peer);
        int last = list.size() - 1;
        Peer moved = list.get(last);
        list.set(peer.index, moved);
        moved.index = peer.index;
        list.remove(last);
    }

    private List<Peer> listOf(Peer peer) {
        return peer.seeder ? seeders : leechers;
    }
}
