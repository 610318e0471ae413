package io.swarmplace.wallet.internal.tron;

import io.swarmplace.wallet.TokenAmount;
import io.swarmplace.wallet.TronAddress;

/** A transfer read from a block: who, to whom, what, in which transaction and block. */
public record SeenTransfer(TronAddress from, TronAddress to, TokenAmount amount, String txid, long blockNumber) {

    SeenTransfer in(String id, long block) {
        return new SeenTransfer(from, to, amount, id, block);
    }
}
