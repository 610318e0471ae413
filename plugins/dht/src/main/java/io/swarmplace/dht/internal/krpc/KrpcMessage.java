package io.swarmplace.dht.internal.krpc;

/** One KRPC message (BEP 5): a query, a response or an error, tied together by the transaction id. */
public sealed interface KrpcMessage permits KrpcQuery, KrpcResponse, KrpcError {

    ByteString transactionId();
}
