package io.swarmplace.torrent.internal.rate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RateMeterTest {

    private static final long MS = 1_000_000L;

    private final long[] now = {42 * 1000 * MS};
    private final RateMeter meter = new RateMeter(() -> now[0]);

    private void advanceMillis(long millis) {
        now[0] += millis * MS;
    }

    @Test
    void aSteadyFlowReadsAsItsRate() {
        for (int tick = 0; tick < 200; tick++) { // 20 s of 10 KiB every 100 ms = 100 KiB/s
            meter.add(10 * 1024);
            advanceMillis(100);
        }
        assertThat(meter.rate()).isBetween(100 * 1024L - 2048, 100 * 1024L + 2048);
        assertThat(meter.total()).isEqualTo(200 * 10 * 1024L);
    }

    @Test
    void theRateReflectsOnlyTheWindow() {
        for (int tick = 0; tick < 50; tick++) {
            meter.add(100_000);
            advanceMillis(100);
        }
        assertThat(meter.rate()).isBetween(950_000L, 1_050_000L);
        advanceMillis(2_500);
        assertThat(meter.rate()).as("half the window idle").isBetween(400_000L, 600_000L);
        advanceMillis(3_000);
        assertThat(meter.rate()).isZero();
        assertThat(meter.total()).isEqualTo(5_000_000L);
    }

    @Test
    void aYoungMeterDoesNotSpike() {
        advanceMillis(100);
        meter.add(10_000);
        assertThat(meter.rate()).as("divided by one bucket, not 100 ms").isEqualTo(10_000L);
        advanceMillis(1_900);
        meter.add(10_000);
        assertThat(meter.rate()).as("two seconds old").isEqualTo(10_000L);
    }

    @Test
    void totalsAreExactAndBadInputIsRefused() {
        long expected = 0;
        for (int i = 0; i < 10_000; i++) {
            meter.add(i);
            expected += i;
            advanceMillis(i % 7);
        }
        assertThat(meter.total()).isEqualTo(expected);
        assertThatThrownBy(() -> meter.add(-1)).isInstanceOf(IllegalArgumentException.class);
        meter.add(Long.MAX_VALUE - meter.total());
        assertThatThrownBy(() -> meter.add(1)).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> new RateMeter(() -> 0, Duration.ofNanos(3), 5))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aClockThatGoesBackIsTreatedAsStandingStill() {
        meter.add(1000);
        advanceMillis(3000);
        long rate = meter.rate();
        now[0] -= 10_000 * MS;
        meter.add(1000);
        assertThat(meter.rate()).isGreaterThanOrEqualTo(rate);
        assertThat(meter.total()).isEqualTo(2000);
    }

    @Test
    void finerBucketsAreAvailable() {
        RateMeter fine = new RateMeter(() -> now[0], Duration.ofSeconds(2), 20);
        for (int tick = 0; tick < 40; tick++) {
            fine.add(5_000);
            advanceMillis(50);
        }
        assertThat(fine.rate()).isBetween(95_000L, 105_000L);
    }
}
