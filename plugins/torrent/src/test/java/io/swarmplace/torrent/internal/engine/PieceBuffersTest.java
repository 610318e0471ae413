package io.swarmplace.torrent.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PieceBuffersTest {

    @Test
    void anArrayGivenBackIsTakenAgain() {
        PieceBuffers buffers = new PieceBuffers(1000);
        byte[] first = buffers.take(100);
        assertThat(first).hasSize(100);
        buffers.give(first);
        assertThat(buffers.take(100)).isSameAs(first);
        assertThat(buffers.take(100)).as("pool empty again").isNotSameAs(first).hasSize(100);
    }

    @Test
    void keepsNoMoreThanItsBytesAndOnlyOneSize() {
        PieceBuffers buffers = new PieceBuffers(250);
        buffers.give(new byte[100]);
        buffers.give(new byte[100]);
        buffers.give(new byte[100]);
        assertThat(buffers.freeCount()).as("a third would exceed 250 bytes").isEqualTo(2);
        buffers.give(new byte[40]);
        assertThat(buffers.freeCount()).as("the short last piece is not pooled").isEqualTo(2);
        assertThat(buffers.take(40)).hasSize(40);
        assertThat(buffers.freeCount()).isEqualTo(2);
    }
}
