package io.swarmplace.ledger.hub.bench;

import static io.swarmplace.ledger.bench.LedgerWorkload.okCount;
import static io.swarmplace.ledger.bench.LedgerWorkload.openFundedUsers;
import static io.swarmplace.ledger.bench.LedgerWorkload.option;
import static io.swarmplace.ledger.bench.LedgerWorkload.paymentBatches;
import static io.swarmplace.ledger.bench.LedgerWorkload.printLatency;
import static io.swarmplace.ledger.bench.LedgerWorkload.require;

import io.swarmplace.ledger.Id128;
import io.swarmplace.ledger.Transfer;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
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
            List<Id128> accounts = openFundedUsers(operator, user, accountCount);
            SplittableRandom random = new SplittableRandom(42);

            transfersPerSecond(user, accounts, random, Math.min(transfers, 20_000), batch, inFlight, false);
            transfersPerSecond(user, accounts, random, transfers, batch, inFlight, true);
            printLatency("local (same ledger, no hub)", ledger, accounts, random, latencySamples);
            printLatency("remote", user, accounts, random, latencySamples);
            System.out.println(ledger.verify().holds() ? "invariants hold" : "INVARIANTS BROKEN: " + ledger.verify().violations());
        }
    }

    private static void transfersPerSecond(RemoteLedger user, List<Id128> accounts, SplittableRandom random, int total, int batch,
            int inFlight, boolean report) throws Exception {
        List<List<Transfer>> batches = paymentBatches(accounts, random, total, batch);
        ExecutorService senders = Executors.newFixedThreadPool(inFlight);
        try {
            long start = System.nanoTime();
            List<Future<Long>> results = new ArrayList<>();
            for (List<Transfer> transfers : batches) {
                results.add(senders.submit(() -> okCount(user.createTransfers(transfers))));
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
}
