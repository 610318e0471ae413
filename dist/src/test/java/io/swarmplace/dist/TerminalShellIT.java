package io.swarmplace.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.swarmplace.testing.ExternalPart;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A person at a terminal gets the node's Gogo shell. {@code script} (util-linux) gives the node a
 * pseudo-terminal, as a real terminal would.
 */
class TerminalShellIT {

    @TempDir
    Path workDirectory;

    @Test
    void nodeAtATerminalOffersTheInteractiveShell() throws Exception {
        ExternalPart.require("the 'script' command (a pseudo-terminal)", "apt-get install bsdutils", () -> ExternalPart.onPath("script"));
        Distribution dist = Distribution.unpack(workDirectory);
        Path transcript = workDirectory.resolve("terminal.txt");
        String command = dist.home().resolve("bin/swarmplace") + " --data-dir " + dist.dataDirectory() + " start";
        Process terminal = new ProcessBuilder("script", "-q", "-e", "-f", "-c", command, "/dev/null")
                .redirectOutput(transcript.toFile())
                .redirectErrorStream(true)
                .start();
        try (OutputStream keyboard = terminal.getOutputStream()) {
            await().atMost(Duration.ofSeconds(60)).until(() -> Files.readString(transcript).contains(" ready in "));
            keyboard.write("lb -s\n".getBytes(StandardCharsets.UTF_8));
            keyboard.flush();
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> Files.readString(transcript).contains("io.swarmplace.plugins"));

            long nodePid = new ObjectMapper().readTree(dist.dataDirectory().resolve("control.json").toFile()).get("pid").asLong();
            ProcessHandle node = ProcessHandle.of(nodePid).orElseThrow();
            node.destroy();
            assertThat(node.onExit().get(15, TimeUnit.SECONDS).isAlive()).isFalse();
        } finally {
            terminal.destroy();
            terminal.waitFor(10, TimeUnit.SECONDS);
        }
        assertThat(Files.readString(transcript)).contains("Swarmplace stopped.");
    }

    @Test
    void installAtATerminalAsksForConsentInsteadOfFailing() throws Exception {
        ExternalPart.require("the 'script' command (a pseudo-terminal)", "apt-get install bsdutils", () -> ExternalPart.onPath("script"));
        Distribution dist = Distribution.unpack(workDirectory);
        try (RunningNode node = dist.start()) {
            TerminalRun declined = atTerminal(dist, "n\n", "plugin", "install", dist.exampleHelloJar().toString());
            assertThat(declined.exitCode()).as(declined.transcript()).isEqualTo(1);
            assertThat(declined.transcript()).contains("not signed by a trusted key", "Install it anyway? [y/N]", "Nothing was installed.");
            assertThat(dist.cli("plugin", "list").out()).doesNotContain("io.swarmplace.examples.hello");

            TerminalRun accepted = atTerminal(dist, "y\n", "plugin", "install", dist.exampleHelloJar().toString());
            assertThat(accepted.exitCode()).as(accepted.transcript()).isZero();
            assertThat(dist.cli("plugin", "list").out()).containsPattern("io\\.swarmplace\\.examples\\.hello\\s+1\\.0\\.0\\s+ACTIVE\\s+unsigned, consented");
        }
    }

    private record TerminalRun(int exitCode, String transcript) {}

    /** Runs bin/swarmplace with a pseudo-terminal, typing {@code keys} once it asks. */
    private TerminalRun atTerminal(Distribution dist, String keys, String... args) throws Exception {
        String command = dist.home().resolve("bin/swarmplace") + " --data-dir " + dist.dataDirectory() + " " + String.join(" ", args);
        Path transcript = Files.createTempFile(workDirectory, "terminal", ".txt");
        Process terminal = new ProcessBuilder("script", "-q", "-e", "-f", "-c", command, "/dev/null")
                .redirectOutput(transcript.toFile())
                .redirectErrorStream(true)
                .start();
        try (OutputStream keyboard = terminal.getOutputStream()) {
            await().atMost(Duration.ofSeconds(30)).until(() -> Files.readString(transcript).contains("[y/N]") || !terminal.isAlive());
            keyboard.write(keys.getBytes(StandardCharsets.UTF_8));
            keyboard.flush();
            assertThat(terminal.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }
        return new TerminalRun(terminal.exitValue(), Files.readString(transcript));
    }
}
