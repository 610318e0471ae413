package io.swarmplace.torrent.internal.picker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A seeded swarm around one picker: peers with random pieces that gain more over time, leave and
 * come back, answer at different speeds, reject, time out, send end-game duplicates across our
 * cancels, and pieces that fail their hash check once in a while. The loop is bounded; at the end
 * every piece must have been verified exactly once and every accepted byte accounted for.
 */
class SwarmSimulationTest {

    private static final int BLOCK = PiecePicker.BLOCK_SIZE;

    private static final class SimPeer {
        final String key;
        final BitSet pieces;
        final double speed; // chance per tick to answer the oldest request
        final Deque<BlockRequest> queue = new ArrayDeque<>();
        final Deque<BlockRequest> crossing = new ArrayDeque<>(); // cancelled, but already on the wire
        boolean connected = true;

        SimPeer(String key, BitSet pieces, double speed) {
            this.key = key;
            this.pieces = pieces;
            this.speed = speed;
        }
    }

    @Test
    void aSwarmDownloadsEveryPieceExactlyOnce() {
        for (long seed = 1; seed <= 4; seed++) {
            runSwarm(seed, seed % 2 == 0);
        }
    }

    private void runSwarm(long seed, boolean sequential) {
        Random random = new Random(seed);
        int pieces = 300;
        int pieceLength = 4 * BLOCK;
        long total = (long) pieces * pieceLength - 5000;
        PiecePicker<String> picker = new PiecePicker<>(pieces, pieceLength, total, new BitSet(), new Random(seed * 31));
        picker.setSequential(sequential);

        List<SimPeer> swarm = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            BitSet has = new BitSet();
            double density = 0.05 + random.nextDouble() * 0.8;
            for (int p = 0; p < pieces; p++) {
                if (random.nextDouble() < density) {
                    has.set(p);
                }
            }
            swarm.add(new SimPeer("peer" + i, has, 0.2 + random.nextDouble() * 0.8));
        }
        BitSet everything = new BitSet();
        everything.set(0, pieces);
        swarm.add(new SimPeer("slow-seed", (BitSet) everything.clone(), 0.05));
        for (SimPeer peer : swarm) {
            announce(picker, peer, random);
        }

        int[] verifiedCount = new int[pieces];
        Map<Integer, Set<String>> sendersThisAttempt = new HashMap<>();
        Set<Integer> failedOnce = new HashSet<>();
        long acceptedBytes = 0;
        long failedBytes = 0;
        int duplicates = 0;
        int ticks = 0;
        boolean fastSeedJoined = false;

        while (!picker.isComplete()) {
            assertThat(ticks++).as("swarm with seed %d did not finish", seed).isLessThan(20_000);
            if (ticks == 60 && !fastSeedJoined) {
                SimPeer seedPeer = new SimPeer("fast-seed", (BitSet) everything.clone(), 0.9);
                swarm.add(seedPeer);
                announce(picker, seedPeer, random);
                fastSeedJoined = true;
            }
            for (SimPeer peer : swarm) {
                if (!peer.connected) {
                    if (random.nextInt(50) == 0) {
                        peer.connected = true;
                        announce(picker, peer, random);
                    }
                    continue;
                }
                // availability updates: peers get new pieces from elsewhere
                if (random.nextInt(10) == 0) {
                    int piece = random.nextInt(pieces);
                    peer.pieces.set(piece);
                    picker.peerHas(peer.key, piece);
                }
                if (random.nextInt(300) == 0 && !peer.key.endsWith("seed")) {
                    picker.peerGone(peer.key);
                    peer.queue.clear();
                    peer.crossing.clear();
                    peer.connected = false;
                    continue;
                }
                // keep up to 6 requests in flight
                int room = 6 - picker.outstandingRequests(peer.key);
                for (BlockRequest r : picker.pick(peer.key, room)) {
                    assertThat(peer.pieces.get(r.piece())).as("requested a piece the peer lacks").isTrue();
                    assertThat(picker.hasPiece(r.piece())).as("requested a piece we have").isFalse();
                    assertThat(peer.queue).as("asked one peer twice for a block").doesNotContain(r);
                    peer.queue.add(r);
                }
                assertThat(picker.outstandingRequests(peer.key)).isLessThanOrEqualTo(6);
                if (random.nextDouble() >= peer.speed) {
                    continue;
                }
                if (!peer.crossing.isEmpty()) {
                    BlockRequest late = peer.crossing.poll();
                    BlockOutcome<String> outcome = picker.blockReceived(peer.key, late.piece(), late.begin(), late.length());
                    // usually a duplicate; if the piece failed meanwhile, unexpected or even needed again
                    assertThat(outcome.kind()).isNotEqualTo(BlockOutcome.Kind.INVALID);
                    if (outcome.kind() == BlockOutcome.Kind.DUPLICATE) {
                        duplicates++;
                    } else if (outcome.kind() == BlockOutcome.Kind.ACCEPTED) {
                        acceptedBytes += late.length();
                        sendersThisAttempt.computeIfAbsent(late.piece(), p -> new LinkedHashSet<>()).add(peer.key);
                        failedBytes += settle(picker, late.piece(), outcome, sendersThisAttempt, failedOnce, verifiedCount, random, swarm);
                    }
                    continue;
                }
                if (peer.queue.isEmpty()) {
                    continue;
                }
                BlockRequest r = peer.queue.poll();
                int fate = random.nextInt(40);
                if (fate == 0) {
                    assertThat(picker.blockRejected(peer.key, r.piece(), r.begin())).isTrue();
                    continue;
                }
                if (fate == 1) {
                    picker.requestTimedOut(peer.key, r.piece(), r.begin());
                    continue;
                }
                BlockOutcome<String> outcome = picker.blockReceived(peer.key, r.piece(), r.begin(), r.length());
                // a live request is still needed unless an end-game twin got here first
                assertThat(outcome.kind()).isIn(BlockOutcome.Kind.ACCEPTED, BlockOutcome.Kind.DUPLICATE);
                if (outcome.kind() == BlockOutcome.Kind.DUPLICATE) {
                    duplicates++;
                    continue;
                }
                acceptedBytes += r.length();
                sendersThisAttempt.computeIfAbsent(r.piece(), p -> new LinkedHashSet<>()).add(peer.key);
                failedBytes += settle(picker, r.piece(), outcome, sendersThisAttempt, failedOnce, verifiedCount, random, swarm);
            }
            if (ticks % 97 == 0) {
                checkAvailability(picker, swarm, pieces, random);
            }
        }

