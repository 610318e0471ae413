package io.swarmplace.launcher.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.swarmplace.launcher.Main;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class LedgerCommandTest {

    @Test
    void hasEveryLedgerAndBridgeSubcommand() {
        CommandLine commandLine = new CommandLine(new Main());
        assertThat(commandLine.getSubcommands().get("ledger").getSubcommands().keySet())
                .contains("accounts", "open", "balance", "history", "verify", "verify-chain", "deposit-address", "deposits",
                        "withdraw", "withdrawals", "reserves", "proof", "check-proof");
    }

    @Test
    void mapsEachSubcommandToItsShellCommand() {
        assertThat(shell("ledger", "balance", "ab12")).isEqualTo("ledger:balance [ab12]");
        assertThat(shell("ledger", "verify")).isEqualTo("ledger:verify []");
        assertThat(shell("ledger", "verify-chain")).isEqualTo("bridge:verify []");
        assertThat(shell("ledger", "deposit-address", "ab12")).isEqualTo("bridge:depositaddress [ab12]");
        assertThat(shell("ledger", "withdraw", "ab12", "TJRabPrwbZy45sbavfcjinPJC18kjpRTv8", "12.5", "payout-7"))
                .isEqualTo("bridge:withdraw [ab12, TJRabPrwbZy45sbavfcjinPJC18kjpRTv8, 12.5, payout-7]");
        assertThat(shell("ledger", "check-proof", "ab12", "5", "00ff")).isEqualTo("bridge:checkproof [ab12, 5, 00ff, ]");
    }

    private static String shell(String... args) {
        CommandLine.ParseResult parsed = new CommandLine(new Main()).parseArgs(args);
        LedgerCommand.Sub sub = (LedgerCommand.Sub) parsed.subcommand().subcommand().commandSpec().userObject();
        return sub.scope() + ":" + sub.function() + " " + sub.arguments();
    }
}
