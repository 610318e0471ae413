package io.swarmplace.torrent.internal.engine;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.swarmplace.torrent.internal.wire.PeerMessage;
import java.util.logging.Logger;

/** Sends a keep-alive when we have been silent for a while; closes a peer that has been silent too long. */
final class KeepAliveHandler extends ChannelDuplexHandler {

    private static final Logger LOG = Logger.getLogger(KeepAliveHandler.class.getName());

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof IdleStateEvent idle) {
            if (idle.state() == IdleState.READER_IDLE) {
                LOG.fine(() -> "closing " + ctx.channel().remoteAddress() + ": nothing received for too long");
                ctx.close();
            } else if (idle.state() == IdleState.WRITER_IDLE && ctx.pipeline().get(io.swarmplace.torrent.internal.wire.HandshakeHandler.NAME) == null) {
                ctx.writeAndFlush(new PeerMessage.KeepAlive(), ctx.voidPromise());
            }
            return;
        }
        super.userEventTriggered(ctx, event);
    }
}
