package io.swarmplace.dht.internal.net;

import io.swarmplace.dht.internal.krpc.ByteString;
import io.swarmplace.dht.internal.krpc.KrpcMessage;
import java.net.InetSocketAddress;

/** What the KRPC decoder passes on: a message, or a query too malformed to handle but answerable with error 203. */
public sealed interface Received {

    InetSocketAddress sender();

    record Message(KrpcMessage message, InetSocketAddress sender) implements Received {}

    record MalformedQuery(ByteString transactionId, String problem, InetSocketAddress sender) implements Received {}
}
