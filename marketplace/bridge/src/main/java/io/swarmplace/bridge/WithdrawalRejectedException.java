package io.swarmplace.bridge;

/** A withdrawal the bridge refused before reserving or sending anything. */
public class WithdrawalRejectedException extends BridgeException {

    private static final long serialVersionUID = 1L;

    public WithdrawalRejectedException(String message) {
        super(message);
    }
}
