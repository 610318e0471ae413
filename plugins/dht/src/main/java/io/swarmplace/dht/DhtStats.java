package io.swarmplace.dht;

import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Optional;

/**
 * A snapshot of a node's state and counters.
 *
 * @param nodeIdHex this node's id, 40 lowercase hex digits
 * @param localAddress where the node's UDP socket is bound; empty when the node does not run
 * @param routingTableNodes nodes in the routing table (good and questionable)
 * @param buckets k-buckets in the routing table
 * @param replacementNodes nodes waiting in the buckets' replacement caches
 * @param messagesIn datagrams received, including dropped ones
 * @param messagesOut datagrams sent
 * @param dropped dropped datagrams by reason (every reason present, zero if none)
 * @param storedInfoHashes info-hashes this node stores peers for
 * @param storedPeers peers stored over all info-hashes
 */
public record DhtStats(String nodeIdHex, Optional<InetSocketAddress> localAddress, int routingTableNodes, int buckets,
        int replacementNodes, long messagesIn, long messagesOut, Map<DropReason, Long> dropped, int storedInfoHashes,
        int storedPeers) {

    public DhtStats {
        dropped = Map.copyOf(dropped);
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
