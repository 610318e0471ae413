package io.swarmplace.ledger;

/** An amount that is negative, wider than 128 bits or not a number; nothing was submitted. */
public class InvalidAmountException extends LedgerException {

    private static final long serialVersionUID = 1L;

    public InvalidAmountException(String message) {
        super(message);
    }
}
