package io.swarmplace.torrent.internal.picker;

import io.swarmplace.torrent.metainfo.TorrentInfo;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

/**
 * Chooses the blocks to request from each peer of one torrent and keeps the books on them.
 *
 * <h2>What it knows</h2>
 * Our verified pieces; every peer's pieces (fed by {@link #peerBitfield}, {@link #peerHas},
 * {@link #peerHasAll}) and from them each piece's availability; every outstanding request (which peer
 * was asked for which block) and, for pieces in progress, which peer sent each block. The picker's
 * record of a peer's pieces is the one the engine should use: availability and "does this peer have
 * it" come from the same calls, so they cannot disagree. Peers are opaque keys {@code P} (stable
 * {@code equals}/{@code hashCode}); a peer is known from its first bitfield/have call until
 * {@link #peerGone}.
 *
 * <h2>Order of picking</h2>
 * Priorities (0..7, default {@value #DEFAULT_PRIORITY}) are strict: every piece of a higher priority
 * comes before any of a lower one; priority 0 is never requested. Within one priority:
 * <ol>
 *   <li>pieces in progress with blocks nobody has been asked for, first those this peer already
 *       works on (fewer peers per piece makes a hash failure point at fewer suspects), then the
 *       nearest to completion;
 *   <li>new pieces: at random until we have {@link PickerConfig#randomFirstPieces()} (4) verified
 *       pieces, then rarest first, ties broken at random (seeded {@link Random} injected);
 *       in {@linkplain #setSequential sequential mode} in piece order instead (partial pieces and
 *       new ones merged by index, for streaming);
 *   <li>end-game, strict: only once every wanted block has been requested, blocks already requested
 *       from others are handed out again, at most {@link PickerConfig#endGameRequestsPerBlock()} (2)
 *       requests per block, the least requested first. When one copy arrives,
 *       {@link #blockReceived} lists the duplicates to cancel.
 * </ol>
 *
 * <h2>Cost</h2>
 * Requested pieces are kept apart; the others are held in a {@link RarityIndex}: per priority, one
 * bucket per availability, so a HAVE moves one piece between buckets in O(1) and rarest-first reads
 * the rarest bucket first. Within a bucket the scan starts at a random offset (the random
 * tie-break) and stops as soon as enough pieces the peer has are found; for a peer whose few pieces
 * are not among the rarest (the scan has probed {@value #SCAN_BUDGET} pieces in vain) it switches to
 * walking the set bits of (peer's pieces AND unrequested pieces) word by word, keeping the best
 * {@code k} in a small heap, O(n/64 + c log k). Random-first and sequential mode also work on those
 * word-parallel intersections. So a pick for a whole request queue costs about its own size plus a
 * few microseconds, not a scan of the torrent per block; see {@code PickerScaleTest} in the tests
 * for figures on 100,000 pieces and 50 peers. A have-all peer (BEP 6) is one counter, not 100,000
 * increments. Pieces in progress are few (at most about peers × pieces per queue), and the list
 * of them is walked once per pick.
 *
 * <p>Not thread-safe: the engine owns one picker per torrent and calls it from that torrent's event
 * loop.
 */
public final class PiecePicker<P> {

    public static final int BLOCK_SIZE = 16 * 1024;
    public static final int MAX_PRIORITY = 7;
    public static final int DEFAULT_PRIORITY = 4;
    static final int SCAN_BUDGET = 256;

    private static final byte UNSTARTED = 0;
    private static final byte DOWNLOADING = 1;
    private static final byte HASHING = 2;
    private static final byte HAVE = 3;

    private static final class PeerState {
        PieceBits has;
        boolean all;
        final Map<Integer, BitSet> requested = new HashMap<>();
        int requestCount;
    }

    private final int pieceCount;
    private final int pieceLength;
    private final long totalLength;
    private final PickerConfig config;
    private final Random random;

    private final byte[] state;
    private final byte[] priority;
    private final int[] availability; // peers with a bitfield; have-all peers are counted in haveAllPeers
    private int haveAllPeers;
    private final PieceBits have;
    private final PieceBits wanted; // not verified, not hashing, priority > 0
    private final PieceBits[] unstarted; // [priority]: nobody asked for any block yet
    private final RarityIndex index;
    private final List<DownloadingPiece<P>> inProgress; // by piece, null unless DOWNLOADING or HASHING
    private final TreeSet<Integer> downloading = new TreeSet<>(); // DOWNLOADING
    private final TreeSet<Integer> open = new TreeSet<>(); // DOWNLOADING with a block nobody was asked for
    private final Map<P, PeerState> peers = new HashMap<>();
    private long haveBytes;
    private int hashing;
    private boolean sequential;

