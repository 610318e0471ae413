package io.swarmplace.dht;

import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;

/**
 * This node's view of the Mainline DHT. Methods return at once; the futures complete on the DHT's
 * network thread, so callers that block or do heavy work should continue with an async stage on their
 * own executor. A disabled or stopped node fails every future with {@link DhtUnavailableException}.
 */
public interface DhtService {

    /** Length of an info-hash and of a node id in bytes. */
    int ID_LENGTH = 20;

    /**
     * Looks up peers for {@code infoHash} (20 bytes): an iterative get_peers lookup towards the
     * info-hash, plus whatever this node stores for it itself. Completes when the lookup converged or
     * its time bound ran out; finding nothing is a result with no peers, not a failure.
     *
     * @throws IllegalArgumentException if {@code infoHash} is not 20 bytes
     */
    CompletableFuture<PeerLookup> getPeers(byte[] infoHash);

    /**
     * Announces this node as a peer for {@code infoHash}: a get_peers lookup, then announce_peer to the
     * (up to 8) closest nodes that gave a token.
     *
     * @param port the TCP port peers should connect to; 0 asks nodes to use the port this node's DHT
     *     messages come from (BEP 5 implied_port)
     * @throws IllegalArgumentException if {@code infoHash} is not 20 bytes or {@code port} is not 0-65535
     */
    CompletableFuture<AnnounceResult> announce(byte[] infoHash, int port);

    /**
     * Pings the node at {@code address}; completes with its id and address, or fails with
     * {@link DhtTimeoutException} or {@link DhtErrorException}.
     */
    CompletableFuture<DhtContact> ping(InetSocketAddress address);

    /** Counters and routing table size right now. */
    DhtStats stats();
}
