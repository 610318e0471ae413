package io.swarmplace.dht.internal.krpc;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A response. Which fields matter depends on the query it answers; absent ones are empty.
 *
 * @param nodes compact IPv4 node infos ({@code nodes})
 * @param nodes6 compact IPv6 node infos ({@code nodes6}, BEP 32)
 * @param values peers for a get_peers
 * @param token the token to present in a later announce_peer
 * @param requester the querier's address as the responder saw it (BEP 42 {@code ip})
 * @param item a BEP 44 item answering a get
 * @param sample a BEP 51 sample answering sample_infohashes
 */
public record KrpcResponse(ByteString transactionId, NodeId sender, List<NodeContact> nodes, List<NodeContact> nodes6,
        List<InetSocketAddress> values, Optional<ByteString> token, Optional<InetSocketAddress> requester,
        Optional<ItemPayload> item, Optional<Sample> sample) implements KrpcMessage {

    /**
     * A BEP 51 sample.
     *
     * @param infoHashes the sampled info-hashes
     * @param total how many the node stores
     * @param interval seconds until the node wants to be asked again
     */
    public record Sample(List<NodeId> infoHashes, int total, int interval) {
        public Sample {
            infoHashes = List.copyOf(infoHashes);
        }
    }

    public KrpcResponse(ByteString transactionId, NodeId sender, List<NodeContact> nodes, List<NodeContact> nodes6,
            List<InetSocketAddress> values, Optional<ByteString> token, Optional<InetSocketAddress> requester) {
        this(transactionId, sender, nodes, nodes6, values, token, requester, Optional.empty(), Optional.empty());
    }

    public KrpcResponse {
        Objects.requireNonNull(transactionId, "transactionId");
        Objects.requireNonNull(sender, "sender");
        nodes = List.copyOf(nodes);
        nodes6 = List.copyOf(nodes6);
        values = List.copyOf(values);
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(requester, "requester");
        Objects.requireNonNull(item, "item");
        Objects.requireNonNull(sample, "sample");
    }

    public KrpcResponse withItem(ItemPayload found) {
        return new KrpcResponse(transactionId, sender, nodes, nodes6, values, token, requester, Optional.of(found), sample);
    }

    public KrpcResponse withSample(Sample found) {
        return new KrpcResponse(transactionId, sender, nodes, nodes6, values, token, requester, item, Optional.of(found));
    }

    /** A response with only the responder's id (ping, announce_peer). */
    public static KrpcResponse plain(ByteString transactionId, NodeId sender, InetSocketAddress requester) {
        return new KrpcResponse(transactionId, sender, List.of(), List.of(), List.of(), Optional.empty(),
                Optional.ofNullable(requester));
    }
}
