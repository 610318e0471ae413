package io.swarmplace.dht.internal.node;

import io.swarmplace.dht.internal.krpc.ByteString;
import io.swarmplace.dht.internal.krpc.CompactFormats;
import io.swarmplace.dht.internal.krpc.KrpcMessage;
import io.swarmplace.dht.internal.net.KrpcEndpoint;
import java.net.InetSocketAddress;

/**
 * The endpoint of a dual-stack socket (bound to ::, taking IPv4 as mapped addresses): hands each message
 * to the engine of the sender's family, so each family keeps its own routing table and lookups (BEP 32).
 */
final class FamilyRouter implements KrpcEndpoint {

    private final KrpcEndpoint ipv4;
    private final KrpcEndpoint ipv6;

    FamilyRouter(KrpcEndpoint ipv4, KrpcEndpoint ipv6) {
        this.ipv4 = ipv4;
        this.ipv6 = ipv6;
    }

    @Override
    public void onMessage(KrpcMessage message, InetSocketAddress sender) {
        engineFor(sender).onMessage(message, sender);
    }

    @Override
    public void onMalformedQuery(ByteString transactionId, String problem, InetSocketAddress sender) {
        engineFor(sender).onMalformedQuery(transactionId, problem, sender);
    }

    private KrpcEndpoint engineFor(InetSocketAddress sender) {
        return CompactFormats.isIpv6(sender) ? ipv6 : ipv4;
    }
}
