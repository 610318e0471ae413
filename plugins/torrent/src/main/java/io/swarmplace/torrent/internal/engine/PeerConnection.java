package io.swarmplace.torrent.internal.engine;

import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.util.ReferenceCountUtil;
import io.swarmplace.torrent.PeerEncryption;
import io.swarmplace.torrent.PeerSource;
import io.swarmplace.torrent.PeerStatus;
import io.swarmplace.torrent.internal.mse.MseHandshakeHandler;
import io.swarmplace.torrent.internal.rate.RateMeter;
import io.swarmplace.torrent.internal.wire.ExtensionHandshake;
import io.swarmplace.torrent.internal.wire.Handshake;
import io.swarmplace.torrent.internal.wire.PeerMessage;
import java.net.InetSocketAddress;
import java.util.BitSet;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;

/**
 * What the engine knows about one connected peer: the four choke/interest flags, what it has, what we
 * asked of it and what it asked of us, and the bytes exchanged. Touched only on its torrent's event
 * loop; the Netty handler hands messages over.
 */
final class PeerConnection {

    private final Channel channel;
    private final InetSocketAddress address;
    private final PeerSource source;
    private final boolean outgoing;
    private final Handshake handshake;
    private final String client;
    private final long connectedAtNanos;
    /** Touched on the channel's event loop only (not the torrent's, for peers that dialled us). */
    private boolean flushScheduled;

    boolean amChoking = true;
    boolean amInterested;
    boolean peerChoking = true;
    boolean peerInterested;
    boolean optimisticallyUnchoked;
    boolean snubbed;

    final BitSet has = new BitSet();
    boolean hasAll;
    final Set<Integer> allowedFast = new HashSet<>();
    Optional<ExtensionHandshake> extensions = Optional.empty();

    /** Our requests to the peer that it has not answered yet. */
    final Set<BlockKey> requested = new HashSet<>();
    /** Requests of the last timeout: handed to others, but an answer that comes late is still used. */
    final Set<BlockKey> timedOut = new HashSet<>();
    /** The peer's requests to us, in arrival order, not yet answered. */
    final Set<BlockKey> peerRequests = new LinkedHashSet<>();
    /**
     * Of those, the ones not yet taken up: blocks are read and queued for the socket only while it takes
     * them (the channel is writable), so a peer may keep many requests queued without us holding their data.
     */
    final Set<BlockKey> unserved = new LinkedHashSet<>();
    /** Bytes of this peer's requests taken up and waiting for their piece to come from disk. */
    long bytesAwaitingDisk;

    final RateMeter downloadRate;
    final RateMeter uploadRate;
    long bytesDownloaded;
    long bytesUploaded;
    long lastBlockAtNanos;
    /** Last time payload moved either way; a connection idle both ways for long is dropped. */
    long lastPayloadAtNanos;
    long lastRequestAtNanos;
    /** We have had requests out with the peer since {@link #waitingSinceNanos}, or its last block then. */
    boolean waiting;
    long waitingSinceNanos;
    int hashFailures;
    /** Requests of the peer we refused since we last unchoked it. */
    int refusedRequests;

    PeerConnection(Channel channel, InetSocketAddress address, PeerSource source, boolean outgoing,
            Handshake handshake, String client, long nowNanos, RateMeter downloadRate, RateMeter uploadRate) {
        this.channel = channel;
        this.address = address;
        this.source = source;
        this.outgoing = outgoing;
        this.handshake = handshake;
        this.client = client;
        this.connectedAtNanos = nowNanos;
        this.lastBlockAtNanos = nowNanos;
        this.lastPayloadAtNanos = nowNanos;
        this.downloadRate = downloadRate;
        this.uploadRate = uploadRate;
    }

    Channel channel() {
        return channel;
    }

    InetSocketAddress address() {
        return address;
    }

    PeerSource source() {
        return source;
    }

    Handshake handshake() {
        return handshake;
    }

    long connectedAtNanos() {
        return connectedAtNanos;
    }

    boolean outgoing() {
        return outgoing;
    }

    /** Where the peer accepts connections: the dialled address, or the port its extension handshake gave. */
    InetSocketAddress listenAddress() {
        if (outgoing) {
            return address;
        }
        return extensions.flatMap(e -> e.listenPort().isPresent()
                        ? Optional.of(new InetSocketAddress(address.getAddress(), e.listenPort().getAsInt()))
                        : Optional.empty())
                .orElse(address);
    }

    boolean supportsFast() {
        return handshake.supportsFastExtension();
    }

    /** The peer's id for an extension message name, if it announced one. */
    Optional<Integer> extensionId(String name) {
        return extensions.flatMap(e -> Optional.ofNullable(e.messageIds().get(name))).filter(id -> id > 0);
    }

    boolean isSeed(int pieceCount) {
        return hasAll || (pieceCount > 0 && has.cardinality() == pieceCount);
    }

    void send(PeerMessage message) {
        channel.writeAndFlush(message, channel.voidPromise());
    }

    /** Sends without flushing; the caller calls {@link #flushSoon()} once after a batch. */
    void queue(PeerMessage message) {
        channel.write(message, channel.voidPromise());
    }

    /** Sends, flushing as {@link #flushSoon()} does. */
    void sendSoon(PeerMessage message) {
        EventLoop loop = channel.eventLoop();
        if (loop.inEventLoop()) {
            queue(message);
            scheduleFlush();
            return;
        }
        try {
            loop.execute(() -> {
                queue(message);
                scheduleFlush();
            });
        } catch (RejectedExecutionException e) {
            ReferenceCountUtil.release(message); // the engine is stopping
        }
    }

    /**
     * Flushes once the channel's event loop has run what is already queued on it. Requests are refilled
     * block by block as blocks arrive, and uploads complete block by block from the disk threads; a flush
     * each is a write system call each, and the peer wakes up for each. Deferred, all messages of one read
     * batch or one burst of disk completions leave in one write.
     */
    void flushSoon() {
        EventLoop loop = channel.eventLoop();
        if (loop.inEventLoop()) {
            scheduleFlush();
        } else {
            // Queued behind the writes this thread handed the channel's loop, so the flush comes after them.
            try {
                loop.execute(this::scheduleFlush);
            } catch (RejectedExecutionException e) {
                // The engine is stopping; the channel closes with whatever it holds.
            }
        }
    }

    /** On the channel's loop only, so that a flush task pending there always runs after every earlier write. */
    private void scheduleFlush() {
        if (!flushScheduled) {
            flushScheduled = true;
            channel.eventLoop().execute(() -> {
                flushScheduled = false;
                channel.flush();
            });
        }
    }

    PeerStatus status(int pieceCount, long nowNanos) {
        double progress = pieceCount == 0 ? 0 : hasAll ? 1 : (double) has.cardinality() / pieceCount;
        return new PeerStatus(address, client, source, outgoing, bytesDownloaded, bytesUploaded,
                downloadRate.rate(), uploadRate.rate(),
                amChoking, amInterested, peerChoking, peerInterested, snubbed, progress, encryption());
    }

    private PeerEncryption encryption() {
        PeerEncryption encryption = channel.attr(MseHandshakeHandler.ENCRYPTION).get();
        return encryption == null ? PeerEncryption.NONE : encryption;
    }

    @Override
    public String toString() {
        return address.getAddress().getHostAddress() + ":" + address.getPort() + " (" + client + ")";
    }

    /** A block as piece, offset and length. */
    record BlockKey(int piece, int begin, int length) {}
}
