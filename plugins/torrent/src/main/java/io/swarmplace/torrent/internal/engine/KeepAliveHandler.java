package io.swarmplace.torrent.internal.engine;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.swarmplace.torrent.internal.wire.HandshakeHandler;
import io.swarmplace.torrent.internal.wire.PeerMessage;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * Sends a keep-alive when we have written nothing for a while; closes a peer that has been silent too
 * long (the reader-idle event of the idle handler in front of it).
 *
 * <p>Our own silence is checked every {@code interval}, against a flag every write sets: Netty's idle
 * handler would instead give every write a promise and a listener to learn when it completed, which for
 * a seeder is one promise per 16 KiB block. A keep-alive therefore goes out after one to two intervals
 * of silence.
 */
final class KeepAliveHandler extends ChannelDuplexHandler {

    private static final Logger LOG = Logger.getLogger(KeepAliveHandler.class.getName());

    private final long intervalNanos;
    /**
     * Set by writes on the channel's loop and read by the check, which runs there too; after the channel
     * moved to another loop the first check may see a stale value, which costs one needless keep-alive.
     */
    private boolean wrote;
    private ScheduledFuture<?> check;

    KeepAliveHandler(Duration interval) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("the keep-alive interval must be positive, was " + interval);
        }
        this.intervalNanos = interval.toNanos();
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        if (ctx.channel().isActive()) {
            scheduleCheck(ctx);
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        scheduleCheck(ctx);
        super.channelActive(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        cancelCheck();
        super.channelInactive(ctx);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        cancelCheck();
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        wrote = true;
        ctx.write(msg, promise);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof IdleStateEvent idle) {
            if (idle.state() == IdleState.READER_IDLE) {
                LOG.fine(() -> "closing " + ctx.channel().remoteAddress() + ": nothing received for too long");
                ctx.close();
            }
            return;
        }
        super.userEventTriggered(ctx, event);
    }

    private void scheduleCheck(ChannelHandlerContext ctx) {
        if (check == null) {
            // On the channel's current loop, which changes when the peer moves to its torrent's loop.
            check = ctx.channel().eventLoop().schedule(() -> check(ctx), intervalNanos, TimeUnit.NANOSECONDS);
        }
    }

    private void check(ChannelHandlerContext ctx) {
        check = null;
        if (!ctx.channel().isActive()) {
            return;
        }
        if (!wrote && ctx.pipeline().get(HandshakeHandler.NAME) == null) {
            ctx.writeAndFlush(PeerMessage.KEEP_ALIVE, ctx.voidPromise());
        }
        wrote = false;
        scheduleCheck(ctx);
    }

    private void cancelCheck() {
        if (check != null) {
            check.cancel(false);
            check = null;
        }
    }
}
