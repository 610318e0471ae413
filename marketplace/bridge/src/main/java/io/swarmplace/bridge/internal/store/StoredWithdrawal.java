package io.swarmplace.bridge.internal.store;

import io.swarmplace.bridge.Withdrawal;
import io.swarmplace.bridge.WithdrawalStatus;
import io.swarmplace.ledger.Id128;
import java.math.BigInteger;

/** A withdrawal on disk; written before its funds are reserved, updated as it moves on. */
public record StoredWithdrawal(String id, String requestId, String userAccount, String destination, String units,
        WithdrawalStatus status, String txid, String failure) {

    public Withdrawal toWithdrawal() {
        return new Withdrawal(Id128.parse(id), requestId, Id128.parse(userAccount), destination, new BigInteger(units),
                status, txid, failure);
    }

    public StoredWithdrawal with(WithdrawalStatus newStatus, String newTxid, String why) {
        return new StoredWithdrawal(id, requestId, userAccount, destination, units, newStatus, newTxid, why);
    }

    public boolean sameRequestAs(StoredWithdrawal other) {
        return requestId.equals(other.requestId) && userAccount.equals(other.userAccount)
                && destination.equals(other.destination) && units.equals(other.units);
    }
}
