package io.swarmplace.dht.internal.net;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageDecoder;
import io.netty.channel.socket.DatagramPacket;
import io.swarmplace.bencode.BencodeDecoder;
import io.swarmplace.bencode.BencodeException;
import io.swarmplace.dht.DropReason;
import java.util.List;

/** Decodes each datagram's bytes as one bencoded value within the decoder's limits; anything else is dropped and counted. */
public final class BencodeDatagramDecoder extends MessageToMessageDecoder<DatagramPacket> {

    private final BencodeDecoder decoder;
    private final DhtCounters counters;

    public BencodeDatagramDecoder(BencodeDecoder decoder, DhtCounters counters) {
        super(DatagramPacket.class);
        this.decoder = decoder;
        this.counters = counters;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, DatagramPacket packet, List<Object> out) {
        byte[] bytes = ByteBufUtil.getBytes(packet.content());
        try {
            out.add(new DecodedDatagram(decoder.decode(bytes), packet.sender()));
        } catch (BencodeException malformed) {
            counters.dropped(DropReason.MALFORMED_BENCODE);
        }
    }
}
