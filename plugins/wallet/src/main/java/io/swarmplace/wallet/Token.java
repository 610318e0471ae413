package io.swarmplace.wallet;

/**
 * The tokens the wallet moves. BTT exists twice on TRON: the TRC-20 contract since the 2021
 * redenomination (1 old BTT = 1,000 new) and the legacy TRC-10 token; TRX pays the fees.
 */
public enum Token {
    /** BTT, TRC-20 contract TAFjULxiVgT4qWk6UZwjqwZXTSaGaqnVp4 on mainnet, 18 decimals. */
    BTT("BTT", 18),
    /** Legacy BTT, TRC-10 token id 1002000, 6 decimals. */
    BTT_TRC10("BTTOLD", 6),
    /** TRX, counted in sun (1 TRX = 1,000,000 sun). */
    TRX("TRX", 6);

    /** Token id of legacy BTT on every TRON network. */
    public static final long BTT_TRC10_TOKEN_ID = 1_002_000L;
    /** BTT's TRC-20 contract on mainnet; other networks configure their own. */
    public static final String BTT_MAINNET_CONTRACT = "TAFjULxiVgT4qWk6UZwjqwZXTSaGaqnVp4";

    private final String symbol;
    private final int decimals;

    Token(String symbol, int decimals) {
        this.symbol = symbol;
        this.decimals = decimals;
    }

    public String symbol() {
        return symbol;
    }

    /** Digits after the decimal point of one whole token: amounts are integers of base units. */
    public int decimals() {
        return decimals;
    }
}
