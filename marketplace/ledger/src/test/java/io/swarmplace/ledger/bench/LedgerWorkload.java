package io.swarmplace.ledger.bench;

import io.swarmplace.ledger.Account;
import io.swarmplace.ledger.AccountRole;
import io.swarmplace.ledger.Asset;
import io.swarmplace.ledger.CreateAccountResult;
import io.swarmplace.ledger.Id128;
import io.swarmplace.ledger.Ledger;
import io.swarmplace.ledger.Transfer;
import io.swarmplace.ledger.TransferResult;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The workload the ledger benchmarks share, through the public {@link Ledger} API, so that the ledger's own
 * benchmark and the hub's (the same ledger behind a network hop) measure the same thing: funded user
 * accounts, random payments between them, single-transfer latency.
 */
public final class LedgerWorkload {

    private static final BigInteger FUNDING = BigInteger.TEN.pow(24);

    private LedgerWorkload() {
    }

    /**
     * Opens {@code count} BTT user accounts through {@code users} and funds each from a custody account
     * that {@code operator} opens (on a hub only the operator may open custody accounts and move from them).
     */
    public static List<Id128> openFundedUsers(Ledger operator, Ledger users, int count) {
        Id128 custody = Id128.random();
        require(operator.createAccounts(List.of(Account.of(custody, Asset.BTT, AccountRole.CUSTODY))).get(0).applied(), "custody opened");
        List<Id128> ids = new ArrayList<>();
        for (int from = 0; from < count; from += Ledger.MAX_BATCH) {
            List<Account> opened = new ArrayList<>();
            List<Transfer> deposits = new ArrayList<>();
            for (int i = from; i < Math.min(count, from + Ledger.MAX_BATCH); i++) {
                Id128 id = Id128.random();
                ids.add(id);
                opened.add(Account.user(id, Asset.BTT));
                deposits.add(Transfer.of(Id128.random(), custody, id, Asset.BTT, FUNDING, 1));
            }
            require(users.createAccounts(opened).stream().allMatch(CreateAccountResult::applied), "accounts opened");
            require(operator.createTransfers(deposits).stream().allMatch(r -> r == TransferResult.OK), "deposits applied");
        }
        return ids;
    }

    /** A payment of 1-1000 base units between two different accounts, code 2. */
    public static Transfer payment(List<Id128> accounts, SplittableRandom random) {
        int from = random.nextInt(accounts.size());
        int to = (from + 1 + random.nextInt(accounts.size() - 1)) % accounts.size();
        return Transfer.of(Id128.random(), accounts.get(from), accounts.get(to), Asset.BTT, BigInteger.valueOf(1 + random.nextInt(1000)), 2);
    }

    /** Batches of random payments, {@code total} in all. */
    public static List<List<Transfer>> paymentBatches(List<Id128> accounts, SplittableRandom random, int total, int batchSize) {
        List<List<Transfer>> batches = new ArrayList<>();
        for (int done = 0; done < total; done += batchSize) {
            List<Transfer> batch = new ArrayList<>();
            for (int i = done; i < Math.min(total, done + batchSize); i++) {
                batch.add(payment(accounts, random));
            }
            batches.add(batch);
        }
        return batches;
    }

    /** Submits {@code samples} payments one at a time, each waited for, and prints p50, p99 and max. */
    public static void printLatency(String what, Ledger ledger, List<Id128> accounts, SplittableRandom random, int samples) {
        long[] nanos = new long[samples];
        for (int i = 0; i < samples; i++) {
            Transfer one = payment(accounts, random);
            long start = System.nanoTime();
            require(ledger.createTransfers(List.of(one)).get(0) == TransferResult.OK, "single transfer applied");
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        System.out.printf("single transfer latency, %s (%d one at a time): p50 %.2f ms, p99 %.2f ms, max %.2f ms%n", what, samples,
                nanos[samples / 2] / 1e6, nanos[(int) Math.ceil(samples * 0.99) - 1] / 1e6, nanos[samples - 1] / 1e6);
    }

    public static long okCount(List<TransferResult> results) {
        return results.stream().filter(r -> r == TransferResult.OK).count();
    }

    /** Fails the benchmark: a figure from a run whose transfers did not all apply would be meaningless. */
    public static void require(boolean condition, String what) {
        if (!condition) {
            throw new IllegalStateException("benchmark check failed: " + what);
        }
    }

    /** The value after {@code name} on the command line, or {@code fallback}. */
    public static String option(String[] args, String name, String fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }
}
