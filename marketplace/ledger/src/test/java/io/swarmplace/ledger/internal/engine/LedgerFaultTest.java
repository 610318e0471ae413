package io.swarmplace.ledger.internal.engine;

import static io.swarmplace.ledger.TransferResult.EXISTS;
import static io.swarmplace.ledger.TransferResult.OK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.swarmplace.ledger.Account;
import io.swarmplace.ledger.AccountRole;
import io.swarmplace.ledger.Asset;
import io.swarmplace.ledger.CreateAccountResult;
import io.swarmplace.ledger.Id128;
import io.swarmplace.ledger.LedgerUnavailableException;
import io.swarmplace.ledger.PendingStatus;
import io.swarmplace.ledger.Transfer;
import io.swarmplace.ledger.TransferResult;
import java.math.BigInteger;
import java.sql.Connection;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Faults in the middle of a batch: the writer crashes (or its database connection is killed) between
 * two steps of writing it; the ledger restarts and the client retries the same batch. Every transfer
 * must then be applied exactly once and the invariants must hold. Run on H2 and PostgreSQL.
 */
abstract class LedgerFaultTest extends LedgerTestBase {

    /** One fault, fired once at its step. */
    static final class Fault implements WriteFaults {
        private volatile WriteStep armedAt;
        private volatile boolean killConnection;

        void arm(WriteStep step, boolean kill) {
            killConnection = kill;
            armedAt = step;
        }

        @Override
        public void reached(WriteStep step, Connection connection) throws Exception {
            if (step != armedAt) {
                return;
            }
            armedAt = null;
            if (killConnection && connection != null) {
                fixture.testDatabase().kill(connection);
            } else {
                throw new IllegalStateException("injected crash at " + step);
            }
        }
    }

    static final Fault FAULT = new Fault();

    static void open(TestDatabase db) {
        open(db, Clock.systemUTC(), FAULT, java.time.Duration.ofHours(1));
    }

    private record Parties(Id128 custody, Id128 buyer, Id128 host, Id128 fees) {}

    private static Parties parties() {
        Parties p = new Parties(Id128.random(), Id128.random(), Id128.random(), Id128.random());
        assertThat(ledger.createAccounts(List.of(Account.of(p.custody, Asset.BTT, AccountRole.CUSTODY),
                Account.user(p.buyer, Asset.BTT), Account.user(p.host, Asset.BTT), Account.of(p.fees, Asset.BTT, AccountRole.FEES))))
                .allMatch(CreateAccountResult::applied);
        assertThat(ledger.createTransfers(List.of(Transfer.of(Id128.random(), p.custody, p.buyer, Asset.BTT, units(1_000), 1))))
                .containsExactly(OK);
        return p;
    }

    /** A batch with a bit of everything: a payment, a pending hold and its partial post, a linked pair. */
    private static List<Transfer> batch(Parties p) {
        Transfer hold = Transfer.pending(Id128.random(), p.buyer, p.host, Asset.BTT, units(200), 3600, 3);
        return List.of(
                Transfer.of(Id128.random(), p.buyer, p.host, Asset.BTT, units(10), 2),
                hold,
                Transfer.post(Id128.random(), hold.id(), units(150)),
                Transfer.of(Id128.random(), p.buyer, p.host, Asset.BTT, units(5), 2).linked(),
                Transfer.of(Id128.random(), p.buyer, p.fees, Asset.BTT, units(1), 4));
    }

    private static BigInteger units(long n) {
        return BigInteger.valueOf(n);
    }

    private static void assertAppliedOnce(Parties p, List<Transfer> batch) {
        assertThat(ledger.balance(p.buyer).net()).isEqualTo(units(1_000 - 10 - 150 - 5 - 1));
        assertThat(ledger.balance(p.buyer).debitsPending()).isZero();
        assertThat(ledger.balance(p.host).net()).isEqualTo(units(10 + 150 + 5));
        assertThat(ledger.balance(p.fees).net()).isEqualTo(units(1));
        assertThat(ledger.pendingStatus(batch.get(1).id())).contains(PendingStatus.POSTED);
        assertThat(ledger.history(p.buyer, 100)).hasSize(batch.size() + 1);
    }

    @ParameterizedTest
    @EnumSource(WriteStep.class)
    void aCrashAtAnyStepOfABatchAppliesItExactlyOnceAfterRestart(WriteStep step) {
        Parties p = parties();
        List<Transfer> batch = batch(p);
        FAULT.arm(step, false);
        assertThatThrownBy(() -> ledger.createTransfers(batch)).isInstanceOf(LedgerUnavailableException.class)
                .hasMessageContaining("retry with the same ids");
        restart();
        assertThat(ledger.verify().violations()).isEmpty();

        List<TransferResult> retried = ledger.createTransfers(batch);
        assertThat(retried).containsOnly(step == WriteStep.COMMITTED ? EXISTS : OK);
        assertThat(ledger.createTransfers(batch)).containsOnly(EXISTS);
        assertAppliedOnce(p, batch);
    }

    @ParameterizedTest
    @EnumSource(value = WriteStep.class, names = {"LOADED", "ACCOUNTS_WRITTEN", "TRANSFERS_WRITTEN"})
    void aKilledConnectionLosesTheBatchAndTheRetryAppliesItOnce(WriteStep step) {
        Parties p = parties();
        List<Transfer> batch = batch(p);
        FAULT.arm(step, true);
        assertThatThrownBy(() -> ledger.createTransfers(batch)).isInstanceOf(LedgerUnavailableException.class);
        assertThat(ledger.balance(p.buyer).net()).isEqualTo(units(1_000));

        assertThat(ledger.createTransfers(batch)).containsOnly(OK);
        assertAppliedOnce(p, batch);
    }

    @Test
    void aRestartKeepsEverythingCommitted() {
        Parties p = parties();
        List<Transfer> batch = batch(p);
        assertThat(ledger.createTransfers(batch)).containsOnly(OK);
        restart();
        assertThat(ledger.createTransfers(batch)).containsOnly(EXISTS);
        assertAppliedOnce(p, batch);
        assertThat(ledger.createTransfers(List.of(Transfer.of(Id128.random(), p.host, p.buyer, Asset.BTT, units(1), 2))))
                .containsExactly(OK);
    }
}
