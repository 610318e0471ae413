package io.swarmplace.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The built tarball, unpacked into a folder of the test's own, driven only through bin/swarmplace as
 * a user would: nothing of the node runs in the test's JVM.
 */
final class Distribution {

    private static final long CLI_TIMEOUT_SECONDS = 120;

    private final Path home;
    private final Path dataDirectory;

    private Distribution(Path home, Path dataDirectory) {
        this.home = home;
        this.dataDirectory = dataDirectory;
    }

    /** Unpacks the tarball under {@code directory}; the node's data goes to {@code directory}/data. */
    static Distribution unpack(Path directory) throws IOException, InterruptedException {
        Path tarball = Path.of(System.getProperty("swarmplace.dist.tarball", "target/missing.tar.gz"));
        assertThat(tarball).as("the distribution tarball (built by 'package')").isRegularFile();
        Process tar = new ProcessBuilder("tar", "xzf", tarball.toString(), "-C", directory.toString())
                .inheritIO()
                .start();
        assertThat(tar.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(tar.exitValue()).as("tar exit code").isZero();
        String folder = tarball.getFileName().toString().replace(".tar.gz", "");
        Path home = directory.resolve(folder);
        // Tests may run nodes side by side: peers on a free loopback port instead of 6881.
        Files.writeString(home.resolve("conf/io.swarmplace.torrent.cfg"), "listenAddress=127.0.0.1\nlistenPort=0\n");
        // ...and a DHT node on loopback that bootstraps from nobody: CI never talks to the public DHT.
        Files.writeString(home.resolve("conf/io.swarmplace.dht.cfg"), "bindAddress=127.0.0.1\nport=0\nbootstrapNodes=\n");
        return new Distribution(home, directory.resolve("data"));
    }

    Path home() {
        return home;
    }

    Path dataDirectory() {
        return dataDirectory;
    }

    Path hotDeployFolder() {
        return home.resolve("plugins");
    }

    Path exampleHelloJar() {
        return home.resolve("examples/hello-1.0.0.jar");
    }

    /** Runs {@code bin/swarmplace --data-dir <data> args...} with no terminal and waits for it. */
    CliResult cli(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/swarmplace").toString(), "--data-dir", dataDirectory.toString()));
        command.addAll(List.of(args));
        return run(command, Map.of());
    }

    /** Runs {@code bin/swarmplace args...} without --data-dir, with extra environment variables. */
    CliResult cliWithEnvironment(Map<String, String> environment, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/swarmplace").toString()));
        command.addAll(List.of(args));
        return run(command, environment);
    }

    private CliResult run(List<String> command, Map<String, String> environment) throws IOException, InterruptedException {
        Path out = Files.createTempFile("cli", ".out");
        Path err = Files.createTempFile("cli", ".err");
        try {
            ProcessBuilder builder = new ProcessBuilder(command);
            builder.environment().putAll(environment);
            Process process = builder
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .start();
            if (!process.waitFor(CLI_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish in " + CLI_TIMEOUT_SECONDS + " s");
            }
            return new CliResult(process.exitValue(),
                    Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** Starts a node in the foreground of a child process, headless (stdin at end of file). */
    RunningNode start() throws IOException, InterruptedException {
        return RunningNode.start(home, dataDirectory);
    }

    record CliResult(int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }
}
