package io.swarmplace.bridge;

import io.swarmplace.ledger.Id128;
import java.math.BigInteger;

/**
 * A solidified transfer into one of the bridge's addresses, credited to {@code account}.
 *
 * @param transferId the ledger transfer that credited it: {@code Id128.derive("deposit", txid bytes)}
 * @param inSuspense true if no user was known for the address (it went to the suspense account)
 */
public record Deposit(String txid, String from, String to, BigInteger units, Id128 account, Id128 transferId,
        long blockNumber, boolean inSuspense) {
}
