package io.swarmplace.testing.peers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class OpenTrackerTest {

    private static final String TRACKED = "0123456789abcdef0123456789abcdef01234567";
    private static final String LATER = "89abcdef0123456789abcdef0123456789abcdef";

    @BeforeAll
    static void needsOpentracker() {
        OpenTracker.require();
    }

    @Test
    void tracksOnlyWhitelistedHashesAndReloadsTheListWhenAllowed() {
        int port = FreePorts.loopbackPort();
        try (OpenTracker tracker = OpenTracker.start(port, List.of(TRACKED.toUpperCase()))) {
            assertThat(tracker.httpAnnounceUrl()).isEqualTo("http://127.0.0.1:" + port + "/announce");
            assertThat(tracker.udpAnnounceUrl()).isEqualTo("udp://127.0.0.1:" + port + "/announce");
            assertThat(tracker.accepts(TRACKED)).isTrue();
            assertThat(tracker.accepts(LATER)).isFalse();

            tracker.allow(LATER);

            assertThat(tracker.accepts(LATER)).isTrue();
            assertThat(tracker.accepts(TRACKED)).isTrue();
            assertThat(tracker.allowed()).containsExactlyInAnyOrder(TRACKED, LATER);
        }
    }

    @Test
    void refusesABusyPortInsteadOfSharingIt() throws Exception {
        int port = FreePorts.loopbackPort();
        try (ServerSocket taken = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            assertThatThrownBy(() -> OpenTracker.start(port, List.of(TRACKED)))
                    .isInstanceOf(PeerFixtureException.class).hasMessageContaining("in use");
        }
    }

    @Test
    void rejectsSomethingThatIsNotAnInfoHash() {
        assertThatThrownBy(() -> OpenTracker.start(FreePorts.loopbackPort(), List.of("not-a-hash")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'not-a-hash'");
    }
}
