package io.swarmplace.dht.internal.krpc;

import java.util.Optional;

/**
 * A bencoded datagram that is not a valid KRPC message. When it was recognisably a query with a
 * transaction id, the id is kept so the node can answer with error 203.
 */
public final class KrpcProtocolException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient ByteString queryTransactionId;

    public KrpcProtocolException(String message, ByteString queryTransactionId) {
        super(message, null, false, false);
        this.queryTransactionId = queryTransactionId;
    }

    public KrpcProtocolException(String message) {
        this(message, null);
    }

    /** The transaction id of the malformed query, if the message was one and had an id. */
    public Optional<ByteString> queryTransactionId() {
        return Optional.ofNullable(queryTransactionId);
    }
}