    /**
     * @param pieceCount pieces in the torrent
     * @param pieceLength bytes per piece (the last may be shorter)
     * @param totalLength bytes in the torrent
     * @param verified pieces we already have (checked on disk); not modified
     * @param random the source of every random choice; seed it for reproducible picks
     */
    public PiecePicker(int pieceCount, int pieceLength, long totalLength, BitSet verified, Random random) {
        this(pieceCount, pieceLength, totalLength, verified, random, PickerConfig.DEFAULTS);
    }

    public PiecePicker(int pieceCount, int pieceLength, long totalLength, BitSet verified, Random random,
            PickerConfig config) {
        if (pieceCount < 0 || pieceLength <= 0 || totalLength < 0) {
            throw new IllegalArgumentException("bad torrent geometry: " + pieceCount + " pieces of " + pieceLength
                    + " bytes, " + totalLength + " bytes in all");
        }
        long needed = (totalLength + pieceLength - 1) / pieceLength;
        if (needed != pieceCount) {
            throw new IllegalArgumentException(totalLength + " bytes in pieces of " + pieceLength + " make " + needed
                    + " pieces, not " + pieceCount);
        }
        if (verified.length() > pieceCount) {
            throw new IllegalArgumentException("verified piece " + (verified.length() - 1) + " is beyond the last piece "
                    + (pieceCount - 1));
        }
        this.pieceCount = pieceCount;
        this.pieceLength = pieceLength;
        this.totalLength = totalLength;
        this.config = config;
        this.random = random;
        this.state = new byte[pieceCount];
        this.priority = new byte[pieceCount];
        this.availability = new int[pieceCount];
        this.have = new PieceBits(pieceCount);
        this.wanted = new PieceBits(pieceCount);
        this.unstarted = new PieceBits[MAX_PRIORITY + 1];
        for (int p = 0; p <= MAX_PRIORITY; p++) {
            unstarted[p] = new PieceBits(pieceCount);
        }
        this.index = new RarityIndex(pieceCount, MAX_PRIORITY);
        this.inProgress = new ArrayList<>(pieceCount);
        for (int piece = 0; piece < pieceCount; piece++) {
            inProgress.add(null);
            priority[piece] = DEFAULT_PRIORITY;
            if (verified.get(piece)) {
                state[piece] = HAVE;
                have.set(piece);
                haveBytes += pieceSize(piece);
            } else {
                enterUnstarted(piece);
            }
        }
    }

    /** A picker for {@code info} with default settings. */
    public static <P> PiecePicker<P> forTorrent(TorrentInfo info, BitSet verified, Random random) {
        return new PiecePicker<>(info.pieceCount(), info.pieceLength(), info.totalLength(), verified, random);
    }

    // ---------------------------------------------------------------- availability

    /** The peer announced piece {@code piece} (HAVE). */
    public void peerHas(P peer, int piece) {
        checkPeerIndex(peer, piece);
        PeerState ps = peerState(peer);
        if (ps.all || !ps.has.set(piece)) {
            return;
        }
        changeAvailability(piece, +1);
        if (ps.has.cardinality() == pieceCount) {
            becomeSeed(ps);
        }
    }

    /** The peer's BITFIELD; replaces whatever we knew of its pieces. */
    public void peerBitfield(P peer, BitSet pieces) {
        if (pieces.length() > pieceCount) {
            throw new PeerDataException("peer " + peer + " sent a bitfield with piece " + (pieces.length() - 1)
                    + " set, but the torrent has " + pieceCount + " pieces");
        }
        PeerState ps = peerState(peer);
        forgetPieces(ps);
        ps.has = PieceBits.of(pieces, pieceCount);
        for (int piece = ps.has.nextSetBit(0); piece >= 0; piece = ps.has.nextSetBit(piece + 1)) {
            changeAvailability(piece, +1);
        }
        if (pieceCount > 0 && ps.has.cardinality() == pieceCount) {
            becomeSeed(ps);
        }
    }

    /** BEP 6 HAVE ALL: counted once, not per piece. */
    public void peerHasAll(P peer) {
        PeerState ps = peerState(peer);
        if (!ps.all) {
            forgetPieces(ps);
            ps.has = null;
            ps.all = true;
            haveAllPeers++;
        }
    }

    /** BEP 6 HAVE NONE: the peer is known and has nothing. */
    public void peerHasNone(P peer) {
        PeerState ps = peerState(peer);
        forgetPieces(ps);
        ps.has = new PieceBits(pieceCount);
    }

    /**
     * The peer disconnected: its pieces no longer count and its outstanding requests go back to be
     * picked again. What it already sent stays recorded (a later hash failure still names it).
     *
     * @return the requests that were outstanding with it
     */
    public List<BlockRequest> peerGone(P peer) {
        PeerState ps = peers.get(peer);
        if (ps == null) {
            return List.of();
        }
        List<BlockRequest> released = releaseAll(peer, ps);
        forgetPieces(ps);
        peers.remove(peer);
        return released;
    }

