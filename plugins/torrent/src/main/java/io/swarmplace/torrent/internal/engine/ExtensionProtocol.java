package io.swarmplace.torrent.internal.engine;

import io.swarmplace.torrent.PeerSource;
import io.swarmplace.torrent.internal.wire.ExtensionHandshake;
import io.swarmplace.torrent.internal.wire.MetadataAssembler;
import io.swarmplace.torrent.internal.wire.MetadataMessage;
import io.swarmplace.torrent.internal.wire.MetadataPieces;
import io.swarmplace.torrent.internal.wire.PeerMessage;
import io.swarmplace.torrent.internal.wire.PeerProtocolException;
import io.swarmplace.torrent.internal.wire.PexCodec;
import io.swarmplace.torrent.internal.wire.PexFlags;
import io.swarmplace.torrent.internal.wire.PexMessage;
import io.swarmplace.torrent.internal.wire.PexPeer;
import io.swarmplace.torrent.metainfo.Metainfo;
import io.swarmplace.torrent.metainfo.MetainfoException;
import io.swarmplace.torrent.metainfo.MetainfoReader;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Level;

/**
 * The extension protocol (BEP 10) for one torrent: our extension handshake, metadata exchange for
 * magnet links (BEP 9: fetch the info dictionary piece by piece, check it against the info-hash; serve
 * it to others) and peer exchange (BEP 11, never for private torrents). Runs on the torrent's loop.
 */
final class ExtensionProtocol {

    static final int UT_PEX_ID = 1;
    static final int UT_METADATA_ID = 2;
    private static final String CLIENT = "Swarmplace 0.1.0";

    private final TorrentSession session;
    private final PexCodec pexCodec;
    private MetadataAssembler metadata;
    private final Map<PeerConnection, Integer> metadataRequests = new HashMap<>();
    private final Map<PeerConnection, Set<InetSocketAddress>> pexSent = new HashMap<>();
    private boolean verifying;

    ExtensionProtocol(TorrentSession session) {
        this.session = session;
        this.pexCodec = new PexCodec(session.runtime.wireStatistics());
    }

    void introduce(PeerConnection peer) {
        if (!peer.handshake().supportsExtensionProtocol()) {
            return;
        }
        Map<String, Integer> ids = new HashMap<>();
        ids.put(ExtensionHandshake.UT_METADATA, UT_METADATA_ID);
        if (!isPrivate()) {
            ids.put(ExtensionHandshake.UT_PEX, UT_PEX_ID);
        }
        ExtensionHandshake ours = ExtensionHandshake.of(ids)
                .withClientVersion(CLIENT)
                .withListenPort(session.runtime.listenAddress().getPort())
                .withRequestQueueLength(PeerProtocol.MAX_QUEUED_PEER_REQUESTS)
                .withYourIp(peer.address().getAddress());
        if (session.metainfo().isPresent()) {
            ours = ours.withMetadataSize(session.metainfo().get().infoBytes().length);
        }
        peer.send(PeerMessage.Extended.wrap(ExtensionHandshake.ID, ours.encode()));
    }

    void onExtended(PeerConnection peer, PeerMessage.Extended message) {
        try {
            if (message.extendedId() == ExtensionHandshake.ID) {
                onHandshake(peer, ExtensionHandshake.decode(message.payload()));
            } else if (message.extendedId() == UT_METADATA_ID) {
                MetadataMessage.decode(message.payload(), session.runtime.wireStatistics())
                        .ifPresent(m -> onMetadata(peer, m));
            } else if (message.extendedId() == UT_PEX_ID && !isPrivate()) {
                onPex(pexCodec.decode(message.payload()));
            }
        } catch (PeerProtocolException e) {
            session.peers.drop(peer, "bad extension message: " + e.getMessage());
        }
    }

    private void onHandshake(PeerConnection peer, ExtensionHandshake handshake) {
        peer.extensions = java.util.Optional.of(handshake);
        if (handshake.listenPort().isPresent() && !peer.outgoing() && !isPrivate()) {
            // Its listening port lets us pass it on in peer exchange and re-dial it later.
            session.peers.offerLater(new InetSocketAddress(peer.address().getAddress(), handshake.listenPort().getAsInt()));
        }
        requestMetadata(peer);
    }

    // --- BEP 9 ---------------------------------------------------------------------------------

    private void requestMetadata(PeerConnection peer) {
        if (session.metainfo().isPresent() || verifying || metadataRequests.containsKey(peer)) {
            return;
        }
        OptionalInt theirId = peer.extensions.map(e -> e.idOf(ExtensionHandshake.UT_METADATA)).orElse(OptionalInt.empty());
        OptionalInt size = peer.extensions.map(ExtensionHandshake::metadataSize).orElse(OptionalInt.empty());
        if (theirId.isEmpty() || size.isEmpty()) {
            return;
        }
        if (metadata == null) {
            try {
                metadata = new MetadataAssembler(session.infoHash, size.getAsInt(), MetadataPieces.DEFAULT_MAX_METADATA_SIZE);
            } catch (PeerProtocolException e) {
                session.peers.drop(peer, e.getMessage());
                return;
            }
        } else if (metadata.metadataSize() != size.getAsInt()) {
            return; // another peer's size is being fetched; this one disagrees
        }
        OptionalInt piece = nextUnrequested();
        if (piece.isEmpty()) {
            return;
        }
        metadataRequests.put(peer, piece.getAsInt());
        peer.send(PeerMessage.Extended.wrap(theirId.getAsInt(), new MetadataMessage.Request(piece.getAsInt()).encode()));
    }

