package io.swarmplace.tron.devnet.internal;

import org.tron.trident.proto.Response.TransactionReturn.response_code;

/** A transaction the chain refuses, with the TRON return code a real node would answer. */
final class TransactionRejectedException extends Exception {

    private final response_code code;

    TransactionRejectedException(response_code code, String message) {
        super(message);
        this.code = code;
    }

    response_code code() {
        return code;
    }
}