    /**
     * The peer choked us without the fast extension, which discards every request we sent: they go
     * back to be picked again (from this peer too, once it unchokes).
     *
     * @return the requests that were outstanding with it
     */
    public List<BlockRequest> abandonRequests(P peer) {
        PeerState ps = peers.get(peer);
        return ps == null ? List.of() : releaseAll(peer, ps);
    }

    /** Peers with the piece: those with a bitfield that has it plus have-all peers. */
    public int availability(int piece) {
        checkIndex(piece);
        return availability[piece] + haveAllPeers;
    }

    /** Whether the picker believes {@code peer} has {@code piece}. */
    public boolean peerHasPiece(P peer, int piece) {
        checkIndex(piece);
        PeerState ps = peers.get(peer);
        return ps != null && has(ps, piece);
    }

    // ---------------------------------------------------------------- picking

    /**
     * Up to {@code maxBlocks} new requests to send {@code peer}, which has unchoked us. Each returned
     * block is recorded as requested from the peer until it arrives, is rejected, times out or the
     * peer goes. A peer we know no pieces of yet gets nothing. {@code maxBlocks} is what the peer's
     * queue has room for (see {@code RequestQueueSizer} and {@link #outstandingRequests}).
     */
    public List<BlockRequest> pick(P peer, int maxBlocks) {
        PeerState ps = peers.get(peer);
        List<BlockRequest> out = new ArrayList<>();
        if (ps == null || maxBlocks <= 0) {
            return out;
        }
        if (!isEndGame()) {
            for (int level = MAX_PRIORITY; level >= 1 && out.size() < maxBlocks; level--) {
                if (sequential) {
                    pickSequential(peer, ps, level, out, maxBlocks);
                } else {
                    pickFromOpen(peer, ps, level, out, maxBlocks);
                    if (out.size() < maxBlocks && index.size(level) > 0) {
                        if (have.cardinality() < config.randomFirstPieces()) {
                            pickRandom(peer, ps, level, out, maxBlocks);
                        } else {
                            pickRarest(peer, ps, level, out, maxBlocks);
                        }
                    }
                }
            }
        }
        if (out.size() < maxBlocks && isEndGame()) {
            pickEndGame(peer, ps, out, maxBlocks, null);
        }
        return out;
    }

    /**
     * Up to {@code maxBlocks} requests to send {@code peer} while it chokes us: only blocks of the
     * pieces it allowed us (BEP 6 ALLOWED FAST). Indices that do not fit the torrent are ignored.
     */
    public List<BlockRequest> pickAllowedFast(P peer, int maxBlocks, Collection<Integer> allowedFast) {
        PeerState ps = peers.get(peer);
        List<BlockRequest> out = new ArrayList<>();
        if (ps == null || maxBlocks <= 0) {
            return out;
        }
        Set<Integer> allowed = new LinkedHashSet<>();
        for (Integer piece : allowedFast) {
            if (piece != null && piece >= 0 && piece < pieceCount && has(ps, piece) && priority[piece] > 0
                    && (state[piece] == UNSTARTED || open.contains(piece))) {
                allowed.add(piece);
            }
        }
        List<Integer> order = new ArrayList<>(allowed);
        order.sort(Comparator.<Integer>comparingInt(piece -> -priority[piece])
                .thenComparingInt(piece -> state[piece] == DOWNLOADING ? 0 : 1)
                .thenComparingInt(piece -> availability[piece])
                .thenComparingInt(piece -> piece));
        for (int piece : order) {
            if (out.size() == maxBlocks) {
                break;
            }
            takeBlocks(peer, ps, startIfNeeded(piece), out, maxBlocks);
        }
        if (out.size() < maxBlocks && isEndGame()) {
            Set<Integer> restrict = new LinkedHashSet<>(allowedFast);
            pickEndGame(peer, ps, out, maxBlocks, restrict);
        }
        return out;
    }

    /**
     * Whether every wanted block has been requested (or received), so that further picks hand out
     * duplicates.
     */
    public boolean isEndGame() {
        for (int level = 1; level <= MAX_PRIORITY; level++) {
            if (index.size(level) > 0) {
                return false;
            }
        }
        for (int piece : open) {
            if (priority[piece] > 0) {
                return false;
            }
        }
        return !downloading.isEmpty();
    }

    /** Pick new pieces in index order (for streaming) or, when off, by rarity. Takes effect at the next pick. */
    public void setSequential(boolean sequential) {
        this.sequential = sequential;
    }

    public boolean isSequential() {
        return sequential;
    }

    // ---------------------------------------------------------------- request outcomes

