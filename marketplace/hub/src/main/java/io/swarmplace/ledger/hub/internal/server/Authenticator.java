package io.swarmplace.ledger.hub.internal.server;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.swarmplace.ledger.hub.HubError;
import io.swarmplace.ledger.hub.internal.store.SequenceStore;
import io.swarmplace.ledger.hub.internal.wire.Ed25519;
import io.swarmplace.ledger.hub.internal.wire.HubRequest;
import io.swarmplace.ledger.hub.internal.wire.HubRequestException;
import io.swarmplace.ledger.hub.internal.wire.SignedRequest;
import java.time.Clock;
import java.time.Duration;

/**
 * Checks the signature, then the timestamp window, then the sequence (written here in arrival order; the
 * dispatcher waits for it to be durable before the request runs).
 * Runs on the hub's worker group, never on the event loop: verification hashes and the sequence store
 * forces to disk.
 */
final class Authenticator extends SimpleChannelInboundHandler<SignedRequest> {

    private final SequenceStore sequences;
    private final Clock clock;
    private final long windowMillis;
    private final ConnectionRegistry connections;

    Authenticator(SequenceStore sequences, Clock clock, Duration window, ConnectionRegistry connections) {
        this.sequences = sequences;
        this.clock = clock;
        this.windowMillis = window.toMillis();
        this.connections = connections;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, SignedRequest signed) {
        HubRequest request = signed.request();
        if (!Ed25519.verify(signed.publicKey(), signed.payload(), signed.signature())) {
            throw new HubRequestException(HubError.BAD_SIGNATURE, request.sequence(),
                    "the signature is not key " + signed.keyHex() + "'s over this request");
        }
        long skew = request.timestamp() - clock.millis();
        if (Math.abs(skew) > windowMillis) {
            throw new HubRequestException(HubError.TIMESTAMP_OUT_OF_WINDOW, request.sequence(),
                    "the request's timestamp is " + Math.abs(skew) + " ms " + (skew < 0 ? "behind" : "ahead of")
                            + " the hub's clock; at most " + windowMillis + " ms are accepted");
        }
        SequenceStore.Accepted accepted = sequences.accept(signed.publicKey(), request.sequence());
        if (!accepted.accepted()) {
            throw new HubRequestException(HubError.REPLAYED_SEQUENCE, request.sequence(),
                    "sequence " + request.sequence() + " is not above " + accepted.lastBefore() + ", the last this key used",
                    JsonNodeFactory.instance.objectNode().put("lastSequence", accepted.lastBefore()));
        }
        connections.authenticated(ctx.channel(), signed.keyHex());
        ctx.fireChannelRead(new AuthenticatedRequest(signed, accepted));
    }
}
