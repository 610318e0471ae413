package io.swarmplace.ledger.internal.engine;

import io.swarmplace.ledger.Asset;
import io.swarmplace.ledger.Id128;
import io.swarmplace.ledger.Transfer;
import io.swarmplace.ledger.TransferResult;
import io.swarmplace.ledger.internal.store.DatabaseSettings;
import io.swarmplace.ledger.internal.store.LedgerDatabase;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A ledger process for {@link ProcessKillTest} to kill: it writes numbered batches with ids derived from
 * their numbers, one after another, and prints "acked N" once batch N is applied. It runs until killed.
 * Arguments: jdbcUrl user custody payer payee.
 */
public final class LedgerWriterProcess {

    /** Deposits custody to payer, then as many payments payer to payee, 1 base unit each. */
    static final int PAIRS_PER_BATCH = 50;

    public static void main(String[] args) {
        DatabaseSettings settings = new DatabaseSettings(args[0], args[1], "", 2, 1000, 10_000, false);
        Id128 custody = Id128.parse(args[2]);
        Id128 payer = Id128.parse(args[3]);
        Id128 payee = Id128.parse(args[4]);
        LedgerDatabase database = LedgerDatabase.open(settings);
        LedgerEngine ledger = LedgerEngine.start(database, Clock.systemUTC(), Duration.ofHours(1), WriteFaults.NONE);
        for (long n = 0; ; n++) {
            List<TransferResult> results = ledger.createTransfers(batch(n, custody, payer, payee));
            if (!results.stream().allMatch(r -> r == TransferResult.OK)) {
                System.out.println("refused " + n + ": " + results);
                System.exit(1);
            }
            System.out.println("acked " + n);
            System.out.flush();
        }
    }

    static List<Transfer> batch(long n, Id128 custody, Id128 payer, Id128 payee) {
        List<Transfer> transfers = new ArrayList<>();
        for (int i = 0; i < PAIRS_PER_BATCH; i++) {
            transfers.add(Transfer.of(id(n, i, 0), custody, payer, Asset.BTT, BigInteger.ONE, 1));
            transfers.add(Transfer.of(id(n, i, 1), payer, payee, Asset.BTT, BigInteger.ONE, 2));
        }
        return transfers;
    }

    private static Id128 id(long batch, int pair, int leg) {
        return Id128.derive("process-kill-test", ByteBuffer.allocate(16).putLong(batch).putInt(pair).putInt(leg).array());
    }
}
