package io.swarmplace.torrent.internal.engine;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.swarmplace.torrent.internal.choke.ChokeDecision;
import io.swarmplace.torrent.internal.choke.ChokeMode;
import io.swarmplace.torrent.internal.choke.PeerChokeState;
import io.swarmplace.torrent.internal.engine.PeerConnection.BlockKey;
import io.swarmplace.torrent.internal.picker.BlockOutcome;
import io.swarmplace.torrent.internal.picker.BlockRequest;
import io.swarmplace.torrent.internal.picker.Cancel;
import io.swarmplace.torrent.internal.storage.PieceVerdict;
import io.swarmplace.torrent.internal.wire.PeerMessage;
import io.swarmplace.torrent.internal.wire.PeerProtocolException;
import io.swarmplace.torrent.metainfo.TorrentInfo;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;

/**
 * What the engine says to peers and how it answers them (BEP 3 and the fast extension, BEP 6): interest,
 * block requests kept pipelined from the picker, pieces assembled and handed to storage for the SHA-1
 * check, uploads served from storage to unchoked peers, choking rounds. Runs on the torrent's loop.
 */
final class PeerProtocol {

    static final int MAX_BLOCK_REQUEST = 128 * 1024;
    /**
     * Requests a peer may keep queued with us ({@code reqq}), as libtorrent's seeders allow: a downloader's
     * requests must cover what sits in both sockets' buffers on a fast link, or it runs dry while its
     * answers are still in flight. Only their keys are held; data is read as the socket takes it.
     */
    static final int MAX_QUEUED_PEER_REQUESTS = 2000;
    /**
     * Bytes of a peer's requests that may wait for their pieces to be read from disk at once: a few pieces
     * ahead of the socket, so reads overlap sending.
     */
    static final long MAX_BYTES_AWAITING_DISK = 4L * 1024 * 1024;
    private static final int REFILL_BATCH = 16;
    /**
     * Requests we may refuse a peer (choked, invalid, over its queue) before hanging up. A peer can have
     * a full queue in flight when our choke reaches it; one that keeps asking beyond that ignores the
     * protocol, and answering every request with a reject would let it make us write without end.
     */
    static final int MAX_REFUSED_REQUESTS = MAX_QUEUED_PEER_REQUESTS + 100;
    private static final long MAX_SNUB_NANOS = TimeUnit.SECONDS.toNanos(60);
    private static final long MAX_REQUEST_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(30);

    private final TorrentSession session;
    private final Map<Integer, PieceAssembly> assemblies = new HashMap<>();
    /** A peer that delivers none of our requests for this long is dropped, as one that says nothing at all. */
    private final long uselessNanos;
    /** Snubbed (one request at a time) after half of that, at most 60 s. */
    private final long snubNanos;
    /** Its requests go to others after a quarter of that, at most 30 s. */
    private final long requestTimeoutNanos;
    /** Requests waiting for their piece to be read into the cache, by piece. */
    private final Map<Integer, List<WaitingBlock>> waitingForPiece = new HashMap<>();
    private final PieceBuffers pieceBuffers = new PieceBuffers(PieceBuffers.DEFAULT_MAX_FREE_BYTES);
    private final DiskBacklog diskBacklog = new DiskBacklog(DiskBacklog.DEFAULT_HIGH_BYTES, DiskBacklog.DEFAULT_LOW_BYTES);

    PeerProtocol(TorrentSession session) {
        this.session = session;
        this.uselessNanos = TimeUnit.SECONDS.toNanos(session.runtime.peerIdleTimeoutSeconds());
        this.snubNanos = Math.min(MAX_SNUB_NANOS, uselessNanos / 2);
        this.requestTimeoutNanos = Math.min(MAX_REQUEST_TIMEOUT_NANOS, uselessNanos / 4);
    }

    // --- connection start ---------------------------------------------------------------------

    /** Right after the handshake: tell the peer what we have. */
    void introduce(PeerConnection peer) {
        if (diskBacklog.paused()) {
            peer.channel().config().setAutoRead(false);
        }
        if (session.storage == null) {
            if (peer.supportsFast()) {
                peer.send(new PeerMessage.HaveNone());
            }
            return;
        }
        BitSet verified = session.storage.verifiedPieces();
        int pieces = session.metainfo().orElseThrow().info().pieceCount();
        if (peer.supportsFast() && verified.cardinality() == pieces) {
            peer.send(new PeerMessage.HaveAll());
        } else if (peer.supportsFast() && verified.isEmpty()) {
            peer.send(new PeerMessage.HaveNone());
        } else if (!verified.isEmpty()) {
            peer.send(new PeerMessage.Bitfield(Bitfields.toBytes(verified, pieces)));
        }
    }

