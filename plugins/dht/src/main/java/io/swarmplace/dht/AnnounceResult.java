package io.swarmplace.dht;

import java.net.InetSocketAddress;
import java.util.List;

/**
 * What an announce did.
 *
 * @param infoHashHex the info-hash announced, 40 lowercase hex digits
 * @param port the port announced; 0 means nodes were asked to use the source port (implied_port)
 * @param announcedTo the nodes that accepted the announce_peer query
 * @param refusedBy how many nodes answered announce_peer with an error or not at all
 * @param peers the peers the get_peers phase found on the way (as in {@link PeerLookup#peers()})
 */
public record AnnounceResult(String infoHashHex, int port, List<DhtContact> announcedTo, int refusedBy,
        List<InetSocketAddress> peers) {

    public AnnounceResult {
        announcedTo = List.copyOf(announcedTo);
        peers = List.copyOf(peers);
    }
}
