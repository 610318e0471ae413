package io.swarmplace.torrent.internal.picker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * 100,000 pieces and 50 peers: checks that picking stays correct at that size and prints what it
 * costs (no timing assertion; the figure goes to the test output for docs/benchmarks.md).
 */
class PickerScaleTest {

    private static final int PIECES = 100_000;
    private static final int BLOCKS_PER_PIECE = 16; // 256 KiB pieces
    private static final int QUEUE = 64;

    @Test
    void pickingOnAHundredThousandPiecesWithFiftyPeers() {
        Random random = new Random(41);
        int pieceLength = BLOCKS_PER_PIECE * PiecePicker.BLOCK_SIZE;
        PiecePicker<Integer> picker = new PiecePicker<>(PIECES, pieceLength, (long) PIECES * pieceLength, new BitSet(),
                new Random(42));
        List<BitSet> has = new ArrayList<>();
        long setupStart = System.nanoTime();
        for (int peer = 0; peer < 50; peer++) {
            BitSet bits = new BitSet(PIECES);
            if (peer < 5) {
                picker.peerHasAll(peer);
                bits.set(0, PIECES);
            } else {
                // mostly partial peers, a few nearly empty ones (the hard case for rarest-first)
                double density = peer < 10 ? 0.002 : 0.05 + random.nextDouble() * 0.9;
                for (int piece = 0; piece < PIECES; piece++) {
                    if (random.nextDouble() < density) {
                        bits.set(piece);
                    }
                }
                picker.peerBitfield(peer, bits);
            }
            has.add(bits);
        }
        long setupNanos = System.nanoTime() - setupStart;

        long haveStart = System.nanoTime();
        int haves = 0;
        for (int i = 0; i < 200_000; i++) {
            int peer = 5 + random.nextInt(45);
            int piece = random.nextInt(PIECES);
            if (!has.get(peer).get(piece)) {
                has.get(peer).set(piece);
                picker.peerHas(peer, piece);
                haves++;
            }
        }
        long haveNanos = System.nanoTime() - haveStart;

        int picks = 6000;
        long pickNanos = 0;
        long blocks = 0;
        long warmNanos = 0; // second half, after the JIT has compiled the picking paths
        long warmBlocks = 0;
        Set<Integer> started = new HashSet<>();
        for (int i = 0; i < picks; i++) {
            int peer = random.nextInt(50);
            long t0 = System.nanoTime();
            List<BlockRequest> requests = picker.pick(peer, QUEUE);
            long took = System.nanoTime() - t0;
            pickNanos += took;
            blocks += requests.size();
            if (i >= picks / 2) {
                warmNanos += took;
                warmBlocks += requests.size();
            }
            for (BlockRequest r : requests) {
                assertThat(has.get(peer).get(r.piece())).isTrue();
                started.add(r.piece());
                BlockOutcome<Integer> outcome = picker.blockReceived(peer, r.piece(), r.begin(), r.length());
                assertThat(outcome.kind()).isEqualTo(BlockOutcome.Kind.ACCEPTED);
                if (outcome.pieceComplete()) {
                    picker.pieceVerified(r.piece());
                }
            }
        }
        assertThat(picker.havePieces()).isGreaterThan(20_000);
        // every block went to one peer once (all ACCEPTED above), and pieces were not left half done
        assertThat(started.size() - picker.havePieces()).isLessThan(50);

        System.out.printf(
                "PickerScale: %d pieces, 50 peers: bitfields %.1f ms; %d HAVEs %.3f us each; %d picks of up to %d"
                        + " blocks %.1f us per pick, %.2f us per block; second half %.1f us per pick, %.2f us per block"
                        + " (%d pieces verified)%n",
                PIECES, setupNanos / 1e6, haves, haveNanos / 1e3 / haves, picks, QUEUE, pickNanos / 1e3 / picks,
                pickNanos / 1e3 / blocks, warmNanos / 1e3 / (picks - picks / 2), warmNanos / 1e3 / warmBlocks,
                picker.havePieces());
    }
}
