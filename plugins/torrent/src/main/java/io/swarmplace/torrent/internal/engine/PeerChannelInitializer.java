package io.swarmplace.torrent.internal.engine;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.timeout.IdleStateHandler;
import io.swarmplace.torrent.internal.wire.HandshakeHandler;

/**
 * The pipeline of a peer connection, one handler per concern: idle detection (keep-alives, dead
 * peers), the global rate limit (only when one is set), the handshake (which installs framing and the
 * message codec after itself), and the engine's protocol handler. The torrent's rate limit, when it has
 * one, joins in front of the framing once the handshake tells which torrent the connection is for.
 *
 * @param session the torrent we dial for, or null for a connection a peer made to us
 */
final class PeerChannelInitializer extends ChannelInitializer<SocketChannel> {

    static final String TORRENT_SHAPER = "torrent-rate-limit";
    private static final int KEEP_ALIVE_SECONDS = 60;

    private final EngineRuntime runtime;
    private final TorrentSession session;

    PeerChannelInitializer(EngineRuntime runtime, TorrentSession session) {
        this.runtime = runtime;
        this.session = session;
    }

    @Override
    protected void initChannel(SocketChannel channel) {
        ChannelPipeline pipeline = channel.pipeline();
        pipeline.addLast("idle", new IdleStateHandler(runtime.peerIdleTimeoutSeconds(), KEEP_ALIVE_SECONDS, 0));
        pipeline.addLast("keep-alive", new KeepAliveHandler());
        if (runtime.globalShaper() != null) {
            pipeline.addLast("global-rate-limit", runtime.globalShaper());
        }
        if (session != null) {
            pipeline.addLast(HandshakeHandler.NAME, HandshakeHandler.outgoing(runtime.wireSettings(), session.localTorrent()));
        } else {
            pipeline.addLast(HandshakeHandler.NAME, HandshakeHandler.incoming(runtime.wireSettings(), runtime.engine()::lookup));
        }
        pipeline.addLast(PeerHandler.NAME, new PeerHandler(runtime, session));
    }
}
