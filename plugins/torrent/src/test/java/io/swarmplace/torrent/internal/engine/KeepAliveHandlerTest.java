package io.swarmplace.torrent.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.timeout.IdleStateEvent;
import io.swarmplace.torrent.internal.wire.PeerMessage;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class KeepAliveHandlerTest {

    private static final Duration INTERVAL = Duration.ofSeconds(30);

    @Test
    void aKeepAliveGoesOutAfterAnIntervalWithoutWrites() {
        EmbeddedChannel channel = channel();
        channel.advanceTimeBy(INTERVAL.toSeconds() - 1, TimeUnit.SECONDS);
        channel.runScheduledPendingTasks();
        assertThat((Object) channel.readOutbound()).as("not yet").isNull();

        channel.advanceTimeBy(1, TimeUnit.SECONDS);
        channel.runScheduledPendingTasks();
        assertThat((Object) channel.readOutbound()).isEqualTo(PeerMessage.KEEP_ALIVE);

        channel.advanceTimeBy(INTERVAL.toSeconds(), TimeUnit.SECONDS);
        channel.runScheduledPendingTasks();
        assertThat((Object) channel.readOutbound()).as("and again while we stay silent").isEqualTo(PeerMessage.KEEP_ALIVE);
        channel.finishAndReleaseAll();
    }

    @Test
    void writesPutTheKeepAliveOff() {
        EmbeddedChannel channel = channel();
        for (int interval = 0; interval < 3; interval++) {
            channel.writeAndFlush(new PeerMessage.Have(interval), channel.voidPromise());
            channel.advanceTimeBy(INTERVAL.toSeconds(), TimeUnit.SECONDS);
            channel.runScheduledPendingTasks();
            assertThat((Object) channel.readOutbound()).isEqualTo(new PeerMessage.Have(interval));
            assertThat((Object) channel.readOutbound()).as("something was written this interval").isNull();
        }
        channel.advanceTimeBy(INTERVAL.toSeconds(), TimeUnit.SECONDS);
        channel.runScheduledPendingTasks();
        assertThat((Object) channel.readOutbound()).isEqualTo(PeerMessage.KEEP_ALIVE);
        channel.finishAndReleaseAll();
    }

    @Test
    void aPeerSilentForTheIdleTimeoutIsClosed() {
        EmbeddedChannel channel = channel();
        channel.pipeline().fireUserEventTriggered(IdleStateEvent.FIRST_WRITER_IDLE_STATE_EVENT);
        assertThat(channel.isActive()).as("our own silence is not a reason to hang up").isTrue();
        channel.pipeline().fireUserEventTriggered(IdleStateEvent.READER_IDLE_STATE_EVENT);
        assertThat(channel.isActive()).isFalse();
        channel.advanceTimeBy(INTERVAL.toSeconds() * 2, TimeUnit.SECONDS);
        channel.runScheduledPendingTasks();
        assertThat((Object) channel.readOutbound()).as("no keep-alive on a closed channel").isNull();
    }

    @Test
    void theIntervalMustBePositive() {
        assertThatThrownBy(() -> new KeepAliveHandler(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }

    private static EmbeddedChannel channel() {
        EmbeddedChannel channel = new EmbeddedChannel();
        channel.freezeTime();
        channel.pipeline().addLast(new KeepAliveHandler(INTERVAL));
        return channel;
    }
}
