package io.swarmplace.ledger;

/**
 * The database failed while a batch was being written, or the ledger is stopped. Nothing of the batch
 * was applied, unless the failure came after the commit: either way, retrying with the same ids is safe
 * and answers {@link TransferResult#EXISTS} for what was applied.
 */
public class LedgerUnavailableException extends LedgerException {

    private static final long serialVersionUID = 1L;

    public LedgerUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
