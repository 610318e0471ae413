package io.swarmplace.ledger.internal.engine;

import static io.swarmplace.ledger.TransferResult.EXISTS;
import static io.swarmplace.ledger.TransferResult.OK;
import static org.assertj.core.api.Assertions.assertThat;

import io.swarmplace.ledger.Account;
import io.swarmplace.ledger.AccountRole;
import io.swarmplace.ledger.Asset;
import io.swarmplace.ledger.Id128;
import io.swarmplace.ledger.TransferResult;
import io.swarmplace.ledger.internal.store.DatabaseSettings;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The ledger process is killed (SIGKILL) while it writes batch after batch; a new process opens the same
 * database and the client retries every batch it sent. Each acknowledged batch must answer EXISTS, the
 * one in flight either all EXISTS or all OK, and every transfer must be applied exactly once. Runs on
 * PostgreSQL (subclass) and H2.
 */
abstract class ProcessKillTest {

    private static final int ACKS_BEFORE_KILL = 15;

    abstract TestDatabase database() throws Exception;

    @Test
    void aKilledLedgerProcessLosesNothingAndAppliesNothingTwice() throws Exception {
        TestDatabase testDatabase = database();
        Id128 custody = Id128.random();
        Id128 payer = Id128.random();
        Id128 payee = Id128.random();
        LedgerFixture setup = LedgerFixture.open(testDatabase, Clock.systemUTC(), WriteFaults.NONE, Duration.ofHours(1));
        assertThat(setup.ledger().createAccounts(List.of(Account.of(custody, Asset.BTT, AccountRole.CUSTODY),
                Account.user(payer, Asset.BTT), Account.user(payee, Asset.BTT)))).allMatch(r -> r.applied());
        setup.stop();

        long lastAcked = runAndKill(testDatabase.settings(), custody, payer, payee);

        try (LedgerFixture fixture = LedgerFixture.open(testDatabase, Clock.systemUTC(), WriteFaults.NONE, Duration.ofHours(1))) {
            LedgerEngine ledger = fixture.ledger();
            assertThat(ledger.verify().violations()).isEmpty();
            for (long n = 0; n <= lastAcked; n++) {
                assertThat(ledger.createTransfers(LedgerWriterProcess.batch(n, custody, payer, payee))).as("batch " + n)
                        .containsOnly(EXISTS);
            }
            List<TransferResult> inFlight = ledger.createTransfers(LedgerWriterProcess.batch(lastAcked + 1, custody, payer, payee));
            assertThat(inFlight.stream().distinct().toList()).as("the batch in flight, atomic").hasSize(1).containsAnyOf(OK, EXISTS);
            long applied = lastAcked + 2;
            assertThat(ledger.balance(payee).net()).isEqualTo(BigInteger.valueOf(applied * LedgerWriterProcess.PAIRS_PER_BATCH));
            assertThat(ledger.balance(payer).net()).isZero();
            assertThat(ledger.balance(custody).net()).isEqualTo(BigInteger.valueOf(-applied * LedgerWriterProcess.PAIRS_PER_BATCH));
            assertThat(ledger.verify().violations()).isEmpty();
        }
    }

    /** Runs the writer process until it acknowledged a few batches, kills it, and returns the last acknowledged. */
    private static long runAndKill(DatabaseSettings settings, Id128 custody, Id128 payer, Id128 payee) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(), "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                LedgerWriterProcess.class.getName(), settings.jdbcUrl(), settings.user(), custody.toString(), payer.toString(),
                payee.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        long lastAcked = -1;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null && lastAcked < ACKS_BEFORE_KILL; line = out.readLine()) {
                if (line.startsWith("acked ")) {
                    lastAcked = Long.parseLong(line.substring("acked ".length()));
                }
            }
            process.destroyForcibly();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("the writer process died").isTrue();
        } finally {
            process.destroyForcibly();
        }
        assertThat(lastAcked).as("batches acknowledged before the kill").isGreaterThanOrEqualTo(ACKS_BEFORE_KILL);
        return lastAcked;
    }
}
