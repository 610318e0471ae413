package io.swarmplace.torrent.internal.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayList;
import java.util.List;

/**
 * Stands where the engine's protocol handler will stand: records, in order, the user events, messages
 * and exceptions that reach the end of the pipeline. Buffers are released as they arrive unless kept.
 */
final class Recorder extends ChannelInboundHandlerAdapter {

    final List<Object> events = new ArrayList<>();
    final List<Throwable> exceptions = new ArrayList<>();
    private final boolean keepMessages;

    Recorder(boolean keepMessages) {
        this.keepMessages = keepMessages;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        events.add(event);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        events.add(msg);
        if (!keepMessages) {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        exceptions.add(cause);
    }

    List<PeerMessage> messages() {
        return events.stream().filter(PeerMessage.class::isInstance).map(PeerMessage.class::cast).toList();
    }

    /** The one exception that reached this handler (fails the test if there were none or several). */
    Throwable onlyException() {
        assertThat(exceptions).as("exceptions fired down the pipeline").hasSize(1);
        return exceptions.get(0);
    }

    void releaseAll() {
        events.forEach(ReferenceCountUtil::release);
    }
}
