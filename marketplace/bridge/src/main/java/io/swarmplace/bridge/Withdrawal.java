package io.swarmplace.bridge;

import io.swarmplace.ledger.Id128;
import java.math.BigInteger;

/**
 * A withdrawal as the bridge knows it.
 *
 * @param id the ledger id of its pending transfer, derived from the request id
 * @param txid the TRON transaction id, empty until signed
 * @param failure why it was voided or rejected, empty otherwise
 */
public record Withdrawal(Id128 id, String requestId, Id128 userAccount, String destination, BigInteger units,
        WithdrawalStatus status, String txid, String failure) {
}
