package io.swarmplace.ledger.internal.engine;

import io.swarmplace.ledger.Id128;
import io.swarmplace.ledger.Transfer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one batch loaded and changed: the writer applies events against it in memory, then writes the
 * changes in one database transaction. Everything a linked chain changes is logged so that a failing
 * chain can be undone.
 */
final class BatchEffects {

    final Map<Id128, AccountState> accounts;
    final Map<Id128, Transfer> transfers = new LinkedHashMap<>();
    final Map<Id128, PendingState> pendings = new LinkedHashMap<>();
    final List<AccountState> createdAccounts = new ArrayList<>();
    final List<Transfer> createdTransfers = new ArrayList<>();
    private final java.util.Set<AccountState> touched = new java.util.LinkedHashSet<>();
    private final List<Runnable> undo = new ArrayList<>();

    BatchEffects(Map<Id128, AccountState> accounts) {
        this.accounts = accounts;
    }

    /** Marks the start of a chain: only its changes are undone by {@link #undoChain()}. */
    void beginChain() {
        undo.clear();
    }

    void undoChain() {
        for (int i = undo.size() - 1; i >= 0; i--) {
            undo.get(i).run();
        }
        undo.clear();
    }

    void touch(AccountState account) {
        java.math.BigInteger[] before = account.snapshot();
        boolean wasDirty = account.dirty;
        undo.add(() -> account.restore(before, wasDirty));
        account.dirty = true;
        touched.add(account);
    }

    void record(Transfer transfer) {
        transfers.put(transfer.id(), transfer);
        createdTransfers.add(transfer);
        undo.add(() -> {
            transfers.remove(transfer.id());
            createdTransfers.remove(createdTransfers.size() - 1);
        });
    }

    void addPending(PendingState pending) {
        pending.created = true;
        pendings.put(pending.transfer.id(), pending);
        undo.add(() -> pendings.remove(pending.transfer.id()));
    }

    void resolve(PendingState pending, io.swarmplace.ledger.PendingStatus status, Id128 by) {
        io.swarmplace.ledger.PendingStatus before = pending.status;
        Id128 byBefore = pending.resolvedBy;
        boolean wasDirty = pending.dirty;
        undo.add(() -> {
            pending.status = before;
            pending.resolvedBy = byBefore;
            pending.dirty = wasDirty;
        });
        pending.status = status;
        pending.resolvedBy = by;
        pending.dirty = true;
    }

    List<AccountState> changedAccounts() {
        return touched.stream().filter(a -> a.dirty && !a.created).toList();
    }

    /** After the commit: the cached accounts are now what the database holds. */
    void settle() {
        createdAccounts.forEach(a -> a.created = false);
        touched.forEach(a -> a.dirty = false);
        pendings.values().forEach(p -> {
            p.created = false;
            p.dirty = false;
        });
    }

    List<PendingState> createdPendings() {
        return pendings.values().stream().filter(p -> p.created).toList();
    }

    List<PendingState> changedPendings() {
        return pendings.values().stream().filter(p -> p.dirty && !p.created).toList();
    }
}
