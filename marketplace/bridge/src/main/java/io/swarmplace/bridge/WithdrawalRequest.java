package io.swarmplace.bridge;

import io.swarmplace.ledger.Id128;
import io.swarmplace.wallet.TronAddress;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A user's request to move BTT from the ledger to an address on TRON.
 *
 * @param requestId the client's id for this withdrawal, kept across retries (1 to 64 characters)
 * @param userAccount the ledger account to take the BTT from
 * @param destination where the BTT goes on-chain
 * @param units how much, in BTT base units (10^-18 BTT)
 */
public record WithdrawalRequest(String requestId, Id128 userAccount, TronAddress destination, BigInteger units) {

    public WithdrawalRequest {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(userAccount, "userAccount");
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(units, "units");
        if (requestId.isBlank() || requestId.length() > 64) {
            throw new IllegalArgumentException("a withdrawal request id is 1 to 64 characters: '" + requestId + "'");
        }
        if (units.signum() <= 0) {
            throw new IllegalArgumentException("a withdrawal moves more than 0 base units: " + units);
        }
    }

    /** The ledger id of the pending transfer, and the wallet reference: the same for every retry. */
    public Id128 withdrawalId() {
        return withdrawalId(requestId);
    }

    public static Id128 withdrawalId(String requestId) {
        return Id128.derive("withdraw", requestId.getBytes(StandardCharsets.UTF_8));
    }
}