    /**
     * A block arrived from {@code peer}. Accepted when we still need it, whoever it was requested
     * from (a request that timed out may still be answered); the sender is recorded for
     * {@link #pieceFailed}.
     */
    public BlockOutcome<P> blockReceived(P peer, int piece, int begin, int length) {
        if (!validBlock(piece, begin, length)) {
            return BlockOutcome.of(BlockOutcome.Kind.INVALID);
        }
        int block = begin / BLOCK_SIZE;
        PeerState ps = peers.get(peer);
        if (ps != null) {
            forgetRequest(ps, piece, block);
        }
        if (state[piece] == UNSTARTED) {
            return BlockOutcome.of(BlockOutcome.Kind.UNEXPECTED);
        }
        DownloadingPiece<P> dp = inProgress.get(piece);
        if (dp == null || dp.state[block] == DownloadingPiece.RECEIVED) {
            if (dp != null) {
                dp.removeRequester(block, peer);
            }
            return BlockOutcome.of(BlockOutcome.Kind.DUPLICATE);
        }
        List<Cancel<P>> cancels = new ArrayList<>();
        for (P other : dp.takeRequesters(block)) {
            if (!other.equals(peer)) {
                PeerState ops = peers.get(other);
                if (ops != null) {
                    forgetRequest(ops, piece, block);
                }
                cancels.add(new Cancel<>(other, blockRequest(piece, block)));
            }
        }
        if (dp.state[block] == DownloadingPiece.FREE) {
            dp.free--;
            if (dp.free == 0) {
                open.remove(piece);
            }
        }
        dp.state[block] = DownloadingPiece.RECEIVED;
        dp.received(block, peer);
        dp.received++;
        boolean complete = dp.received == dp.blocks();
        if (complete) {
            state[piece] = HASHING;
            downloading.remove(piece);
            wanted.clear(piece);
            hashing++;
        }
        return new BlockOutcome<>(BlockOutcome.Kind.ACCEPTED, complete, cancels);
    }

    /** The peer rejected our request (BEP 6 REJECT). Returns whether it was outstanding. */
    public boolean blockRejected(P peer, int piece, int begin) {
        return release(peer, piece, begin);
    }

    /**
     * We gave up waiting for a request; the block can be picked again from others. If the peer
     * sends it after all, {@link #blockReceived} still takes it while it is needed. Returns whether
     * it was outstanding.
     */
    public boolean requestTimedOut(P peer, int piece, int begin) {
        return release(peer, piece, begin);
    }

    /** {@link #blockRejected(Object, int, int)} for a block as the picker handed it out. */
    public boolean blockRejected(P peer, BlockRequest block) {
        return blockRejected(peer, block.piece(), block.begin());
    }

    /** {@link #requestTimedOut(Object, int, int)} for a block as the picker handed it out. */
    public boolean requestTimedOut(P peer, BlockRequest block) {
        return requestTimedOut(peer, block.piece(), block.begin());
    }

    /** Outstanding requests with {@code peer}. */
    public int outstandingRequests(P peer) {
        PeerState ps = peers.get(peer);
        return ps == null ? 0 : ps.requestCount;
    }

    /** The outstanding requests with {@code peer}, by piece and offset. */
    public List<BlockRequest> outstandingBlocks(P peer) {
        PeerState ps = peers.get(peer);
        List<BlockRequest> blocks = new ArrayList<>();
        if (ps != null) {
            for (Map.Entry<Integer, BitSet> entry : ps.requested.entrySet()) {
                BitSet requested = entry.getValue();
                for (int b = requested.nextSetBit(0); b >= 0; b = requested.nextSetBit(b + 1)) {
                    blocks.add(blockRequest(entry.getKey(), b));
                }
            }
        }
        blocks.sort(Comparator.comparingInt(BlockRequest::piece).thenComparingInt(BlockRequest::begin));
        return blocks;
    }

    /**
     * The complete piece passed its hash check.
     *
     * @return the peers that sent its blocks (for {@code PeerReputation.pieceVerified})
     * @throws IllegalStateException if the piece was not complete and awaiting its check
     */
    public Set<P> pieceVerified(int piece) {
        DownloadingPiece<P> dp = takeHashing(piece, "verified");
        state[piece] = HAVE;
        have.set(piece);
        haveBytes += pieceSize(piece);
        return dp.contributors();
    }

    /**
     * The complete piece failed its hash check: it is missing again and will be downloaded anew.
     *
     * @return the peers that sent its blocks (for {@code PeerReputation.pieceFailed})
     * @throws IllegalStateException if the piece was not complete and awaiting its check
     */
    public Set<P> pieceFailed(int piece) {
        DownloadingPiece<P> dp = takeHashing(piece, "failed");
        enterUnstarted(piece);
        return dp.contributors();
    }

