package io.swarmplace.dht.internal.krpc;

import java.util.Objects;
import java.util.Set;

/**
 * A query.
 *
 * @param readOnly the sender is a read-only node (BEP 43): answer it, never route to it
 * @param want the node families the sender wants in the answer (BEP 32 {@code want}); empty: its own family
 */
public record KrpcQuery(ByteString transactionId, NodeId sender, boolean readOnly, QueryBody body, Set<Want> want)
        implements KrpcMessage {

    /** BEP 32 {@code want} entries. */
    public enum Want {
        N4("n4"), N6("n6");

        private final String wire;

        Want(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }
    }

    public KrpcQuery {
        Objects.requireNonNull(transactionId, "transactionId");
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(body, "body");
        want = Set.copyOf(want);
    }

    public KrpcQuery(ByteString transactionId, NodeId sender, boolean readOnly, QueryBody body) {
        this(transactionId, sender, readOnly, body, Set.of());
    }

    public String method() {
        return body.method();
    }
}
