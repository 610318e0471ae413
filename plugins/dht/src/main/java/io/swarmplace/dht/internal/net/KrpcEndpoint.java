package io.swarmplace.dht.internal.net;

import io.swarmplace.dht.internal.krpc.ByteString;
import io.swarmplace.dht.internal.krpc.KrpcMessage;
import java.net.InetSocketAddress;

/** The node behind the pipeline; called on the channel's event loop. */
public interface KrpcEndpoint {

    void onMessage(KrpcMessage message, InetSocketAddress sender);

    void onMalformedQuery(ByteString transactionId, String problem, InetSocketAddress sender);
}
