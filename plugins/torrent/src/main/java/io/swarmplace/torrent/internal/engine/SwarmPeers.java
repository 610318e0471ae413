package io.swarmplace.torrent.internal.engine;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.swarmplace.torrent.PeerSource;
import io.swarmplace.torrent.PeerStatus;
import io.swarmplace.torrent.TorrentEvent;
import io.swarmplace.torrent.internal.choke.PeerReputation;
import io.swarmplace.torrent.internal.tracker.TrackerAnnouncer;
import io.swarmplace.torrent.internal.wire.Handshake;
import io.swarmplace.torrent.internal.wire.PeerId;
import io.swarmplace.torrent.internal.wire.PeerMessage;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;

/**
 * The peers of one torrent: who is connected, who could be dialled, where they came from (trackers, the
 * DHT, magnet link, peer exchange, incoming, manual), and who misbehaved. Runs on the torrent's loop.
 */
final class SwarmPeers {

    private static final long IDLE_USELESS_NANOS = java.util.concurrent.TimeUnit.MINUTES.toNanos(5);

    private final TorrentSession session;
    private final Map<InetSocketAddress, PeerConnection> connected = new LinkedHashMap<>();
    private final Map<InetSocketAddress, PeerSource> dialling = new LinkedHashMap<>();
    private final Set<InetSocketAddress> plaintextRetries = new java.util.HashSet<>();
    private final PeerCandidates candidates = new PeerCandidates();
    private final ExtensionProtocol extensions;
    private final PeerReputation reputation;
    private TrackerAnnouncer announcer;
    private DhtAnnouncer dhtAnnouncer;
    private boolean discovering;

    SwarmPeers(TorrentSession session) {
        this.session = session;
        this.extensions = new ExtensionProtocol(session);
        this.reputation = new PeerReputation(session.runtime.banList());
    }

    ExtensionProtocol extensions() {
        return extensions;
    }

    List<PeerConnection> connected() {
        return new ArrayList<>(connected.values());
    }

    int connectedCount() {
        return connected.size();
    }

    int seedCount() {
        int pieces = session.metainfo().map(m -> m.info().pieceCount()).orElse(-1);
        return (int) connected.values().stream().filter(p -> p.isSeed(pieces)).count();
    }

    List<PeerStatus> statuses(long now) {
        int pieces = session.metainfo().map(m -> m.info().pieceCount()).orElse(0);
        return connected.values().stream().map(p -> p.status(pieces, now)).toList();
    }

    // --- discovery ------------------------------------------------------------------------------

    void startDiscovery() {
        if (discovering) {
            return;
        }
        discovering = true;
        announcer = session.runtime.newAnnouncer(session, this::offer);
        if (announcer != null) {
            announcer.start();
        }
        startDht();
        connectMore(System.nanoTime());
    }

    void stopDiscovery() {
        discovering = false;
        if (announcer != null) {
            announcer.stop();
            announcer = null;
        }
        stopDht();
    }

    /**
     * The DHT came, went or was replaced: public torrents that are looking for peers follow it. BEP 27:
     * private torrents never touch the DHT (a magnet link counts as public until its metadata says otherwise).
     */
    void dhtChanged() {
        DhtPeerDiscovery now = session.runtime.dht();
        if (dhtAnnouncer != null && dhtAnnouncer.dht() == now) {
            return;
        }
        stopDht();
        if (discovering) {
            startDht();
        }
    }

    private void startDht() {
        if (dhtAnnouncer == null && isPublic()) {
            dhtAnnouncer = session.runtime.newDhtAnnouncer(session, this::connectedCount, this::offer);
            if (dhtAnnouncer != null) {
                dhtAnnouncer.start();
            }
        }
    }

    private void stopDht() {
        if (dhtAnnouncer != null) {
            dhtAnnouncer.stop();
            dhtAnnouncer = null;
        }
    }

    private boolean isPublic() {
        return !session.metainfo().map(m -> m.info().privateTorrent()).orElse(false);
    }

