package io.swarmplace.testing.peers;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * One running external program: both output streams drained, a tail kept for error messages, and an end
 * that always comes (polite signal, then kill, then a JVM shutdown hook in case the test run dies first).
 */
final class ExternalProgram implements AutoCloseable {

    private static final Duration GRACE = Duration.ofSeconds(5);

    private final String name;
    private final List<String> command;
    private final Process process;
    private final OutputDrain stdout;
    private final OutputDrain stderr;
    private final Thread killOnExit;
    private final List<Consumer<String>> lineListeners = new CopyOnWriteArrayList<>();

    private ExternalProgram(String name, List<String> command, Process process, boolean drainStdout) {
        this.name = name;
        this.command = List.copyOf(command);
        this.process = process;
        this.stdout = drainStdout ? new OutputDrain(name + ".out", process.getInputStream(), this::lineSeen) : null;
        this.stderr = new OutputDrain(name + ".err", process.getErrorStream(), this::lineSeen);
        this.killOnExit = new Thread(this::kill, "kill-" + name);
        Runtime.getRuntime().addShutdownHook(killOnExit);
    }

    /** Starts {@code command} in {@code directory}, draining stdout and stderr. */
    static ExternalProgram start(String name, List<String> command, Path directory) {
        return start(name, command, directory, true);
    }

    /**
     * Starts {@code command}; when {@code drainStdout} is false the caller reads {@link #stdout()} itself
     * (a line protocol) and only stderr is drained here.
     */
    static ExternalProgram start(String name, List<String> command, Path directory, boolean drainStdout) {
        ProcessBuilder builder = new ProcessBuilder(command);
        if (directory != null) {
            builder.directory(directory.toFile());
        }
        try {
            return new ExternalProgram(name, command, builder.start(), drainStdout);
        } catch (IOException e) {
            throw new PeerFixtureException("could not start " + name + " (" + String.join(" ", command) + "): " + e.getMessage(), e);
        }
    }

    /** CPU time the program has used so far (user and system), where the platform tells it. */
    java.util.Optional<Duration> cpuTime() {
        return process.info().totalCpuDuration();
    }

    private void lineSeen(String line) {
        for (Consumer<String> listener : lineListeners) {
            listener.accept(line);
        }
    }

    /**
     * Waits until the program writes a line matching {@code wanted} (on either stream; lines written before
     * this call are looked for in the tail) and returns it, failing if it exits or the time runs out.
     */
    String awaitLine(Predicate<String> wanted, Duration timeout, String what) {
        java.util.concurrent.BlockingQueue<String> matches = new java.util.concurrent.LinkedBlockingQueue<>();
        Consumer<String> listener = line -> {
            if (wanted.test(line)) {
                matches.add(line);
            }
        };
        lineListeners.add(listener);
        try {
            java.util.Optional<String> earlier = tail().lines().filter(wanted).findFirst();
            if (earlier.isPresent()) {
                return earlier.get();
            }
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                String line = matches.poll(50, TimeUnit.MILLISECONDS);
                if (line != null) {
                    return line;
                }
                if (!process.isAlive()) {
                    awaitDrained();
                    line = matches.poll();
                    if (line != null) {
                        return line;
                    }
                    throw new PeerFixtureException(name + " exited with code " + process.exitValue() + " before " + what
                            + describe());
                }
            }
            throw new PeerTimeoutException(name + " did not report " + what + " within " + timeout + describe());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PeerFixtureException("interrupted while waiting for " + name + " to report " + what, e);
        } finally {
            lineListeners.remove(listener);
        }
    }

    /** Waits for the program to exit by itself; returns its exit code. */
    int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new PeerTimeoutException(name + " was still running after " + timeout + describe());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PeerFixtureException("interrupted while waiting for " + name + " to exit", e);
        }
        awaitDrained();
        return process.exitValue();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    OutputStream stdin() {
        return process.getOutputStream();
    }

    java.io.InputStream stdout() {
        return process.getInputStream();
    }

    String name() {
        return name;
    }

    /** Both streams' last lines, stderr last. */
    String tail() {
        String out = stdout == null ? "" : stdout.tail();
        String err = stderr.tail();
        return out.isEmpty() ? err : err.isEmpty() ? out : out + "\n" + err;
    }

    /** A suffix for exception messages: the command line and the program's last output lines. */
    String describe() {
        String tail = tail();
        return "\n  command: " + String.join(" ", command)
                + (tail.isEmpty() ? "\n  (no output)" : "\n  last output:\n    " + tail.replace("\n", "\n    "));
    }

    private void awaitDrained() {
        if (stdout != null) {
            stdout.awaitEnd(1000);
        }
        stderr.awaitEnd(1000);
    }

    /** Sends SIGHUP (there is no Java API for other signals; /bin/kill is always there on Linux). */
    void hangUp() {
        try {
            Process kill = new ProcessBuilder("/bin/kill", "-HUP", Long.toString(process.pid())).redirectErrorStream(true).start();
            if (!kill.waitFor(5, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                kill.destroyForcibly();
                throw new PeerFixtureException("could not send SIGHUP to " + name + " (pid " + process.pid() + ")");
            }
        } catch (IOException e) {
            throw new PeerFixtureException("could not run /bin/kill to signal " + name + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PeerFixtureException("interrupted while signalling " + name, e);
        }
    }

    /** Ends the program: SIGTERM, a grace period, then SIGKILL; children too. */
    @Override
    public void close() {
        kill();
        try {
            Runtime.getRuntime().removeShutdownHook(killOnExit);
        } catch (IllegalStateException shuttingDown) {
            // The hook is running or about to: nothing to remove.
        }
    }

    /** Waits up to the grace period for a program already asked to stop (e.g. by closing its stdin), then kills. */
    void closeAfterGrace(Duration grace) {
        try {
            process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        close();
    }

    private void kill() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        awaitDrained();
    }
}
