package io.swarmplace.tron.devnet.internal;

import com.google.protobuf.ByteString;
import org.tron.trident.proto.Chain;
import org.tron.trident.proto.Response;

/** Turns state into the wire messages both Wallet services answer with. */
final class ChainResponses {

    private final ChainState state;

    ChainResponses(ChainState state) {
        this.state = state;
    }

    Response.BlockExtention blockExtention(Chain.Block block) {
        Response.BlockExtention.Builder ext = Response.BlockExtention.newBuilder()
                .setBlockHeader(block.getBlockHeader())
                .setBlockid(BlockIds.idOf(block.getBlockHeader()));
        for (Chain.Transaction tx : block.getTransactionsList()) {
            ext.addTransactions(Response.TransactionExtention.newBuilder()
                    .setTransaction(tx).setTxid(TransactionPool.txidOf(tx))
                    .setResult(Response.TransactionReturn.newBuilder().setResult(true)));
        }
        return ext.build();
    }

    Response.Account account(ByteString address) {
        synchronized (state) {
            Response.Account.Builder account = Response.Account.newBuilder();
            if (!state.isAccount(address)) {
                return account.build(); // TRON answers an empty account for an address that is no account yet
            }
            account.setAddress(address).setBalance(state.trx(address));
            long btt = state.trc10(address);
            if (btt > 0) {
                account.putAssetV2(TransactionExecutor.BTT_TOKEN_ID, btt);
            }
            return account.build();
        }
    }

    Response.TransactionInfo info(ByteString txid) {
        return state.info(txid).orElse(Response.TransactionInfo.getDefaultInstance());
    }

    Chain.Transaction transaction(ByteString txid) {
        return state.transaction(txid).orElse(Chain.Transaction.getDefaultInstance());
    }
}
