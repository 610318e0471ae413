package io.swarmplace.wallet;

/** An amount that cannot be sent: malformed, negative, zero, too precise for the token, or too large. */
public class InvalidAmountException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public InvalidAmountException(String message) {
        super(message);
    }
}
