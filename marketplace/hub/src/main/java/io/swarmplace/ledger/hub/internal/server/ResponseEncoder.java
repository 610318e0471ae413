package io.swarmplace.ledger.hub.internal.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufOutputStream;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;
import io.swarmplace.ledger.hub.internal.wire.HubResponse;
import java.io.OutputStream;

/** {@link HubResponse} to its JSON frame body. */
@Sharable
final class ResponseEncoder extends MessageToByteEncoder<HubResponse> {

    private final ObjectMapper json;

    ResponseEncoder(ObjectMapper json) {
        this.json = json;
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, HubResponse response, ByteBuf out) throws Exception {
        try (OutputStream stream = new ByteBufOutputStream(out)) {
            json.writeValue(stream, response);
        }
    }
}