    /** The peers that sent blocks of a piece in progress or awaiting its check (empty otherwise). */
    public Set<P> contributors(int piece) {
        checkIndex(piece);
        DownloadingPiece<P> dp = inProgress.get(piece);
        return dp == null ? Set.of() : dp.contributors();
    }

    // ---------------------------------------------------------------- priorities

    /**
     * Sets one piece's priority: 0 = do not download, 1..7, higher first. A piece in progress that
     * drops to 0 keeps what it received and its outstanding requests (cancel them if you like: see
     * {@link #outstandingBlocks}), but gets no new ones until its priority rises again.
     */
    public void setPiecePriority(int piece, int newPriority) {
        checkIndex(piece);
        if (newPriority < 0 || newPriority > MAX_PRIORITY) {
            throw new IllegalArgumentException("piece priority must be 0.." + MAX_PRIORITY + ", got " + newPriority
                    + " for piece " + piece);
        }
        int old = priority[piece];
        if (old == newPriority) {
            return;
        }
        if (state[piece] == UNSTARTED && old > 0) {
            index.remove(piece, old, availability[piece]);
            unstarted[old].clear(piece);
        }
        priority[piece] = (byte) newPriority;
        if (state[piece] == UNSTARTED && newPriority > 0) {
            index.add(piece, newPriority, availability[piece]);
            unstarted[newPriority].set(piece);
        }
        if (state[piece] == UNSTARTED || state[piece] == DOWNLOADING) {
            if (newPriority > 0) {
                wanted.set(piece);
            } else {
                wanted.clear(piece);
            }
        }
    }

    /** Sets every piece's priority (see {@link PiecePriorities#fromFiles} for file priorities). */
    public void setPiecePriorities(int[] priorities) {
        if (priorities.length != pieceCount) {
            throw new IllegalArgumentException("expected " + pieceCount + " piece priorities, got " + priorities.length);
        }
        for (int piece = 0; piece < pieceCount; piece++) {
            setPiecePriority(piece, priorities[piece]);
        }
    }

    public int piecePriority(int piece) {
        checkIndex(piece);
        return priority[piece];
    }

    // ---------------------------------------------------------------- progress and interest

    /** Whether {@code peer} has a piece we want (non-zero priority, not yet verified or complete). */
    public boolean isInteresting(P peer) {
        PeerState ps = peers.get(peer);
        if (ps == null) {
            return false;
        }
        return ps.all ? wanted.cardinality() > 0 : wanted.intersects(ps.has);
    }

    /** Whether a peer with pieces {@code peerHas} has a piece we want; word-parallel, no per-piece loop. */
    public boolean isInteresting(BitSet peerHas) {
        return wanted.intersects(peerHas);
    }

    /** Every piece verified. */
    public boolean isComplete() {
        return have.cardinality() == pieceCount;
    }

    /** Every piece of non-zero priority verified (the rest are not wanted): nothing left to download. */
    public boolean isFinished() {
        return wanted.cardinality() == 0 && hashing == 0;
    }

    public int pieceCount() {
        return pieceCount;
    }

    public int havePieces() {
        return have.cardinality();
    }

    /** Pieces not verified yet, whatever their priority (including complete ones awaiting their check). */
    public int missingPieces() {
        return pieceCount - have.cardinality();
    }

    /** Pieces with non-zero priority still to be downloaded (not complete, not verified). */
    public int wantedPieces() {
        return wanted.cardinality();
    }

    /** Bytes in verified pieces. */
    public long verifiedBytes() {
        return haveBytes;
    }

    /** Verified fraction of the torrent's bytes, 0..1 (1 for an empty torrent). */
    public double progress() {
        return totalLength == 0 ? 1.0 : (double) haveBytes / totalLength;
    }

    /** A copy of our verified pieces. */
    public BitSet verifiedPieces() {
        return have.toBitSet();
    }

    public boolean hasPiece(int piece) {
        checkIndex(piece);
        return have.get(piece);
    }

    /** Bytes in piece {@code piece}. */
    public int pieceSize(int piece) {
        return (int) Math.min(pieceLength, totalLength - (long) piece * pieceLength);
    }

    /** Blocks in piece {@code piece}. */
    public int blockCount(int piece) {
        return (pieceSize(piece) + BLOCK_SIZE - 1) / BLOCK_SIZE;
    }

    // ---------------------------------------------------------------- picking internals

