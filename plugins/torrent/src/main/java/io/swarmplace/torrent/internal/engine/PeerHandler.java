package io.swarmplace.torrent.internal.engine;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import io.swarmplace.torrent.internal.mse.MseException;
import io.swarmplace.torrent.internal.wire.HandshakeCompleted;
import io.swarmplace.torrent.internal.wire.HandshakeFailedException;
import io.swarmplace.torrent.internal.wire.PeerMessage;
import io.swarmplace.torrent.internal.wire.PeerProtocolException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
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
    /**
     * Messages that arrived while the channel moves to its torrent's loop; null when not moving. Filled on
     * the old loop, drained or released on the new one or wherever a failed move or close completes: the
     * reference is taken once, and the list is locked while used, so no message is delivered or released
     * twice, nor left behind.
     */
    private final AtomicReference<List<PeerMessage>> waitingForMove = new AtomicReference<>();

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
            if (ctx.channel().eventLoop() != target.loop) {
                moveToTorrentLoop(ctx, target, completed);
                return;
            }
            // Messages are queued behind this task on the torrent's loop, so none overtakes the attach.
            target.loop.execute(() -> peer = target.peers.attach(ctx.channel(), completed.remote(), outgoing));
            return;
        }
        super.userEventTriggered(ctx, event);
    }

    /**
     * A peer that dialled us was accepted on any loop; its torrent lives on one. Left there, every request
     * and every block would cross between the two threads (a task and a wake-up each way), so the channel
     * moves to the torrent's loop before it is attached. Messages that arrive meanwhile wait in order.
     */
    private void moveToTorrentLoop(ChannelHandlerContext ctx, TorrentSession target, HandshakeCompleted completed) {
        Channel channel = ctx.channel();
        waitingForMove.set(new ArrayList<>());
        ctx.deregister().addListener(deregistered -> {
            if (!deregistered.isSuccess()) {
                channel.close();
                releaseWaiting();
                return;
            }
            target.loop.register(channel).addListener(registered -> {
                if (!registered.isSuccess()) {
                    LOG.log(Level.FINE, registered.cause(),
                            () -> "cannot move " + channel.remoteAddress() + " to its torrent's loop");
                    channel.close();
                    releaseWaiting();
                    return;
                }
                if (!channel.isActive()) {
                    releaseWaiting(); // closed while it moved
                    return;
                }
                // Timers of the idle handler were scheduled on the old loop: a fresh one schedules on this one.
                channel.pipeline().replace(PeerChannelInitializer.IDLE, PeerChannelInitializer.IDLE,
                        runtime.idleStateHandler());
                peer = target.peers.attach(channel, completed.remote(), !completed.incoming());
                drainWaiting(this::deliver);
            });
        });
    }

    private void releaseWaiting() {
        drainWaiting(ReferenceCountUtil::release);
    }

    private void drainWaiting(Consumer<PeerMessage> action) {
        List<PeerMessage> waiting = waitingForMove.getAndSet(null);
        if (waiting != null) {
            synchronized (waiting) {
                waiting.forEach(action);
                waiting.clear();
            }
        }
    }

    /** Keeps the message for after the move; false when no move is under way (any more). */
    private boolean waitForMove(PeerMessage message) {
        List<PeerMessage> waiting = waitingForMove.get();
        if (waiting == null) {
            return false;
        }
        synchronized (waiting) {
            if (waitingForMove.get() != waiting) {
                return false; // drained meanwhile: this message takes the normal path
            }
            waiting.add(message);
            return true;
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        releaseWaiting();
        super.channelInactive(ctx);
    }

    /** The socket took our queued data: take up more of the peer's requests. */
    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
        TorrentSession target = session;
        PeerConnection current = peer;
        if (current != null && target != null && ctx.channel().isWritable()) {
            if (target.loop.inEventLoop()) {
                target.protocol.serveWhileWritable(current);
            } else {
                target.loop.execute(() -> target.protocol.serveWhileWritable(current));
            }
        }
        super.channelWritabilityChanged(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof PeerMessage message) || session == null) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (waitForMove(message)) {
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
