package io.swarmplace.wallet;

/** The transaction was not solidified within the time asked; it may still be later: ask again. */
public class ConfirmationTimeoutException extends WalletException {

    private static final long serialVersionUID = 1L;

    public ConfirmationTimeoutException(String message) {
        super(message);
    }

    public ConfirmationTimeoutException(String message, Throwable cause) {
        super(message, cause);
    }
}
