package io.swarmplace.torrent.internal.mse;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.swarmplace.torrent.PeerEncryption;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Two pipelines joined back to back on EmbeddedChannels: bytes one side writes are read by the other,
 * shuttled until neither has anything left to send. Behind each MSE handler stands an {@link App}
 * that records the plaintext it reads.
 */
final class MsePair {

    private static final int MAX_ROUNDS = 100;

    final EmbeddedChannel connecting;
    final EmbeddedChannel receiving;
    final App connectingApp;
    final App receivingApp;
    /** Everything that crossed the wire from the connecting side, as sent. */
    final ByteArrayOutputStream wireFromConnecting = new ByteArrayOutputStream();

    MsePair(MseHandshakeHandler connectingHandler, byte[] greeting, MseHandshakeHandler receivingHandler, byte[] reply) {
        connectingApp = new App(greeting, null);
        receivingApp = new App(null, reply);
        connecting = new EmbeddedChannel(connectingHandler, connectingApp);
        receiving = new EmbeddedChannel(receivingHandler, receivingApp);
        shuttle();
    }

    /** Moves bytes both ways until both sides are quiet. */
    void shuttle() {
        for (int round = 0; round < MAX_ROUNDS; round++) {
            boolean moved = move(connecting, receiving, wireFromConnecting) | move(receiving, connecting, null);
            if (!moved) {
                return;
            }
        }
        throw new AssertionError("the two sides were still talking after " + MAX_ROUNDS + " rounds");
    }

    private static boolean move(EmbeddedChannel from, EmbeddedChannel to, ByteArrayOutputStream copy) {
        boolean moved = false;
        for (ByteBuf bytes = from.readOutbound(); bytes != null; bytes = from.readOutbound()) {
            moved = true;
            if (copy != null) {
                copy.writeBytes(ByteBufUtil.getBytes(bytes));
            }
            if (to.isActive()) {
                to.writeInbound(bytes);
            } else {
                bytes.release();
            }
        }
        return moved;
    }

    static PeerEncryption encryption(EmbeddedChannel channel) {
        return channel.attr(MseHandshakeHandler.ENCRYPTION).get();
    }

    static MseException.Reason failure(EmbeddedChannel channel) {
        return channel.attr(MseHandshakeHandler.FAILURE).get();
    }

    void close() {
        connecting.finishAndReleaseAll();
        receiving.finishAndReleaseAll();
    }

    /** Stands where the BitTorrent handshake handler stands: greets on connect, replies to the first bytes. */
    static final class App extends ChannelInboundHandlerAdapter {

        final ByteArrayOutputStream received = new ByteArrayOutputStream();
        final List<Throwable> exceptions = new ArrayList<>();
        private final byte[] greeting;
        private final byte[] reply;
        private boolean replied;

        App(byte[] greeting, byte[] reply) {
            this.greeting = greeting;
            this.reply = reply;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            if (greeting != null) {
                ctx.writeAndFlush(Unpooled.wrappedBuffer(greeting));
            }
            ctx.fireChannelActive();
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf bytes = (ByteBuf) msg;
            try {
                received.writeBytes(ByteBufUtil.getBytes(bytes));
            } finally {
                bytes.release();
            }
            if (reply != null && !replied) {
                replied = true;
                ctx.writeAndFlush(Unpooled.wrappedBuffer(reply));
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            exceptions.add(cause);
        }
    }
}
