package io.swarmplace.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/** A node process started by a test: {@code bin/swarmplace start} with no terminal. */
final class RunningNode implements AutoCloseable {

    static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final Process process;
    private final Path console;

    private RunningNode(Process process, Path console) {
        this.process = process;
        this.console = console;
    }

    static RunningNode start(Path home, Path dataDirectory) throws IOException, InterruptedException {
        Files.createDirectories(dataDirectory);
        Path console = Files.createTempFile(dataDirectory.getParent(), "node", ".console");
        Process process = new ProcessBuilder(home.resolve("bin/swarmplace").toString(), "--data-dir", dataDirectory.toString(), "start")
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(console.toFile())
                .redirectErrorStream(true)
                .start();
        RunningNode node = new RunningNode(process, console);
        node.awaitOutput(" ready in ", READY_TIMEOUT);
        return node;
    }

    /** Waits until the console shows {@code text}; fails with the console if the node dies first. */
    void awaitOutput(String text, Duration timeout) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (console().contains(text)) {
                return;
            }
            if (!process.isAlive()) {
                throw new AssertionError("node exited with " + process.exitValue() + " before printing '" + text + "':\n" + console());
            }
            Thread.sleep(25);
        }
        throw new AssertionError("node did not print '" + text + "' within " + timeout + ":\n" + console());
    }

    String console() throws IOException {
        return Files.readString(console, StandardCharsets.UTF_8);
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Sends SIGTERM, as a service manager or Ctrl-C would, and returns how long the exit took. */
    Duration terminate() throws InterruptedException {
        Instant start = Instant.now();
        process.destroy();
        boolean exited = process.waitFor(30, TimeUnit.SECONDS);
        assertThat(exited).as("node exits after SIGTERM").isTrue();
        return Duration.between(start, Instant.now());
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
