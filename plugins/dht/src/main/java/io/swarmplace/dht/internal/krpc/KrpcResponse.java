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
 */
public record KrpcResponse(ByteString transactionId, NodeId sender, List<NodeContact> nodes, List<NodeContact> nodes6,
        List<InetSocketAddress> values, Optional<ByteString> token, Optional<InetSocketAddress> requester)
        implements KrpcMessage {

    public KrpcResponse {
        Objects.requireNonNull(transactionId, "transactionId");
        Objects.requireNonNull(sender, "sender");
        nodes = List.copyOf(nodes);
        nodes6 = List.copyOf(nodes6);
        values = List.copyOf(values);
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(requester, "requester");
    }

    /** A response with only the responder's id (ping, announce_peer). */
    public static KrpcResponse plain(ByteString transactionId, NodeId sender, InetSocketAddress requester) {
        return new KrpcResponse(transactionId, sender, List.of(), List.of(), List.of(), Optional.empty(),
                Optional.ofNullable(requester));
    }
}
