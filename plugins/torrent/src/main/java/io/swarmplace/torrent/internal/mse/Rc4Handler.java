package io.swarmplace.torrent.internal.mse;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.util.ReferenceCountUtil;

/**
 * The RC4 layer of a connection after an MSE handshake that selected RC4: decrypts every byte read and
 * encrypts every byte written, each direction with its own keystream. Copies into a new buffer rather
 * than transforming in place, because buffers written to us may be shared (cached piece data).
 */
public final class Rc4Handler extends ChannelDuplexHandler {

    public static final String NAME = "mse-rc4";

    private final Rc4Stream decrypt;
    private final Rc4Stream encrypt;

    Rc4Handler(Rc4Stream decrypt, Rc4Stream encrypt) {
        this.decrypt = decrypt;
        this.encrypt = encrypt;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf in)) {
            ctx.fireChannelRead(msg);
            return;
        }
        ctx.fireChannelRead(transform(ctx, in, decrypt));
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (!(msg instanceof ByteBuf out)) {
            ReferenceCountUtil.release(msg);
            promise.setFailure(new IllegalArgumentException("an RC4 connection can only send byte buffers, not "
                    + msg.getClass().getName()));
            return;
        }
        ctx.write(transform(ctx, out, encrypt), promise);
    }

    private static ByteBuf transform(ChannelHandlerContext ctx, ByteBuf source, Rc4Stream stream) {
        try {
            // a heap buffer: RC4 runs on its array without copying through a direct buffer
            ByteBuf target = ctx.alloc().heapBuffer(source.readableBytes());
            try {
                stream.apply(source, target);
                return target;
            } catch (RuntimeException e) {
                target.release();
                throw e;
            }
        } finally {
            source.release();
        }
    }
}
