package io.swarmplace.control.internal;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.swarmplace.control.ControlResponse;

/**
 * Answers a malformed or oversized request with a clear error and closes the connection: a client
 * that breaks framing cannot be trusted to be in sync any more.
 */
@Sharable
final class ProtocolErrorHandler extends ChannelInboundHandlerAdapter {

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        String reason = cause instanceof DecoderException && cause.getMessage() != null
                ? cause.getMessage()
                : "control channel error: " + cause;
        if (!ctx.channel().isActive()) {
            return;
        }
        ctx.writeAndFlush(ControlResponse.failure(ControlResponse.BAD_REQUEST, "", reason, "BadRequest"))
                .addListener(ChannelFutureListener.CLOSE);
    }
}
