package io.swarmplace.bridge.internal.store;

import io.swarmplace.bridge.Deposit;
import io.swarmplace.ledger.Id128;
import java.math.BigInteger;

/**
 * A credited deposit on disk, for listing and to know whether its sweep to custody was sent; the ledger
 * transfer is what counts.
 *
 * @param swept true once the sweep from its deposit address to custody was handed to the wallet (always
 *     true for a deposit straight to custody, which needs none)
 */
public record StoredDeposit(String txid, String from, String to, String units, String account, String transferId,
        long blockNumber, boolean inSuspense, boolean swept) {

    public StoredDeposit asSwept() {
        return new StoredDeposit(txid, from, to, units, account, transferId, blockNumber, inSuspense, true);
    }

    public Deposit toDeposit() {
        return new Deposit(txid, from, to, new BigInteger(units), Id128.parse(account), Id128.parse(transferId),
                blockNumber, inSuspense);
    }
}
