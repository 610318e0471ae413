package io.swarmplace.launcher.cli;

import io.swarmplace.control.ControlResponse;
import io.swarmplace.launcher.Main;
import io.swarmplace.launcher.UserError;
import io.swarmplace.launcher.client.ControlClient;
import io.swarmplace.launcher.client.GogoCommandLine;
import java.io.Console;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code swarmplace wallet ...}: the running node's TRON wallet. Passphrases are read at the terminal
 * without echo, or from --passphrase-file / $SWARMPLACE_WALLET_PASSPHRASE for scripts, never from the
 * command line, and reach the node only over the owner-only local control channel.
 */
@Command(name = "wallet", mixinStandardHelpOptions = true,
        description = "Creates and imports accounts, shows balances and history, and sends BTT or TRX from the running node.",
        subcommands = {
            WalletCommand.Create.class,
            WalletCommand.Import.class,
            WalletCommand.ListAccounts.class,
            WalletCommand.Address.class,
            WalletCommand.Balance.class,
            WalletCommand.Send.class,
            WalletCommand.History.class,
            WalletCommand.Lock.class,
            WalletCommand.Faucet.class
        })
public final class WalletCommand {

    static final String PASSPHRASE_VARIABLE = "SWARMPLACE_WALLET_PASSPHRASE";

    @ParentCommand
    Main main;

    abstract static class Sub extends NodeCommand.ShellFunction {
        @ParentCommand
        WalletCommand wallet;

        @Override
        Main root() {
            return wallet.main;
        }

        @Override
        String scope() {
            return "wallet";
        }

        /** The shell command has the subcommand's name. */
        @Override
        String function() {
            return spec.name();
        }
    }

    /** A subcommand that unlocks a key, so it needs the passphrase. */
    abstract static class WithPassphrase extends Sub {
        @Option(names = "--passphrase-file", paramLabel = "FILE", description = "Read the passphrase from the first line of FILE.")
        Path passphraseFile;

        /** Asked at the terminal twice when a new keystore file is written, once otherwise. */
        boolean confirmPassphrase() {
            return false;
        }

        List<String> passphraseArguments() {
            return List.of("--passphrase", new String(passphrase()));
        }

        char[] passphrase() {
            if (passphraseFile != null) {
                return firstLine(passphraseFile);
            }
            String variable = System.getenv(PASSPHRASE_VARIABLE);
            if (variable != null && !variable.isEmpty()) {
                return variable.toCharArray();
            }
            Console console = System.console();
            if (console == null) {
                throw new UserError("no terminal to ask for the passphrase: use --passphrase-file FILE or set $"
                        + PASSPHRASE_VARIABLE, 2);
            }
            char[] typed = console.readPassword("Passphrase: ");
            if (typed == null || typed.length == 0) {
                throw new UserError("no passphrase given", 2);
            }
            if (confirmPassphrase() && !Arrays.equals(typed, console.readPassword("Passphrase again: "))) {
                throw new UserError("the two passphrases differ", 2);
            }
            return typed;
        }
    }

