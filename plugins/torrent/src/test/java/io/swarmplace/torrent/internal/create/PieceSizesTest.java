package io.swarmplace.torrent.internal.create;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PieceSizesTest {

    private static final long KiB = 1024;
    private static final long MiB = 1024 * KiB;
    private static final long GiB = 1024 * MiB;

    @ParameterizedTest(name = "{0} bytes -> {1}")
    @CsvSource({
            "1, 16384",
            "1048576, 16384",                 // 1 MiB: 64 pieces, the smallest size
            "32768000, 16384",                // 2000 pieces of 16 KiB exactly
            "32768001, 32768",
            "104857600, 65536",               // 100 MiB: 1600 pieces
            "734003200, 524288",              // a 700 MiB image: 1400 pieces
            "1073741824, 1048576",            // 1 GiB: 1024 pieces
            "4294967296, 4194304",            // 4 GiB: 1024 pieces
            "34359738368, 16777216",          // 32 GiB: 2048 pieces, as 16 MiB is the largest
            "107374182400, 16777216",         // 100 GiB: capped at 16 MiB, 6400 pieces
    })
    void choosesAPowerOfTwoFrom16KiBTo16MiBAimingAtAtMost2000Pieces(long total, int expected) {
        int size = PieceSizes.automatic(total);

        assertThat(size).isEqualTo(expected);
        assertThat(Integer.bitCount(size)).isEqualTo(1);
        long pieces = PieceSizes.pieceCount(total, size);
        if (size > PieceSizes.SMALLEST && size < PieceSizes.LARGEST_AUTOMATIC) {
            assertThat(pieces).isBetween(1001L, 2000L);
        }
    }
}
