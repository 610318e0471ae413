package io.swarmplace.launcher.cli;

import io.swarmplace.launcher.Installation;
import io.swarmplace.launcher.Main;
import io.swarmplace.launcher.UserError;
import io.swarmplace.launcher.node.Node;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "start", mixinStandardHelpOptions = true,
        description = {"Starts a node on this machine.",
            "In the foreground it offers the Gogo shell when run at a terminal and keeps running headless",
            "otherwise; Ctrl-C or SIGTERM stops every bundle in order and exits."})
public final class StartCommand implements Callable<Integer> {

    private static final String READY_MARKER = " ready in ";

    @ParentCommand
    private Main main;

    @Spec
    private CommandSpec spec;

    @Option(names = {"-b", "--background"},
            description = "Run detached; returns once the node is ready. Output goes to <data>/log/console.log.")
    private boolean background;

    @Option(names = "--ready-timeout", defaultValue = "60", paramLabel = "SECONDS",
            description = "How long to wait for every core component to be up (default: ${DEFAULT-VALUE}).")
    private int readyTimeoutSeconds;

    @Override
    public Integer call() throws Exception {
        Installation installation = main.installation();
        if (background) {
            return startInBackground(installation);
        }
        boolean interactive = System.console() != null;
        return new Node(installation, Duration.ofSeconds(readyTimeoutSeconds), System.out).run(interactive);
    }

    private int startInBackground(Installation installation) throws IOException, InterruptedException {
        installation.requireDistribution();
        Files.createDirectories(installation.log());
        Path consoleLog = installation.log().resolve("console.log");
        Files.deleteIfExists(consoleLog);
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Main.class.getName());
        command.add("--data-dir");
        command.add(installation.dataDirectory().toString());
        command.add("start");
        command.add("--ready-timeout");
        command.add(Integer.toString(readyTimeoutSeconds));
        Process node = new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(consoleLog.toFile())
                .redirectErrorStream(true)
                .start();
        return awaitReady(node, consoleLog);
    }

    private int awaitReady(Process node, Path consoleLog) throws IOException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        Instant deadline = Instant.now().plusSeconds(readyTimeoutSeconds + 5L);
        while (Instant.now().isBefore(deadline)) {
            String log = Files.exists(consoleLog) ? Files.readString(consoleLog, StandardCharsets.UTF_8) : "";
            int marker = log.indexOf(READY_MARKER);
            if (marker >= 0) {
                int lineStart = log.lastIndexOf('\n', marker) + 1;
                int lineEnd = log.indexOf('\n', marker);
                out.println(log.substring(lineStart, lineEnd < 0 ? log.length() : lineEnd) + ", pid " + node.pid());
                return 0;
            }
            if (!node.isAlive()) {
                throw new UserError("The node exited with code " + node.exitValue() + " before it was ready:\n" + log.strip());
            }
            Thread.sleep(50);
        }
        throw new UserError("The node (pid " + node.pid() + ") was not ready within " + readyTimeoutSeconds
                + " s; it keeps trying. See " + consoleLog + " and 'swarmplace status'.");
    }
}