    private void pickFromOpen(P peer, PeerState ps, int level, List<BlockRequest> out, int max) {
        if (open.isEmpty()) {
            return;
        }
        List<DownloadingPiece<P>> mine = new ArrayList<>();
        List<DownloadingPiece<P>> others = new ArrayList<>();
        for (int piece : open) {
            if (priority[piece] == level && has(ps, piece)) {
                DownloadingPiece<P> dp = inProgress.get(piece);
                boolean started = ps.requested.containsKey(piece) || dp.hasSent(peer);
                (started ? mine : others).add(dp);
            }
        }
        Comparator<DownloadingPiece<P>> nearestDone = Comparator.comparingInt(dp -> dp.free);
        mine.sort(nearestDone);
        others.sort(nearestDone);
        for (DownloadingPiece<P> dp : mine) {
            takeBlocks(peer, ps, dp, out, max);
        }
        for (DownloadingPiece<P> dp : others) {
            takeBlocks(peer, ps, dp, out, max);
        }
    }

    private void pickRandom(P peer, PeerState ps, int level, List<BlockRequest> out, int max) {
        PieceBits candidates = unstarted[level];
        while (out.size() < max) {
            int count = ps.all ? candidates.cardinality() : candidates.countInBoth(ps.has);
            if (count == 0) {
                return;
            }
            int n = random.nextInt(count);
            int piece = ps.all ? candidates.nthSetBitInBoth(candidates, n) : candidates.nthSetBitInBoth(ps.has, n);
            takeBlocks(peer, ps, startIfNeeded(piece), out, max);
        }
    }

    private void pickSequential(P peer, PeerState ps, int level, List<BlockRequest> out, int max) {
        List<Integer> openHere = new ArrayList<>();
        for (int piece : open) {
            if (priority[piece] == level && has(ps, piece)) {
                openHere.add(piece);
            }
        }
        int nextOpen = 0;
        int nextNew = nextUnstarted(ps, level, 0);
        while (out.size() < max) {
            int o = nextOpen < openHere.size() ? openHere.get(nextOpen) : Integer.MAX_VALUE;
            if (nextNew < 0 && o == Integer.MAX_VALUE) {
                return;
            }
            if (nextNew >= 0 && nextNew < o) {
                takeBlocks(peer, ps, startIfNeeded(nextNew), out, max);
                nextNew = nextUnstarted(ps, level, nextNew + 1);
            } else {
                takeBlocks(peer, ps, inProgress.get(o), out, max);
                nextOpen++;
            }
        }
    }

    private int nextUnstarted(PeerState ps, int level, int from) {
        return ps.all ? unstarted[level].nextSetBit(from) : unstarted[level].nextSetBitInBoth(ps.has, from);
    }

    private void pickRarest(P peer, PeerState ps, int level, List<BlockRequest> out, int max) {
        int fullBlocks = (pieceLength + BLOCK_SIZE - 1) / BLOCK_SIZE;
        while (out.size() < max) {
            int wantedPieces = (max - out.size() + fullBlocks - 1) / fullBlocks;
            int[] chosen = rarest(ps, level, wantedPieces);
            if (chosen.length == 0) {
                return;
            }
            for (int piece : chosen) {
                if (out.size() == max) {
                    return;
                }
                takeBlocks(peer, ps, startIfNeeded(piece), out, max);
            }
        }
    }

    /** Up to {@code k} unrequested pieces of {@code level} the peer has, rarest first, ties at random. */
    private int[] rarest(PeerState ps, int level, int k) {
        int[] found = new int[k];
        int n = 0;
        int budget = SCAN_BUDGET;
        // a peer's own pieces have availability >= 1 unless it is a have-all peer
        int firstBucket = ps.all ? 0 : 1;
        for (int a = firstBucket; a < index.bucketCount(level); a++) {
            RarityIndex.Bucket bucket = index.bucket(level, a);
            int size = bucket.size;
            if (size == 0) {
                continue;
            }
            int start = random.nextInt(size);
            for (int j = 0; j < size; j++) {
                int piece = bucket.pieces[(start + j) % size];
                if (ps.all || ps.has.get(piece)) {
                    found[n++] = piece;
                    if (n == k) {
                        return found;
                    }
                } else if (--budget == 0) {
                    return rarestByIntersection(ps, level, k);
                }
            }
        }
        return Arrays.copyOf(found, n);
    }

    /**
     * The same answer as {@link #rarest} for a peer whose pieces are not among the rarest: walk the
     * intersection word by word, keep the best {@code k} by (availability, salted hash) in a max-heap.
     */
    private int[] rarestByIntersection(PeerState ps, int level, int k) {
        long salt = random.nextLong();
        long[] heapKeys = new long[k];
        int[] heapPieces = new int[k];
        int size = 0;
        PieceBits candidates = unstarted[level];
        for (int piece = candidates.nextSetBitInBoth(ps.has, 0); piece >= 0;
                piece = candidates.nextSetBitInBoth(ps.has, piece + 1)) {
            long key = ((long) availability[piece] << 32) | (mix(piece ^ salt) & 0xffff_ffffL);
            if (size < k) {
                heapKeys[size] = key;
                heapPieces[size] = piece;
                siftUp(heapKeys, heapPieces, size++);
            } else if (key < heapKeys[0]) {
                heapKeys[0] = key;
                heapPieces[0] = piece;
                siftDown(heapKeys, heapPieces, size);
            }
        }
        // drain the max-heap from the back so the rarest comes first
        int[] result = new int[size];
        for (int i = size - 1; i >= 0; i--) {
            result[i] = heapPieces[0];
            heapKeys[0] = heapKeys[i];
            heapPieces[0] = heapPieces[i];
            siftDown(heapKeys, heapPieces, i);
        }
        return result;
    }

