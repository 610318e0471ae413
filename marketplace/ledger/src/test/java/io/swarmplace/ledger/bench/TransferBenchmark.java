package io.swarmplace.ledger.bench;

import io.swarmplace.ledger.Account;
import io.swarmplace.ledger.AccountRole;
import io.swarmplace.ledger.Asset;
import io.swarmplace.ledger.CreateAccountResult;
import io.swarmplace.ledger.Id128;
import io.swarmplace.ledger.Ledger;
import io.swarmplace.ledger.Transfer;
import io.swarmplace.ledger.TransferResult;
import io.swarmplace.ledger.internal.engine.LedgerEngine;
import io.swarmplace.ledger.internal.engine.WriteFaults;
import io.swarmplace.ledger.internal.store.DatabaseSettings;
import io.swarmplace.ledger.internal.store.LedgerDatabase;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;

/**
 * Ledger throughput and latency on a real database (PostgreSQL by default, in a fresh schema
 * ledger_bench that is dropped after):
 * <ol>
 *   <li>transfers/s: batches of {@link Ledger#MAX_BATCH} single-phase transfers between random user
 *       accounts, {@code --in-flight} batches submitted at once (the writer groups what waits);</li>
 *   <li>two-phase pairs/s: a batch of pending transfers, then a batch posting them, repeated;</li>
 *   <li>latency: one transfer per batch, one at a time, each waited for (a commit each): p50, p99, max.</li>
 * </ol>
 * Usage: TransferBenchmark [--jdbc-url URL] [--user U] [--transfers N] [--pairs N] [--accounts N]
 * [--in-flight N] [--latency-samples N]
 */
public final class TransferBenchmark {

    private static final String POSTGRES = "jdbc:postgresql://127.0.0.1:5432/test";
    private static final String SCHEMA = "ledger_bench";

