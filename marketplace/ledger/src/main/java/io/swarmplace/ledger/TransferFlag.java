package io.swarmplace.ledger;

/** How a transfer behaves, as in TigerBeetle. */
public enum TransferFlag {
    /** This transfer and the next one in the batch succeed or fail together; a chain ends at the first transfer without it. */
    LINKED(1),
    /** Reserves the amount (debits and credits pending) until posted, voided or expired. */
    PENDING(2),
    /** Posts the pending transfer named by pendingId, in full or in part; the rest is released. */
    POST_PENDING(4),
    /** Releases the pending transfer named by pendingId. */
    VOID_PENDING(8);

    private final int bit;

    TransferFlag(int bit) {
        this.bit = bit;
    }

    /** The flag's bit in the stored bit set; stable across releases. */
    public int bit() {
        return bit;
    }
}
