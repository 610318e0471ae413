package io.swarmplace.ledger;

/** What an account is for; the invariants and the bridge to TRON treat roles differently. */
public enum AccountRole {
    /** A buyer's or seller's money. */
    USER,
    /** Money held for a contract until it settles. */
    ESCROW,
    /** The market's fees. */
    FEES,
    /**
     * The mirror of what the chain custody address holds: debited by every deposit, credited by every
     * withdrawal, so its net debit equals every other account's net credit.
     */
    CUSTODY
}
