package io.swarmplace.launcher;

import io.swarmplace.launcher.cli.DhtCommand;
import io.swarmplace.launcher.cli.LedgerCommand;
import io.swarmplace.launcher.cli.PluginCommand;
import io.swarmplace.launcher.cli.ShellCommand;
import io.swarmplace.launcher.cli.StartCommand;
import io.swarmplace.launcher.cli.StatusCommand;
import io.swarmplace.launcher.cli.StopCommand;
import io.swarmplace.launcher.cli.TorrentCommand;
import io.swarmplace.launcher.cli.WalletCommand;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** {@code bin/swarmplace}: runs a node, and manages a running one. */
@Command(
        name = "swarmplace",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = "A plugin platform for the BitTorrent network with its own token economy.",
        subcommands = {
            StartCommand.class,
            StopCommand.class,
            StatusCommand.class,
            ShellCommand.class,
            PluginCommand.class,
            TorrentCommand.class,
            DhtCommand.class,
            WalletCommand.class,
            LedgerCommand.class,
            CommandLine.HelpCommand.class
        },
        footer = {"", "The data directory is --data-dir, else $SWARMPLACE_DATA, else ~/.swarmplace."})
public final class Main {

    @Option(
            names = {"-d", "--data-dir"},
            scope = ScopeType.INHERIT,
            paramLabel = "DIR",
            description = "The node's data directory (state, configuration, framework cache, logs).")
    private Path dataDirectory;

    public Installation installation() {
        return Installation.resolve(dataDirectory);
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns the exit code (for tests and for main). */
    public static int execute(String... args) {
        CommandLine commandLine = new CommandLine(new Main());
        commandLine.setExecutionExceptionHandler((e, cmd, parseResult) -> {
            if (e instanceof UserError userError) {
                cmd.getErr().println("Error: " + userError.getMessage());
                return userError.exitCode();
            }
            throw e;
        });
        return commandLine.execute(args);
    }
}
