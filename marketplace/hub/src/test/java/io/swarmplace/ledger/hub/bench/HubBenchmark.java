package io.swarmplace.ledger.hub.bench;

import io.swarmplace.ledger.Account;
import io.swarmplace.ledger.AccountRole;
import io.swarmplace.ledger.Asset;
import io.swarmplace.ledger.CreateAccountResult;
import io.swarmplace.ledger.Id128;
import io.swarmplace.ledger.Ledger;
import io.swarmplace.ledger.Transfer;
import io.swarmplace.ledger.TransferResult;
import io.swarmplace.ledger.hub.internal.PostgresSchema;
import io.swarmplace.ledger.hub.internal.client.HubClient;
import io.swarmplace.ledger.hub.internal.client.HubClientSettings;
import io.swarmplace.ledger.hub.internal.client.RemoteLedger;
import io.swarmplace.ledger.hub.internal.server.HubServer;
import io.swarmplace.ledger.hub.internal.server.HubServerSettings;
import io.swarmplace.ledger.hub.internal.wire.Ed25519;
import io.swarmplace.ledger.internal.engine.LedgerEngine;
import io.swarmplace.ledger.internal.engine.WriteFaults;
import io.swarmplace.ledger.internal.store.LedgerDatabase;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Remote transfers/s through a hub over loopback (one client connection, requests of {@code --batch}
 * transfers, {@code --in-flight} requests pipelined), and the latency of one remote transfer at a time.
 * The ledger is on the real PostgreSQL (fresh schema hub_bench), as in the ledger's own benchmark, so the
 * difference between the two is the hub's cost.
 *
 * <p>Usage: HubBenchmark [--transfers N] [--batch N] [--in-flight N] [--accounts N] [--latency-samples N]
 */
public final class HubBenchmark {

    public static void main(String[] args) throws Exception {
        int transfers = Integer.parseInt(option(args, "--transfers", "200000"));
        int batch = Integer.parseInt(option(args, "--batch", "2000"));
        int inFlight = Integer.parseInt(option(args, "--in-flight", "8"));
        int accountCount = Integer.parseInt(option(args, "--accounts", "1000"));
        int latencySamples = Integer.parseInt(option(args, "--latency-samples", "2000"));
        Path hubFiles = Files.createTempDirectory("hub-bench");
        System.out.printf("hub over 127.0.0.1, ledger on PostgreSQL, %d cores, JDK %s%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"));
        KeyPair operatorKey = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        KeyPair userKey = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        try (PostgresSchema schema = PostgresSchema.create("hub_bench");
                LedgerDatabase database = LedgerDatabase.open(schema.settings());
                LedgerEngine ledger = LedgerEngine.start(database, Clock.systemUTC(), Duration.ofSeconds(1), WriteFaults.NONE);
                HubServer server = HubServer.start(ledger, HubServerSettings.loopback(hubFiles, Ed25519.raw(operatorKey.getPublic())),
                        null, Clock.systemUTC());
                HubClient operatorClient = new HubClient(HubClientSettings.of(server.address()), operatorKey, null, Clock.systemUTC());
                HubClient userClient = new HubClient(HubClientSettings.of(server.address()), userKey, null, Clock.systemUTC())) {
            RemoteLedger operator = new RemoteLedger(operatorClient);
            RemoteLedger user = new RemoteLedger(userClient);
            List<Id128> accounts = openAccounts(operator, user, accountCount);
            SplittableRandom random = new SplittableRandom(42);

            transfersPerSecond(user, accounts, random, Math.min(transfers, 20_000), batch, inFlight, false);
            transfersPerSecond(user, accounts, random, transfers, batch, inFlight, true);
            latency("local (same ledger, no hub)", ledger, accounts, random, latencySamples);
            latency("remote", user, accounts, random, latencySamples);
            System.out.println(ledger.verify().holds() ? "invariants hold" : "INVARIANTS BROKEN: " + ledger.verify().violations());
        }
    }

    private static List<Id128> openAccounts(RemoteLedger operator, RemoteLedger user, int count) {
        Id128 custody = Id128.random();
        require(operator.createAccounts(List.of(Account.of(custody, Asset.BTT, AccountRole.CUSTODY))).get(0).applied(), "custody");
        List<Id128> ids = new ArrayList<>();
        for (int from = 0; from < count; from += Ledger.MAX_BATCH) {
            List<Account> opened = new ArrayList<>();
            List<Transfer> deposits = new ArrayList<>();
            for (int i = from; i < Math.min(count, from + Ledger.MAX_BATCH); i++) {
                Id128 id = Id128.random();
                ids.add(id);
                opened.add(Account.user(id, Asset.BTT));
                deposits.add(Transfer.of(Id128.random(), custody, id, Asset.BTT, BigInteger.TEN.pow(24), 1));
            }
            require(user.createAccounts(opened).stream().allMatch(CreateAccountResult::applied), "accounts opened");
            require(operator.createTransfers(deposits).stream().allMatch(r -> r == TransferResult.OK), "deposits applied");
        }
        return ids;
    }

    private static void transfersPerSecond(RemoteLedger user, List<Id128> accounts, SplittableRandom random, int total, int batch,
            int inFlight, boolean report) throws Exception {
        List<List<Transfer>> batches = new ArrayList<>();
        for (int done = 0; done < total; done += batch) {
            List<Transfer> transfers = new ArrayList<>();
            for (int i = done; i < Math.min(total, done + batch); i++) {
                transfers.add(payment(accounts, random));
            }
            batches.add(transfers);
        }
        ExecutorService senders = Executors.newFixedThreadPool(inFlight);
        try {
            long start = System.nanoTime();
            List<Future<Long>> results = new ArrayList<>();
            for (List<Transfer> transfers : batches) {
                results.add(senders.submit(() -> user.createTransfers(transfers).stream().filter(r -> r == TransferResult.OK).count()));
            }
            long ok = 0;
            for (Future<Long> result : results) {
                ok += result.get();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            require(ok == total, "every transfer applied (" + ok + " of " + total + ")");
            if (report) {
                System.out.printf("remote transfers: %d in %.2f s = %.0f transfers/s (requests of %d, %d in flight)%n", total, seconds,
                        total / seconds, batch, inFlight);
            }
        } finally {
            senders.shutdownNow();
        }
    }

    private static void latency(String what, Ledger user, List<Id128> accounts, SplittableRandom random, int samples) {
        long[] nanos = new long[samples];
        for (int i = 0; i < samples; i++) {
            Transfer transfer = payment(accounts, random);
            long start = System.nanoTime();
            require(user.createTransfers(List.of(transfer)).get(0) == TransferResult.OK, "single transfer applied");
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        System.out.printf("single transfer latency, %s: p50 %.2f ms, p99 %.2f ms, max %.2f ms (%d samples)%n", what,
                nanos[samples / 2] / 1e6, nanos[(int) (samples * 0.99)] / 1e6, nanos[samples - 1] / 1e6, samples);
    }

    private static Transfer payment(List<Id128> accounts, SplittableRandom random) {
        int from = random.nextInt(accounts.size());
        int to = (from + 1 + random.nextInt(accounts.size() - 1)) % accounts.size();
        return Transfer.of(Id128.random(), accounts.get(from), accounts.get(to), Asset.BTT, BigInteger.valueOf(1 + random.nextInt(1000)), 2);
    }

    private static void require(boolean condition, String what) {
        if (!condition) {
            throw new IllegalStateException("benchmark check failed: " + what);
        }
    }

    private static String option(String[] args, String name, String fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }
}
