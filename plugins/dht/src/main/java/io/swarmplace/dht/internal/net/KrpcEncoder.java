package io.swarmplace.dht.internal.net;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.socket.DatagramPacket;
import io.netty.handler.codec.MessageToMessageEncoder;
import io.swarmplace.dht.internal.krpc.KrpcCodec;
import java.util.List;

/** Encodes outgoing KRPC messages into datagrams and counts them. */
public final class KrpcEncoder extends MessageToMessageEncoder<Outbound> {

    private final KrpcCodec codec;
    private final DhtCounters counters;

    public KrpcEncoder(KrpcCodec codec, DhtCounters counters) {
        super(Outbound.class);
        this.codec = codec;
        this.counters = counters;
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, Outbound outbound, List<Object> out) {
        byte[] bytes = codec.encode(outbound.message()).encode();
        out.add(new DatagramPacket(Unpooled.wrappedBuffer(bytes), outbound.recipient()));
        counters.sent();
    }
}
