package io.swarmplace.dht.internal.net;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageDecoder;
import io.swarmplace.dht.DropReason;
import io.swarmplace.dht.internal.krpc.KrpcCodec;
import io.swarmplace.dht.internal.krpc.KrpcProtocolException;
import java.util.List;

/**
 * Validates bencoded values as KRPC messages. Invalid ones are counted and dropped, except queries that
 * carry a transaction id: those go on as {@link Received.MalformedQuery} so the node can answer error 203.
 */
public final class KrpcMessageDecoder extends MessageToMessageDecoder<DecodedDatagram> {

    private final KrpcCodec codec;
    private final DhtCounters counters;

    public KrpcMessageDecoder(KrpcCodec codec, DhtCounters counters) {
        super(DecodedDatagram.class);
        this.codec = codec;
        this.counters = counters;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, DecodedDatagram datagram, List<Object> out) {
        try {
            out.add(new Received.Message(codec.decode(datagram.value()), datagram.sender()));
        } catch (KrpcProtocolException invalid) {
            counters.dropped(DropReason.INVALID_MESSAGE);
            invalid.queryTransactionId().ifPresent(id ->
                    out.add(new Received.MalformedQuery(id, invalid.getMessage(), datagram.sender())));
        }
    }
}