    void completed() {
        if (announcer != null) {
            announcer.completed();
        }
        // Not interested any more; seeds among them are dropped there, two seeds have nothing to trade.
        for (PeerConnection peer : connected()) {
            session.protocol.updateInterest(peer);
        }
    }

    void metadataKnown() {
        if (!isPublic()) {
            stopDht();
        }
        for (PeerConnection peer : connected()) {
            session.protocol.metadataKnown(peer);
        }
    }

    /** A peer address from any source; dialled when a slot is free. */
    void offer(InetSocketAddress address, PeerSource source) {
        session.loop.execute(() -> {
            if (session.runtime.isBanned(address.getAddress()) || session.runtime.isSelf(address)) {
                return;
            }
            candidates.offer(address, source);
            if (discovering) {
                connectMore(System.nanoTime());
            }
        });
    }

    /**
     * Drops connections that are useless both ways (neither side interested, no payload for a long
     * time), and under connection pressure the peers that stopped answering our requests, so that
     * productive peers and new candidates get the slots.
     */
    void prune(long now) {
        boolean underPressure = connected.size() >= session.runtime.maxConnectionsPerTorrent() && candidates.size() > 0;
        for (PeerConnection peer : connected()) {
            boolean useless = !peer.amInterested && !peer.peerInterested && now - peer.lastPayloadAtNanos > IDLE_USELESS_NANOS;
            if (useless) {
                drop(peer, "neither side has been interested for " + IDLE_USELESS_NANOS / 1_000_000_000L + " s");
            } else if (underPressure && peer.snubbed) {
                drop(peer, "stopped sending what we asked for, and other peers are waiting for a slot");
                underPressure = false;
            }
        }
    }

    void connectMore(long now) {
        if (!discovering || session.isPaused() || session.state == io.swarmplace.torrent.TorrentState.ERROR) {
            return;
        }
        boolean seeding = session.picker != null && session.picker.isComplete();
        int free = session.runtime.maxConnectionsPerTorrent() - connected.size() - dialling.size();
        if (free <= 0 || seeding && connected.size() > 0 && session.state == io.swarmplace.torrent.TorrentState.SEEDING
                && !session.runtime.dialWhenSeeding()) {
            return;
        }
        Set<InetSocketAddress> reachable = connectedAddresses();
        for (PeerCandidates.Candidate candidate : candidates.due(now, free,
                a -> reachable.contains(a) || dialling.containsKey(a))) {
            dial(candidate.address, candidate.source);
        }
    }

    /**
     * Where our connected peers are: the remote ends, and for peers that dialled us also the listening
     * address they told us. Dialling a peer at its listening address while its own connection to us is up
     * makes a duplicate that clients such as libtorrent close ("duplicate peer-id"), and when each side
     * closes a different one of the two, both are lost.
     */
    private Set<InetSocketAddress> connectedAddresses() {
        Set<InetSocketAddress> addresses = new java.util.HashSet<>(connected.keySet());
        for (PeerConnection peer : connected.values()) {
            addresses.add(peer.listenAddress());
        }
        return addresses;
    }

    void dial(InetSocketAddress address, PeerSource source) {
        if (connectedAddresses().contains(address) || dialling.containsKey(address)
                || session.runtime.isBanned(address.getAddress()) || !session.runtime.reserveConnection()) {
            return;
        }
        candidates.offer(address, source);
        candidates.dialling(address);
        dialling.put(address, source);
        connect(address, false);
    }

    /**
     * The MSE handshake to {@code address} failed the way a plaintext-only peer fails it: when its
     * channel closes, the same reserved slot dials it once more without encryption.
     */
    void retryInPlaintext(InetSocketAddress address) {
        if (dialling.containsKey(address)) {
            plaintextRetries.add(address);
        }
    }

