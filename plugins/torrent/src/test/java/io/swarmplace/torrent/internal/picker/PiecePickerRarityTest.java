package io.swarmplace.torrent.internal.picker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Rarest-first against a brute-force oracle, on both of the picker's search paths. */
class PiecePickerRarityTest {

    private static final PickerConfig RAREST_AT_ONCE = new PickerConfig(0, 2);

    /** Availability of each piece the target peer has, sorted: what a perfect rarest-first would pick. */
    private static List<Integer> rarestAvailabilities(PiecePicker<String> picker, BitSet target, int k) {
        List<Integer> availabilities = new ArrayList<>();
        target.stream().forEach(piece -> availabilities.add(picker.availability(piece)));
        availabilities.sort(null);
        return availabilities.subList(0, Math.min(k, availabilities.size()));
    }

    private static BitSet randomSet(Random random, int size, double density) {
        BitSet set = new BitSet();
        for (int i = 0; i < size; i++) {
            if (random.nextDouble() < density) {
                set.set(i);
            }
        }
        return set;
    }

    @Test
    void picksTheRarestPiecesOfThePeerInRandomSwarms() {
        Random random = new Random(31);
        for (int round = 0; round < 40; round++) {
            int pieces = 50 + random.nextInt(3000);
            PiecePicker<String> picker = new PiecePicker<>(pieces, PiecePicker.BLOCK_SIZE,
                    (long) pieces * PiecePicker.BLOCK_SIZE, new BitSet(), new Random(round), RAREST_AT_ONCE);
            int others = 1 + random.nextInt(30);
            for (int p = 0; p < others; p++) {
                picker.peerBitfield("o" + p, randomSet(random, pieces, random.nextDouble()));
            }
            // dense peers take the bucket scan, sparse ones the intersection walk
            BitSet target = randomSet(random, pieces, random.nextBoolean() ? 0.01 : 0.5 + random.nextDouble() / 2);
            picker.peerBitfield("target", target);
            int k = 1 + random.nextInt(12);
            List<Integer> expected = rarestAvailabilities(picker, target, k);

            List<BlockRequest> picked = picker.pick("target", k);
            List<Integer> got = new ArrayList<>();
            for (BlockRequest r : picked) {
                assertThat(target.get(r.piece())).isTrue();
                got.add(picker.availability(r.piece()));
            }
            got.sort(null);
            assertThat(got).as("round %d: %d pieces, %d others", round, pieces, others).isEqualTo(expected);
        }
    }

    @Test
    void aSparsePeerWhosePiecesAreNotTheRarestStillGetsItsRarest() {
        int pieces = 5000;
        PiecePicker<String> picker = new PiecePicker<>(pieces, PiecePicker.BLOCK_SIZE,
                (long) pieces * PiecePicker.BLOCK_SIZE, new BitSet(), new Random(32), RAREST_AT_ONCE);
        // pieces 0..3999: one copy each, on peers the target is not
        for (int piece = 0; piece < 4000; piece++) {
            picker.peerHas("holder" + (piece % 40), piece);
        }
        // the target has 20 pieces above 4000 with 2..5 copies; pieces 4100 and 4200 have 2
        Random random = new Random(33);
        for (int i = 0; i < 20; i++) {
            int piece = 4000 + i * 50;
            picker.peerHas("target", piece);
            int copies = piece == 4100 || piece == 4200 ? 1 : 2 + random.nextInt(4);
            for (int c = 0; c < copies; c++) {
                picker.peerHas("other" + c, piece);
            }
        }
        assertThat(picker.pick("target", 2)).extracting(BlockRequest::piece).containsExactlyInAnyOrder(4100, 4200);
    }

    @Test
    void theSameSeedGivesTheSamePicksOnTheIntersectionPath() {
        List<List<BlockRequest>> runs = new ArrayList<>();
        for (int run = 0; run < 2; run++) {
            PiecePicker<String> picker = new PiecePicker<>(3000, PiecePicker.BLOCK_SIZE, 3000L * PiecePicker.BLOCK_SIZE,
                    new BitSet(), new Random(34), RAREST_AT_ONCE);
            for (int piece = 0; piece < 2000; piece++) {
                picker.peerHas("holder", piece);
            }
            for (int piece = 2000; piece < 3000; piece += 3) {
                picker.peerHas("target", piece);
                picker.peerHas("other", piece);
            }
            runs.add(picker.pick("target", 10));
        }
        assertThat(runs.get(0)).hasSize(10).isEqualTo(runs.get(1));
    }
}
