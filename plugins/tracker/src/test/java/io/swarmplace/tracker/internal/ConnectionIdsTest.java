package io.swarmplace.tracker.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ConnectionIdsTest {

    private static final InetSocketAddress CLIENT = new InetSocketAddress("10.1.2.3", 40000);

    private final ManualClock clock = new ManualClock();
    private final ConnectionIds ids = new ConnectionIds(Announces.bytes(1, 16), clock);

    @Test
    void anIdIsGoodForTwoMinutesWhereverInItsMinuteItWasIssued() {
        for (int offsetSeconds = 0; offsetSeconds < 60; offsetSeconds += 7) {
            ManualClock clock = new ManualClock();
            ConnectionIds ids = new ConnectionIds(Announces.bytes(1, 16), clock);
            clock.advance(Duration.ofSeconds(offsetSeconds));
            long id = ids.issue(CLIENT);

            clock.advance(Duration.ofSeconds(119));
            assertThat(ids.isValid(id, CLIENT)).as("issued %ds into a window, used 119s later", offsetSeconds).isTrue();
            clock.advance(Duration.ofSeconds(61));
            assertThat(ids.isValid(id, CLIENT)).as("used 180s later").isFalse();
        }
    }

    @Test
    void anIdBelongsToOneAddressAndPort() {
        long id = ids.issue(CLIENT);

        assertThat(ids.isValid(id, CLIENT)).isTrue();
        assertThat(ids.isValid(id, new InetSocketAddress("10.1.2.3", 40001))).isFalse();
        assertThat(ids.isValid(id, new InetSocketAddress("10.1.2.4", 40000))).isFalse();
        assertThat(ids.isValid(id, new InetSocketAddress("::ffff:10.1.2.3", 40000)))
                .as("an IPv4-mapped address is the same client").isTrue();
        assertThat(ids.isValid(id + 1, CLIENT)).isFalse();
    }

    @Test
    void anotherSecretIssuesOtherIds() {
        ConnectionIds other = new ConnectionIds(Announces.bytes(2, 16), clock);

        assertThat(other.issue(CLIENT)).isNotEqualTo(ids.issue(CLIENT));
        assertThat(other.isValid(ids.issue(CLIENT), CLIENT)).isFalse();
    }

    @Test
    void idsLookRandomAcrossClients() {
        java.util.Set<Long> seen = new java.util.HashSet<>();
        for (int port = 1; port <= 5000; port++) {
            seen.add(ids.issue(new InetSocketAddress("10.0.0.1", port)));
        }
        assertThat(seen).hasSize(5000);
    }
}