    /**
     * One attempt of a dial that holds a reserved slot and a {@code dialling} entry. Whatever ends the
     * attempt before a handshake attaches it (connect failure, a failed handshake, a timeout) gives the
     * slot back, unless a plaintext retry takes it over.
     */
    private void connect(InetSocketAddress address, boolean plaintext) {
        session.runtime.dial(session, address, plaintext).addListener((ChannelFuture future) -> {
            if (!future.isSuccess()) {
                session.loop.execute(() -> dialFailed(address));
                return;
            }
            Channel channel = future.channel();
            // Netty completes the close future first and fires channelInactive from a task it queues
            // right after; the MSE handler learns that a peer hung up only there. Hopping twice puts the
            // settlement behind that task, so a plaintext retry asked for at that point is seen.
            channel.closeFuture().addListener(closed -> session.loop.execute(
                    () -> session.loop.execute(() -> settleAttempt(address, channel))));
        });
    }

    private void settleAttempt(InetSocketAddress address, Channel channel) {
        PeerConnection attached = connected.get(address);
        if (attached != null && attached.channel() == channel) {
            return;
        }
        if (plaintextRetries.remove(address) && !session.isPaused()) {
            connect(address, true);
        } else {
            dialFailed(address);
        }
    }

    private void dialFailed(InetSocketAddress address) {
        plaintextRetries.remove(address);
        if (dialling.remove(address) != null) {
            session.runtime.releaseConnection();
            candidates.failed(address, System.nanoTime());
        }
    }

    /**
     * A handshake completed on {@code channel} (ours or theirs). Returns the new connection, or null if
     * it was refused (limits, a duplicate, a banned address).
     */
    PeerConnection attach(Channel channel, Handshake handshake, boolean outgoing) {
        InetSocketAddress address = (InetSocketAddress) channel.remoteAddress();
        PeerSource source = outgoing ? dialling.remove(address) : PeerSource.INCOMING;
        if (!outgoing && !session.runtime.reserveConnection()) {
            channel.close();
            return null;
        }
        if (source == null) {
            source = candidates.sourceOf(address, PeerSource.MANUAL);
        }
        String refusal = refusal(address, handshake, outgoing);
        if (refusal != null) {
            session.log(Level.FINE, "refused " + address + ": " + refusal);
            session.runtime.releaseConnection();
            channel.close();
            return null;
        }
        long now = System.nanoTime();
        PeerConnection peer = new PeerConnection(channel, address, source, outgoing, handshake,
                handshake.peerId().clientName(), now, session.runtime.newRateMeter(), session.runtime.newRateMeter());
        connected.put(address, peer);
        candidates.connected(address, now);
        channel.closeFuture().addListener(f -> session.loop.execute(() -> detached(peer)));
        extensions.introduce(peer);
        session.protocol.introduce(peer);
        sendDhtPort(peer);
        return peer;
    }

    private String refusal(InetSocketAddress address, Handshake handshake, boolean outgoing) {
        if (session.isPaused()) {
            return "torrent paused";
        }
        if (session.runtime.isBanned(address.getAddress())) {
            return "banned";
        }
        if (handshake.peerId().equals(session.runtime.peerId())) {
            return "a connection to ourselves";
        }
        PeerConnection sameId = withPeerId(handshake.peerId());
        if (sameId != null && !keepsNewDuplicate(session.runtime.peerId(), handshake.peerId(), outgoing)) {
            return "already connected to this peer id, and the other connection is the one both sides keep";
        }
        if (connected.containsKey(address)) {
            return "already connected to this address";
        }
        // A duplicate that replaces its twin takes no new slot: refusing it would lose both connections.
        if (!outgoing && sameId == null && connected.size() >= session.runtime.maxConnectionsPerTorrent()) {
            return "torrent connection limit reached";
        }
        if (sameId != null) {
            drop(sameId, "a second connection to the same peer id replaces it (both sides keep the one the greater id made)");
        }
        return null;
    }

    private PeerConnection withPeerId(PeerId peerId) {
        for (PeerConnection peer : connected.values()) {
            if (peer.handshake().peerId().equals(peerId)) {
                return peer;
            }
        }
        return null;
    }