    private void pickEndGame(P peer, PeerState ps, List<BlockRequest> out, int max, Set<Integer> restrictTo) {
        record Candidate(int piece, int block, int requesters) {
        }
        List<Candidate> candidates = new ArrayList<>();
        for (int piece : downloading) {
            if (priority[piece] == 0 || !has(ps, piece) || (restrictTo != null && !restrictTo.contains(piece))) {
                continue;
            }
            DownloadingPiece<P> dp = inProgress.get(piece);
            BitSet mine = ps.requested.get(piece);
            for (int b = 0; b < dp.blocks(); b++) {
                if (dp.state[b] == DownloadingPiece.REQUESTED && (mine == null || !mine.get(b))) {
                    int requesters = dp.requesters(b).size();
                    if (requesters < config.endGameRequestsPerBlock()) {
                        candidates.add(new Candidate(piece, b, requesters));
                    }
                }
            }
        }
        candidates.sort(Comparator.comparingInt(Candidate::requesters)); // stable: then piece, block
        for (Candidate c : candidates) {
            if (out.size() == max) {
                return;
            }
            DownloadingPiece<P> dp = inProgress.get(c.piece());
            dp.addRequester(c.block(), peer);
            recordRequest(ps, c.piece(), c.block());
            out.add(blockRequest(c.piece(), c.block()));
        }
    }

    private void takeBlocks(P peer, PeerState ps, DownloadingPiece<P> dp, List<BlockRequest> out, int max) {
        for (int b = 0; b < dp.blocks() && out.size() < max && dp.free > 0; b++) {
            if (dp.state[b] == DownloadingPiece.FREE) {
                dp.state[b] = DownloadingPiece.REQUESTED;
                dp.addRequester(b, peer);
                dp.free--;
                recordRequest(ps, dp.piece, b);
                out.add(blockRequest(dp.piece, b));
            }
        }
        if (dp.free == 0) {
            open.remove(dp.piece);
        }
    }

    private DownloadingPiece<P> startIfNeeded(int piece) {
        if (state[piece] == UNSTARTED) {
            int level = priority[piece];
            index.remove(piece, level, availability[piece]);
            unstarted[level].clear(piece);
            state[piece] = DOWNLOADING;
            inProgress.set(piece, new DownloadingPiece<>(piece, blockCount(piece)));
            downloading.add(piece);
            open.add(piece);
        }
        return inProgress.get(piece);
    }

    // ---------------------------------------------------------------- bookkeeping

    private void enterUnstarted(int piece) {
        state[piece] = UNSTARTED;
        inProgress.set(piece, null);
        int level = priority[piece];
        if (level > 0) {
            index.add(piece, level, availability[piece]);
            unstarted[level].set(piece);
            wanted.set(piece);
        }
    }

    private DownloadingPiece<P> takeHashing(int piece, String result) {
        checkIndex(piece);
        if (state[piece] != HASHING) {
            throw new IllegalStateException("piece " + piece + " cannot be " + result
                    + ": it is not complete and awaiting its hash check");
        }
        DownloadingPiece<P> dp = inProgress.get(piece);
        inProgress.set(piece, null);
        hashing--;
        return dp;
    }

    private void changeAvailability(int piece, int delta) {
        int before = availability[piece];
        availability[piece] = before + delta;
        if (state[piece] == UNSTARTED && priority[piece] > 0) {
            index.move(piece, priority[piece], before, before + delta);
        }
    }

    private void becomeSeed(PeerState ps) {
        forgetPieces(ps);
        ps.has = null;
        ps.all = true;
        haveAllPeers++;
    }

    private void forgetPieces(PeerState ps) {
        if (ps.all) {
            ps.all = false;
            haveAllPeers--;
        } else if (ps.has != null) {
            for (int piece = ps.has.nextSetBit(0); piece >= 0; piece = ps.has.nextSetBit(piece + 1)) {
                changeAvailability(piece, -1);
            }
        }
        ps.has = new PieceBits(pieceCount);
    }

    private boolean release(P peer, int piece, int begin) {
        PeerState ps = peers.get(peer);
        if (ps == null || piece < 0 || piece >= pieceCount || begin < 0 || begin % BLOCK_SIZE != 0) {
            return false;
        }
        int block = begin / BLOCK_SIZE;
        if (!forgetRequest(ps, piece, block)) {
            return false;
        }
        releaseBlock(peer, piece, block);
        return true;
    }

