package io.swarmplace.torrent.internal.engine;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import io.swarmplace.torrent.internal.mse.MseException;
import io.swarmplace.torrent.internal.wire.HandshakeCompleted;
import io.swarmplace.torrent.internal.wire.HandshakeFailedException;
import io.swarmplace.torrent.internal.wire.PeerMessage;
import io.swarmplace.torrent.internal.wire.PeerProtocolException;
import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The last handler of a peer connection: after the handshake it binds the channel to its torrent and
 * hands every message to the torrent's event loop, where {@link PeerProtocol} answers it.
 */
final class PeerHandler extends ChannelInboundHandlerAdapter {

    static final String NAME = "peer";
    private static final Logger LOG = Logger.getLogger(PeerHandler.class.getName());

    private final EngineRuntime runtime;
    private TorrentSession session;
    private volatile PeerConnection peer;

    PeerHandler(EngineRuntime runtime, TorrentSession session) {
        this.runtime = runtime;
        this.session = session;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof HandshakeCompleted completed) {
            if (session == null) {
                session = runtime.engine().session(completed.remote().infoHash()).orElse(null);
                if (session == null) {
                    ctx.close();
                    return;
                }
            }
            io.netty.handler.traffic.GlobalTrafficShapingHandler shaper = runtime.torrentShaper(session);
            if (shaper != null) {
                runtime.addTorrentShaper(ctx.channel(), shaper);
            }
            TorrentSession target = session;
            boolean outgoing = !completed.incoming();
            // Messages are queued behind this task on the torrent's loop, so none overtakes the attach.
            target.loop.execute(() -> peer = target.peers.attach(ctx.channel(), completed.remote(), outgoing));
            return;
        }
        super.userEventTriggered(ctx, event);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof PeerMessage message) || session == null) {
            ReferenceCountUtil.release(msg);
            return;
        }
        TorrentSession target = session;
        if (peer != null && target.loop.inEventLoop()) {
            deliver(message);
        } else {
            target.loop.execute(() -> deliver(message));
        }
    }

    private void deliver(PeerMessage message) {
        if (peer == null || !peer.channel().isActive()) {
            ReferenceCountUtil.release(message);
            return;
        }
        session.protocol.onMessage(peer, message);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof HandshakeFailedException || cause instanceof MseException) {
            return; // the handshake handler logged it and closed
        }
        if (cause instanceof PeerProtocolException) {
            LOG.log(Level.INFO, () -> "closing " + ctx.channel().remoteAddress() + ": protocol error: " + cause.getMessage());
        } else if (cause instanceof IOException) {
            LOG.log(Level.FINE, () -> "connection to " + ctx.channel().remoteAddress() + " failed: " + cause.getMessage());
        } else {
            LOG.log(Level.WARNING, "unexpected error on the connection to " + ctx.channel().remoteAddress(), cause);
        }
        ctx.close();
    }
}
