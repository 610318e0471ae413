package io.swarmplace.ledger.internal.engine;

import io.swarmplace.ledger.Account;
import io.swarmplace.ledger.Id128;
import io.swarmplace.ledger.Ledger;
import io.swarmplace.ledger.LedgerUnavailableException;
import io.swarmplace.ledger.PendingStatus;
import io.swarmplace.ledger.Transfer;
import io.swarmplace.ledger.TransferFlag;
import io.swarmplace.ledger.TransferResult;
import io.swarmplace.ledger.internal.store.AccountEntity;
import io.swarmplace.ledger.internal.store.PendingEntity;
import io.swarmplace.ledger.internal.store.TransferEntity;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.hibernate.SessionFactory;
import org.hibernate.StatelessSession;

/**
 * The ledger's single writer. It takes every request waiting in its queue (up to {@link Ledger#MAX_BATCH}
 * events), loads what they touch, applies them in memory with {@link LedgerStateMachine}, and writes
 * the result in one transaction with JDBC batching. Accounts stay cached between batches, which is sound
 * because nothing else writes the ledger's tables; a failed batch drops the cache so the next one
 * starts again from what the database committed.
 */
final class BatchWriter {

    private static final Logger LOG = Logger.getLogger(BatchWriter.class.getName());
    private static final int IN_LIST_CHUNK = 1000;
    private static final int MAX_CACHED_PENDINGS = 200_000;
    private static final int MAX_CACHED_ACCOUNTS = 100_000;

    /** A request: account creations or transfers (one of the two), or an expiry sweep (neither). */
    static final class Job<T> {
        final List<Account> accounts;
        final List<Transfer> transfers;
        final CompletableFuture<T> result = new CompletableFuture<>();

        Job(List<Account> accounts, List<Transfer> transfers) {
            this.accounts = accounts;
            this.transfers = transfers;
        }

        int events() {
            return accounts != null ? accounts.size() : transfers != null ? transfers.size() : 0;
        }

        boolean isExpiry() {
            return accounts == null && transfers == null;
        }
    }

    /** Wakes the writer to stop; never touches the database, which an interrupt could (H2 closes files on interrupt). */
    private static final Job<Void> STOP = new Job<>(List.of(), null);

