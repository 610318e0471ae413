package io.swarmplace.dht.internal.net;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.DecoderException;
import io.swarmplace.dht.DropReason;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Last inbound handler: hands each message to the node ({@link KrpcEndpoint}). Whatever goes wrong with
 * one message is counted and logged; the socket stays open (a datagram socket also reports ICMP errors of
 * earlier sends here).
 */
public final class KrpcDispatcher extends SimpleChannelInboundHandler<Received> {

    private static final Logger LOG = Logger.getLogger(KrpcDispatcher.class.getName());

    private final KrpcEndpoint endpoint;
    private final DhtCounters counters;

    public KrpcDispatcher(KrpcEndpoint endpoint, DhtCounters counters) {
        super(Received.class);
        this.endpoint = endpoint;
        this.counters = counters;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, Received received) {
        try {
            if (received instanceof Received.Message message) {
                endpoint.onMessage(message.message(), message.sender());
            } else if (received instanceof Received.MalformedQuery malformed) {
                endpoint.onMalformedQuery(malformed.transactionId(), malformed.problem(), malformed.sender());
            }
        } catch (RuntimeException bug) {
            counters.dropped(DropReason.INTERNAL_ERROR);
            LOG.log(Level.WARNING, "DHT message from " + received.sender() + " could not be handled", bug);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof DecoderException) {
            counters.dropped(DropReason.INTERNAL_ERROR);
            LOG.log(Level.WARNING, "DHT datagram could not be decoded", cause);
            return;
        }
        // ICMP port unreachable for an earlier send and the like: not a reason to close the socket.
        LOG.log(Level.FINE, "DHT socket error (ignored)", cause);
    }
}
