package io.swarmplace.dht.internal.krpc;

import java.util.Objects;

/** An error message (BEP 5 codes: {@value #GENERIC}, {@value #SERVER}, {@value #PROTOCOL}, {@value #METHOD_UNKNOWN}). */
public record KrpcError(ByteString transactionId, int code, String message) implements KrpcMessage {

    public static final int GENERIC = 201;
    public static final int SERVER = 202;
    public static final int PROTOCOL = 203;
    public static final int METHOD_UNKNOWN = 204;

    public KrpcError {
        Objects.requireNonNull(transactionId, "transactionId");
        Objects.requireNonNull(message, "message");
    }
}
