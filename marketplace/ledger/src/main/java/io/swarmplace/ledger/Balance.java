package io.swarmplace.ledger;

import java.math.BigInteger;

/** An account's four running totals, as in TigerBeetle. */
public record Balance(Id128 accountId, Asset asset, BigInteger debitsPending, BigInteger debitsPosted,
        BigInteger creditsPending, BigInteger creditsPosted) {

    /** Posted credits minus posted debits: what the account holds (negative for a custody account). */
    public BigInteger net() {
        return creditsPosted.subtract(debitsPosted);
    }

    /** What a user can still spend: posted credits minus posted and pending debits. */
    public BigInteger available() {
        return creditsPosted.subtract(debitsPosted).subtract(debitsPending);
    }
}
