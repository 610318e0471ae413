package io.swarmplace.dht.internal.krpc;

import java.util.Objects;

/**
 * A query.
 *
 * @param readOnly the sender is a read-only node (BEP 43): answer it, never route to it
 */
public record KrpcQuery(ByteString transactionId, NodeId sender, boolean readOnly, QueryBody body) implements KrpcMessage {

    public KrpcQuery {
        Objects.requireNonNull(transactionId, "transactionId");
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(body, "body");
    }

    public String method() {
        return body.method();
    }
}
