package io.swarmplace.torrent.internal.engine;

import io.swarmplace.torrent.metainfo.InfoHash;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;

/**
 * The Mainline DHT as the engine uses it. A private service of this bundle, registered only while a DHT
 * node runs (see {@code internal.dht.DhtServiceDiscovery}), so the engine itself never needs the DHT's
 * package and runs the same with or without the DHT bundle.
 */
public interface DhtPeerDiscovery {

    /**
     * Looks up peers for {@code infoHash} and announces us as one of them on TCP {@code port} (get_peers,
     * then announce_peer to the closest nodes that gave a token). Completes on a DHT thread with the
     * peers found; fails when the node cannot look up right now (stopped, disabled, no routing table).
     */
    CompletableFuture<List<InetSocketAddress>> announce(InfoHash infoHash, int port);

    /** A peer told us its DHT port (BEP 5 PORT message): ping the node so it can join our routing table. */
    void nodeLearned(InetSocketAddress node);

    /** The UDP port of our DHT node, for PORT messages; empty while the node does not run. */
    OptionalInt port();
}