    private List<BlockRequest> releaseAll(P peer, PeerState ps) {
        List<BlockRequest> released = new ArrayList<>();
        for (Map.Entry<Integer, BitSet> entry : new ArrayList<>(ps.requested.entrySet())) {
            int piece = entry.getKey();
            BitSet blocks = entry.getValue();
            for (int b = blocks.nextSetBit(0); b >= 0; b = blocks.nextSetBit(b + 1)) {
                released.add(blockRequest(piece, b));
                releaseBlock(peer, piece, b);
            }
        }
        ps.requested.clear();
        ps.requestCount = 0;
        released.sort(Comparator.comparingInt(BlockRequest::piece).thenComparingInt(BlockRequest::begin));
        return released;
    }

    /** Takes {@code peer} off the block's requesters; the block is free again if nobody else has it. */
    private void releaseBlock(P peer, int piece, int block) {
        DownloadingPiece<P> dp = inProgress.get(piece);
        if (dp == null || !dp.removeRequester(block, peer)) {
            return;
        }
        if (dp.state[block] != DownloadingPiece.REQUESTED || !dp.requesters(block).isEmpty()) {
            return;
        }
        dp.state[block] = DownloadingPiece.FREE;
        dp.free++;
        if (dp.free == dp.blocks()) {
            // nothing requested, nothing received: back among the unrequested pieces, by rarity again
            downloading.remove(piece);
            open.remove(piece);
            enterUnstarted(piece);
        } else {
            open.add(piece);
        }
    }

    private void recordRequest(PeerState ps, int piece, int block) {
        ps.requested.computeIfAbsent(piece, p -> new BitSet()).set(block);
        ps.requestCount++;
    }

    private boolean forgetRequest(PeerState ps, int piece, int block) {
        BitSet blocks = ps.requested.get(piece);
        if (blocks == null || !blocks.get(block)) {
            return false;
        }
        blocks.clear(block);
        if (blocks.isEmpty()) {
            ps.requested.remove(piece);
        }
        ps.requestCount--;
        return true;
    }

    private PeerState peerState(P peer) {
        if (peer == null) {
            throw new IllegalArgumentException("peer key must not be null");
        }
        return peers.computeIfAbsent(peer, key -> {
            PeerState ps = new PeerState();
            ps.has = new PieceBits(pieceCount);
            return ps;
        });
    }

    private boolean has(PeerState ps, int piece) {
        return ps.all || ps.has.get(piece);
    }

    private boolean validBlock(int piece, int begin, int length) {
        if (piece < 0 || piece >= pieceCount || begin < 0 || begin % BLOCK_SIZE != 0) {
            return false;
        }
        int size = pieceSize(piece);
        return begin < size && length == Math.min(BLOCK_SIZE, size - begin);
    }

    private BlockRequest blockRequest(int piece, int block) {
        int begin = block * BLOCK_SIZE;
        return new BlockRequest(piece, begin, Math.min(BLOCK_SIZE, pieceSize(piece) - begin));
    }

    private void checkPeerIndex(P peer, int piece) {
        if (piece < 0 || piece >= pieceCount) {
            throw new PeerDataException("peer " + peer + " announced piece " + piece + ", but the torrent has pieces 0.."
                    + (pieceCount - 1));
        }
    }

    private void checkIndex(int piece) {
        if (piece < 0 || piece >= pieceCount) {
            throw new IndexOutOfBoundsException("piece " + piece + " of " + pieceCount);
        }
    }

    private static long mix(long x) {
        x = (x ^ (x >>> 33)) * 0xff51afd7ed558ccdL;
        x = (x ^ (x >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return x ^ (x >>> 33);
    }

    private static void siftUp(long[] keys, int[] pieces, int i) {
        while (i > 0) {
            int parent = (i - 1) / 2;
            if (keys[parent] >= keys[i]) {
                return;
            }
            swap(keys, pieces, parent, i);
            i = parent;
        }
    }

    private static void siftDown(long[] keys, int[] pieces, int size) {
        int i = 0;
        while (true) {
            int left = 2 * i + 1;
            if (left >= size) {
                return;
            }
            int largest = left + 1 < size && keys[left + 1] > keys[left] ? left + 1 : left;
            if (keys[i] >= keys[largest]) {
                return;
            }
            swap(keys, pieces, i, largest);
            i = largest;
        }
    }

    private static void swap(long[] keys, int[] pieces, int a, int b) {
        long k = keys[a];
        keys[a] = keys[b];
        keys[b] = k;
        int p = pieces[a];
        pieces[a] = pieces[b];
        pieces[b] = p;
    }
}
