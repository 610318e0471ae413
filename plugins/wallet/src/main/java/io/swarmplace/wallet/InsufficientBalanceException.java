package io.swarmplace.wallet;

/** The account holds less than the transfer and its fee need. */
public class InsufficientBalanceException extends WalletException {

    private static final long serialVersionUID = 1L;

    public InsufficientBalanceException(String message) {
        super(message);
    }

    public InsufficientBalanceException(String message, Throwable cause) {
        super(message, cause);
    }
}
