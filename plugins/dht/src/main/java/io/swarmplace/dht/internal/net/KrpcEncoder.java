package io.swarmplace.dht.internal.net;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufOutputStream;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.socket.DatagramPacket;
import io.netty.handler.codec.MessageToMessageEncoder;
import io.swarmplace.bencode.BencodeEncoder;
import io.swarmplace.dht.internal.krpc.KrpcCodec;
import java.io.IOException;
import java.util.List;

/** Encodes outgoing KRPC messages into datagrams and counts them. */
public final class KrpcEncoder extends MessageToMessageEncoder<Outbound> {

    /** An answer with 8 IPv4 nodes and a token is about 300 bytes; larger ones grow the buffer once or twice. */
    private static final int TYPICAL_MESSAGE = 512;

    private final KrpcCodec codec;
    private final BencodeEncoder encoder = new BencodeEncoder();
    private final DhtCounters counters;

    public KrpcEncoder(KrpcCodec codec, DhtCounters counters) {
        super(Outbound.class);
        this.codec = codec;
        this.counters = counters;
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, Outbound outbound, List<Object> out) throws IOException {
        // Straight into a pooled buffer sized for a typical answer: no growing byte array and no copy of it.
        ByteBuf datagram = ctx.alloc().ioBuffer(TYPICAL_MESSAGE);
        try {
            encoder.encode(codec.encode(outbound.message()), new ByteBufOutputStream(datagram));
        } catch (IOException | RuntimeException failed) {
            datagram.release();
            throw failed;
        }
        out.add(new DatagramPacket(datagram, outbound.recipient()));
        counters.sent();
    }
}