    // --- incoming messages ----------------------------------------------------------------------

    void onMessage(PeerConnection peer, PeerMessage message) {
        try {
            dispatch(peer, message);
        } finally {
            if (message instanceof PeerMessage.Piece piece) {
                piece.data().release();
            } else if (message instanceof PeerMessage.Extended extended) {
                extended.payload().release();
            }
        }
    }

    private void dispatch(PeerConnection peer, PeerMessage message) {
        if (message instanceof PeerMessage.Piece piece) {
            onPiece(peer, piece);
        } else if (message instanceof PeerMessage.Request request) {
            onRequest(peer, new BlockKey(request.pieceIndex(), request.begin(), request.length()));
        } else if (message instanceof PeerMessage.Have have) {
            onHave(peer, have.pieceIndex());
        } else if (message instanceof PeerMessage.Unchoke) {
            peer.peerChoking = false;
            requestMore(peer);
        } else if (message instanceof PeerMessage.Choke) {
            onChoke(peer);
        } else if (message instanceof PeerMessage.Interested) {
            peer.peerInterested = true;
            unchokeIfSlotFree(peer);
        } else if (message instanceof PeerMessage.NotInterested) {
            peer.peerInterested = false;
        } else if (message instanceof PeerMessage.Bitfield bitfield) {
            onBitfield(peer, bitfield);
        } else if (message instanceof PeerMessage.HaveAll) {
            onHaveAll(peer);
        } else if (message instanceof PeerMessage.HaveNone) {
            if (session.picker != null) {
                session.picker.peerHasNone(peer);
            }
            updateInterest(peer);
        } else if (message instanceof PeerMessage.Cancel cancel) {
            BlockKey cancelled = new BlockKey(cancel.pieceIndex(), cancel.begin(), cancel.length());
            peer.peerRequests.remove(cancelled);
            peer.unserved.remove(cancelled);
        } else if (message instanceof PeerMessage.RejectRequest reject) {
            onReject(peer, new BlockKey(reject.pieceIndex(), reject.begin(), reject.length()));
        } else if (message instanceof PeerMessage.AllowedFast allowed) {
            peer.allowedFast.add(allowed.pieceIndex());
            requestMore(peer);
        } else if (message instanceof PeerMessage.Port port) {
            session.peers.dhtPortLearned(peer, port.port());
        } else if (message instanceof PeerMessage.Extended extended) {
            session.peers.extensions().onExtended(peer, extended);
        }
        // keep-alive and suggest-piece need no answer
    }

    private void onChoke(PeerConnection peer) {
        peer.peerChoking = true;
        if (!peer.supportsFast()) {
            // Without the fast extension a choke silently drops everything we asked for.
            for (BlockKey block : peer.requested) {
                if (session.picker != null) {
                    session.picker.blockRejected(peer, block.piece(), block.begin());
                }
            }
            peer.requested.clear();
            peer.waiting = false;
        }
    }

    private void onHave(PeerConnection peer, int piece) {
        if (!validPiece(piece)) {
            session.peers.drop(peer, "sent have for piece " + piece + " which does not exist");
            return;
        }
        if (!peer.has.get(piece)) {
            peer.has.set(piece);
            if (session.picker != null) {
                session.picker.peerHas(peer, piece);
            }
        }
        updateInterest(peer);
    }

    private void onBitfield(PeerConnection peer, PeerMessage.Bitfield bitfield) {
        BitSet bits = Bitfields.toBitSet(bitfield.bits());
        if (session.picker == null) {
            peer.has.or(bits);
            return;
        }
        try {
            bitfield.checkFor(pieceCount());
        } catch (PeerProtocolException e) {
            session.peers.drop(peer, e.getMessage());
            return;
        }
        peer.has.clear();
        peer.has.or(bits);
        session.picker.peerBitfield(peer, bits);
        updateInterest(peer);
    }

