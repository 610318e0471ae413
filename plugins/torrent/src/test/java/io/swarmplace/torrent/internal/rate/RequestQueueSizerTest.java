package io.swarmplace.torrent.internal.rate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RequestQueueSizerTest {

    private final RequestQueueSizer sizer = new RequestQueueSizer();

    @Test
    void keepsThreeSecondsOfThePeersRateInFlight() {
        assertThat(sizer.queueSize(16 * 1024, 0)).isEqualTo(3);
        assertThat(sizer.queueSize(1024 * 1024, 0)).isEqualTo(192);
        assertThat(sizer.queueSize(1024 * 1024, 1000)).isEqualTo(192);
    }

    @Test
    void staysWithinTwoAndTwoThousand() {
        assertThat(sizer.queueSize(0, 0)).isEqualTo(2);
        assertThat(sizer.queueSize(-5, 0)).isEqualTo(2);
        assertThat(sizer.queueSize(5000, 0)).isEqualTo(2);
        assertThat(sizer.queueSize(1L << 40, 100_000)).isEqualTo(2000);
        assertThat(sizer.queueSize(Long.MAX_VALUE, 100_000)).isEqualTo(2000);
    }

    @Test
    void respectsThePeersReqqAndAssumes250WithoutOne() {
        assertThat(sizer.queueSize(100L * 1024 * 1024, 0)).isEqualTo(250);
        assertThat(sizer.queueSize(100L * 1024 * 1024, 64)).isEqualTo(64);
        assertThat(sizer.queueSize(0, 1)).as("the peer's limit wins over our minimum").isEqualTo(1);
    }

    @Test
    void aSnubbedPeerGetsOneRequest() {
        assertThat(sizer.queueSize(10L * 1024 * 1024, 500, true)).isEqualTo(1);
    }

    @Test
    void boundsAreValidated() {
        assertThatThrownBy(() -> new RequestQueueSizer(0, 10, 250, Duration.ofSeconds(3)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RequestQueueSizer(5, 4, 250, Duration.ofSeconds(3)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RequestQueueSizer(2, 500, 250, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        RequestQueueSizer custom = new RequestQueueSizer(4, 16, 250, Duration.ofSeconds(1));
        assertThat(custom.queueSize(160 * 1024, 0)).isEqualTo(10);
        assertThat(custom.queueSize(0, 0)).isEqualTo(4);
    }
}
