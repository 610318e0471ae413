package io.swarmplace.ledger.internal.store;

import io.swarmplace.ledger.PendingStatus;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.UUID;

/** A row of ledger_pending: where one pending transfer stands. */
@Entity
@Table(name = "ledger_pending")
public class PendingEntity {

    @Id
    public UUID id;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    public PendingStatus status;

    /** Ledger time (ns) after which it expires; 0: never. */
    @Column(name = "expires_at", nullable = false)
    public long expiresAt;

    @Column(name = "resolved_by")
    public UUID resolvedBy;
}
