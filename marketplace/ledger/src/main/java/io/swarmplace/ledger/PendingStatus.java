package io.swarmplace.ledger;

/** Where a pending transfer stands. It leaves PENDING at most once. */
public enum PendingStatus {
    PENDING,
    POSTED,
    VOIDED,
    EXPIRED
}
