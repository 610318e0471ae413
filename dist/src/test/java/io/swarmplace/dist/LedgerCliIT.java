package io.swarmplace.dist;

import static org.assertj.core.api.Assertions.assertThat;

import io.swarmplace.dist.Distribution.CliResult;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ledger of a real node on its embedded default (an H2 file in the data directory), driven through
 * bin/swarmplace shell: accounts opened, a transfer retried with the same id moving money once, an
 * overdraft refused with its reason, and everything still there and consistent after a restart.
 */
class LedgerCliIT {

    @TempDir
    Path work;

    @Test
    void aNodesLedgerMovesMoneyOnceAndKeepsItAcrossARestart() throws Exception {
        Distribution dist = Distribution.unpack(work);
        String custody;
        String user;
        try (RunningNode node = dist.start()) {
            custody = ok(ledger(dist, "open custody btt")).out().strip();
            user = ok(ledger(dist, "open user btt")).out().strip();
            assertThat(custody).matches("[0-9a-f]{32}");
            assertThat(ok(ledger(dist, "transfer " + custody + " " + user + " 5000 abc1")).out()).contains(": ok");
            assertThat(ok(ledger(dist, "transfer " + custody + " " + user + " 5000 abc1")).out()).contains(": exists");
        }
        try (RunningNode node = dist.start()) {
            assertThat(ok(ledger(dist, "balance " + user)).out()).contains("net:             5000");
            CliResult overdraft = ledger(dist, "transfer " + user + " " + custody + " 5001 abc2");
            assertThat(overdraft.exitCode()).as(overdraft.toString()).isEqualTo(1);
            assertThat(overdraft.out() + overdraft.err()).contains("exceeds_credits");
            assertThat(ok(ledger(dist, "history " + user)).out()).contains("+5000").contains("from " + custody);
            assertThat(ok(ledger(dist, "verify")).out()).contains("Ledger consistent: 2 accounts, 1 transfers");
        }
    }

    private static CliResult ledger(Distribution dist, String command) throws Exception {
        return dist.cli("shell", "-c", "ledger:" + command);
    }

    private static CliResult ok(CliResult result) {
        assertThat(result.exitCode()).as(result.toString()).isZero();
        return result;
    }
}
