package io.swarmplace.tracker.internal;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.concurrent.atomic.AtomicInteger;

/** Closes connections beyond a fixed number open at once, so many idle clients cannot pin memory. */
@ChannelHandler.Sharable
final class ConnectionLimit extends ChannelInboundHandlerAdapter {

    private final int maxConnections;
    private final TrackerStatistics statistics;
    private final AtomicInteger open = new AtomicInteger();

    ConnectionLimit(int maxConnections, TrackerStatistics statistics) {
        this.maxConnections = maxConnections;
        this.statistics = statistics;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        if (open.incrementAndGet() > maxConnections) {
            statistics.invalidHttpRequests.increment();
            ctx.close();
            return;
        }
        super.channelActive(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        open.decrementAndGet();
        super.channelInactive(ctx);
    }
}
