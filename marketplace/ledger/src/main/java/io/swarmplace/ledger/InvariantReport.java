package io.swarmplace.ledger;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * What {@link Ledger#verify()} found.
 *
 * @param custodyLiabilities per asset, the net credit of every non-custody account: what the chain custody
 *     address must hold (the bridge compares it with the chain)
 * @param violations every broken invariant in words; empty if all hold
 */
public record InvariantReport(long accounts, long transfers, Map<Asset, BigInteger> custodyLiabilities,
        List<String> violations) {

    public InvariantReport {
        custodyLiabilities = Map.copyOf(custodyLiabilities);
        violations = List.copyOf(violations);
    }

    public boolean holds() {
        return violations.isEmpty();
    }
}