    private void onHaveAll(PeerConnection peer) {
        peer.hasAll = true;
        if (session.picker != null) {
            peer.has.set(0, pieceCount());
            session.picker.peerHasAll(peer);
        }
        updateInterest(peer);
    }

    /** After the metadata of a magnet link arrived: replay what peers told us before. */
    void metadataKnown(PeerConnection peer) {
        if (peer.hasAll) {
            peer.has.set(0, pieceCount());
            session.picker.peerHasAll(peer);
        } else if (!peer.has.isEmpty()) {
            session.picker.peerBitfield(peer, (BitSet) peer.has.clone());
        }
        introduce(peer);
        updateInterest(peer);
    }

    void updateInterest(PeerConnection peer) {
        if (session.picker == null) {
            return;
        }
        if (session.picker.isComplete() && peer.isSeed(pieceCount())) {
            session.peers.drop(peer, "both sides are seeds");
            return;
        }
        boolean interesting = session.picker.isInteresting(peer);
        if (interesting != peer.amInterested) {
            peer.amInterested = interesting;
            peer.send(interesting ? new PeerMessage.Interested() : new PeerMessage.NotInterested());
        }
        if (interesting) {
            requestMore(peer);
        }
    }

    // --- downloading --------------------------------------------------------------------------------

    void requestMore(PeerConnection peer) {
        if (session.picker == null || session.isPaused() || !peer.amInterested || !peer.channel().isActive()) {
            return;
        }
        boolean choked = peer.peerChoking;
        if (choked && peer.allowedFast.isEmpty()) {
            return;
        }
        int target = session.runtime.requestQueueSize(peer);
        int wanted = target - peer.requested.size();
        if (wanted <= 0 || wanted < refillBatch(target)) {
            return;
        }
        List<BlockRequest> blocks = choked
                ? session.picker.pickAllowedFast(peer, wanted, peer.allowedFast)
                : session.picker.pick(peer, wanted);
        if (blocks.isEmpty()) {
            return;
        }
        long now = System.nanoTime();
        if (!peer.waiting) {
            peer.waiting = true;
            peer.waitingSinceNanos = now;
        }
        for (BlockRequest block : blocks) {
            BlockKey key = new BlockKey(block.piece(), block.begin(), block.length());
            // Never ask one peer twice for a block: it would send it twice. A block we gave up waiting
            // for is still on its way from this peer: wait for that answer again instead of asking anew.
            if (peer.timedOut.remove(key)) {
                peer.requested.add(key);
                continue;
            }
            if (!peer.requested.add(key)) {
                continue;
            }
            peer.queue(new PeerMessage.Request(block.piece(), block.begin(), block.length()));
        }
        peer.lastRequestAtNanos = now;
        peer.flushSoon();
    }

    /**
     * Requests are topped up once this many are missing from the queue, not after every block received:
     * the queue stays almost as deep, and the picker runs once for many blocks instead of once for each.
     */
    static int refillBatch(int target) {
        return Math.max(1, Math.min(REFILL_BATCH, target / 8));
    }

    private void onPiece(PeerConnection peer, PeerMessage.Piece message) {
        int length = message.data().readableBytes();
        BlockKey key = new BlockKey(message.pieceIndex(), message.begin(), length);
        long now = System.nanoTime();
        session.downloadedBytes += length;
        session.downloadRate.add(length);
        peer.bytesDownloaded += length;
        peer.downloadRate.add(length);
        peer.lastBlockAtNanos = now;
        peer.lastPayloadAtNanos = now;
        // A block whose request timed out is still welcome: the picker takes it while it is needed.
        boolean askedNow = peer.requested.remove(key);
        boolean askedBefore = peer.timedOut.remove(key);
        if (askedNow && askedBefore) {
            // We asked again after the timeout: the first answer came, so the repeat is not needed.
            peer.send(new PeerMessage.Cancel(key.piece(), key.begin(), key.length()));
        }
        boolean asked = askedNow || askedBefore;
        if (!asked || session.picker == null) {
            session.wastedBytes += length;
            return;
        }
        peer.snubbed = false;
        peer.waitingSinceNanos = now;
        BlockOutcome<PeerConnection> outcome = session.picker.blockReceived(peer, key.piece(), key.begin(), length);
        for (Cancel<PeerConnection> cancel : outcome.cancels()) {
            PeerConnection other = cancel.peer();
            BlockRequest block = cancel.block();
            if (other.requested.remove(new BlockKey(block.piece(), block.begin(), block.length()))) {
                other.send(new PeerMessage.Cancel(block.piece(), block.begin(), block.length()));
            }
        }
        if (outcome.kind() == BlockOutcome.Kind.INVALID) {
            session.peers.drop(peer, "sent a block that does not fit the torrent: piece " + key.piece() + " offset " + key.begin());
            return;
        }
        if (outcome.kind() != BlockOutcome.Kind.ACCEPTED) {
            session.wastedBytes += length;
            requestMore(peer);
            return;
        }
        PieceAssembly assembly = assemblies.computeIfAbsent(key.piece(),
                piece -> new PieceAssembly(piece, pieceBuffers.take(info().pieceSize(piece))));
        if (!assembly.add(key.begin(), message.data())) {
            session.wastedBytes += length;
        }
        if (assembly.complete()) {
            assemblies.remove(key.piece());
            verify(assembly);
        }
        requestMore(peer);
    }

