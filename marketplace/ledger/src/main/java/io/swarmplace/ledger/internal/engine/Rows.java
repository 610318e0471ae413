package io.swarmplace.ledger.internal.engine;

import io.swarmplace.ledger.Account;
import io.swarmplace.ledger.AccountFlag;
import io.swarmplace.ledger.Id128;
import io.swarmplace.ledger.Transfer;
import io.swarmplace.ledger.TransferFlag;
import io.swarmplace.ledger.internal.store.AccountEntity;
import io.swarmplace.ledger.internal.store.PendingEntity;
import io.swarmplace.ledger.internal.store.TransferEntity;
import java.util.EnumSet;
import java.util.UUID;

/** Between the API's records and the stored rows. */
final class Rows {

    private Rows() {}

    static AccountState accountState(AccountEntity row) {
        return new AccountState(account(row), row.debitsPending, row.debitsPosted, row.creditsPending, row.creditsPosted);
    }

    static Account account(AccountEntity row) {
        EnumSet<AccountFlag> flags = EnumSet.noneOf(AccountFlag.class);
        for (AccountFlag flag : AccountFlag.values()) {
            if ((row.flags & flag.bit()) != 0) {
                flags.add(flag);
            }
        }
        return new Account(Id128.fromUuid(row.id), row.asset, row.role, flags, row.createdAt);
    }

    static AccountEntity row(AccountState state) {
        AccountEntity row = new AccountEntity();
        Account account = state.account;
        row.id = account.id().toUuid();
        row.asset = account.asset();
        row.role = account.role();
        row.flags = account.flags().stream().mapToInt(AccountFlag::bit).reduce(0, (a, b) -> a | b);
        row.debitsPending = state.debitsPending;
        row.debitsPosted = state.debitsPosted;
        row.creditsPending = state.creditsPending;
        row.creditsPosted = state.creditsPosted;
        row.createdAt = account.timestamp();
        return row;
    }

    static Transfer transfer(TransferEntity row) {
        EnumSet<TransferFlag> flags = EnumSet.noneOf(TransferFlag.class);
        for (TransferFlag flag : TransferFlag.values()) {
            if ((row.flags & flag.bit()) != 0) {
                flags.add(flag);
            }
        }
        return new Transfer(Id128.fromUuid(row.id), Id128.fromUuid(row.debitAccountId), Id128.fromUuid(row.creditAccountId),
                row.amount, row.pendingId == null ? Id128.ZERO : Id128.fromUuid(row.pendingId), row.asset,
                row.timeoutSeconds, flags, row.code, row.appliedAt);
    }

    static TransferEntity row(Transfer transfer) {
        TransferEntity row = new TransferEntity();
        row.id = transfer.id().toUuid();
        row.debitAccountId = transfer.debitAccountId().toUuid();
        row.creditAccountId = transfer.creditAccountId().toUuid();
        row.amount = transfer.amount();
        row.pendingId = transfer.pendingId().isZero() ? null : transfer.pendingId().toUuid();
        row.asset = transfer.asset();
        row.timeoutSeconds = transfer.timeoutSeconds();
        row.flags = transfer.flags().stream().mapToInt(TransferFlag::bit).reduce(0, (a, b) -> a | b);
        row.code = transfer.code();
        row.appliedAt = transfer.timestamp();
        return row;
    }

    static PendingState pendingState(Transfer transfer, PendingEntity row) {
        return new PendingState(transfer, row.expiresAt, row.status, row.resolvedBy == null ? null : Id128.fromUuid(row.resolvedBy));
    }

    static PendingEntity row(PendingState state) {
        PendingEntity row = new PendingEntity();
        row.id = state.transfer.id().toUuid();
        row.status = state.status;
        row.expiresAt = state.expiresAt;
        row.resolvedBy = state.resolvedBy == null ? null : state.resolvedBy.toUuid();
        return row;
    }

    static UUID uuid(Id128 id) {
        return id.toUuid();
    }
}
