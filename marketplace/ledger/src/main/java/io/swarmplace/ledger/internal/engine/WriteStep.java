package io.swarmplace.ledger.internal.engine;

/** The steps of writing one batch, where a fault can be injected in tests. */
public enum WriteStep {
    /** What the batch needs is loaded; nothing is written yet. */
    LOADED,
    /** Accounts are written; transfers not yet. */
    ACCOUNTS_WRITTEN,
    /** Every row is written; not committed. */
    TRANSFERS_WRITTEN,
    /** Committed; the callers have not been answered. */
    COMMITTED
}
