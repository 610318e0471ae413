package io.swarmplace.tron.devnet.internal;

import com.google.protobuf.ByteString;
import org.tron.trident.proto.Chain;
import org.tron.trident.proto.Response;

/**
 * Where broadcast transactions enter: validated and executed at once (so a second spend of the
 * same balance fails immediately), then held until the next block includes them.
 */
final class TransactionPool {

    private final ChainState state;
    private final TransactionValidator validator;
    private final TransactionExecutor executor;

    TransactionPool(ChainState state, TransactionValidator validator, TransactionExecutor executor) {
        this.state = state;
        this.validator = validator;
        this.executor = executor;
    }

    static ByteString txidOf(Chain.Transaction tx) {
        return ByteString.copyFrom(Hashes.sha256(tx.getRawData().toByteArray()));
    }

    ByteString accept(Chain.Transaction tx) throws TransactionRejectedException {
        ByteString txid = txidOf(tx);
        synchronized (state) {
            validator.validate(state, tx, txid);
            Response.TransactionInfo info = executor.execute(state, tx, txid);
            state.addPending(txid, tx, info);
        }
        return txid;
    }
}
