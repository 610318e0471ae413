package io.swarmplace.torrent.internal.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PieceHasherTest {

    @Test
    void hashingInChunksGivesTheDigestOfTheWholeRange() throws Exception {
        Random random = new Random(42);
        int chunk = PieceHasher.CHUNK;
        for (int length : new int[] {0, 1, chunk - 1, chunk, chunk + 1, 3 * chunk + 17, 1024 * 1024 + 7}) {
            byte[] data = new byte[length + 10];
            random.nextBytes(data);
            byte[] expected = MessageDigest.getInstance("SHA-1").digest(java.util.Arrays.copyOfRange(data, 5, 5 + length));

            assertThat(PieceHasher.sha1(data, 5, length)).as("array range of %d bytes", length).isEqualTo(expected);
            ByteBuffer heap = ByteBuffer.wrap(data, 5, length).slice();
            assertThat(PieceHasher.sha1(heap)).as("heap buffer of %d bytes", length).isEqualTo(expected);
            assertThat(heap.position()).isZero();
            ByteBuffer direct = ByteBuffer.allocateDirect(length).put(data, 5, length).flip();
            assertThat(PieceHasher.sha1(direct)).as("direct buffer of %d bytes", length).isEqualTo(expected);
            assertThat(PieceHasher.sha1(heap.asReadOnlyBuffer())).as("read-only buffer").isEqualTo(expected);
        }
    }
}