    private void verify(PieceAssembly assembly) {
        int piece = assembly.piece();
        ByteBuffer bytes = assembly.bytes();
        if (diskBacklog.added(bytes.remaining())) {
            readFromPeers(false);
        }
        session.storage.writePiece(piece, bytes).whenComplete((verdict, failure) -> session.loop.execute(() -> {
            pieceBuffers.give(assembly.array()); // storage is done with it: hashed, written, copied to its cache
            if (diskBacklog.finished(bytes.capacity())) {
                readFromPeers(true);
            }
            if (session.storage == null || session.picker == null) {
                return;
            }
            if (failure != null) {
                session.fail("cannot write piece " + piece + ": " + TorrentSession.rootMessage(failure));
                return;
            }
            if (verdict == PieceVerdict.VERIFIED || verdict == PieceVerdict.ALREADY_VERIFIED) {
                Set<PeerConnection> contributors = session.picker.pieceVerified(piece);
                session.peers.pieceVerified(piece, contributors);
                session.pieceVerified(piece);
            } else {
                session.wastedBytes += bytes.capacity();
                Set<PeerConnection> contributors = session.picker.pieceFailed(piece);
                session.log(Level.WARNING, "piece " + piece + " failed its hash check (" + verdict + "); sent by " + contributors);
                session.peers.hashFailed(piece, contributors);
            }
        }));
    }

    private void onReject(PeerConnection peer, BlockKey block) {
        if (peer.requested.remove(block) && session.picker != null) {
            session.picker.blockRejected(peer, block.piece(), block.begin());
        }
        if (peer.requested.isEmpty()) {
            peer.waiting = false; // it answered everything, if only with no
        }
    }

    /** Snubbing, request timeouts; called every second. */
    void checkTimeouts(long now) {
        for (PeerConnection peer : session.peers.connected()) {
            if (!peer.amInterested) {
                peer.waiting = false;
            }
            if (peer.waiting && now - peer.waitingSinceNanos > uselessNanos) {
                // It may keep the connection alive, but it holds a slot and sends nothing we asked for.
                session.peers.drop(peer, "delivered none of our requests for "
                        + TimeUnit.NANOSECONDS.toSeconds(now - peer.waitingSinceNanos) + " s");
                continue;
            }
            if (peer.waiting && now - peer.waitingSinceNanos > snubNanos) {
                peer.snubbed = true;
            }
            if (!peer.requested.isEmpty() && now - peer.lastBlockAtNanos > requestTimeoutNanos
                    && now - peer.lastRequestAtNanos > requestTimeoutNanos && session.picker != null) {
                // The peer holds requests it does not answer: give them to others, keep asking for new ones.
                for (BlockKey block : peer.requested) {
                    session.picker.requestTimedOut(peer, block.piece(), block.begin());
                }
                // Keep earlier timed-out requests too: a slow peer answers them late, and they are still useful.
                if (peer.timedOut.size() > 2 * MAX_QUEUED_PEER_REQUESTS) {
                    peer.timedOut.clear();
                }
                peer.timedOut.addAll(peer.requested);
                peer.requested.clear();
                // As libtorrent does: one request at a time until it delivers again, so the same blocks
                // are not asked of it twice while others take them over.
                peer.snubbed = true;
            }
            requestMore(peer);
        }
    }

