package io.swarmplace.dht.internal.node;

import io.swarmplace.dht.internal.krpc.NodeId;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.LongSupplier;

/**
 * Peers announced to this node, per info-hash, each forgotten {@code ttl} after its last announce. Bounded:
 * at most {@code maxInfoHashes} info-hashes (announces for more are refused) and {@code maxPeersPerInfoHash}
 * peers each (the least recently announced peer makes room). Not thread-safe (one event loop).
 */
public final class PeerStore {

    private final int maxInfoHashes;
    private final int maxPeersPerInfoHash;
    private final long ttl;
    private final LongSupplier clock;
    private final Map<NodeId, LinkedHashMap<InetSocketAddress, Long>> swarms = new HashMap<>();
    private int peers;

    public PeerStore(int maxInfoHashes, int maxPeersPerInfoHash, Duration ttl, LongSupplier clock) {
        this.maxInfoHashes = maxInfoHashes;
        this.maxPeersPerInfoHash = maxPeersPerInfoHash;
        this.ttl = ttl.toNanos();
        this.clock = clock;
    }

    /** Stores or renews {@code peer}; false if refused because the store holds its most info-hashes. */
    public boolean add(NodeId infoHash, InetSocketAddress peer) {
        LinkedHashMap<InetSocketAddress, Long> swarm = swarms.get(infoHash);
        if (swarm == null) {
            if (swarms.size() >= maxInfoHashes) {
                expire();
                if (swarms.size() >= maxInfoHashes) {
                    return false;
                }
            }
            swarm = new LinkedHashMap<>();
            swarms.put(infoHash, swarm);
        }
        if (swarm.remove(peer) == null) {
            peers++;
        }
        swarm.put(peer, clock.getAsLong());
        if (swarm.size() > maxPeersPerInfoHash) {
            Iterator<InetSocketAddress> oldest = swarm.keySet().iterator();
            oldest.next();
            oldest.remove();
            peers--;
        }
        return true;
    }

    /** Up to {@code max} live peers for {@code infoHash}, a random choice when there are more. */
    public List<InetSocketAddress> peers(NodeId infoHash, int max, Random random) {
        LinkedHashMap<InetSocketAddress, Long> swarm = swarms.get(infoHash);
        if (swarm == null) {
            return List.of();
        }
        long now = clock.getAsLong();
        List<InetSocketAddress> live = new ArrayList<>();
        swarm.forEach((peer, announced) -> {
            if (now - announced < ttl) {
                live.add(peer);
            }
        });
        if (live.size() > max) {
            Collections.shuffle(live, random);
            return new ArrayList<>(live.subList(0, max));
        }
        return live;
    }

    /** Forgets peers not announced within the ttl, and info-hashes left without peers. */
    public void expire() {
        long now = clock.getAsLong();
        for (Iterator<LinkedHashMap<InetSocketAddress, Long>> swarmIt = swarms.values().iterator(); swarmIt.hasNext(); ) {
            LinkedHashMap<InetSocketAddress, Long> swarm = swarmIt.next();
            // Insertion order is announce order, so the expired peers come first.
            for (Iterator<Long> it = swarm.values().iterator(); it.hasNext(); ) {
                if (now - it.next() < ttl) {
                    break;
                }
                it.remove();
                peers--;
            }
            if (swarm.isEmpty()) {
                swarmIt.remove();
            }
        }
    }

    /** Up to {@code max} stored info-hashes picked at random (BEP 51). */
    public List<NodeId> sample(int max, Random random) {
        List<NodeId> all = new ArrayList<>(swarms.keySet());
        Collections.shuffle(all, random);
        return List.copyOf(all.subList(0, Math.min(max, all.size())));
    }

    public int infoHashCount() {
        return swarms.size();
    }

    public int peerCount() {
        return peers;
    }
}
