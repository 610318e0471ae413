package io.swarmplace.dht;

import java.net.InetSocketAddress;
import java.util.List;

/**
 * What a get_peers lookup found.
 *
 * @param infoHashHex the info-hash looked up, 40 lowercase hex digits
 * @param peers distinct peer addresses, from other nodes and from this node's own store
 * @param nodesAnswered how many nodes answered a get_peers query during the lookup
 * @param nodesQueried how many nodes were asked (answered, failed or timed out)
 * @param closestNodes the nodes closest to the info-hash that answered, closest first (at most 8)
 */
public record PeerLookup(String infoHashHex, List<InetSocketAddress> peers, int nodesAnswered, int nodesQueried,
        List<DhtContact> closestNodes) {

    public PeerLookup {
        peers = List.copyOf(peers);
        closestNodes = List.copyOf(closestNodes);
    }
}
