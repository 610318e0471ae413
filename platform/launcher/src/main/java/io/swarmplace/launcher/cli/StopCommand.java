package io.swarmplace.launcher.cli;

import io.swarmplace.launcher.UserError;
import io.swarmplace.launcher.client.ControlClient;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "stop", mixinStandardHelpOptions = true,
        description = "Stops the running node: every bundle is stopped in order, then the process exits.")
public final class StopCommand extends NodeCommand.TopLevel implements Callable<Integer> {

    @Option(names = "--timeout", defaultValue = "15", paramLabel = "SECONDS",
            description = "How long to wait for the node to exit (default: ${DEFAULT-VALUE}).")
    private int timeoutSeconds;

    @Override
    public Integer call() throws InterruptedException {
        long pid;
        try (ControlClient client = connect()) {
            pid = client.nodePid();
            int exitCode = print(client.execute("swarmplace:shutdown"));
            if (exitCode != 0) {
                return exitCode;
            }
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(timeoutSeconds));
        while (process.map(ProcessHandle::isAlive).orElse(false) && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
        }
        if (process.map(ProcessHandle::isAlive).orElse(false)) {
            throw new UserError("The node (pid " + pid + ") is still running after " + timeoutSeconds + " s.");
        }
        spec.commandLine().getOut().println("Node stopped.");
        return 0;
    }
}
