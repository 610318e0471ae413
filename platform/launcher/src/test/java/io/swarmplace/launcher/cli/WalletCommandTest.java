package io.swarmplace.launcher.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.swarmplace.launcher.Main;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class WalletCommandTest {

    @TempDir
    Path temp;

    @Test
    void hasEveryWalletSubcommand() {
        CommandLine commandLine = new CommandLine(new Main());
        assertThat(commandLine.getSubcommands().get("wallet").getSubcommands().keySet())
                .contains("create", "import", "list", "address", "balance", "send", "history", "lock", "faucet");
    }

    @Test
    void sendReadsThePassphraseFromItsFileAndPassesTheTransferToTheShellCommand() throws Exception {
        Path file = Files.writeString(temp.resolve("pass"), "s3cret words\n");
        CommandLine.ParseResult parsed = new CommandLine(new Main()).parseArgs("wallet", "send", "--yes", "--token", "BTTOLD",
                "--reference", "order-7", "--passphrase-file", file.toString(), "TJRabPrwbZy45sbavfcjinPJC18kjpRTv8", "12.5");
        WalletCommand.Send send = (WalletCommand.Send) parsed.subcommand().subcommand().commandSpec().userObject();
        assertThat(send.arguments()).containsExactly("--token", "BTTOLD", "--reference", "order-7", "--yes",
                "--passphrase", "s3cret words", "TJRabPrwbZy45sbavfcjinPJC18kjpRTv8", "12.5");
    }

    @Test
    void balanceNamesTheAccountOnlyWhenGiven() {
        CommandLine.ParseResult parsed = new CommandLine(new Main()).parseArgs("wallet", "balance");
        WalletCommand.Balance balance = (WalletCommand.Balance) parsed.subcommand().subcommand().commandSpec().userObject();
        assertThat(balance.arguments()).isEmpty();
    }
}
