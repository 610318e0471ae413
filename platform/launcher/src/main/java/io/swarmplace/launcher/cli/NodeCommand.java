package io.swarmplace.launcher.cli;

import io.swarmplace.control.ControlResponse;
import io.swarmplace.launcher.Main;
import io.swarmplace.launcher.client.ControlClient;
import io.swarmplace.launcher.client.GogoCommandLine;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** A subcommand that runs one shell command on the running node and prints its answer. */
abstract class NodeCommand {

    @Spec
    CommandSpec spec;

    abstract Main root();

    ControlClient connect() {
        return ControlClient.connect(root().installation().dataDirectory(), ControlClient.DEFAULT_COMMAND_TIMEOUT);
    }

    /** Prints the answer (output on stdout, the error on stderr) and returns its exit code. */
    int print(ControlResponse response) {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!response.output().isEmpty()) {
            out.print(response.output().endsWith("\n") ? response.output() : response.output() + "\n");
            out.flush();
        }
        if (!response.succeeded()) {
            err.println("Error: " + response.error());
            err.flush();
        }
        return response.exitCode();
    }

    int run(String commandLine) throws InterruptedException {
        try (ControlClient client = connect()) {
            return print(client.execute(commandLine));
        }
    }

    /** A subcommand that is one shell function of the node ({@code scope:function arguments...}). */
    abstract static class ShellFunction extends NodeCommand implements Callable<Integer> {

        abstract String scope();

        abstract String function();

        abstract List<String> arguments();

        @Override
        public Integer call() throws InterruptedException {
            return run(GogoCommandLine.of(scope() + ":" + function(), arguments()));
        }
    }

    /** Base for top-level node commands, which reach the root options through picocli. */
    abstract static class TopLevel extends NodeCommand {
        @ParentCommand
        Main main;

        @Override
        Main root() {
            return main;
        }
    }
}