    /**
     * Stops or resumes reading from every peer of the torrent (see {@link DiskBacklog}). A download rate
     * limit's handler also turns reading off and on; the two only make each other's pauses shorter.
     */
    private void readFromPeers(boolean read) {
        for (PeerConnection peer : session.peers.connected()) {
            peer.channel().config().setAutoRead(read);
        }
    }

    /** The peer disconnected: release what it held. */
    void peerGone(PeerConnection peer) {
        if (session.picker != null) {
            session.picker.peerGone(peer);
            // Blocks it delivered of pieces nobody else will finish stay in their assemblies.
        }
        peer.requested.clear();
        peer.timedOut.clear();
        peer.peerRequests.clear();
        peer.unserved.clear();
    }

    // --- uploading --------------------------------------------------------------------------------

    private void onRequest(PeerConnection peer, BlockKey block) {
        if (session.storage == null || !session.storage.isVerified(block.piece())
                || block.length() <= 0 || block.length() > MAX_BLOCK_REQUEST || block.begin() < 0
                || (long) block.begin() + block.length() > info().pieceSize(block.piece())) {
            refuse(peer, block);
            return;
        }
        if (peer.amChoking && !peer.optimisticallyUnchoked) {
            refuse(peer, block);
            return;
        }
        if (peer.peerRequests.size() >= MAX_QUEUED_PEER_REQUESTS) {
            refuse(peer, block);
            return;
        }
        if (peer.peerRequests.add(block)) {
            peer.unserved.add(block);
            serveWhileWritable(peer);
        }
    }

    /**
     * Takes up the peer's queued requests in order while its channel takes more data and not too much of
     * it waits for the disk; runs again when the channel becomes writable and when pieces arrive from disk.
     */
    void serveWhileWritable(PeerConnection peer) {
        while (!peer.unserved.isEmpty() && peer.channel().isWritable() && peer.bytesAwaitingDisk < MAX_BYTES_AWAITING_DISK) {
            Iterator<BlockKey> first = peer.unserved.iterator();
            BlockKey block = first.next();
            first.remove();
            serve(peer, block);
        }
    }

    private void serve(PeerConnection peer, BlockKey block) {
        // A peer asks for all blocks of a piece at once: the first one has the whole piece read into the
        // cache, in one round trip through the disk threads, and the others wait for it here, even once it
        // is cached, so that they leave in the order they were asked for.
        List<WaitingBlock> waiting = waitingForPiece.get(block.piece());
        if (waiting != null) {
            peer.bytesAwaitingDisk += block.length();
            waiting.add(new WaitingBlock(peer, block));
            return;
        }
        if (sendCached(peer, block)) {
            return;
        }
        peer.bytesAwaitingDisk += block.length();
        waiting = new ArrayList<>();
        waiting.add(new WaitingBlock(peer, block));
        waitingForPiece.put(block.piece(), waiting);
        session.storage.cachePiece(block.piece()).whenComplete((cached, failure) -> session.loop.execute(() -> {
            Set<PeerConnection> served = new LinkedHashSet<>();
            for (WaitingBlock next : waitingForPiece.remove(block.piece())) {
                next.peer().bytesAwaitingDisk -= next.block().length();
                served.add(next.peer());
                if (failure != null) {
                    failedToRead(next.peer(), next.block(), failure);
                } else if (!cached || !sendCached(next.peer(), next.block())) {
                    readAndSend(next.peer(), next.block()); // too big for the cache, or evicted meanwhile
                }
            }
            served.forEach(this::serveWhileWritable);
        }));
    }

    /**
     * Sends the block if its piece is in the read cache, without touching the disk: the socket writes it
     * straight from the cache's native memory.
     */
    private boolean sendCached(PeerConnection peer, BlockKey block) {
        Optional<ByteBuf> cached = session.storage.cachedBlock(block.piece(), block.begin(), block.length());
        cached.ifPresent(slice -> sendBlock(peer, block, slice));
        return cached.isPresent();
    }

    private void readAndSend(PeerConnection peer, BlockKey block) {
        session.storage.readBlock(block.piece(), block.begin(), block.length())
                .whenComplete((bytes, failure) -> session.loop.execute(() -> {
                    if (failure != null) {
                        failedToRead(peer, block, failure);
                    } else {
                        sendBlock(peer, block, Unpooled.wrappedBuffer(bytes));
                    }
                }));
    }

