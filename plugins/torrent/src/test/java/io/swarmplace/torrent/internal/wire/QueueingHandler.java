package io.swarmplace.torrent.internal.wire;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Hands what a real connection delivers (events, messages, exceptions, the close) from the event loop
 * to the test thread, which decides what to answer.
 */
final class QueueingHandler extends ChannelInboundHandlerAdapter {

    /** Put on the queue when the connection closes. */
    static final Object CLOSED = "connection closed";

    private final BlockingQueue<Object> received;

    QueueingHandler(BlockingQueue<Object> received) {
        this.received = received;
    }

    QueueingHandler() {
        this(new LinkedBlockingQueue<>());
    }

    BlockingQueue<Object> queue() {
        return received;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        received.add(event);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        received.add(msg);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        received.add(cause);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        received.add(CLOSED);
    }

    /**
     * The next item that matches, within {@code timeout}; items that do not match are released and
     * dropped (a seeder sends haves, allowed-fast and PEX messages we do not need here).
     */
    static <T> T awaitNext(BlockingQueue<Object> queue, Class<T> type, Predicate<T> matches, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (long left; (left = deadline - System.nanoTime()) > 0; ) {
            Object item = queue.poll(left, TimeUnit.NANOSECONDS);
            if (item == null) {
                break;
            }
            if (type.isInstance(item) && matches.test(type.cast(item))) {
                return type.cast(item);
            }
            if (item == CLOSED && type != Object.class) {
                throw new AssertionError("the connection closed while waiting for a " + type.getSimpleName());
            }
            ReferenceCountUtil.release(item);
        }
        throw new AssertionError("no " + type.getSimpleName() + " within " + timeout);
    }

    static void releaseAll(BlockingQueue<Object> queue) {
        for (Object item; (item = queue.poll()) != null; ) {
            ReferenceCountUtil.release(item);
        }
    }
}
