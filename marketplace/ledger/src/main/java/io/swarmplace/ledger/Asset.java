package io.swarmplace.ledger;

/**
 * What an account holds. Accounts of different assets never exchange money: a transfer between them is
 * refused with {@link TransferResult#ACCOUNTS_MUST_HAVE_SAME_ASSET}.
 */
public enum Asset {
    /** BTT, the TRC-20 token since the 2021 redenomination; base unit 10^-18 BTT. */
    BTT(18),
    /** Legacy BTT, the TRC-10 token 1002000; base unit 10^-6. */
    BTT_TRC10(6);

    private final int decimals;

    Asset(int decimals) {
        this.decimals = decimals;
    }

    /** Decimal places between one whole token and one base unit. */
    public int decimals() {
        return decimals;
    }
}
