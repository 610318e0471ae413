package io.swarmplace.torrent.internal.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class Sha1ProbeTest {

    @Test
    void hashesTheAmountAskedForInWholePiecesAndALastShortOne() {
        Sha1Probe.Result result = Sha1Probe.run(2, 300_000);
        assertThat(result.bytes()).isEqualTo(2 * 1024 * 1024);
        assertThat(result.pieces()).isEqualTo(7);
        assertThat(result.nanos()).isPositive();
        assertThat(result.mebibytesPerSecond()).isPositive();
    }

    @Test
    void refusesNothingToHash() {
        assertThatThrownBy(() -> Sha1Probe.run(0, 16384)).isInstanceOf(IllegalArgumentException.class);
    }
}
