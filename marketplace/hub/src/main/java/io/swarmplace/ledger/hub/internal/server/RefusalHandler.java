package io.swarmplace.ledger.hub.internal.server;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.TooLongFrameException;
import io.swarmplace.ledger.hub.HubError;
import io.swarmplace.ledger.hub.internal.wire.HubRequestException;
import io.swarmplace.ledger.hub.internal.wire.HubResponse;
import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The end of the pipeline: answers every refused request with its {@link HubError}. A refused request
 * leaves the connection open; an oversized frame or a broken stream closes it after the answer.
 */
@Sharable
final class RefusalHandler extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = Logger.getLogger(RefusalHandler.class.getName());

    private final HubCounters counters;

    RefusalHandler(HubCounters counters) {
        this.counters = counters;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        Throwable problem = cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
        if (problem instanceof HubRequestException) {
            counters.refused();
            ctx.writeAndFlush(((HubRequestException) problem).response());
        } else if (problem instanceof TooLongFrameException) {
            counters.refused();
            ctx.writeAndFlush(HubResponse.refused(0, HubError.FRAME_TOO_LARGE, problem.getMessage()))
                    .addListener(ChannelFutureListener.CLOSE);
        } else if (problem instanceof IOException) {
            ctx.close();
        } else {
            LOG.log(Level.WARNING, "closing hub connection from " + ctx.channel().remoteAddress(), problem);
            counters.refused();
            ctx.writeAndFlush(HubResponse.refused(0, HubError.INTERNAL_ERROR, problem.toString()))
                    .addListener(ChannelFutureListener.CLOSE);
        }
    }
}
