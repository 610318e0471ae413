package io.swarmplace.torrent.internal.engine;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.swarmplace.torrent.internal.mse.EncryptionPolicy;
import io.swarmplace.torrent.internal.mse.EncryptionSettings;
import io.swarmplace.torrent.internal.mse.MseException;
import io.swarmplace.torrent.internal.mse.MseHandshakeHandler;
import io.swarmplace.torrent.internal.wire.HandshakeHandler;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The pipeline of a peer connection, one handler per concern: idle detection (keep-alives, dead
 * peers), the global rate limit (only when one is set), MSE/PE encryption (unless the policy for this
 * direction is disabled; it replaces itself with RC4 or leaves), the handshake (which installs framing
 * and the message codec after itself), and the engine's protocol handler. The torrent's rate limit, when
 * it has one, joins in front of the framing once the handshake tells which torrent the connection is for.
 *
 * <p>An encrypted attempt under the ENABLED outgoing policy that fails the way a peer without MSE fails
 * (it hangs up, stays silent, or answers something else) is followed by one plaintext dial, as
 * libtorrent does.
 *
 * @param session the torrent we dial for, or null for a connection a peer made to us
 */
final class PeerChannelInitializer extends ChannelInitializer<SocketChannel> {

    static final String TORRENT_SHAPER = "torrent-rate-limit";
    static final String IDLE = "idle";
    private static final Logger LOG = Logger.getLogger(PeerChannelInitializer.class.getName());
    /** Failures that mean "this peer does not speak MSE", not "this peer is broken or hostile". */
    private static final Set<MseException.Reason> RETRY_IN_PLAINTEXT = EnumSet.of(
            MseException.Reason.CLOSED, MseException.Reason.TIMEOUT, MseException.Reason.NO_SYNC_MARKER);

    private final EngineRuntime runtime;
    private final TorrentSession session;
    private final boolean plaintextRetry;

    PeerChannelInitializer(EngineRuntime runtime, TorrentSession session, boolean plaintextRetry) {
        this.runtime = runtime;
        this.session = session;
        this.plaintextRetry = plaintextRetry;
    }

    @Override
    protected void initChannel(SocketChannel channel) {
        ChannelPipeline pipeline = channel.pipeline();
        pipeline.addLast(IDLE, runtime.idleStateHandler());
        pipeline.addLast("keep-alive", runtime.keepAliveHandler());
        if (runtime.globalShaper() != null) {
            pipeline.addLast("global-rate-limit", runtime.globalShaper());
        }
        EncryptionSettings encryption = runtime.encryption();
        if (session != null) {
            if (encryption.outgoing() != EncryptionPolicy.DISABLED && !plaintextRetry) {
                BiConsumer<MseException, SocketAddress> onFailure = encryption.outgoing() == EncryptionPolicy.ENABLED
                        ? this::retryInPlaintext : (failure, peer) -> { };
                pipeline.addLast(MseHandshakeHandler.NAME,
                        MseHandshakeHandler.outgoing(encryption, session.localTorrent().infoHash(), onFailure));
            }
            pipeline.addLast(HandshakeHandler.NAME, HandshakeHandler.outgoing(runtime.wireSettings(), session.localTorrent()));
        } else {
            if (encryption.incoming() != EncryptionPolicy.DISABLED) {
                pipeline.addLast(MseHandshakeHandler.NAME, MseHandshakeHandler.incoming(encryption, runtime.torrentKeys()));
            }
            pipeline.addLast(HandshakeHandler.NAME, HandshakeHandler.incoming(runtime.wireSettings(), runtime.engine()::lookup));
        }
        pipeline.addLast(PeerHandler.NAME, new PeerHandler(runtime, session));
    }

    private void retryInPlaintext(MseException failure, SocketAddress peer) {
        if (!RETRY_IN_PLAINTEXT.contains(failure.reason()) || !(peer instanceof InetSocketAddress address)
                || session.isPaused()) {
            return;
        }
        LOG.log(Level.FINE, () -> address + " did not complete the MSE handshake (" + failure.reason()
                + "): dialling it in plaintext");
        session.peers.retryInPlaintext(address);
    }
}
