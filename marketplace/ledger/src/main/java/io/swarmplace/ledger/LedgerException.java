package io.swarmplace.ledger;

/** Something the ledger could not do; the message says what and, where it can, how to fix it. */
public class LedgerException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public LedgerException(String message) {
        super(message);
    }

    public LedgerException(String message, Throwable cause) {
        super(message, cause);
    }
}
