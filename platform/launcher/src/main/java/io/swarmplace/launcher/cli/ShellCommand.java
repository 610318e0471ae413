package io.swarmplace.launcher.cli;

import io.swarmplace.control.ControlResponse;
import io.swarmplace.launcher.client.ControlClient;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "shell", mixinStandardHelpOptions = true,
        description = {"Opens the node's Gogo shell over its control channel.",
            "With -c, runs one command line and exits with its status."})
public final class ShellCommand extends NodeCommand.TopLevel implements Callable<Integer> {

    @Option(names = {"-c", "--command"}, paramLabel = "LINE", description = "A command line to run, e.g. 'lb'.")
    private String command;

    @Override
    public Integer call() throws InterruptedException, IOException {
        if (command != null) {
            return run(command);
        }
        PrintWriter out = spec.commandLine().getOut();
        boolean terminal = System.console() != null;
        int lastExitCode = 0;
        try (ControlClient client = connect();
                BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            if (terminal) {
                out.println("Connected to the node (pid " + client.nodePid() + "). Type 'help' for commands, Ctrl-D to leave.");
            }
            while (true) {
                if (terminal) {
                    out.print("swarmplace> ");
                    out.flush();
                }
                String line = in.readLine();
                if (line == null || line.strip().equals("exit")) {
                    return lastExitCode;
                }
                if (line.isBlank()) {
                    continue;
                }
                ControlResponse response = client.execute(line);
                lastExitCode = print(response);
            }
        }
    }
}