    private void failedToRead(PeerConnection peer, BlockKey block, Throwable failure) {
        if (peer.peerRequests.remove(block) && peer.channel().isActive()) {
            session.log(Level.WARNING, "cannot read piece " + block.piece() + " for " + peer + ": "
                    + TorrentSession.rootMessage(failure));
            reject(peer, block);
        }
    }

    /** Sends {@code data} (released when not sent) unless the request was cancelled meanwhile. */
    private void sendBlock(PeerConnection peer, BlockKey block, ByteBuf data) {
        if (!peer.peerRequests.remove(block) || !peer.channel().isActive()) {
            data.release();
            return; // cancelled, choked or gone meanwhile
        }
        session.uploadedBytes += block.length();
        session.uploadRate.add(block.length());
        peer.bytesUploaded += block.length();
        peer.uploadRate.add(block.length());
        peer.lastPayloadAtNanos = System.nanoTime();
        peer.sendSoon(new PeerMessage.Piece(block.piece(), block.begin(), data));
    }

    private void refuse(PeerConnection peer, BlockKey block) {
        if (++peer.refusedRequests > MAX_REFUSED_REQUESTS) {
            session.peers.drop(peer, "sent " + peer.refusedRequests + " requests we had to refuse (choked, invalid or over its queue)");
            return;
        }
        reject(peer, block);
    }

    private void reject(PeerConnection peer, BlockKey block) {
        if (peer.supportsFast()) {
            peer.send(new PeerMessage.RejectRequest(block.piece(), block.begin(), block.length()));
        }
    }

    /** Every 10 s: who may download from us (tit-for-tat, optimistic unchoke every third round). */
    void chokeRound() {
        List<PeerConnection> connected = session.peers.connected();
        List<PeerChokeState<PeerConnection>> states = new ArrayList<>(connected.size());
        for (PeerConnection peer : connected) {
            states.add(new PeerChokeState<>(peer, peer.peerInterested, peer.amInterested,
                    peer.downloadRate.rate(), peer.uploadRate.rate(), peer.snubbed,
                    peer.connectedAtNanos(), peer.isSeed(pieceCount()), !peer.amChoking));
        }
        boolean seeding = session.picker != null && session.picker.isComplete();
        ChokeDecision<PeerConnection> decision = session.choker.rechoke(states, seeding ? ChokeMode.SEEDING : ChokeMode.LEECHING);
        for (PeerConnection peer : decision.toChoke()) {
            if (!peer.amChoking) {
                peer.amChoking = true;
                peer.optimisticallyUnchoked = false;
                peer.send(new PeerMessage.Choke());
                rejectQueued(peer);
            }
        }
        for (PeerConnection peer : decision.toUnchoke()) {
            peer.optimisticallyUnchoked = decision.optimistic().contains(peer);
            if (peer.amChoking) {
                peer.amChoking = false;
                peer.refusedRequests = 0;
                peer.send(new PeerMessage.Unchoke());
            }
        }
    }

    /**
     * Unchokes a newly interested peer at once while an upload slot is free. Waiting for the next round
     * left every new peer idle for up to 10 s, and a torrent uploaded nothing in its first 10 s (its first
     * round runs before anyone has connected); the next round judges this peer like any other.
     */
    private void unchokeIfSlotFree(PeerConnection peer) {
        if (!peer.amChoking || session.storage == null || session.isPaused() || peer.isSeed(pieceCount())
                || session.storage.verifiedPieces().isEmpty()) {
            return;
        }
        int unchoked = 0;
        for (PeerConnection other : session.peers.connected()) {
            if (!other.amChoking) {
                unchoked++;
            }
        }
        if (unchoked < session.runtime.uploadSlots()) {
            peer.amChoking = false;
            peer.send(new PeerMessage.Unchoke());
        }
    }

    private void rejectQueued(PeerConnection peer) {
        for (BlockKey block : peer.peerRequests) {
            reject(peer, block);
        }
        peer.peerRequests.clear();
        peer.unserved.clear();
    }

    private boolean validPiece(int piece) {
        return session.metainfo().isEmpty() || (piece >= 0 && piece < pieceCount());
    }

    private int pieceCount() {
        return session.metainfo().map(m -> m.info().pieceCount()).orElse(0);
    }

    private TorrentInfo info() {
        return session.metainfo().orElseThrow().info();
    }

    private record WaitingBlock(PeerConnection peer, BlockKey block) {
    }
}
