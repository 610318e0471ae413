package io.swarmplace.torrent.internal.picker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.swarmplace.torrent.metainfo.TorrentFile;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PiecePickerTest {

    private static final int BLOCK = PiecePicker.BLOCK_SIZE;
    private static final PickerConfig RAREST_AT_ONCE = new PickerConfig(0, 2);

    private static PiecePicker<String> picker(int pieces, int blocksPerPiece, long seed) {
        return picker(pieces, blocksPerPiece, seed, RAREST_AT_ONCE);
    }

    private static PiecePicker<String> picker(int pieces, int blocksPerPiece, long seed, PickerConfig config) {
        int pieceLength = blocksPerPiece * BLOCK;
        return new PiecePicker<>(pieces, pieceLength, (long) pieces * pieceLength, new BitSet(), new Random(seed), config);
    }

    private static BitSet bits(int... pieces) {
        BitSet set = new BitSet();
        for (int piece : pieces) {
            set.set(piece);
        }
        return set;
    }

    private static BitSet range(int from, int to) {
        BitSet set = new BitSet();
        set.set(from, to);
        return set;
    }

    private static Set<Integer> piecesOf(List<BlockRequest> requests) {
        Set<Integer> pieces = new HashSet<>();
        requests.forEach(r -> pieces.add(r.piece()));
        return pieces;
    }

    /** Delivers every block of {@code requests} from {@code peer}; returns the pieces completed. */
    private static List<Integer> deliver(PiecePicker<String> picker, String peer, List<BlockRequest> requests) {
        List<Integer> complete = new ArrayList<>();
        for (BlockRequest r : requests) {
            BlockOutcome<String> outcome = picker.blockReceived(peer, r.piece(), r.begin(), r.length());
            assertThat(outcome.kind()).isEqualTo(BlockOutcome.Kind.ACCEPTED);
            if (outcome.pieceComplete()) {
                complete.add(r.piece());
            }
        }
        return complete;
    }

    @Test
    void rarestFirstPicksTheRarestPieceThePeerHas() {
        PiecePicker<String> picker = picker(10, 4, 1);
        picker.peerBitfield("a", range(0, 10));
        picker.peerBitfield("b", range(0, 10));
        picker.peerBitfield("c", bits(0, 1, 2, 3, 4, 5, 6, 8, 9)); // piece 7 only on a and b
        picker.peerBitfield("d", bits(0, 1, 2, 3, 4, 5, 6, 8, 9));
        picker.peerBitfield("e", bits(3));

        assertThat(picker.availability(7)).isEqualTo(2);
        assertThat(picker.availability(3)).isEqualTo(5);
        List<BlockRequest> first = picker.pick("a", 4);
        assertThat(first).extracting(BlockRequest::piece).containsOnly(7);
        assertThat(first).extracting(BlockRequest::begin).containsExactly(0, BLOCK, 2 * BLOCK, 3 * BLOCK);
        // e has only piece 3, the most common one: it still gets it, since it has nothing rarer
        assertThat(piecesOf(picker.pick("e", 4))).containsExactly(3);
    }

    @Test
    void rarestFirstFollowsAvailabilityUpdates() {
        PiecePicker<String> picker = picker(5, 1, 2);
        for (String peer : List.of("a", "b", "c")) {
            picker.peerBitfield(peer, range(0, 5));
        }
        picker.peerBitfield("d", bits(0, 1, 3, 4)); // piece 2 rarest
        picker.peerHas("e", 2);
        picker.peerHas("e", 4);
        picker.peerGone("d"); // now 0, 1, 3 have three copies, 2 and 4 four
        picker.peerHas("f", 0);
        picker.peerHas("f", 1);
        assertThat(picker.availability(3)).isEqualTo(3);
        assertThat(picker.pick("a", 1)).extracting(BlockRequest::piece).containsExactly(3);
    }

    @Test
    void tiesAreBrokenRandomlyButReproduciblyWithTheSeed() {
        Set<Integer> firstPicks = new HashSet<>();
        for (long seed = 0; seed < 20; seed++) {
            PiecePicker<String> one = picker(200, 1, seed);
            PiecePicker<String> same = picker(200, 1, seed);
            one.peerHasAll("seed");
            same.peerHasAll("seed");
            List<BlockRequest> picked = one.pick("seed", 5);
            assertThat(same.pick("seed", 5)).isEqualTo(picked);
            firstPicks.add(picked.get(0).piece());
        }
        // 20 seeds over 200 equally rare pieces: not one fixed answer
        assertThat(firstPicks).hasSizeGreaterThan(10);
    }

    @Test
    void firstPiecesAreRandomThenRarestFirst() {
        Set<Integer> firstPicks = new HashSet<>();
        for (long seed = 0; seed < 30; seed++) {
            PiecePicker<String> picker = picker(20, 1, seed, PickerConfig.DEFAULTS);
            picker.peerBitfield("a", range(0, 20));
            picker.peerBitfield("b", range(1, 20)); // piece 0 is the rarest
            firstPicks.add(picker.pick("a", 1).get(0).piece());
        }
        assertThat(firstPicks).hasSizeGreaterThan(5);

        PiecePicker<String> picker = picker(20, 1, 7, PickerConfig.DEFAULTS);
        picker.peerBitfield("a", range(0, 20));
        picker.peerBitfield("b", range(1, 20));
        // complete four pieces that are not piece 0, then rarest-first takes over
        int verified = 0;
        while (verified < 4) {
            for (int piece : deliver(picker, "b", picker.pick("b", 1))) {
                picker.pieceVerified(piece);
                verified++;
            }
        }
        assertThat(picker.havePieces()).isEqualTo(4);
        assertThat(picker.pick("a", 1)).extracting(BlockRequest::piece).containsExactly(0);
    }

    @Test
    void piecesInProgressAreFinishedBeforeNewOnesAreStarted() {
        PiecePicker<String> picker = picker(10, 4, 3);
        picker.peerBitfield("a", range(0, 10));
        picker.peerBitfield("b", range(0, 10));
        picker.peerBitfield("c", bits(5));
        List<BlockRequest> byA = picker.pick("a", 2);
        int started = byA.get(0).piece();
        assertThat(piecesOf(byA)).containsExactly(started);

        List<BlockRequest> byB = picker.pick("b", 3);
        assertThat(byB.subList(0, 2)).extracting(BlockRequest::piece).containsOnly(started);
        assertThat(byB.subList(0, 2)).extracting(BlockRequest::begin).containsExactly(2 * BLOCK, 3 * BLOCK);
        assertThat(byB.get(2).piece()).isNotEqualTo(started);
    }

    @Test
    void aPeerFinishesThePiecesItStartedBeforeHelpingWithOthers() {
        PiecePicker<String> picker = picker(10, 8, 4);
        picker.peerBitfield("a", range(0, 10));
        picker.peerBitfield("b", range(0, 10));
        int aPiece = picker.pick("a", 2).get(0).piece();
        // b helps with a's piece (6 free blocks), then starts its own
        List<BlockRequest> bFirst = picker.pick("b", 7);
        int bPiece = bFirst.get(6).piece();
        assertThat(bFirst.subList(0, 6)).extracting(BlockRequest::piece).containsOnly(aPiece);
        assertThat(bPiece).isNotEqualTo(aPiece);
        // b rejects its part of a's piece: a's piece has 6 free blocks again, b's piece 7; each peer
        // goes back to its own piece even though a's piece is nearer to completion
        for (BlockRequest r : bFirst.subList(0, 6)) {
            picker.blockRejected("b", r.piece(), r.begin());
        }
        List<BlockRequest> bAgain = picker.pick("b", 1);
        assertThat(bAgain).extracting(BlockRequest::piece).containsExactly(bPiece);
        List<BlockRequest> aAgain = picker.pick("a", 1);
        assertThat(aAgain).extracting(BlockRequest::piece).containsExactly(aPiece);
    }

    @Test
    void sequentialModePicksInPieceOrderAndCanBeSwitchedAtRuntime() {
        PiecePicker<String> picker = picker(8, 2, 5);
        picker.peerBitfield("a", range(0, 8));
        picker.peerBitfield("rare-maker", bits(0, 1, 2, 3, 4, 5, 6)); // piece 7 is the rarest
        picker.setSequential(true);
        assertThat(picker.pick("a", 5)).extracting(BlockRequest::piece).containsExactly(0, 0, 1, 1, 2);
        assertThat(picker.pick("a", 3)).extracting(BlockRequest::piece).containsExactly(2, 3, 3);
        picker.setSequential(false);
        assertThat(picker.pick("a", 1)).extracting(BlockRequest::piece).containsExactly(7);
    }

    @Test
    void sequentialModeReturnsToAnEarlierPieceWhoseBlocksCameBack() {
        PiecePicker<String> picker = picker(6, 2, 6);
        picker.peerHasAll("a");
        picker.peerHasAll("b");
        picker.setSequential(true);
        List<BlockRequest> byA = picker.pick("a", 4); // pieces 0 and 1
        picker.pick("b", 2); // piece 2
        picker.peerGone("a");
        assertThat(picker.pick("b", 3)).extracting(BlockRequest::piece).containsExactly(0, 0, 1);
        assertThat(byA).extracting(BlockRequest::piece).containsExactly(0, 0, 1, 1);
    }

    @Test
    void priorityZeroIsNeverRequestedAndHigherPrioritiesComeFirst() {
        PiecePicker<String> picker = picker(6, 1, 7);
        picker.peerBitfield("a", range(0, 6));
        picker.peerBitfield("b", bits(0)); // piece 0 rarest... but its priority is lower
        picker.setPiecePriorities(new int[] {1, 0, 4, 7, 0, 4});
        assertThat(picker.wantedPieces()).isEqualTo(4);
        List<BlockRequest> picked = picker.pick("a", 10);
        assertThat(picked).extracting(BlockRequest::piece).startsWith(3).doesNotContain(1, 4);
        assertThat(picked.subList(1, 3)).extracting(BlockRequest::piece).containsExactlyInAnyOrder(2, 5);
        assertThat(picked.get(3).piece()).isZero();
        assertThat(picked).hasSize(4);
        // end-game never hands out a priority-0 piece either
        assertThat(picker.isEndGame()).isTrue();
        assertThat(picker.pick("b", 10)).extracting(BlockRequest::piece).containsOnly(0);
    }

    @Test
    void interestFollowsPrioritiesAndVerifiedPieces() {
        PiecePicker<String> picker = picker(4, 1, 8);
        picker.peerBitfield("a", bits(1, 2));
        assertThat(picker.isInteresting("a")).isTrue();
        assertThat(picker.isInteresting(bits(2))).isTrue();
        picker.setPiecePriority(1, 0);
        picker.setPiecePriority(2, 0);
        assertThat(picker.isInteresting("a")).isFalse();
        assertThat(picker.isInteresting(bits(1, 2))).isFalse();
        assertThat(picker.pick("a", 4)).isEmpty();
        picker.setPiecePriority(2, 1);
        deliver(picker, "a", picker.pick("a", 4));
        assertThat(picker.isInteresting("a")).as("piece 2 is complete, awaiting its check").isFalse();
        picker.pieceVerified(2);
        assertThat(picker.isInteresting("a")).isFalse();
        picker.peerHasAll("s");
        assertThat(picker.isInteresting("s")).isTrue();
        assertThat(picker.isInteresting("unknown")).isFalse();
    }

    @Test
    void endGameHandsOutBoundedDuplicatesAndCancelsThemWhenABlockArrives() {
        PiecePicker<String> picker = picker(1, 2, 9);
        for (String peer : List.of("a", "b", "c")) {
            picker.peerHasAll(peer);
        }
        List<BlockRequest> byA = picker.pick("a", 10);
        assertThat(byA).hasSize(2);
        assertThat(picker.isEndGame()).isTrue();
        List<BlockRequest> byB = picker.pick("b", 10);
        assertThat(byB).containsExactlyElementsOf(byA);
        assertThat(picker.pick("c", 10)).as("two requests per block at most").isEmpty();
        assertThat(picker.pick("a", 10)).as("never twice to the same peer").isEmpty();

        BlockRequest first = byA.get(0);
        BlockOutcome<String> fromB = picker.blockReceived("b", first.piece(), first.begin(), first.length());
        assertThat(fromB.kind()).isEqualTo(BlockOutcome.Kind.ACCEPTED);
        assertThat(fromB.cancels()).containsExactly(new Cancel<>("a", first));
        assertThat(picker.outstandingRequests("a")).isEqualTo(1);
        assertThat(picker.outstandingRequests("b")).isEqualTo(1);
        // the copy from a crossed our cancel
        BlockOutcome<String> late = picker.blockReceived("a", first.piece(), first.begin(), first.length());
        assertThat(late.kind()).isEqualTo(BlockOutcome.Kind.DUPLICATE);
        // c may now double the block that is still outstanding twice? no: it has two requesters
        assertThat(picker.pick("c", 10)).isEmpty();
        BlockRequest second = byA.get(1);
        BlockOutcome<String> last = picker.blockReceived("a", second.piece(), second.begin(), second.length());
        assertThat(last.pieceComplete()).isTrue();
        assertThat(last.cancels()).containsExactly(new Cancel<>("b", second));
        assertThat(picker.pieceVerified(0)).containsExactly("b", "a");
        assertThat(picker.isComplete()).isTrue();
        assertThat(picker.isEndGame()).isFalse();
    }

    @Test
    void endGameStartsOnlyWhenEveryWantedBlockIsRequested() {
        PiecePicker<String> picker = picker(2, 2, 10);
        picker.peerBitfield("a", bits(0));
        picker.peerHasAll("b");
        picker.pick("a", 2);
        assertThat(picker.isEndGame()).isFalse();
        // b gets piece 1 normally, then end-game duplicates of piece 0 in the same call
        List<BlockRequest> byB = picker.pick("b", 4);
        assertThat(byB).extracting(BlockRequest::piece).containsExactly(1, 1, 0, 0);
        assertThat(picker.isEndGame()).isTrue();
    }

    @Test
    void aGonePeersRequestsAndAvailabilityAreReleased() {
        PiecePicker<String> picker = picker(3, 4, 11);
        picker.peerBitfield("a", range(0, 3));
        picker.peerBitfield("b", range(0, 3));
        List<BlockRequest> byA = picker.pick("a", 3);
        assertThat(picker.availability(byA.get(0).piece())).isEqualTo(2);
        deliver(picker, "a", byA.subList(0, 1));
        assertThat(picker.peerGone("a")).containsExactlyElementsOf(byA.subList(1, 3));
        assertThat(picker.availability(byA.get(0).piece())).isEqualTo(1);
        assertThat(picker.outstandingRequests("a")).isZero();
        List<BlockRequest> byB = picker.pick("b", 3);
        assertThat(byB).containsExactly(byA.get(1), byA.get(2),
                new BlockRequest(byA.get(0).piece(), 3 * BLOCK, BLOCK));
        assertThat(picker.peerGone("never-seen")).isEmpty();
    }

    @Test
    void aPieceWithNothingRequestedOrReceivedGoesBackToRarestFirst() {
        PiecePicker<String> picker = picker(3, 2, 12);
        picker.peerBitfield("a", range(0, 3));
        picker.peerBitfield("b", bits(0, 1));
        picker.peerBitfield("c", bits(0));
        assertThat(picker.pick("a", 1)).extracting(BlockRequest::piece).containsExactly(2);
        picker.peerGone("a");
        // piece 2 is no longer in progress, so it does not jump the queue: b takes its rarest piece
        picker.peerHas("b", 2);
        picker.peerHas("c", 2);
        picker.peerHas("d", 2);
        assertThat(picker.availability(1)).isEqualTo(1);
        assertThat(picker.availability(2)).isEqualTo(3);
        assertThat(picker.pick("b", 1)).extracting(BlockRequest::piece).containsExactly(1);
    }

    @Test
    void aFailedPieceNamesItsContributorsAndIsDownloadedAgain() {
        PiecePicker<String> picker = picker(1, 4, 13);
        picker.peerHasAll("a");
        picker.peerHasAll("b");
        List<BlockRequest> byA = picker.pick("a", 2);
        List<BlockRequest> byB = picker.pick("b", 2);
        deliver(picker, "b", byB);
        assertThat(picker.contributors(0)).containsExactly("b");
        List<Integer> complete = deliver(picker, "a", byA);
        assertThat(complete).containsExactly(0);
        assertThat(picker.wantedPieces()).isZero();

        assertThat(picker.pieceFailed(0)).containsExactlyInAnyOrder("a", "b");
        assertThat(picker.hasPiece(0)).isFalse();
        assertThat(picker.wantedPieces()).isEqualTo(1);
        assertThat(picker.contributors(0)).isEmpty();
        assertThat(picker.pick("b", 4)).hasSize(4);
        assertThatThrownBy(() -> picker.pieceVerified(0))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("piece 0");
    }

    @Test
    void haveAllPeersAreCountedWithoutStoringTheirPieces() {
        PiecePicker<String> picker = picker(100_000, 1, 14);
        picker.peerHasAll("s1");
        picker.peerHasAll("s2");
        picker.peerBitfield("p", bits(5));
        assertThat(picker.availability(5)).isEqualTo(3);
        assertThat(picker.availability(99_999)).isEqualTo(2);
        picker.peerGone("s1");
        assertThat(picker.availability(99_999)).isEqualTo(1);
        // a peer whose HAVEs complete its bitfield becomes a have-all peer: same availability
        PiecePicker<String> small = picker(3, 1, 15);
        small.peerHas("x", 0);
        small.peerHas("x", 1);
        small.peerHas("x", 2);
        small.peerHas("x", 2);
        assertThat(small.availability(0)).isEqualTo(1);
        assertThat(small.peerHasPiece("x", 1)).isTrue();
        small.peerGone("x");
        assertThat(small.availability(0)).isZero();
        small.peerBitfield("y", range(0, 3));
        small.peerHasAll("y");
        assertThat(small.availability(2)).isEqualTo(1);
    }

    @Test
    void requestsGoOnlyForPiecesThePeerHasAndWeLack() {
        Random random = new Random(16);
        for (int round = 0; round < 30; round++) {
            int pieces = 1 + random.nextInt(60);
            BitSet ours = new BitSet();
            for (int i = 0; i < pieces; i++) {
                if (random.nextInt(3) == 0) {
                    ours.set(i);
                }
            }
            PiecePicker<String> picker = new PiecePicker<>(pieces, 2 * BLOCK, pieces * 2L * BLOCK - random.nextInt(BLOCK),
                    ours, new Random(round), PickerConfig.DEFAULTS);
            BitSet theirs = new BitSet();
            for (int i = 0; i < pieces; i++) {
                if (random.nextBoolean()) {
                    theirs.set(i);
                }
            }
            picker.peerBitfield("p", theirs);
            picker.setSequential(random.nextBoolean());
            for (BlockRequest r : picker.pick("p", 1000)) {
                assertThat(theirs.get(r.piece())).isTrue();
                assertThat(ours.get(r.piece())).isFalse();
            }
            BitSet expectedWanted = (BitSet) theirs.clone();
            expectedWanted.andNot(ours);
            assertThat(picker.outstandingRequests("p"))
                    .isEqualTo(expectedWanted.stream().map(picker::blockCount).sum());
        }
    }

    @Test
    void theLastPieceAndItsLastBlockAreShort() {
        int pieceLength = 3 * BLOCK;
        long total = 2L * pieceLength + BLOCK + 100;
        PiecePicker<String> picker = new PiecePicker<>(3, pieceLength, total, new BitSet(), new Random(17));
        picker.peerBitfield("a", bits(2));
        assertThat(picker.pick("a", 10)).containsExactly(new BlockRequest(2, 0, BLOCK), new BlockRequest(2, BLOCK, 100));
        assertThat(picker.blockReceived("a", 2, BLOCK, BLOCK).kind()).isEqualTo(BlockOutcome.Kind.INVALID);
        assertThat(picker.blockReceived("a", 2, BLOCK, 100).kind()).isEqualTo(BlockOutcome.Kind.ACCEPTED);
        assertThat(picker.blockReceived("a", 2, 0, BLOCK).pieceComplete()).isTrue();
        picker.pieceVerified(2);
        assertThat(picker.verifiedBytes()).isEqualTo(BLOCK + 100);
        assertThat(picker.progress()).isEqualTo((double) (BLOCK + 100) / total);
        assertThat(picker.missingPieces()).isEqualTo(2);
    }

    @Test
    void hostileInputIsRefusedWithSpecificErrorsOrDropped() {
        PiecePicker<String> picker = picker(10, 2, 18);
        assertThatThrownBy(() -> picker.peerHas("evil", 10))
                .isInstanceOf(PeerDataException.class).hasMessageContaining("evil").hasMessageContaining("10");
        assertThatThrownBy(() -> picker.peerHas("evil", -1)).isInstanceOf(PeerDataException.class);
        assertThatThrownBy(() -> picker.peerBitfield("evil", bits(3, 12)))
                .isInstanceOf(PeerDataException.class).hasMessageContaining("piece 12");
        assertThat(picker.blockReceived("evil", 10, 0, BLOCK).kind()).isEqualTo(BlockOutcome.Kind.INVALID);
        assertThat(picker.blockReceived("evil", 1, 5, BLOCK).kind()).isEqualTo(BlockOutcome.Kind.INVALID);
        assertThat(picker.blockReceived("evil", 1, 2 * BLOCK, BLOCK).kind()).isEqualTo(BlockOutcome.Kind.INVALID);
        assertThat(picker.blockReceived("evil", 1, -BLOCK, BLOCK).kind()).isEqualTo(BlockOutcome.Kind.INVALID);
        assertThat(picker.blockReceived("evil", 1, 0, BLOCK).kind()).isEqualTo(BlockOutcome.Kind.UNEXPECTED);
        assertThat(picker.blockRejected("evil", 99, 0)).isFalse();
        assertThat(picker.requestTimedOut("evil", 1, 7)).isFalse();
        assertThatThrownBy(() -> picker.setPiecePriority(0, 8)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> picker.pieceFailed(3)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new PiecePicker<String>(3, BLOCK, 10L * BLOCK, new BitSet(), new Random()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("make 10 pieces");
        assertThat(picker.wantedPieces()).isEqualTo(10);
    }

    @Test
    void rejectedAndTimedOutRequestsArePickedAgainAndALateAnswerIsStillTaken() {
        PiecePicker<String> picker = picker(1, 2, 19);
        picker.peerHasAll("a");
        picker.peerHasAll("b");
        List<BlockRequest> byA = picker.pick("a", 2);
        assertThat(picker.blockRejected("a", byA.get(0))).isTrue();
        assertThat(picker.blockRejected("a", 0, 0)).isFalse();
        assertThat(picker.requestTimedOut("a", byA.get(1))).isTrue();
        assertThat(picker.outstandingRequests("a")).isZero();
        assertThat(picker.pick("b", 2)).containsExactlyElementsOf(byA);
        // a answers the timed-out request after all: still needed, so taken, and b's copy cancelled
        BlockOutcome<String> late = picker.blockReceived("a", 0, BLOCK, BLOCK);
        assertThat(late.kind()).isEqualTo(BlockOutcome.Kind.ACCEPTED);
        assertThat(late.cancels()).containsExactly(new Cancel<>("b", byA.get(1)));
        assertThat(picker.outstandingRequests("b")).isEqualTo(1);
    }

    @Test
    void chokingWithoutFastExtensionAbandonsEveryRequest() {
        PiecePicker<String> picker = picker(4, 2, 20);
        picker.peerHasAll("a");
        List<BlockRequest> byA = picker.pick("a", 3);
        assertThat(picker.abandonRequests("a")).containsExactlyInAnyOrderElementsOf(byA);
        assertThat(picker.outstandingRequests("a")).isZero();
        assertThat(picker.wantedPieces()).isEqualTo(4);
        assertThat(picker.pick("a", 8)).hasSize(8).containsAll(byA);
    }

    @Test
    void allowedFastPicksOnlyAllowedPiecesThePeerHas() {
        PiecePicker<String> picker = picker(20, 2, 21);
        picker.peerBitfield("a", range(0, 10));
        List<BlockRequest> picked = picker.pickAllowedFast("a", 10, List.of(3, 15, 7, 99, -1));
        assertThat(picked).extracting(BlockRequest::piece).containsOnly(3, 7).hasSize(4);
        assertThat(picker.pickAllowedFast("a", 10, List.of(3, 7))).isEmpty();
    }

    @Test
    void filePrioritiesBecomePiecePrioritiesByTheHighestOverlappingFile() {
        int pieceLength = 100;
        var files = List.of(
                new TorrentFile(List.of("a"), 150, 0, false),
                new TorrentFile(List.of("pad"), 50, 150, true),
                new TorrentFile(List.of("empty"), 0, 200, false),
                new TorrentFile(List.of("b"), 250, 200, false));
        assertThat(PiecePriorities.fromFiles(files, new int[] {1, 7, 7, 0}, pieceLength, 5))
                .containsExactly(1, 1, 0, 0, 0);
        assertThat(PiecePriorities.fromFiles(files, new int[] {0, 0, 0, 6}, pieceLength, 5))
                .containsExactly(0, 0, 6, 6, 6);
        assertThatThrownBy(() -> PiecePriorities.fromFiles(files, new int[] {1, 1, 1, 9}, pieceLength, 5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("b");
    }

    @Test
    void progressAndCountsFollowTheDownload() {
        BitSet verified = bits(0);
        PiecePicker<String> picker = new PiecePicker<>(4, BLOCK, 4L * BLOCK, verified, new Random(22));
        assertThat(picker.havePieces()).isEqualTo(1);
        assertThat(picker.missingPieces()).isEqualTo(3);
        assertThat(picker.progress()).isEqualTo(0.25);
        picker.peerHasAll("s");
        for (int i = 0; i < 3; i++) {
            for (int piece : deliver(picker, "s", picker.pick("s", 1))) {
                picker.pieceVerified(piece);
            }
        }
        assertThat(picker.isComplete()).isTrue();
        assertThat(picker.isFinished()).isTrue();
        assertThat(picker.verifiedPieces()).isEqualTo(range(0, 4));
        assertThat(picker.pick("s", 5)).isEmpty();
    }

    @Test
    void aPieceInProgressThatDropsToPriorityZeroPausesAndResumes() {
        PiecePicker<String> picker = picker(2, 4, 23);
        picker.peerHasAll("a");
        picker.setPiecePriority(1, 0);
        deliver(picker, "a", picker.pick("a", 2));
        assertThat(picker.outstandingBlocks("a")).isEmpty();
        picker.setPiecePriority(0, 0);
        assertThat(picker.pick("a", 10)).isEmpty();
        assertThat(picker.isInteresting("a")).isFalse();
        assertThat(picker.contributors(0)).containsExactly("a");
        picker.setPiecePriority(0, 2);
        List<BlockRequest> rest = picker.pick("a", 10);
        assertThat(rest).containsExactly(new BlockRequest(0, 2 * BLOCK, BLOCK), new BlockRequest(0, 3 * BLOCK, BLOCK));
        assertThat(picker.outstandingBlocks("a")).containsExactlyElementsOf(rest);
        assertThat(deliver(picker, "a", rest)).containsExactly(0);
    }

    @Test
    void anEmptyTorrentIsCompleteAndRefusesEveryIndex() {
        PiecePicker<String> picker = new PiecePicker<>(0, BLOCK, 0, new BitSet(), new Random(24));
        assertThat(picker.isComplete()).isTrue();
        assertThat(picker.progress()).isEqualTo(1.0);
        picker.peerBitfield("a", new BitSet());
        picker.peerHasAll("b");
        assertThat(picker.pick("b", 5)).isEmpty();
        assertThatThrownBy(() -> picker.peerHas("a", 0)).isInstanceOf(PeerDataException.class);
    }
}