    /**
     * Two connections to one peer (we dialled it while it dialled us): both sides must close the same one,
     * or each closes a different one and both are lost. libtorrent's rule, which we share: the peer with
     * the greater id (unsigned, byte by byte) is the one whose outgoing connection is kept.
     */
    static boolean keepsNewDuplicate(PeerId ours, PeerId theirs, boolean newIsOutgoing) {
        boolean oursIsGreater = Arrays.compareUnsigned(ours.bytes(), theirs.bytes()) > 0;
        return oursIsGreater == newIsOutgoing;
    }

    private void detached(PeerConnection peer) {
        if (connected.remove(peer.address()) == null) {
            return;
        }
        session.runtime.releaseConnection();
        candidates.failed(peer.address(), System.nanoTime());
        session.runtime.publish(new TorrentEvent.PeerDisconnected(session.infoHash, peer.address(),
                peer.handshake().peerId().clientName(), peer.bytesDownloaded, peer.bytesUploaded));
        session.protocol.peerGone(peer);
        extensions.peerGone(peer);
    }

    void drop(PeerConnection peer, String reason) {
        session.log(Level.FINE, "dropping " + peer + ": " + reason);
        peer.channel().close();
    }

    void disconnectAll(String reason) {
        for (PeerConnection peer : connected()) {
            drop(peer, reason);
        }
    }

    private void broadcastHave(int piece) {
        for (PeerConnection peer : connected.values()) {
            if (!peer.hasAll && !peer.has.get(piece)) {
                peer.send(new PeerMessage.Have(piece));
            } else {
                session.protocol.updateInterest(peer);
            }
        }
    }

    /** A piece verified: tell the peers that lack it, and credit those that sent it. */
    void pieceVerified(int piece, Set<PeerConnection> contributors) {
        broadcastHave(piece);
        reputation.pieceVerified(contributors.stream().map(p -> p.address().getAddress()).toList());
    }

    /** A piece failed its hash check: the peers that sent its blocks lose trust; some are banned. */
    void hashFailed(int piece, Set<PeerConnection> contributors) {
        List<java.net.InetAddress> hosts = contributors.stream().map(p -> p.address().getAddress()).toList();
        if (hosts.stream().anyMatch(session.runtime::isBanned)) {
            // Blocks of a peer banned meanwhile explain the failure: the others who completed the piece
            // are not charged for it (or an honest peer finishing a banned peer's pieces gets banned too).
            return;
        }
        Set<java.net.InetAddress> banned = reputation.pieceFailed(piece, hosts);
        for (java.net.InetAddress host : banned) {
            String reason = "sent data for piece " + piece + " that failed the hash check";
            candidates.forgetHost(host);
            for (PeerConnection peer : connected()) {
                if (peer.address().getAddress().equals(host)) {
                    session.log(Level.WARNING, "banning " + peer + ": " + reason);
                    session.runtime.publish(new TorrentEvent.PeerBanned(session.infoHash, peer.address(), reason));
                    peer.channel().close();
                }
            }
        }
    }

    /** Trust in {@code host} earned by verified pieces and lost by failed ones (see {@link PeerReputation}). */
    int trust(java.net.InetAddress host) {
        return reputation.trust(host);
    }

    /** Remembers an address to dial later (e.g. the listening port of a peer that dialled us). */
    void offerLater(InetSocketAddress address) {
        if (!session.runtime.isBanned(address.getAddress()) && !session.runtime.isSelf(address)) {
            candidates.offer(address, PeerSource.INCOMING);
        }
    }

    /** BEP 5: a peer whose handshake has the DHT bit learns our node's port, as libtorrent does. */
    private void sendDhtPort(PeerConnection peer) {
        if (peer.handshake().supportsDht() && isPublic()) {
            session.runtime.dhtPort().ifPresent(port -> peer.send(new PeerMessage.Port(port)));
        }
    }

    /** A peer's PORT message: its DHT node is pinged and so joins our routing table (not for private torrents). */
    void dhtPortLearned(PeerConnection peer, int port) {
        if (port > 0 && isPublic()) {
            session.runtime.dhtNodeLearned(new InetSocketAddress(peer.address().getAddress(), port));
        }
    }

    void setRateLimits(long download, long upload) {
        session.runtime.setTorrentRateLimits(session, download, upload);
    }
}
