package io.swarmplace.torrent.internal.wire;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.util.concurrent.ScheduledFuture;
import io.swarmplace.torrent.internal.wire.HandshakeFailedException.Reason;
import io.swarmplace.torrent.metainfo.InfoHash;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Exchanges the 68-byte handshake on a new connection, in either direction. Outgoing: sends ours as
 * soon as the channel is active, then expects the same info-hash back. Incoming: reads the peer's
 * info-hash, asks the {@link TorrentLookup} whether we serve it, and answers with ours.
 *
 * <p>On success it installs {@link MessageFrameDecoder}, {@link PeerMessageDecoder} and
 * {@link PeerMessageEncoder} after itself, fires {@link HandshakeCompleted}, passes on any bytes that
 * came after the handshake in the same read, and removes itself. On failure (not BitTorrent, unknown or
 * wrong info-hash, our own peer id, timeout) it logs the reason, fires a {@link HandshakeFailedException}
 * and closes the connection.
 *
 * <p>Holds the state of one handshake: one instance per connection, never shared.
 */
public final class HandshakeHandler extends ChannelInboundHandlerAdapter {

    public static final String NAME = "bt-handshake";
    public static final String FRAME_DECODER = "bt-frame-decoder";
    public static final String MESSAGE_DECODER = "bt-message-decoder";
    public static final String MESSAGE_ENCODER = "bt-message-encoder";

    private static final Logger LOG = Logger.getLogger(HandshakeHandler.class.getName());

    private final WireSettings settings;
    /** Outgoing: the torrent we dialled for. Incoming: null until the lookup answers. */
    private LocalTorrent torrent;
    private final TorrentLookup lookup;
    private final byte[] received = new byte[Handshake.LENGTH];
    private int receivedCount;
    private Handshake sent;
    private boolean started;
    private boolean finished;
    private ScheduledFuture<?> timeout;

    private HandshakeHandler(WireSettings settings, LocalTorrent torrent, TorrentLookup lookup) {
        this.settings = settings;
        this.torrent = torrent;
        this.lookup = lookup;
    }

    /** For a connection we dialled to download or seed {@code torrent}. */
    public static HandshakeHandler outgoing(WireSettings settings, LocalTorrent torrent) {
        return new HandshakeHandler(settings, torrent, null);
    }

    /** For a connection a peer dialled; {@code lookup} decides whether we serve what it asks for. */
    public static HandshakeHandler incoming(WireSettings settings, TorrentLookup lookup) {
        return new HandshakeHandler(settings, null, lookup);
    }

    private boolean isIncoming() {
        return lookup != null;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        if (ctx.channel().isActive()) {
            start(ctx);
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        start(ctx);
        ctx.fireChannelActive();
    }

    private void start(ChannelHandlerContext ctx) {
        if (started) {
            return;
        }
        started = true;
        long nanos = settings.handshakeTimeout().toNanos();
        timeout = ctx.executor().schedule(() -> fail(ctx, Reason.TIMEOUT, "no complete handshake within "
                + settings.handshakeTimeout().toMillis() + " ms (" + receivedCount + " of " + Handshake.LENGTH
                + " bytes arrived)"), nanos, TimeUnit.NANOSECONDS);
        if (!isIncoming()) {
            send(ctx, torrent.infoHash());
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf in)) {
            ctx.fireChannelRead(msg);
            return;
        }
        try {
            if (finished) {
                return;
            }
            int count = Math.min(in.readableBytes(), Handshake.LENGTH - receivedCount);
            in.readBytes(received, receivedCount, count);
            receivedCount += count;
            if (!consumeReceived(ctx)) {
                return;
            }
            complete(ctx, in);
        } finally {
            in.release();
        }
    }

    /** Checks what has arrived so far; true once the whole handshake is here and acceptable. */
    private boolean consumeReceived(ChannelHandlerContext ctx) {
        int matching = Handshake.protocolPrefixMatches(received, receivedCount);
        if (matching < receivedCount) {
            fail(ctx, Reason.NOT_BITTORRENT, "not a BitTorrent handshake: byte " + matching
                    + " differs from \\x13BitTorrent protocol (an encrypted or non-BitTorrent peer)");
            return false;
        }
        if (receivedCount >= Handshake.INFO_HASH_END && !checkInfoHash(ctx)) {
            return false;
        }
        return receivedCount == Handshake.LENGTH;
    }

    /**
     * Answers an incoming peer once its info-hash is known, without waiting for its peer id (some
     * clients wait for ours first); for an outgoing connection checks that the answer is our torrent.
     */
    private boolean checkInfoHash(ChannelHandlerContext ctx) {
        if (sent != null) {
            InfoHash answered = Handshake.infoHashOf(received);
            if (!answered.equals(torrent.infoHash())) {
                fail(ctx, Reason.WRONG_INFO_HASH, "peer answered for info-hash " + answered + " instead of "
                        + torrent.infoHash());
                return false;
            }
            return true;
        }
        InfoHash asked = Handshake.infoHashOf(received);
        Optional<LocalTorrent> found = lookup.find(asked);
        if (found.isEmpty()) {
            fail(ctx, Reason.UNKNOWN_INFO_HASH, "peer asked for info-hash " + asked + ", which this node does not serve");
            return false;
        }
        torrent = found.get();
        send(ctx, asked);
        return true;
    }

    private void send(ChannelHandlerContext ctx, InfoHash infoHash) {
        sent = new Handshake(settings.reserved(), infoHash, settings.peerId());
        ctx.writeAndFlush(Unpooled.wrappedBuffer(sent.encode()));
    }

    private void complete(ChannelHandlerContext ctx, ByteBuf rest) {
        Handshake remote = Handshake.decode(received);
        if (remote.peerId().equals(settings.peerId())) {
            fail(ctx, Reason.CONNECTED_TO_SELF, "the remote peer id is our own: this connection goes to ourselves");
            return;
        }
        finished = true;
        cancelTimeout();
        ChannelPipeline pipeline = ctx.pipeline();
        pipeline.addAfter(ctx.name(), FRAME_DECODER, new MessageFrameDecoder(torrent.maxMessageLength()));
        pipeline.addAfter(FRAME_DECODER, MESSAGE_DECODER, new PeerMessageDecoder(settings.statistics()));
        pipeline.addAfter(MESSAGE_DECODER, MESSAGE_ENCODER, new PeerMessageEncoder());
        ctx.fireUserEventTriggered(new HandshakeCompleted(remote, sent, torrent, isIncoming()));
        if (rest.isReadable()) {
            ctx.fireChannelRead(rest.readRetainedSlice(rest.readableBytes()));
        }
        pipeline.remove(this);
    }

    private void fail(ChannelHandlerContext ctx, Reason reason, String message) {
        if (finished) {
            return;
        }
        finished = true;
        cancelTimeout();
        LOG.log(Level.INFO, () -> "Closing BitTorrent connection with " + ctx.channel().remoteAddress() + ": " + message);
        ctx.fireExceptionCaught(new HandshakeFailedException(reason, message));
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (!finished) {
            fail(ctx, Reason.CLOSED, "peer closed the connection after " + receivedCount + " of "
                    + Handshake.LENGTH + " handshake bytes");
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        cancelTimeout();
    }

    private void cancelTimeout() {
        if (timeout != null) {
            timeout.cancel(false);
            timeout = null;
        }
    }
}
