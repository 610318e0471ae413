package io.swarmplace.dht.internal.node;

import io.swarmplace.dht.internal.krpc.KrpcResponse;
import io.swarmplace.dht.internal.krpc.NodeId;
import io.swarmplace.dht.internal.krpc.QueryBody;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;

/** Sends one query and completes with its response, on the node's event loop. */
@FunctionalInterface
interface Querier {

    /** @param expectedId the id we believe the node has, or null for a bootstrap address */
    CompletableFuture<KrpcResponse> query(InetSocketAddress recipient, NodeId expectedId, QueryBody body);
}
