package io.swarmplace.dht.internal.node;

import io.swarmplace.dht.internal.krpc.ByteString;
import io.swarmplace.dht.internal.krpc.NodeContact;
import io.swarmplace.dht.internal.krpc.NodeId;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * What an iterative lookup ended with.
 *
 * @param closest the nodes that answered, closest to the target first (at most k)
 * @param peers distinct peers from get_peers answers
 * @param hops how many referrals led from the nodes the lookup started with to the closest node that answered
 *     (1: a starting node was the closest)
 * @param timedOut true if the overall time bound ended the lookup before it converged
 */
public record LookupResult(NodeId target, List<Answered> closest, List<InetSocketAddress> peers, int nodesAnswered,
        int nodesQueried, int hops, boolean timedOut) {

    public LookupResult {
        closest = List.copyOf(closest);
        peers = List.copyOf(peers);
    }

    /** A node that answered, with the token it gave (get_peers) or null. */
    public record Answered(NodeContact contact, ByteString token) {}
}
