package io.swarmplace.ledger.hub.internal.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageDecoder;
import io.swarmplace.ledger.hub.HubError;
import io.swarmplace.ledger.hub.internal.wire.HubRequest;
import io.swarmplace.ledger.hub.internal.wire.HubRequestException;
import io.swarmplace.ledger.hub.internal.wire.SignedRequest;
import java.io.IOException;
import java.util.List;

/** Frame to {@link SignedRequest}: the binary header, then the JSON payload (not yet trusted). */
final class RequestDecoder extends MessageToMessageDecoder<ByteBuf> {

    private final ObjectMapper json;

    RequestDecoder(ObjectMapper json) {
        this.json = json;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf frame, List<Object> out) {
        SignedRequest signed = SignedRequest.readHeader(frame);
        HubRequest request;
        try {
            request = json.readValue(signed.payload(), HubRequest.class);
        } catch (IOException | RuntimeException e) {
            throw new HubRequestException(HubError.MALFORMED_REQUEST, 0,
                    "the payload is not a hub request (JSON with sequence, timestamp, operation, arguments): "
                            + e.getMessage().lines().findFirst().orElse(""));
        }
        if (request.operation() == null || request.sequence() <= 0) {
            throw new HubRequestException(HubError.MALFORMED_REQUEST, Math.max(0, request.sequence()),
                    "a request needs an operation and a sequence above 0");
        }
        out.add(signed.withRequest(request));
    }
}
