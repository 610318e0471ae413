package io.swarmplace.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.swarmplace.dist.Distribution.CliResult;
import io.swarmplace.testing.TestBundles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hot deploy through the plugins/ folder, and a restart that keeps plugins and configuration. */
class HotDeployAndRestartIT {

    private static final String HELLO = "io.swarmplace.examples.hello";
    private static final Duration FILE_INSTALL_WAIT = Duration.ofSeconds(15);

    @TempDir
    Path workDirectory;

    @Test
    void droppedJarIsInstalledAndRemovedJarUninstalled() throws Exception {
        Distribution dist = Distribution.unpack(workDirectory);
        try (RunningNode node = dist.start()) {
            Path dropped = Files.copy(dist.exampleHelloJar(), dist.hotDeployFolder().resolve("hello.jar"));
            await().atMost(FILE_INSTALL_WAIT).pollInterval(Duration.ofMillis(300))
                    .until(() -> dist.cli("shell", "-c", "hello:greet Drop").out().contains("Hello, Drop!"));
            assertThat(dist.cli("plugin", "list").out()).contains(HELLO, "hot-deployed");

            Files.delete(dropped);
            await().atMost(FILE_INSTALL_WAIT).pollInterval(Duration.ofMillis(300))
                    .until(() -> !dist.cli("shell", "-c", "lb -s").out().contains(HELLO));
            assertThat(dist.cli("plugin", "list").out()).doesNotContain(HELLO);
        }
    }

    @Test
    void restartKeepsPluginsTheirStatesAndConfiguration() throws Exception {
        Distribution dist = Distribution.unpack(workDirectory);
        Path other = TestBundles.bundle(workDirectory.resolve("other.jar"), "test.other", "1.2.3", Map.of());
        try (RunningNode node = dist.start()) {
            assertThat(dist.cli("plugin", "install", "--trust", dist.exampleHelloJar().toString()).exitCode()).isZero();
            assertThat(dist.cli("plugin", "install", "--trust", other.toString()).exitCode()).isZero();
            assertThat(dist.cli("plugin", "disable", "test.other").exitCode()).isZero();
            Files.writeString(dist.home().resolve("conf/io.swarmplace.examples.hello.cfg"), "salutation=Ahoy\n");
            await().atMost(FILE_INSTALL_WAIT).pollInterval(Duration.ofMillis(300))
                    .until(() -> dist.cli("shell", "-c", "hello:greet Crew").out().contains("Ahoy, Crew!"));
            node.terminate();
        }
        try (RunningNode restarted = dist.start()) {
            CliResult list = dist.cli("plugin", "list");
            assertThat(list.out()).containsPattern(HELLO + "\\s+1\\.0\\.0\\s+ACTIVE");
            assertThat(list.out()).containsPattern("test\\.other\\s+1\\.2\\.3\\s+DISABLED");
            assertThat(dist.cli("shell", "-c", "hello:greet Crew").out()).contains("Ahoy, Crew!");
        }
    }
}
