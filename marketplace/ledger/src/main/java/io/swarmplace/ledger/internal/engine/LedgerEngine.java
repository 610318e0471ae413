package io.swarmplace.ledger.internal.engine;

import io.swarmplace.ledger.Account;
import io.swarmplace.ledger.AccountSnapshot;
import io.swarmplace.ledger.Balance;
import io.swarmplace.ledger.CreateAccountResult;
import io.swarmplace.ledger.Id128;
import io.swarmplace.ledger.InvariantReport;
import io.swarmplace.ledger.Ledger;
import io.swarmplace.ledger.LedgerException;
import io.swarmplace.ledger.LedgerUnavailableException;
import io.swarmplace.ledger.PendingStatus;
import io.swarmplace.ledger.Transfer;
import io.swarmplace.ledger.TransferResult;
import io.swarmplace.ledger.UnknownAccountException;
import io.swarmplace.ledger.internal.store.AccountEntity;
import io.swarmplace.ledger.internal.store.LedgerDatabase;
import io.swarmplace.ledger.internal.store.PendingEntity;
import io.swarmplace.ledger.internal.store.TransferEntity;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.hibernate.SessionFactory;
import org.hibernate.StatelessSession;

/**
 * The ledger over a database. Every change goes through one {@link BatchWriter} thread, which applies
 * whatever requests are waiting as one batch in one transaction (TigerBeetle's design: no lock
 * contention, no deadlocks, one commit for many transfers). Reads go straight to the database and see
 * the last committed batch.
 */
public final class LedgerEngine implements Ledger, AutoCloseable {

    private final SessionFactory sessions;
    private final BatchWriter writer;

    private LedgerEngine(SessionFactory sessions, BatchWriter writer) {
        this.sessions = sessions;
        this.writer = writer;
    }

    /**
     * Starts the writer over an open database.
     *
     * @param expiryInterval how often pending transfers past their timeout are released
     */
    public static LedgerEngine start(LedgerDatabase database, Clock clock, Duration expiryInterval, WriteFaults faults) {
        BatchWriter writer = new BatchWriter(database.sessionFactory(), clock, expiryInterval, faults);
        writer.start();
        return new LedgerEngine(database.sessionFactory(), writer);
    }

    @Override
    public List<CreateAccountResult> createAccounts(List<Account> accounts) {
        checkBatchSize(accounts.size());
        return await(writer.submit(new BatchWriter.Job<>(accounts, null)));
    }

    @Override
    public List<TransferResult> createTransfers(List<Transfer> transfers) {
        checkBatchSize(transfers.size());
        return await(writer.submit(new BatchWriter.Job<>(null, transfers)));
    }

    /**
     * Submits without waiting, so that one caller can keep many batches in flight (the writer groups them).
     */
    public CompletableFuture<List<TransferResult>> submitTransfers(List<Transfer> transfers) {
        checkBatchSize(transfers.size());
        return writer.submit(new BatchWriter.Job<>(null, transfers));
    }

    /** Releases every pending transfer whose timeout has passed now; returns how many. */
    public int expireDue() {
        return await(writer.submitExpiry());
    }

    private static void checkBatchSize(int size) {
        if (size > MAX_BATCH) {
            throw new IllegalArgumentException("a batch holds at most " + MAX_BATCH + " events, not " + size);
        }
    }

    private static void checkLimit(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, not " + limit);
        }
    }

    private static <T> T await(CompletableFuture<T> result) {
        try {
            return result.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LedgerUnavailableException("interrupted while waiting for the ledger; the batch may still apply"
                    + " (retry with the same ids to learn its outcome)", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof LedgerException ledger) {
                throw ledger;
            }
            throw new LedgerUnavailableException("the ledger failed: " + cause, cause);
        }
    }

    @Override
    public Optional<Account> lookupAccount(Id128 id) {
        return read(s -> Optional.ofNullable(s.get(AccountEntity.class, id.toUuid())).map(Rows::account));
    }

    @Override
    public List<Account> accounts(int limit) {
        return accountRows(limit).stream().map(Rows::account).toList();
    }

    /** One query: the database answers it from one consistent view, and batches commit whole. */
    @Override
    public List<AccountSnapshot> snapshot(int limit) {
        return accountRows(limit).stream().map(row -> new AccountSnapshot(Rows.account(row), Rows.accountState(row).balance())).toList();
    }

    private List<AccountEntity> accountRows(int limit) {
        checkLimit(limit);
        return read(s -> s.createSelectionQuery("from AccountEntity order by createdAt", AccountEntity.class)
                .setMaxResults(limit).getResultList());
    }

    @Override
    public Balance balance(Id128 accountId) {
        AccountEntity row = read(s -> s.get(AccountEntity.class, accountId.toUuid()));
        if (row == null) {
            throw new UnknownAccountException(accountId);
        }
        return Rows.accountState(row).balance();
    }

    @Override
    public Optional<Transfer> lookupTransfer(Id128 id) {
        return read(s -> Optional.ofNullable(s.get(TransferEntity.class, id.toUuid())).map(Rows::transfer));
    }

    @Override
    public Optional<PendingStatus> pendingStatus(Id128 id) {
        return read(s -> Optional.ofNullable(s.get(PendingEntity.class, id.toUuid())).map(p -> p.status));
    }

    @Override
    public List<Transfer> history(Id128 accountId, int limit) {
        checkLimit(limit);
        return read(s -> s.createSelectionQuery(
                        "from TransferEntity where debitAccountId = :account or creditAccountId = :account order by appliedAt desc",
                        TransferEntity.class)
                .setParameter("account", accountId.toUuid())
                .setMaxResults(limit)
                .getResultList().stream().map(Rows::transfer).toList());
    }

    @Override
    public InvariantReport verify() {
        return read(InvariantCheck::run);
    }

    private <T> T read(java.util.function.Function<StatelessSession, T> query) {
        try (StatelessSession session = sessions.openStatelessSession()) {
            session.beginTransaction();
            try {
                return query.apply(session);
            } finally {
                session.getTransaction().rollback();
            }
        } catch (LedgerException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new LedgerUnavailableException("reading the ledger failed: " + e.getMessage(), e);
        }
    }

    /** Stops the writer after the batch in progress; waiting requests fail with {@link LedgerUnavailableException}. */
    @Override
    public void close() {
        writer.stop();
    }
}
