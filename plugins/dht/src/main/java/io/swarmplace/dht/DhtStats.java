package io.swarmplace.dht;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A snapshot of a node's state and counters.
 *
 * @param nodeIdHex this node's id, 40 lowercase hex digits
 * @param localAddress where the node's (first) UDP socket is bound; empty when the node does not run
 * @param routingTableNodes nodes in the routing table (good and questionable)
 * @param buckets k-buckets in the routing table
 * @param replacementNodes nodes waiting in the buckets' replacement caches
 * @param messagesIn datagrams received, including dropped ones
 * @param messagesOut datagrams sent
 * @param dropped dropped datagrams by reason (every reason present, zero if none)
 * @param storedInfoHashes info-hashes this node stores peers for
 * @param storedPeers peers stored over all info-hashes
 * @param storedImmutableItems BEP 44 immutable items this node stores for others
 * @param storedMutableItems BEP 44 mutable items this node stores for others
 * @param localAddresses every UDP socket of the node, IPv4 first (a dual-stack node has one per family, BEP 32)
 * @since 1.2
 */
public record DhtStats(String nodeIdHex, Optional<InetSocketAddress> localAddress, int routingTableNodes, int buckets,
        int replacementNodes, long messagesIn, long messagesOut, Map<DropReason, Long> dropped, int storedInfoHashes,
        int storedPeers, int storedImmutableItems, int storedMutableItems, List<InetSocketAddress> localAddresses) {

    public DhtStats {
        dropped = Map.copyOf(dropped);
        localAddresses = List.copyOf(localAddresses);
    }

    /** The 1.1 shape, kept for callers built against it: no items, the one local address. */
    public DhtStats(String nodeIdHex, Optional<InetSocketAddress> localAddress, int routingTableNodes, int buckets,
            int replacementNodes, long messagesIn, long messagesOut, Map<DropReason, Long> dropped, int storedInfoHashes,
            int storedPeers) {
        this(nodeIdHex, localAddress, routingTableNodes, buckets, replacementNodes, messagesIn, messagesOut, dropped,
                storedInfoHashes, storedPeers, 0, 0, localAddress.stream().toList());
    }

    /** All BEP 44 items stored for others. */
    public int storedItems() {
        return storedImmutableItems + storedMutableItems;
    }

    /** All dropped datagrams. */
    public long droppedTotal() {
        return dropped.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Dropped datagrams for one reason. */
    public long dropped(DropReason reason) {
        return dropped.getOrDefault(reason, 0L);
    }
}
