package io.swarmplace.wallet;

/** The network refused the transaction (bad signature, expired, duplicate, overdraft, unknown token...); the message carries TRON's code. */
public class TransferRejectedException extends WalletException {

    private static final long serialVersionUID = 1L;

    public TransferRejectedException(String message) {
        super(message);
    }

    public TransferRejectedException(String message, Throwable cause) {
        super(message, cause);
    }
}
