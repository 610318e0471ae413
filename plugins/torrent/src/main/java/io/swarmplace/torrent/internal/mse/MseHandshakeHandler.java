package io.swarmplace.torrent.internal.mse;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.util.AttributeKey;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import io.swarmplace.torrent.PeerEncryption;
import io.swarmplace.torrent.metainfo.InfoHash;
import java.net.SocketAddress;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Negotiates MSE/PE on a new connection, in front of the BitTorrent handshake handler. Bytes the
 * handlers behind it write during the negotiation are held back: the connecting side sends them as the
 * initial payload (IA), encrypted, in its third message, so the BitTorrent handshake costs no extra
 * round trip. Once the ciphers are agreed it installs an {@link Rc4Handler} after itself (RC4) or
 * nothing (plaintext), passes on the initial payload and any bytes after the handshake, records the
 * outcome in {@link #ENCRYPTION} and removes itself.
 *
 * <p>Every wait is bounded: padding is at most 512 bytes, so a synchronisation marker not found within
 * 512 bytes after where it may start ends the connection, as do a timeout and any value the spec does
 * not allow. On failure it fires an {@link MseException}, records the reason in {@link #FAILURE}, tells
 * the dialler's listener (which may retry in plaintext) and closes the connection.
 *
 * <p>Holds the state of one handshake: one instance per connection, never shared.
 */
public abstract sealed class MseHandshakeHandler extends ChannelDuplexHandler
        permits OutgoingMseHandler, IncomingMseHandler {

    public static final String NAME = "mse-handshake";
    /** How the connection ended up protected, set when the negotiation is done. */
    public static final AttributeKey<PeerEncryption> ENCRYPTION = AttributeKey.valueOf("swarmplace.mse.encryption");
    /** Why the MSE handshake failed, set when it does. */
    public static final AttributeKey<MseException.Reason> FAILURE = AttributeKey.valueOf("swarmplace.mse.failure");

    static final int MAX_PADDING = 512;
    static final int VC_LENGTH = 8;
    private static final Logger LOG = Logger.getLogger(MseHandshakeHandler.class.getName());

    final EncryptionSettings settings;
    /** What has arrived and is not consumed yet. */
    ByteBuf received;
    private final Queue<PendingWrite> pendingWrites = new ArrayDeque<>();
    private BiConsumer<MseException, SocketAddress> onFailure = (failure, peer) -> { };
    private boolean started;
    private boolean finished;
    private ScheduledFuture<?> timeout;

    MseHandshakeHandler(EncryptionSettings settings) {
        this.settings = settings;
    }

    /** For a connection we dial to the peers of {@code infoHash}. */
    public static MseHandshakeHandler outgoing(EncryptionSettings settings, InfoHash infoHash) {
        return outgoing(settings, infoHash, (failure, peer) -> { });
    }

    /** The same, telling {@code onFailure} (on the channel's loop) when and with whom the handshake failed. */
    public static MseHandshakeHandler outgoing(EncryptionSettings settings, InfoHash infoHash,
            BiConsumer<MseException, SocketAddress> onFailure) {
        MseHandshakeHandler handler = new OutgoingMseHandler(settings, infoHash);
        handler.onFailure = onFailure;
        return handler;
    }

    /** For a connection a peer dialled; plaintext BitTorrent is passed on when the incoming policy allows it. */
    public static MseHandshakeHandler incoming(EncryptionSettings settings, TorrentKeys torrents) {
        return new IncomingMseHandler(settings, torrents);
    }

    /** Called once the channel is active. */
    abstract void start(ChannelHandlerContext ctx);

    /** Consumes what it can of {@link #received}; ends by {@link #complete} or by throwing. */
    abstract void advance(ChannelHandlerContext ctx);

    /** What {@link #received} had when the handshake timed out, for the message. */
    abstract String progress();

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        received = ctx.alloc().buffer();
        if (ctx.channel().isActive()) {
            begin(ctx);
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        begin(ctx);
        ctx.fireChannelActive();
    }

    private void begin(ChannelHandlerContext ctx) {
        if (started) {
            return;
        }
        started = true;
        timeout = ctx.executor().schedule(() -> fail(ctx, new MseException(MseException.Reason.TIMEOUT,
                "the MSE handshake did not complete within " + settings.timeout().toMillis() + " ms ("
                        + progress() + ")")), settings.timeout().toNanos(), TimeUnit.NANOSECONDS);
        start(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (finished || !(msg instanceof ByteBuf in)) {
            if (finished) {
                ReferenceCountUtil.release(msg);
            } else {
                ctx.fireChannelRead(msg);
            }
            return;
        }
        try {
            received.writeBytes(in);
        } finally {
            in.release();
        }
        try {
            advance(ctx);
        } catch (MseException e) {
            fail(ctx, e);
        }
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (finished) {
            ctx.write(msg, promise);
            return;
        }
        if (!(msg instanceof ByteBuf bytes)) {
            ReferenceCountUtil.release(msg);
            promise.setFailure(new IllegalArgumentException("only byte buffers can be sent during the MSE handshake"));
            return;
        }
        pendingWrites.add(new PendingWrite(bytes, promise));
    }

    @Override
    public void flush(ChannelHandlerContext ctx) {
        if (finished) {
            ctx.flush();
        }
    }

    /** Takes the bytes written behind us so far, up to {@code limit}, as one array (the connecting side's IA). */
    byte[] takePendingBytes(int limit) {
        int total = 0;
        for (PendingWrite write : pendingWrites) {
            if (total + write.bytes.readableBytes() > limit) {
                break;
            }
            total += write.bytes.readableBytes();
        }
        byte[] taken = new byte[total];
        int offset = 0;
        while (offset < total) {
            PendingWrite write = pendingWrites.remove();
            int length = write.bytes.readableBytes();
            write.bytes.readBytes(taken, offset, length);
            write.bytes.release();
            write.promise.setSuccess();
            offset += length;
        }
        return taken;
    }

    /** Reads {@code length} bytes of {@link #received}, decrypted with {@code stream}. */
    byte[] readDecrypted(int length, Rc4Stream stream) {
        byte[] bytes = ByteBufUtil.getBytes(received, received.readerIndex(), length);
        received.skipBytes(length);
        stream.apply(bytes, 0, length);
        return bytes;
    }

    /**
     * Skips {@link #received} up to just after {@code marker}, which must start within {@code MAX_PADDING}
     * bytes of the reader index. True once found; false while it may still arrive.
     */
    boolean skipPast(byte[] marker, String what) {
        int window = MAX_PADDING + marker.length;
        int searchable = Math.min(received.readableBytes(), window);
        for (int start = 0; start + marker.length <= searchable; start++) {
            if (matches(received, received.readerIndex() + start, marker)) {
                received.skipBytes(start + marker.length);
                return true;
            }
        }
        if (received.readableBytes() >= window) {
            throw new MseException(MseException.Reason.NO_SYNC_MARKER, "no " + what + " within the "
                    + MAX_PADDING + " bytes of padding the MSE spec allows: not an MSE peer, or it uses other keys");
        }
        return false;
    }

    private static boolean matches(ByteBuf buffer, int index, byte[] marker) {
        for (int i = 0; i < marker.length; i++) {
            if (buffer.getByte(index + i) != marker[i]) {
                return false;
            }
        }
        return true;
    }

    static int checkPadding(int length, String which) {
        if (length > MAX_PADDING) {
            throw new MseException(MseException.Reason.PADDING_TOO_LONG, which + " of " + length
                    + " bytes is longer than the " + MAX_PADDING + " the MSE spec allows");
        }
        return length;
    }

    byte[] randomPadding() {
        byte[] padding = new byte[settings.random().nextInt(MAX_PADDING + 1)];
        settings.random().nextBytes(padding);
        return padding;
    }

    /**
     * Ends the negotiation: installs RC4 (when selected), sends what was held back, passes on the initial
     * payload (already plaintext) and the bytes after the handshake, and removes this handler.
     */
    void complete(ChannelHandlerContext ctx, PeerEncryption outcome, Rc4Stream decrypt, Rc4Stream encrypt,
            byte[] initialPayload) {
        finish(ctx, outcome);
        ChannelPipeline pipeline = ctx.pipeline();
        ChannelHandlerContext payloadTarget = ctx;
        if (outcome == PeerEncryption.RC4) {
            pipeline.addAfter(ctx.name(), Rc4Handler.NAME, new Rc4Handler(decrypt, encrypt));
            payloadTarget = pipeline.context(Rc4Handler.NAME);
        }
        while (!pendingWrites.isEmpty()) {
            PendingWrite write = pendingWrites.remove();
            ByteBuf bytes = write.bytes;
            if (outcome == PeerEncryption.RC4) {
                bytes = ctx.alloc().buffer(write.bytes.readableBytes());
                encrypt.apply(write.bytes, bytes);
                write.bytes.release();
            }
            ctx.write(bytes, write.promise);
        }
        ctx.flush();
        if (initialPayload.length > 0) {
            payloadTarget.fireChannelRead(ctx.alloc().buffer(initialPayload.length).writeBytes(initialPayload));
        }
        passOnReceivedAndLeave(ctx);
    }

    /** Ends without MSE: the peer started a plaintext BitTorrent handshake, which the handlers behind us read. */
    void passThrough(ChannelHandlerContext ctx) {
        finish(ctx, PeerEncryption.NONE);
        passOnReceivedAndLeave(ctx);
    }

    private void finish(ChannelHandlerContext ctx, PeerEncryption outcome) {
        finished = true;
        cancelTimeout();
        ctx.channel().attr(ENCRYPTION).set(outcome);
        LOG.log(Level.FINE, () -> "connection with " + ctx.channel().remoteAddress() + ": " + outcome);
    }

    private void passOnReceivedAndLeave(ChannelHandlerContext ctx) {
        ByteBuf rest = received;
        received = null;
        if (rest.isReadable()) {
            ctx.fireChannelRead(rest);
        } else {
            rest.release();
        }
        if (ctx.channel().isActive()) {
            ctx.pipeline().remove(this);
        }
    }

    void fail(ChannelHandlerContext ctx, MseException failure) {
        if (finished) {
            return;
        }
        finished = true;
        cancelTimeout();
        ctx.channel().attr(FAILURE).set(failure.reason());
        SocketAddress remote = ctx.channel().remoteAddress();
        LOG.log(Level.INFO, () -> "Closing connection with " + remote + ": MSE handshake failed: " + failure.getMessage());
        releaseHeldBytes(failure);
        onFailure.accept(failure, remote);
        ctx.fireExceptionCaught(failure);
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (!finished) {
            fail(ctx, new MseException(MseException.Reason.CLOSED,
                    "the peer closed the connection during the MSE handshake (" + progress() + ")"));
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        cancelTimeout();
        releaseHeldBytes(new MseException(MseException.Reason.CLOSED, "the MSE handler was removed"));
    }

    private void releaseHeldBytes(Throwable cause) {
        if (received != null) {
            received.release();
            received = null;
        }
        while (!pendingWrites.isEmpty()) {
            PendingWrite write = pendingWrites.remove();
            write.bytes.release();
            write.promise.tryFailure(cause);
        }
    }

    private void cancelTimeout() {
        if (timeout != null) {
            timeout.cancel(false);
            timeout = null;
        }
    }

    int receivedBytes() {
        return received == null ? 0 : received.readableBytes();
    }

    private record PendingWrite(ByteBuf bytes, ChannelPromise promise) {}
}
