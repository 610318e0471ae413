package io.swarmplace.wallet;

/** The account's key is not unlocked: unlock it with its passphrase first. */
public class AccountLockedException extends WalletException {

    private static final long serialVersionUID = 1L;

    public AccountLockedException(String message) {
        super(message);
    }

    public AccountLockedException(String message, Throwable cause) {
        super(message, cause);
    }
}
