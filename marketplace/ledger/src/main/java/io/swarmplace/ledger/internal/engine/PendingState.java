package io.swarmplace.ledger.internal.engine;

import io.swarmplace.ledger.Id128;
import io.swarmplace.ledger.PendingStatus;
import io.swarmplace.ledger.Transfer;

/** A pending transfer and where it stands, as the writer sees it. */
final class PendingState {

    final Transfer transfer;
    /** Ledger time (ns) after which it expires; 0: never. */
    final long expiresAt;
    PendingStatus status;
    Id128 resolvedBy;
    boolean created;
    boolean dirty;

    PendingState(Transfer transfer, long expiresAt, PendingStatus status, Id128 resolvedBy) {
        this.transfer = transfer;
        this.expiresAt = expiresAt;
        this.status = status;
        this.resolvedBy = resolvedBy;
    }

    boolean expiredAt(long now) {
        return status == PendingStatus.PENDING && expiresAt != 0 && expiresAt <= now;
    }
}