        for (int piece = 0; piece < pieces; piece++) {
            assertThat(verifiedCount[piece]).as("piece %d verified", piece).isEqualTo(1);
        }
        assertThat(acceptedBytes).isEqualTo(total + failedBytes);
        assertThat(picker.wantedPieces()).isZero();
        assertThat(picker.isFinished()).isTrue();
        assertThat(failedOnce).isNotEmpty();
        assertThat(duplicates).as("end-game duplicates crossed a cancel").isPositive();
        checkAvailability(picker, swarm, pieces, random);
    }

    /** Sends the cancels, hashes a complete piece; returns the bytes of a failed piece. */
    private static long settle(PiecePicker<String> picker, int piece, BlockOutcome<String> outcome,
            Map<Integer, Set<String>> sendersThisAttempt, Set<Integer> failedOnce, int[] verifiedCount, Random random,
            List<SimPeer> swarm) {
        for (Cancel<String> cancel : outcome.cancels()) {
            assertThat(cancel.block().piece()).isEqualTo(piece);
            SimPeer other = find(swarm, cancel.peer());
            assertThat(other.queue.remove(cancel.block())).as("cancel for a request the peer never had").isTrue();
            // most cancels arrive in time; some cross the block on the wire
            if (random.nextInt(4) == 0) {
                other.crossing.add(cancel.block());
            }
        }
        if (!outcome.pieceComplete()) {
            return 0;
        }
        Set<String> senders = sendersThisAttempt.remove(piece);
        if (!failedOnce.contains(piece) && random.nextInt(10) == 0) {
            failedOnce.add(piece);
            assertThat(picker.pieceFailed(piece)).isEqualTo(senders);
            return picker.pieceSize(piece);
        }
        assertThat(picker.pieceVerified(piece)).isEqualTo(senders);
        verifiedCount[piece]++;
        return 0;
    }

    private static void announce(PiecePicker<String> picker, SimPeer peer, Random random) {
        if (peer.pieces.cardinality() == picker.pieceCount() && random.nextBoolean()) {
            picker.peerHasAll(peer.key);
        } else {
            picker.peerBitfield(peer.key, peer.pieces);
        }
    }

    private static void checkAvailability(PiecePicker<String> picker, List<SimPeer> swarm, int pieces, Random random) {
        for (int i = 0; i < 20; i++) {
            int piece = random.nextInt(pieces);
            long expected = swarm.stream().filter(p -> p.connected && p.pieces.get(piece)).count();
            assertThat(picker.availability(piece)).as("availability of %d", piece).isEqualTo((int) expected);
        }
    }

    private static SimPeer find(List<SimPeer> swarm, String key) {
        return swarm.stream().filter(p -> p.key.equals(key)).findFirst().orElseThrow();
    }
}
