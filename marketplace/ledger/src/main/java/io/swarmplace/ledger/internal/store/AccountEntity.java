package io.swarmplace.ledger.internal.store;

import io.swarmplace.ledger.AccountRole;
import io.swarmplace.ledger.Asset;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigInteger;
import java.util.UUID;

/** A row of ledger_account: an account and its four running totals. */
@Entity
@Table(name = "ledger_account")
public class AccountEntity {

    @Id
    public UUID id;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    public Asset asset;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    public AccountRole role;

    @Column(nullable = false)
    public int flags;

    @Column(name = "debits_pending", nullable = false, precision = 39, scale = 0)
    public BigInteger debitsPending;

    @Column(name = "debits_posted", nullable = false, precision = 39, scale = 0)
    public BigInteger debitsPosted;

    @Column(name = "credits_pending", nullable = false, precision = 39, scale = 0)
    public BigInteger creditsPending;

    @Column(name = "credits_posted", nullable = false, precision = 39, scale = 0)
    public BigInteger creditsPosted;

    @Column(name = "created_at", nullable = false, unique = true)
    public long createdAt;
}
