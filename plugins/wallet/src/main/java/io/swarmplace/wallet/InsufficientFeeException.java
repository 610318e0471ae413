package io.swarmplace.wallet;

/**
 * The account holds the tokens to send but not the TRX its fee burns (bandwidth beyond its free and staked
 * allowance, energy of a BTT transfer). The message names what is needed, what is held and the shortfall.
 */
public class InsufficientFeeException extends InsufficientBalanceException {

    private static final long serialVersionUID = 1L;

    private final TokenAmount shortfall;

    public InsufficientFeeException(String message, TokenAmount shortfall) {
        super(message);
        this.shortfall = shortfall;
    }

    /** The TRX missing. */
    public TokenAmount shortfall() {
        return shortfall;
    }
}