    static char[] firstLine(Path file) {
        try {
            String content = Files.readString(file, StandardCharsets.UTF_8);
            int end = content.indexOf('\n');
            return (end < 0 ? content : content.substring(0, end)).replace("\r", "").toCharArray();
        } catch (IOException e) {
            throw new UserError("cannot read " + file + ": " + e.getMessage(), 2);
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Creates an account: a new TRON key pair, stored encrypted under a passphrase.")
    static final class Create extends WithPassphrase {
        @Override
        boolean confirmPassphrase() {
            return true;
        }

        @Override
        List<String> arguments() {
            return passphraseArguments();
        }
    }

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = {"Imports a private key (64 hex digits), stored encrypted under a passphrase.",
                "The key is read from --key-file, or at the terminal without echo."})
    static final class Import extends WithPassphrase {
        @Option(names = "--key-file", paramLabel = "FILE", description = "Read the private key from the first line of FILE.")
        Path keyFile;

        @Override
        boolean confirmPassphrase() {
            return true;
        }

        @Override
        List<String> arguments() {
            char[] key;
            if (keyFile != null) {
                key = firstLine(keyFile);
            } else if (System.console() != null) {
                key = System.console().readPassword("Private key (hex): ");
            } else {
                throw new UserError("no terminal to ask for the private key: use --key-file FILE", 2);
            }
            List<String> arguments = new ArrayList<>(List.of("--key", new String(key)));
            arguments.addAll(passphraseArguments());
            return arguments;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the accounts; * marks the default.")
    static final class ListAccounts extends Sub {
        @Override
        List<String> arguments() {
            return List.of();
        }
    }

    @Command(name = "address", mixinStandardHelpOptions = true, description = "Prints the default account's address.")
    static final class Address extends Sub {
        @Option(names = "--set", paramLabel = "ADDRESS", description = "Make ADDRESS (one of the wallet's accounts) the default.")
        String set;

        @Override
        List<String> arguments() {
            return set == null ? List.of() : List.of("--set", set);
        }
    }

    /** A subcommand about one account, the default one unless named. */
    abstract static class OnAccount extends Sub {
        @Option(names = "--account", paramLabel = "ADDRESS", description = "The account (default: the default account).")
        String account;

        @Override
        List<String> arguments() {
            return account == null ? new ArrayList<>() : new ArrayList<>(List.of("--account", account));
        }
    }

    @Command(name = "balance", mixinStandardHelpOptions = true, description = "Shows BTT, legacy BTT (TRC-10) and TRX.")
    static final class Balance extends OnAccount {    }

    @Command(name = "history", mixinStandardHelpOptions = true, description = "Lists the account's transfers, newest first.")
    static final class History extends OnAccount {    }

    @Command(name = "lock", mixinStandardHelpOptions = true, description = "Forgets the account's unlocked key now.")
    static final class Lock extends OnAccount {    }

    @Command(name = "faucet", mixinStandardHelpOptions = true,
            description = "Devnet only: mints devnet BTT (TRC-20 and TRC-10) and TRX to an account.")
    static final class Faucet extends OnAccount {
        @Option(names = "--btt", paramLabel = "AMOUNT", description = "Whole BTT to mint (default 1000).")
        String btt;

        @Option(names = "--trx", paramLabel = "AMOUNT", description = "Whole TRX to mint (default 100).")
        String trx;

        @Override
        List<String> arguments() {
            List<String> arguments = super.arguments();
            if (btt != null) {
                arguments.addAll(List.of("--btt", btt));
            }
            if (trx != null) {
                arguments.addAll(List.of("--trx", trx));
            }
            return arguments;
        }
    }

    @Command(name = "send", mixinStandardHelpOptions = true,
            description = {"Sends BTT (or --token BTTOLD / TRX) to an address.",
                "Shows the amount and the fee estimate and asks before sending; --yes skips the question."})
    static final class Send extends WithPassphrase {
        @Parameters(index = "0", paramLabel = "TO", description = "Receiving TRON address (T...).")
        String to;

        @Parameters(index = "1", paramLabel = "AMOUNT", description = "Amount in whole tokens, e.g. 12.5.")
        String amount;

        @Option(names = "--token", paramLabel = "TOKEN", description = "BTT (TRC-20, default), BTTOLD (legacy TRC-10) or TRX.")
        String token = "BTT";

        @Option(names = "--from", paramLabel = "ADDRESS", description = "Sending account (default: the default account).")
        String from;

        @Option(names = "--reference", paramLabel = "ID",
                description = "Your id for this transfer: sending the same id again never sends twice.")
        String reference;

        @Option(names = {"-y", "--yes"}, description = "Send without asking.")
        boolean yes;

        @Option(names = "--wait", paramLabel = "SECONDS", description = "Wait up to SECONDS for the transfer to be confirmed.")
        int waitSeconds;

        /** The shell command without the passphrase and --yes: what the question is about. */
        List<String> transferArguments() {
            List<String> arguments = new ArrayList<>(List.of("--token", token));
            if (from != null) {
                arguments.addAll(List.of("--from", from));
            }
            if (reference != null) {
                arguments.addAll(List.of("--reference", reference));
            }
            if (waitSeconds > 0) {
                arguments.addAll(List.of("--wait", Integer.toString(waitSeconds)));
            }
            return arguments;
        }

        @Override
        List<String> arguments() {
            List<String> arguments = transferArguments();
            arguments.add("--yes");
            arguments.addAll(passphraseArguments());
            arguments.add(to);
            arguments.add(amount);
            return arguments;
        }

        @Override
        public Integer call() throws InterruptedException {
            Console console = System.console();
            if (!yes && console == null) {
                throw new UserError("no terminal to confirm the transfer: add --yes to send from a script", 2);
            }
            try (ControlClient client = connect()) {
                if (!yes) {
                    List<String> preview = transferArguments();
                    preview.add(to);
                    preview.add(amount);
                    ControlResponse estimate = client.execute(GogoCommandLine.of("wallet:send", preview));
                    if (!estimate.succeeded()) {
                        return print(estimate);
                    }
                    PrintWriter out = spec.commandLine().getOut();
                    out.println(estimate.output().replace("\nNot sent: add --yes to send.", ""));
                    out.flush();
                    String answer = console.readLine("Send? [y/N] ");
                    if (answer == null || !answer.strip().toLowerCase(Locale.ROOT).startsWith("y")) {
                        out.println("Not sent.");
                        return 1;
                    }
                }
                if (reference == null) {
                    // fixed before the first attempt, so that running the printed retry cannot send twice
                    reference = java.util.UUID.randomUUID().toString();
                }
                return print(client.execute(GogoCommandLine.of("wallet:send", arguments())));
            }
        }
    }
}
