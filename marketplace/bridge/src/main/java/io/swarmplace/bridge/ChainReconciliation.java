package io.swarmplace.bridge;

import java.math.BigInteger;
import java.util.List;

/**
 * The ledger against the chain, in BTT base units.
 *
 * <p>The chain holdings (custody address plus deposit addresses) equal the ledger's liabilities (every
 * non-custody account's net balance: users, fees, escrow, suspense) except while a withdrawal is in
 * flight: once its transaction confirms and until the bridge posts it, the chain already holds less.
 * So the check is {@code liabilities - inFlight <= chainHoldings <= liabilities}; anything above is a
 * deposit not yet credited (or BTT sent without a way to credit it), anything below is missing money.
 *
 * @param ledgerViolations the ledger's own invariants that failed (see Ledger.verify)
 * @param problems every mismatch in words; empty if the ledger and the chain agree
 */
public record ChainReconciliation(BigInteger chainHoldings, BigInteger liabilities, BigInteger inFlightWithdrawals,
        List<String> ledgerViolations, List<String> problems) {

    public ChainReconciliation {
        ledgerViolations = List.copyOf(ledgerViolations);
        problems = List.copyOf(problems);
    }

    public boolean holds() {
        return ledgerViolations.isEmpty() && problems.isEmpty();
    }

    /** Chain holdings minus liabilities: 0 when settled, negative while a withdrawal is in flight. */
    public BigInteger difference() {
        return chainHoldings.subtract(liabilities);
    }
}
