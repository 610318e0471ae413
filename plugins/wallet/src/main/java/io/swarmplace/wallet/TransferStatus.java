package io.swarmplace.wallet;

/** Where a transfer stands. */
public enum TransferStatus {
    /** Signed and stored, not yet accepted by the network (it may be unreachable): safe to re-broadcast. */
    SIGNED,
    /** Accepted by the network, not yet solidified. */
    PENDING,
    /** In a solidified block and executed: final. */
    CONFIRMED,
    /** Rejected, expired or reverted: nothing moved, and this transaction never will. */
    FAILED;

    public boolean isFinal() {
        return this == CONFIRMED || this == FAILED;
    }
}
