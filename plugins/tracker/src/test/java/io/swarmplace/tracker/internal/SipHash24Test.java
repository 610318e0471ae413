package io.swarmplace.tracker.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The reference vectors of the SipHash paper: key 00..0f, messages 00, 00 01, ... */
class SipHash24Test {

    private static final SipHash24 REFERENCE = new SipHash24(sequence(16));

    @Test
    void matchesTheReferenceVectorsForShortMessages() {
        long[] expected = {0x726fdb47dd0e0e31L, 0x74f839c593dc67fdL, 0x0d6c8009d9a94f5aL, 0x85676696d7fb7e2dL,
                0xcf2794e0277187b7L, 0x18765564cd99a68dL};
        for (int length = 0; length < expected.length; length++) {
            assertThat(REFERENCE.hash(sequence(length), length)).as("message of %d bytes", length).isEqualTo(expected[length]);
        }
    }

    @Test
    void matchesThePapersFifteenByteExampleAcrossABlockBoundary() {
        assertThat(REFERENCE.hash(sequence(15), 15)).isEqualTo(0xa129ca6149be45e5L);
    }

    @Test
    void onlyTheGivenLengthCounts() {
        byte[] padded = sequence(20);

        assertThat(REFERENCE.hash(padded, 15)).isEqualTo(0xa129ca6149be45e5L);
    }

    @Test
    void refusesAKeyOfAnotherLength() {
        assertThatThrownBy(() -> new SipHash24(new byte[15])).hasMessage("a SipHash key is 16 bytes, got 15");
    }

    private static byte[] sequence(int length) {
        byte[] out = new byte[length];
        for (int i = 0; i < length; i++) {
            out[i] = (byte) i;
        }
        return out;
    }
}
