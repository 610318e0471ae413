package io.swarmplace.ledger.hub.internal.server;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.swarmplace.ledger.hub.HubError;
import io.swarmplace.ledger.hub.internal.wire.HubRequestException;
import io.swarmplace.ledger.hub.internal.wire.SignedRequest;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A token bucket per remote address, shared by all its connections; placed before the signature check so
 * a flood costs the hub no signature verifications.
 */
@Sharable
final class RateLimiter extends ChannelInboundHandlerAdapter {

    private static final int MAX_TRACKED_ADDRESSES = 100_000;

    private final double perSecond;
    private final double burst;
    private final LongSupplier nanoTime;
    private final Map<InetAddress, Bucket> buckets = new ConcurrentHashMap<>();

    RateLimiter(double perSecond, double burst, LongSupplier nanoTime) {
        this.perSecond = perSecond;
        this.burst = Math.max(1, burst);
        this.nanoTime = nanoTime;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
        if (message instanceof SignedRequest && !take(((InetSocketAddress) ctx.channel().remoteAddress()).getAddress())) {
            throw new HubRequestException(HubError.RATE_LIMITED, ((SignedRequest) message).request().sequence(),
                    "more than " + (long) perSecond + " requests/s (burst " + (long) burst + ") from this address");
        }
        ctx.fireChannelRead(message);
    }

    private boolean take(InetAddress address) {
        if (buckets.size() > MAX_TRACKED_ADDRESSES) {
            buckets.clear();
        }
        return buckets.computeIfAbsent(address, a -> new Bucket(burst, nanoTime.getAsLong())).take(perSecond, burst, nanoTime.getAsLong());
    }

    private static final class Bucket {
        private double tokens;
        private long refilledAt;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.refilledAt = now;
        }

        synchronized boolean take(double perSecond, double burst, long now) {
            tokens = Math.min(burst, tokens + (now - refilledAt) * perSecond / 1e9);
            refilledAt = now;
            if (tokens < 1) {
                return false;
            }
            tokens -= 1;
            return true;
        }
    }
}
