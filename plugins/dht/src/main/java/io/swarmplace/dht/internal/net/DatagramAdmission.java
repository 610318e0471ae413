package io.swarmplace.dht.internal.net;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.ReferenceCountUtil;
import io.swarmplace.dht.DropReason;
import io.swarmplace.dht.internal.routing.AddressPolicy;

/**
 * First handler: counts every datagram, and drops those that are too long (the socket's buffer is one
 * byte longer than {@code maxPacket}, so a longer datagram arrives cut and longer than the limit) or come
 * from an address the {@link AddressPolicy} refuses.
 */
public final class DatagramAdmission extends ChannelInboundHandlerAdapter {

    private final int maxPacket;
    private final AddressPolicy policy;
    private final DhtCounters counters;

    public DatagramAdmission(int maxPacket, AddressPolicy policy, DhtCounters counters) {
        this.maxPacket = maxPacket;
        this.policy = policy;
        this.counters = counters;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof DatagramPacket packet)) {
            ctx.fireChannelRead(msg);
            return;
        }
        counters.received();
        DropReason drop = null;
        if (packet.content().readableBytes() > maxPacket) {
            drop = DropReason.OVERSIZED;
        } else if (!policy.accepts(packet.sender())) {
            drop = DropReason.BOGON_SOURCE;
        }
        if (drop != null) {
            counters.dropped(drop);
            ReferenceCountUtil.release(packet);
            return;
        }
        ctx.fireChannelRead(packet);
    }
}
