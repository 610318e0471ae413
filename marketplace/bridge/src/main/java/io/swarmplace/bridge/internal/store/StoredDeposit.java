package io.swarmplace.bridge.internal.store;

import io.swarmplace.bridge.Deposit;
import io.swarmplace.ledger.Id128;
import java.math.BigInteger;

/** A credited deposit on disk, for listing; the ledger transfer is what counts. */
public record StoredDeposit(String txid, String from, String to, String units, String account, String transferId,
        long blockNumber, boolean inSuspense) {

    public Deposit toDeposit() {
        return new Deposit(txid, from, to, new BigInteger(units), Id128.parse(account), Id128.parse(transferId),
                blockNumber, inSuspense);
    }
}
