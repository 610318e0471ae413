package io.swarmplace.wallet;

/** The TRON network cannot be reached (devnet not running, no connection, timeout). Nothing was lost: a signed transfer stays stored and is re-broadcast, not re-signed, when sent again. */
public class NetworkUnavailableException extends WalletException {

    private static final long serialVersionUID = 1L;

    public NetworkUnavailableException(String message) {
        super(message);
    }

    public NetworkUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
