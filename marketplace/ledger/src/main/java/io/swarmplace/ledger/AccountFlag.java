package io.swarmplace.ledger;

/** Balance limits of an account, as in TigerBeetle. The two are mutually exclusive. */
public enum AccountFlag {
    /** Debits (posted and pending) never exceed posted credits: the account can never go negative. */
    DEBITS_MUST_NOT_EXCEED_CREDITS(1),
    /** Credits (posted and pending) never exceed posted debits. */
    CREDITS_MUST_NOT_EXCEED_DEBITS(2);

    private final int bit;

    AccountFlag(int bit) {
        this.bit = bit;
    }

    /** The flag's bit in the stored bit set; stable across releases. */
    public int bit() {
        return bit;
    }
}