    private OptionalInt nextUnrequested() {
        Set<Integer> inFlight = new HashSet<>(metadataRequests.values());
        for (int piece : metadata.missingPieces()) {
            if (!inFlight.contains(piece)) {
                return OptionalInt.of(piece);
            }
        }
        return metadata.missingPieces().isEmpty() ? OptionalInt.empty() : OptionalInt.of(metadata.missingPieces().get(0));
    }

    private void onMetadata(PeerConnection peer, MetadataMessage message) {
        if (message instanceof MetadataMessage.Request request) {
            serveMetadata(peer, request.piece());
        } else if (message instanceof MetadataMessage.Reject) {
            metadataRequests.remove(peer);
        } else if (message instanceof MetadataMessage.Data data) {
            metadataRequests.remove(peer);
            if (metadata == null || session.metainfo().isPresent() || verifying) {
                return;
            }
            if (metadata.accept(data)) {
                verifyMetadata();
            } else {
                requestMetadata(peer);
            }
        }
    }

    private void verifyMetadata() {
        verifying = true;
        MetadataAssembler complete = metadata;
        CompletableFuture.supplyAsync(() -> {
            byte[] info = complete.assembleAndVerify();
            return new MetainfoReader().fromInfoDictionary(session.infoHash, info, session.announceTiers());
        }, session.runtime.disk()).whenComplete((metainfo, failure) -> session.loop.execute(() -> {
            verifying = false;
            metadata = null;
            metadataRequests.clear();
            if (failure != null) {
                session.log(Level.WARNING, "metadata from peers was rejected (" + TorrentSession.rootMessage(failure)
                        + "); fetching it again");
                session.peers.connected().forEach(this::requestMetadata);
                return;
            }
            session.metadataReceived(metainfo);
        }));
    }

    private void serveMetadata(PeerConnection peer, int piece) {
        OptionalInt theirId = peer.extensions.map(e -> e.idOf(ExtensionHandshake.UT_METADATA)).orElse(OptionalInt.empty());
        if (theirId.isEmpty()) {
            return;
        }
        if (session.metainfo().isEmpty()) {
            peer.send(PeerMessage.Extended.wrap(theirId.getAsInt(), new MetadataMessage.Reject(piece).encode()));
            return;
        }
        List<MetadataMessage.Data> pieces = session.metadataPieces();
        MetadataMessage reply = piece >= 0 && piece < pieces.size() ? pieces.get(piece) : new MetadataMessage.Reject(piece);
        byte[] encoded = reply instanceof MetadataMessage.Data data ? data.encode() : ((MetadataMessage.Reject) reply).encode();
        peer.send(PeerMessage.Extended.wrap(theirId.getAsInt(), encoded));
    }

    // --- BEP 11 ------------------------------------------------------------------------------

    private void onPex(PexMessage message) {
        for (PexPeer added : message.added()) {
            session.peers.offer(added.address(), PeerSource.PEER_EXCHANGE);
        }
    }

    /** Every minute: tell each peer that supports it which peers joined and left since the last time. */
    void pexRound() {
        if (isPrivate()) {
            return;
        }
        List<PeerConnection> peers = session.peers.connected();
        Set<InetSocketAddress> current = new HashSet<>();
        for (PeerConnection peer : peers) {
            current.add(peer.listenAddress());
        }
        for (PeerConnection peer : peers) {
            OptionalInt theirId = peer.extensions.map(e -> e.idOf(ExtensionHandshake.UT_PEX)).orElse(OptionalInt.empty());
            if (theirId.isEmpty()) {
                continue;
            }
            Set<InetSocketAddress> before = pexSent.getOrDefault(peer, Set.of());
            List<PexPeer> added = new ArrayList<>();
            for (InetSocketAddress address : current) {
                if (!before.contains(address) && !address.equals(peer.listenAddress()) && added.size() < PexMessage.MAX_PEERS) {
                    added.add(new PexPeer(address, PexFlags.NONE));
                }
            }
            List<InetSocketAddress> dropped = before.stream().filter(a -> !current.contains(a))
                    .limit(PexMessage.MAX_PEERS).toList();
            if (added.isEmpty() && dropped.isEmpty()) {
                continue;
            }
            Set<InetSocketAddress> sent = new HashSet<>(before);
            added.forEach(p -> sent.add(p.address()));
            dropped.forEach(sent::remove);
            pexSent.put(peer, sent);
            peer.send(PeerMessage.Extended.wrap(theirId.getAsInt(), pexCodec.encode(new PexMessage(added, dropped))));
        }
    }

    void peerGone(PeerConnection peer) {
        pexSent.remove(peer);
        if (metadataRequests.remove(peer) != null && metadata != null) {
            session.peers.connected().forEach(this::requestMetadata);
        }
    }

    private boolean isPrivate() {
        return session.metainfo().map(m -> m.info().privateTorrent()).orElse(false);
    }
}
