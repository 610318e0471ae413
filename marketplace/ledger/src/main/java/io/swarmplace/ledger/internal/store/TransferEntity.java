package io.swarmplace.ledger.internal.store;

import io.swarmplace.ledger.Asset;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigInteger;
import java.util.UUID;

/** A row of ledger_transfer; written once, never updated. */
@Entity
@Table(name = "ledger_transfer")
public class TransferEntity {

    @Id
    public UUID id;

    @Column(name = "debit_account_id", nullable = false)
    public UUID debitAccountId;

    @Column(name = "credit_account_id", nullable = false)
    public UUID creditAccountId;

    @Column(nullable = false, precision = 39, scale = 0)
    public BigInteger amount;

    @Column(name = "pending_id")
    public UUID pendingId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    public Asset asset;

    @Column(name = "timeout_seconds", nullable = false)
    public long timeoutSeconds;

    @Column(nullable = false)
    public int flags;

    @Column(nullable = false)
    public int code;

    @Column(name = "applied_at", nullable = false)
    public long appliedAt;
}
