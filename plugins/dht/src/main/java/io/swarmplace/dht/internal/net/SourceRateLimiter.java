package io.swarmplace.dht.internal.net;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.swarmplace.dht.DropReason;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * A token bucket per source: {@code ratePerSecond} messages a second with bursts up to {@code burst};
 * the rest is dropped and counted. The source is the IP address, or the IP address and port when many
 * nodes share one address (private-network mode, where every test node is 127.0.0.1). At most
 * {@code maxSources} buckets are kept, the least recently used forgotten first, so a spoofed flood from
 * many addresses cannot grow memory. Used on one event loop only.
 */
public final class SourceRateLimiter extends ChannelInboundHandlerAdapter {

    private final double ratePerNano;
    private final double burst;
    private final boolean perPort;
    private final LongSupplier clock;
    private final DhtCounters counters;
    private final Map<Object, TokenBucket> buckets;

    public SourceRateLimiter(int ratePerSecond, int burst, boolean perPort, int maxSources, LongSupplier clock,
            DhtCounters counters) {
        this.ratePerNano = ratePerSecond / 1e9;
        this.burst = burst;
        this.perPort = perPort;
        this.clock = clock;
        this.counters = counters;
        this.buckets = new LinkedHashMap<>(256, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<Object, TokenBucket> eldest) {
                return size() > maxSources;
            }
        };
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof Received received && !admit(received.sender())) {
            counters.dropped(DropReason.RATE_LIMITED);
            return;
        }
        ctx.fireChannelRead(msg);
    }

    /** True if a message from {@code sender} fits its rate now (and takes one token). */
    public boolean admit(InetSocketAddress sender) {
        Object key = perPort ? sender : sender.getAddress();
        long now = clock.getAsLong();
        TokenBucket bucket = buckets.computeIfAbsent(key, k -> new TokenBucket(burst, now));
        bucket.tokens = Math.min(burst, bucket.tokens + (now - bucket.updated) * ratePerNano);
        bucket.updated = now;
        if (bucket.tokens < 1) {
            return false;
        }
        bucket.tokens -= 1;
        return true;
    }

    /** Sources with a bucket now (at most {@code maxSources}). */
    public int sources() {
        return buckets.size();
    }

    private static final class TokenBucket {
        double tokens;
        long updated;

        TokenBucket(double tokens, long updated) {
            this.tokens = tokens;
            this.updated = updated;
        }
    }
}
