package io.swarmplace.torrent.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DiskBacklogTest {

    @Test
    void pausesOnceAboveTheHighMarkAndResumesOnceAtTheLowMark() {
        DiskBacklog backlog = new DiskBacklog(300, 100);
        assertThat(backlog.added(100)).isFalse();
        assertThat(backlog.added(100)).isFalse();
        assertThat(backlog.added(100)).as("300 is not above 300").isFalse();
        assertThat(backlog.added(100)).as("400 is").isTrue();
        assertThat(backlog.paused()).isTrue();
        assertThat(backlog.added(100)).as("already paused: no second signal").isFalse();
        assertThat(backlog.finished(100)).isFalse();
        assertThat(backlog.finished(100)).isFalse();
        assertThat(backlog.finished(100)).as("200 is still above 100").isFalse();
        assertThat(backlog.finished(100)).as("down to 100").isTrue();
        assertThat(backlog.paused()).isFalse();
        assertThat(backlog.finished(100)).as("not paused: nothing to resume").isFalse();
        assertThat(backlog.bytes()).isZero();
    }

    @Test
    void neverCountsBelowZeroAndRejectsBoundsTheWrongWayRound() {
        DiskBacklog backlog = new DiskBacklog(10, 5);
        backlog.finished(50);
        assertThat(backlog.bytes()).isZero();
        assertThatThrownBy(() -> new DiskBacklog(5, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DiskBacklog(5, -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
