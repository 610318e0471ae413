package io.swarmplace.ledger.hub.internal.server;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.AttributeKey;
import io.swarmplace.ledger.hub.HubClientInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** The open connections, for {@code hub:clients}; and the place that closes them all on shutdown. */
@Sharable
final class ConnectionRegistry extends ChannelInboundHandlerAdapter {

    private static final AttributeKey<String> LAST_KEY = AttributeKey.valueOf("swarmplace.hub.lastKey");
    private static final AttributeKey<AtomicLong> REQUESTS = AttributeKey.valueOf("swarmplace.hub.requests");

    private final Set<Channel> open = ConcurrentHashMap.newKeySet();

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        ctx.channel().attr(REQUESTS).set(new AtomicLong());
        open.add(ctx.channel());
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        open.remove(ctx.channel());
        ctx.fireChannelInactive();
    }

    void authenticated(Channel channel, String keyHex) {
        channel.attr(LAST_KEY).set(keyHex);
        AtomicLong requests = channel.attr(REQUESTS).get();
        if (requests != null) {
            requests.incrementAndGet();
        }
    }

    int size() {
        return open.size();
    }

    List<HubClientInfo> clients() {
        List<HubClientInfo> clients = new ArrayList<>();
        for (Channel channel : open) {
            String key = channel.attr(LAST_KEY).get();
            AtomicLong requests = channel.attr(REQUESTS).get();
            clients.add(new HubClientInfo(channel.remoteAddress(), key == null ? "" : key, requests == null ? 0 : requests.get()));
        }
        return clients;
    }

    void closeAll() {
        for (Channel channel : open) {
            channel.close().syncUninterruptibly();
        }
    }
}
