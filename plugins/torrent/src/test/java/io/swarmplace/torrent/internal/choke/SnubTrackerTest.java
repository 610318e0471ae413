package io.swarmplace.torrent.internal.choke;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SnubTrackerTest {

    private static final long SECOND = 1_000_000_000L;

    private final long[] now = {100 * SECOND};
    private final SnubTracker<String> tracker = new SnubTracker<>(() -> now[0]);

    private void advance(long seconds) {
        now[0] += seconds * SECOND;
    }

    @Test
    void aPeerIsSnubbedAfterAMinuteWithoutABlockWhileWeWait() {
        tracker.requestSent("p");
        advance(59);
        assertThat(tracker.isSnubbed("p")).isFalse();
        assertThat(tracker.newlySnubbed()).isEmpty();
        advance(1);
        assertThat(tracker.newlySnubbed()).containsExactly("p");
        assertThat(tracker.newlySnubbed()).as("reported once").isEmpty();
        assertThat(tracker.isSnubbed("p")).isTrue();
    }

    @Test
    void theNextBlockClearsTheSnubAndRestartsTheClock() {
        tracker.requestSent("p");
        advance(61);
        assertThat(tracker.isSnubbed("p")).isTrue();
        tracker.blockReceived("p");
        assertThat(tracker.isSnubbed("p")).isFalse();
        advance(45);
        tracker.blockReceived("p");
        advance(45);
        assertThat(tracker.isSnubbed("p")).as("a block 45 s ago").isFalse();
        advance(15);
        assertThat(tracker.isSnubbed("p")).isTrue();
    }

    @Test
    void noOutstandingRequestsMeansNoSnub() {
        tracker.requestSent("p");
        advance(30);
        tracker.stoppedWaiting("p");
        advance(300);
        assertThat(tracker.isSnubbed("p")).isFalse();
        // a request after a long quiet spell starts a fresh minute
        tracker.requestSent("p");
        advance(59);
        assertThat(tracker.isSnubbed("p")).isFalse();
        tracker.requestSent("p"); // more requests do not restart the clock
        advance(1);
        assertThat(tracker.isSnubbed("p")).isTrue();
        // a snub already noticed stays until a block comes, even if we stop waiting
        tracker.stoppedWaiting("p");
        assertThat(tracker.isSnubbed("p")).isTrue();
    }

    @Test
    void aGonePeerIsForgottenAndTheTimeoutIsConfigurable() {
        SnubTracker<String> quick = new SnubTracker<>(() -> now[0], Duration.ofSeconds(5));
        quick.requestSent("p");
        quick.requestSent("q");
        advance(5);
        assertThat(quick.newlySnubbed()).containsExactlyInAnyOrder("p", "q");
        quick.peerGone("p");
        assertThat(quick.isSnubbed("p")).isFalse();
        assertThat(quick.isSnubbed("never-seen")).isFalse();
        quick.stoppedWaiting("never-seen");
        assertThatThrownBy(() -> new SnubTracker<String>(() -> 0, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
