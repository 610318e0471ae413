package io.swarmplace.torrent.internal.engine;

import io.netty.channel.Channel;
import io.swarmplace.torrent.PeerSource;
import io.swarmplace.torrent.PeerStatus;
import io.swarmplace.torrent.internal.rate.RateMeter;
import io.swarmplace.torrent.internal.wire.ExtensionHandshake;
import io.swarmplace.torrent.internal.wire.Handshake;
import io.swarmplace.torrent.internal.wire.PeerMessage;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.BitSet;
import java.util.Deque;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

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
    /** The peer's requests to us, in arrival order, not yet served. */
    final Deque<BlockKey> peerRequests = new ArrayDeque<>();

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

    /** Sends without flushing; the caller flushes once after a batch. */
    void queue(PeerMessage message) {
        channel.write(message, channel.voidPromise());
    }

    void flush() {
        channel.flush();
    }

    PeerStatus status(int pieceCount, long nowNanos) {
        double progress = pieceCount == 0 ? 0 : hasAll ? 1 : (double) has.cardinality() / pieceCount;
        return new PeerStatus(address, client, source, outgoing, bytesDownloaded, bytesUploaded,
                downloadRate.rate(), uploadRate.rate(),
                amChoking, amInterested, peerChoking, peerInterested, snubbed, progress);
    }

    @Override
    public String toString() {
        return address.getAddress().getHostAddress() + ":" + address.getPort() + " (" + client + ")";
    }

    /** A block as piece, offset and length. */
    record BlockKey(int piece, int begin, int length) {}
}
