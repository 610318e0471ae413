package io.swarmplace.dht.internal.net;

import io.swarmplace.dht.internal.krpc.KrpcMessage;
import java.net.InetSocketAddress;

/** A message to send, and where to. */
public record Outbound(KrpcMessage message, InetSocketAddress recipient) {}
