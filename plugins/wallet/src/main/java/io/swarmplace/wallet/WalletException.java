package io.swarmplace.wallet;

/** A wallet operation failed; the message says what to do about it. */
public class WalletException extends Exception {

    private static final long serialVersionUID = 1L;

    public WalletException(String message) {
        super(message);
    }

    public WalletException(String message, Throwable cause) {
        super(message, cause);
    }
}
