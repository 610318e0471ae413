package io.swarmplace.ledger.bench;

import static io.swarmplace.ledger.bench.LedgerWorkload.okCount;
import static io.swarmplace.ledger.bench.LedgerWorkload.openFundedUsers;
import static io.swarmplace.ledger.bench.LedgerWorkload.option;
import static io.swarmplace.ledger.bench.LedgerWorkload.payment;
import static io.swarmplace.ledger.bench.LedgerWorkload.paymentBatches;
import static io.swarmplace.ledger.bench.LedgerWorkload.printLatency;
import static io.swarmplace.ledger.bench.LedgerWorkload.require;

import io.swarmplace.ledger.Asset;
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
            List<Id128> users = openFundedUsers(ledger, ledger, accountCount);
            SplittableRandom random = new SplittableRandom(42);

            transfersPerSecond(ledger, users, random, 20_000, inFlight, false);
            transfersPerSecond(ledger, users, random, transfers, inFlight, true);
            pairsPerSecond(ledger, users, random, pairs, inFlight);
            printLatency("local", ledger, users, random, latencySamples);

            System.out.println(ledger.verify().holds() ? "invariants hold" : "INVARIANTS BROKEN: " + ledger.verify().violations());
        } finally {
            if (ownSchema) {
                admin("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
            }
        }
    }

    private static void transfersPerSecond(LedgerEngine ledger, List<Id128> users, SplittableRandom random, int total,
            int inFlight, boolean report) throws Exception {
        List<List<Transfer>> batches = paymentBatches(users, random, total, Ledger.MAX_BATCH);
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