    public static void main(String[] args) throws Exception {
        String jdbcUrl = option(args, "--jdbc-url", "");
        String user = option(args, "--user", "postgres");
        int transfers = Integer.parseInt(option(args, "--transfers", "500000"));
        int pairs = Integer.parseInt(option(args, "--pairs", "200000"));
        int accountCount = Integer.parseInt(option(args, "--accounts", "10000"));
        int inFlight = Integer.parseInt(option(args, "--in-flight", "4"));
        int latencySamples = Integer.parseInt(option(args, "--latency-samples", "2000"));
        boolean ownSchema = jdbcUrl.isEmpty();
        if (ownSchema) {
            admin("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE", "CREATE SCHEMA " + SCHEMA);
            jdbcUrl = POSTGRES + "?currentSchema=" + SCHEMA + "&reWriteBatchedInserts=true";
        }
        DatabaseSettings settings = new DatabaseSettings(jdbcUrl, user, "", 4, 1000, 10_000, false);
        System.out.printf("database %s, %d cores, JDK %s%n", jdbcUrl, Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"));
        try (LedgerDatabase database = LedgerDatabase.open(settings);
                LedgerEngine ledger = LedgerEngine.start(database, Clock.systemUTC(), Duration.ofSeconds(1), WriteFaults.NONE)) {
            List<Id128> users = openAccounts(ledger, accountCount);
            SplittableRandom random = new SplittableRandom(42);

            transfersPerSecond(ledger, users, random, 20_000, inFlight, false);
            transfersPerSecond(ledger, users, random, transfers, inFlight, true);
            pairsPerSecond(ledger, users, random, pairs, inFlight);
            latency(ledger, users, random, latencySamples);

            System.out.println(ledger.verify().holds() ? "invariants hold" : "INVARIANTS BROKEN: " + ledger.verify().violations());
        } finally {
            if (ownSchema) {
                admin("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
            }
        }
    }

    private static List<Id128> openAccounts(LedgerEngine ledger, int count) {
        Id128 custody = Id128.random();
        ledger.createAccounts(List.of(Account.of(custody, Asset.BTT, AccountRole.CUSTODY)));
        List<Id128> users = new ArrayList<>();
        for (int from = 0; from < count; from += Ledger.MAX_BATCH) {
            List<Account> batch = new ArrayList<>();
            List<Transfer> deposits = new ArrayList<>();
            for (int i = from; i < Math.min(count, from + Ledger.MAX_BATCH); i++) {
                Id128 id = Id128.random();
                users.add(id);
                batch.add(Account.user(id, Asset.BTT));
                deposits.add(Transfer.of(Id128.random(), custody, id, Asset.BTT, BigInteger.TEN.pow(24), 1));
            }
            require(ledger.createAccounts(batch).stream().allMatch(CreateAccountResult::applied), "accounts opened");
            require(ledger.createTransfers(deposits).stream().allMatch(r -> r == TransferResult.OK), "deposits applied");
        }
        return users;
    }

    private static void transfersPerSecond(LedgerEngine ledger, List<Id128> users, SplittableRandom random, int total,
            int inFlight, boolean report) throws Exception {
        List<List<Transfer>> batches = new ArrayList<>();
        for (int done = 0; done < total; done += Ledger.MAX_BATCH) {
            List<Transfer> batch = new ArrayList<>();
            for (int i = done; i < Math.min(total, done + Ledger.MAX_BATCH); i++) {
                batch.add(payment(users, random));
            }
            batches.add(batch);
        }
        long start = System.nanoTime();
        long ok = submitPipelined(ledger, batches, inFlight);
        double seconds = (System.nanoTime() - start) / 1e9;
        require(ok == total, "every transfer applied (" + ok + " of " + total + ")");
        if (report) {
            System.out.printf("transfers: %d in %.2f s = %.0f transfers/s (batches of %d, %d in flight)%n", total, seconds,
                    total / seconds, Ledger.MAX_BATCH, inFlight);
        }
    }

    private static void pairsPerSecond(LedgerEngine ledger, List<Id128> users, SplittableRandom random, int total,
            int inFlight) throws Exception {
        List<List<Transfer>> batches = new ArrayList<>();
        for (int done = 0; done < total; done += Ledger.MAX_BATCH) {
            List<Transfer> holds = new ArrayList<>();
            List<Transfer> posts = new ArrayList<>();
            for (int i = done; i < Math.min(total, done + Ledger.MAX_BATCH); i++) {
                Transfer p = payment(users, random);
                Transfer hold = Transfer.pending(p.id(), p.debitAccountId(), p.creditAccountId(), Asset.BTT, p.amount(), 3600, 3);
                holds.add(hold);
                posts.add(Transfer.post(Id128.random(), hold.id(), BigInteger.ZERO));
            }
            batches.add(holds);
            batches.add(posts);
        }
        long start = System.nanoTime();
        long ok = submitPipelined(ledger, batches, inFlight);
        double seconds = (System.nanoTime() - start) / 1e9;
        require(ok == 2L * total, "every pending transfer and post applied (" + ok + " of " + 2L * total + ")");
        System.out.printf("two-phase: %d pending+post pairs in %.2f s = %.0f pairs/s (%d in flight)%n", total, seconds,
                total / seconds, inFlight);
    }

    /** Keeps {@code inFlight} batches submitted at once; returns how many transfers were applied. */
    private static long submitPipelined(LedgerEngine ledger, List<List<Transfer>> batches, int inFlight) throws Exception {
        List<CompletableFuture<List<TransferResult>>> pending = new ArrayList<>();
        long ok = 0;
        for (List<Transfer> batch : batches) {
            pending.add(ledger.submitTransfers(batch));
            if (pending.size() >= inFlight) {
                ok += okCount(pending.remove(0).get());
            }
        }
        for (CompletableFuture<List<TransferResult>> rest : pending) {
            ok += okCount(rest.get());
        }
        return ok;
    }

    private static void latency(LedgerEngine ledger, List<Id128> users, SplittableRandom random, int samples) {
        long[] nanos = new long[samples];
        for (int i = 0; i < samples; i++) {
            Transfer one = payment(users, random);
            long start = System.nanoTime();
            require(ledger.createTransfers(List.of(one)).get(0) == TransferResult.OK, "single transfer applied");
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        System.out.printf("single transfer latency (%d one at a time): p50 %.2f ms, p99 %.2f ms, max %.2f ms%n", samples,
                nanos[samples / 2] / 1e6, nanos[(int) Math.ceil(samples * 0.99) - 1] / 1e6, nanos[samples - 1] / 1e6);
    }

    private static Transfer payment(List<Id128> users, SplittableRandom random) {
        int from = random.nextInt(users.size());
        int to = (from + 1 + random.nextInt(users.size() - 1)) % users.size();
        return Transfer.of(Id128.random(), users.get(from), users.get(to), Asset.BTT, BigInteger.valueOf(1 + random.nextInt(1000)), 2);
    }

    private static long okCount(List<TransferResult> results) {
        return results.stream().filter(r -> r == TransferResult.OK).count();
    }

    private static void require(boolean condition, String what) {
        if (!condition) {
            throw new IllegalStateException("benchmark check failed: " + what);
        }
    }

    private static String option(String[] args, String name, String fallback) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }

    private static void admin(String... statements) throws Exception {
        Properties login = new Properties();
        login.setProperty("user", "postgres");
        try (Connection connection = new org.postgresql.Driver().connect(POSTGRES, login);
                Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }
}
