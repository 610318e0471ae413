package io.swarmplace.bridge;

/** Where a withdrawal stands. Funds are reserved from RESERVED until SETTLED or VOIDED. */
public enum WithdrawalStatus {
    /** Recorded; the funds are not reserved yet. */
    REQUESTED,
    /** The funds are reserved on the ledger (pending user → custody); nothing broadcast yet. */
    RESERVED,
    /** The transaction is signed and stored by the wallet, possibly broadcast; waiting for the chain. */
    SENT,
    /** The chain confirmed it and the ledger posted the reservation: done. */
    SETTLED,
    /** The transaction failed or expired; the reservation was voided and the funds are back. */
    VOIDED,
    /** Refused before anything was reserved (not enough funds). */
    REJECTED;

    public boolean isFinal() {
        return this == SETTLED || this == VOIDED || this == REJECTED;
    }
}
