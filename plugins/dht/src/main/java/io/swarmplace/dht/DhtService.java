package io.swarmplace.dht;

import java.net.InetSocketAddress;
import java.security.KeyPair;
import java.util.Optional;
import java.util.OptionalLong;
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

    /**
     * Stores {@code bencodedValue} (at most 1,000 bytes, one complete bencoded value) under its SHA-1 on
     * the nodes closest to that target (BEP 44).
     *
     * @throws IllegalArgumentException if the value is too long or not one bencoded value
     */
    default CompletableFuture<ItemPutResult> putImmutable(byte[] bencodedValue) {
        return CompletableFuture.failedFuture(new DhtUnavailableException(getClass().getName() + " does not store items"));
    }

    /**
     * Looks up the immutable item stored under {@code target} (20 bytes); empty if no node has it. Values
     * whose SHA-1 does not match the target are dropped.
     */
    default CompletableFuture<Optional<ImmutableItem>> getImmutable(byte[] target) {
        return CompletableFuture.failedFuture(new DhtUnavailableException(getClass().getName() + " does not store items"));
    }

    /**
     * Signs {@code bencodedValue} with {@code keys} (ed25519, from {@code KeyPairGenerator.getInstance("Ed25519")}
     * or a key file) and stores it under SHA-1(public key + salt) with version {@code seq} (BEP 44). The
     * private key is used for this one signature and not kept.
     *
     * @param salt up to 64 bytes; empty for none
     * @param expectedSeq if present, nodes store the item only if their current seq is this one (compare and
     *     swap); a node holding another seq refuses with error 301
     * @throws IllegalArgumentException if the keys are not ed25519, the salt or value too long, or the value
     *     not one bencoded value
     */
    default CompletableFuture<ItemPutResult> putMutable(KeyPair keys, byte[] salt, long seq, byte[] bencodedValue,
            OptionalLong expectedSeq) {
        return CompletableFuture.failedFuture(new DhtUnavailableException(getClass().getName() + " does not store items"));
    }

    /**
     * Looks up the mutable item of {@code publicKey} (32 bytes) and {@code salt}: the one with the highest
     * seq among those with a valid signature; empty if no node has one.
     */
    default CompletableFuture<Optional<MutableItem>> getMutable(byte[] publicKey, byte[] salt) {
        return CompletableFuture.failedFuture(new DhtUnavailableException(getClass().getName() + " does not store items"));
    }

    /**
     * Asks the node at {@code address} for a sample of the info-hashes it stores (BEP 51), with the nodes
     * it knows closest to {@code target} (20 bytes).
     */
    default CompletableFuture<InfoHashSample> sampleInfoHashes(InetSocketAddress address, byte[] target) {
        return CompletableFuture.failedFuture(new DhtUnavailableException(getClass().getName() + " does not sample"));
    }
}