    private final SessionFactory sessions;
    private final LedgerClock clock;
    private final LedgerStateMachine rules;
    private final Duration expiryInterval;
    private final WriteFaults faults;
    private final BlockingQueue<Job<?>> queue = new LinkedBlockingQueue<>();
    /** Least recently used last; trimmed between batches only, never while a batch holds its entries. */
    private final Map<Id128, AccountState> accounts = new java.util.LinkedHashMap<>(1024, 0.75f, true);
    /** Open pending transfers this writer wrote or loaded, so that posting them needs no read. */
    private final Map<Id128, PendingState> openPendings = new java.util.LinkedHashMap<>() {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Id128, PendingState> eldest) {
            return size() > MAX_CACHED_PENDINGS;
        }
    };
    private final Thread thread;
    private volatile boolean running = true;

    BatchWriter(SessionFactory sessions, Clock wallClock, Duration expiryInterval, WriteFaults faults) {
        this.sessions = sessions;
        this.clock = new LedgerClock(wallClock);
        this.rules = new LedgerStateMachine(clock);
        this.expiryInterval = expiryInterval;
        this.faults = faults;
        this.thread = new Thread(this::run, "swarmplace-ledger-writer");
        this.thread.setDaemon(true);
    }

    void start() {
        try (StatelessSession session = sessions.openStatelessSession()) {
            Long lastTransfer = session.createSelectionQuery("select max(appliedAt) from TransferEntity", Long.class)
                    .getSingleResult();
            Long lastAccount = session.createSelectionQuery("select max(createdAt) from AccountEntity", Long.class)
                    .getSingleResult();
            clock.notBefore(Math.max(lastTransfer == null ? 0 : lastTransfer, lastAccount == null ? 0 : lastAccount));
        }
        thread.start();
    }

    synchronized <T> CompletableFuture<T> submit(Job<T> job) {
        if (!running) {
            job.result.completeExceptionally(new LedgerUnavailableException("the ledger is stopped", null));
            return job.result;
        }
        queue.add(job);
        return job.result;
    }

    CompletableFuture<Integer> submitExpiry() {
        return submit(new Job<>(null, null));
    }

    void stop() {
        synchronized (this) {
            running = false;
            queue.add(STOP);
        }
        try {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Job<?> job = queue.poll(); job != null; job = queue.poll()) {
            job.result.completeExceptionally(new LedgerUnavailableException("the ledger stopped before this batch ran", null));
        }
    }

    private void run() {
        long nextSweep = System.nanoTime() + expiryInterval.toNanos();
        while (running) {
            Job<?> first;
            try {
                first = queue.poll(Math.max(1, nextSweep - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                break;
            }
            if (first == STOP) {
                break;
            }
            if (first == null || System.nanoTime() >= nextSweep) {
                nextSweep = System.nanoTime() + expiryInterval.toNanos();
                sweepQuietly();
            }
            if (first == null) {
                continue;
            }
            if (first.isExpiry()) {
                complete(List.of(first), () -> List.of(expireDue()));
                continue;
            }
            List<Job<?>> group = new ArrayList<>();
            group.add(first);
            int events = first.events();
            for (Job<?> next = queue.peek(); next != null && next != STOP && !next.isExpiry()
                    && events + next.events() <= Ledger.MAX_BATCH;
                    next = queue.peek()) {
                group.add(queue.poll());
                events += next.events();
            }
            complete(group, () -> apply(group));
        }
    }

    private void sweepQuietly() {
        try {
            expireDue();
        } catch (Exception e) {
            LOG.log(Level.WARNING, "releasing expired pending transfers failed; retrying later", e);
        }
    }

    private interface BatchWork {
        List<Object> run() throws Exception;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private void complete(List<Job<?>> group, BatchWork work) {
        try {
            List<Object> results = work.run();
            for (int i = 0; i < group.size(); i++) {
                ((CompletableFuture) group.get(i).result).complete(results.get(i));
            }
        } catch (Throwable e) {
            LedgerUnavailableException failure = new LedgerUnavailableException("writing a ledger batch failed ("
                    + e.getMessage() + "); nothing of it was applied unless it committed: retry with the same ids", e);
            group.forEach(job -> job.result.completeExceptionally(failure));
        }
    }

    /** One transaction for the whole group; results in the order of the jobs. */
    private List<Object> apply(List<Job<?>> group) throws Exception {
        return inTransaction((session, effects) -> {
            load(session, group, effects);
            faults.reached(WriteStep.LOADED, connection(session));
            List<Object> results = new ArrayList<>(group.size());
            for (Job<?> job : group) {
                if (job.accounts != null) {
                    results.add(rules.createAccounts(job.accounts, effects));
                } else {
                    results.add(rules.createTransfers(job.transfers, effects));
                }
            }
            return results;
        });
    }

    /** Releases pending transfers whose timeout passed, up to one batch of them. */
    private int expireDue() throws Exception {
        return inTransaction((session, effects) -> {
            List<PendingEntity> due = session.createSelectionQuery(
                            "from PendingEntity where status = :pending and expiresAt > 0 and expiresAt <= :now order by expiresAt",
                            PendingEntity.class)
                    .setParameter("pending", PendingStatus.PENDING)
                    .setParameter("now", clock.peek())
                    .setMaxResults(Ledger.MAX_BATCH)
                    .getResultList();
            if (due.isEmpty()) {
                return 0;
            }
            Set<UUID> ids = new LinkedHashSet<>();
            due.forEach(p -> ids.add(p.id));
            loadTransfersAndPendings(session, ids, effects);
            loadAccounts(session, accountsOf(effects.transfers.values()), effects);
            for (PendingEntity row : due) {
                rules.expire(effects.pendings.get(Id128.fromUuid(row.id)), effects);
            }
            return due.size();
        });
    }

    private interface TransactionWork<T> {
        T run(StatelessSession session, BatchEffects effects) throws Exception;
    }

    private <T> T inTransaction(TransactionWork<T> work) throws Exception {
        try (StatelessSession session = sessions.openStatelessSession()) {
            session.beginTransaction();
            try {
                BatchEffects effects = new BatchEffects(accounts);
                T result = work.run(session, effects);
                write(session, effects);
                session.getTransaction().commit();
                effects.settle();
                rememberOpenPendings(effects);
                forgetLeastRecentAccounts();
                faults.reached(WriteStep.COMMITTED, null);
                return result;
            } catch (Throwable e) {
                // the cache may hold changes the database never committed: start again from the database
                accounts.clear();
                openPendings.clear();
                if (session.getTransaction().isActive()) {
                    try {
                        session.getTransaction().rollback();
                    } catch (RuntimeException rollbackFailed) {
                        e.addSuppressed(rollbackFailed);
                    }
                }
                throw e;
            }
        }
    }

    private void load(StatelessSession session, List<Job<?>> group, BatchEffects effects) {
        Set<UUID> transferIds = new LinkedHashSet<>();
        Set<Id128> accountIds = new LinkedHashSet<>();
        for (Job<?> job : group) {
            if (job.accounts != null) {
                job.accounts.forEach(a -> accountIds.add(a.id()));
            } else {
                for (Transfer t : job.transfers) {
                    transferIds.add(t.id().toUuid());
                    PendingState cached = openPendings.get(t.pendingId());
                    if (cached != null) {
                        effects.transfers.put(t.pendingId(), cached.transfer);
                        effects.pendings.put(t.pendingId(), cached);
                    } else if (!t.pendingId().isZero()) {
                        transferIds.add(t.pendingId().toUuid());
                    }
                    accountIds.add(t.debitAccountId());
                    accountIds.add(t.creditAccountId());
                }
            }
        }
        loadTransfersAndPendings(session, transferIds, effects);
        accountIds.addAll(accountsOf(effects.transfers.values()));
        loadAccounts(session, accountIds, effects);
    }

    private static Set<Id128> accountsOf(Collection<Transfer> transfers) {
        Set<Id128> ids = new LinkedHashSet<>();
        for (Transfer t : transfers) {
            ids.add(t.debitAccountId());
            ids.add(t.creditAccountId());
        }
        return ids;
    }

    private void loadTransfersAndPendings(StatelessSession session, Set<UUID> ids, BatchEffects effects) {
        List<UUID> pendingIds = new ArrayList<>();
        for (List<UUID> chunk : chunks(ids)) {
            for (TransferEntity row : session.createSelectionQuery("from TransferEntity where id in :ids", TransferEntity.class)
                    .setParameter("ids", chunk).getResultList()) {
                Transfer transfer = Rows.transfer(row);
                effects.transfers.put(transfer.id(), transfer);
                if (transfer.has(TransferFlag.PENDING)) {
                    pendingIds.add(row.id);
                }
            }
        }
        for (List<UUID> chunk : chunks(pendingIds)) {
            for (PendingEntity row : session.createSelectionQuery("from PendingEntity where id in :ids", PendingEntity.class)
                    .setParameter("ids", chunk).getResultList()) {
                Id128 id = Id128.fromUuid(row.id);
                effects.pendings.put(id, Rows.pendingState(effects.transfers.get(id), row));
            }
        }
    }

    private void loadAccounts(StatelessSession session, Set<Id128> ids, BatchEffects effects) {
        List<UUID> missing = ids.stream().filter(id -> !id.isZero() && !accounts.containsKey(id)).map(Id128::toUuid).toList();
        for (List<UUID> chunk : chunks(missing)) {
            for (AccountEntity row : session.createSelectionQuery("from AccountEntity where id in :ids", AccountEntity.class)
                    .setParameter("ids", chunk).getResultList()) {
                AccountState state = Rows.accountState(row);
                accounts.put(state.account.id(), state);
            }
        }
    }

    private void rememberOpenPendings(BatchEffects effects) {
        for (PendingState pending : effects.pendings.values()) {
            if (pending.status == PendingStatus.PENDING) {
                openPendings.put(pending.transfer.id(), pending);
            } else {
                openPendings.remove(pending.transfer.id());
            }
        }
    }

    private void forgetLeastRecentAccounts() {
        var eldest = accounts.values().iterator();
        while (accounts.size() > MAX_CACHED_ACCOUNTS && eldest.hasNext()) {
            eldest.next();
            eldest.remove();
        }
    }

    private static <T> List<List<T>> chunks(Collection<T> all) {
        List<T> list = new ArrayList<>(all);
        List<List<T>> chunks = new ArrayList<>();
        for (int from = 0; from < list.size(); from += IN_LIST_CHUNK) {
            chunks.add(list.subList(from, Math.min(list.size(), from + IN_LIST_CHUNK)));
        }
        return chunks;
    }

    /** Rows in dependency order: accounts, then transfers, then pending states. */
    private void write(StatelessSession session, BatchEffects effects) throws Exception {
        if (!effects.createdAccounts.isEmpty()) {
            session.insertMultiple(effects.createdAccounts.stream().map(Rows::row).toList());
        }
        List<AccountState> changed = effects.changedAccounts();
        if (!changed.isEmpty()) {
            session.updateMultiple(changed.stream().map(Rows::row).toList());
        }
        faults.reached(WriteStep.ACCOUNTS_WRITTEN, connection(session));
        if (!effects.createdTransfers.isEmpty()) {
            session.insertMultiple(effects.createdTransfers.stream().map(Rows::row).toList());
        }
        List<PendingState> created = effects.createdPendings();
        if (!created.isEmpty()) {
            session.insertMultiple(created.stream().map(Rows::row).toList());
        }
        List<PendingState> resolved = effects.changedPendings();
        if (!resolved.isEmpty()) {
            session.updateMultiple(resolved.stream().map(Rows::row).toList());
        }
        faults.reached(WriteStep.TRANSFERS_WRITTEN, connection(session));
    }

    private static Connection connection(StatelessSession session) {
        return session.doReturningWork(connection -> connection);
    }
}
