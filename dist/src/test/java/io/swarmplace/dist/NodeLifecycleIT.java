package io.swarmplace.dist;

import static org.assertj.core.api.Assertions.assertThat;

import io.swarmplace.dist.Distribution.CliResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Starting, inspecting and stopping a node from the unpacked distribution, headless. */
class NodeLifecycleIT {

    @TempDir
    Path workDirectory;

    @Test
    void headlessNodeBecomesReadyAnswersTheCliAndStopsGracefullyOnSigterm() throws Exception {
        Distribution dist = Distribution.unpack(workDirectory);
        try (RunningNode node = dist.start()) {
            assertThat(node.console()).containsPattern("Swarmplace \\S+ ready in \\d+ ms");
            Thread.sleep(500); // stdin is at end of file: a plain Gogo shell would stop the node now
            assertThat(node.isAlive()).as("node keeps running without a terminal").isTrue();

            CliResult status = dist.cli("status");
            assertThat(status.exitCode()).as(status.toString()).isZero();
            assertThat(status.out()).contains("state:   ready").contains("pid:     " + node.pid());

            CliResult bundles = dist.cli("shell", "-c", "lb");
            assertThat(bundles.exitCode()).as(bundles.toString()).isZero();
            assertThat(bundles.out())
                    .contains("Apache Felix Declarative Services", "Apache Felix Configuration Admin", "Apache Felix Gogo Shell",
                            "Apache Felix File Install", "Apache Felix Log Service", "Swarmplace control channel",
                            "Swarmplace node", "Swarmplace plugin manager", "Swarmplace torrent", "Swarmplace DHT")
                    .doesNotContain("Installed", "Failure");
            // A fragment (the epoll native library attached to Netty's epoll classes) is never started.
            assertThat(bundles.out().lines().filter(line -> line.contains("|Resolved")))
                    .as("only fragments stay resolved").allMatch(line -> line.contains("Netty/Transport/Native/Epoll"));

            CliResult dht = dist.cli("shell", "-c", "dht:status");
            assertThat(dht.exitCode()).as(dht.toString()).isZero();
            assertThat(dht.out()).as("the DHT node on the loopback address the tests configure").contains("udp:      127.0.0.1:");

            CliResult second = dist.cli("start");
            assertThat(second.exitCode()).as(second.toString()).isEqualTo(1);
            assertThat(second.err()).contains("already running with data directory " + dist.dataDirectory());

            Duration stopTook = node.terminate();
            assertThat(stopTook).as("graceful stop within 10 s").isLessThan(Duration.ofSeconds(10));
            assertThat(node.console()).contains("Swarmplace stopping...", "Swarmplace stopped.");
            assertThat(dist.dataDirectory().resolve("control.json"))
                    .as("the control channel was deactivated, not killed")
                    .doesNotExist();
        }
        CliResult afterStop = dist.cli("status");
        assertThat(afterStop.exitCode()).as("LSB: 3 means not running").isEqualTo(3);
        assertThat(afterStop.err()).contains("No node is running with data directory");
    }

    @Test
    void backgroundStartAndStopCommand() throws Exception {
        Distribution dist = Distribution.unpack(workDirectory);
        CliResult start = dist.cli("start", "--background");
        assertThat(start.exitCode()).as(start.toString()).isZero();
        assertThat(start.out()).containsPattern("ready in \\d+ ms .*pid \\d+");

        CliResult stop = dist.cli("stop");
        assertThat(stop.exitCode()).as(stop.toString()).isZero();
        assertThat(stop.out()).contains("Node stopped.");
        assertThat(dist.cli("status").exitCode()).isEqualTo(3);
        assertThat(Files.readString(dist.dataDirectory().resolve("log/console.log"))).contains("Swarmplace stopped.");
    }

    @Test
    void dataDirectoryComesFromTheEnvironmentWhenNoFlagIsGiven() throws Exception {
        Distribution dist = Distribution.unpack(workDirectory);
        Path fromEnvironment = workDirectory.resolve("env-data");
        CliResult start = dist.cliWithEnvironment(java.util.Map.of("SWARMPLACE_DATA", fromEnvironment.toString()), "start", "--background");
        assertThat(start.exitCode()).as(start.toString()).isZero();
        assertThat(start.out()).contains("data: " + fromEnvironment);
        CliResult stop = dist.cliWithEnvironment(java.util.Map.of("SWARMPLACE_DATA", fromEnvironment.toString()), "stop");
        assertThat(stop.exitCode()).as(stop.toString()).isZero();
        assertThat(fromEnvironment.resolve("cache")).isDirectory();
    }

    @Test
    void aBrokenCoreComponentIsReportedByNameAndReason() throws Exception {
        Distribution dist = Distribution.unpack(workDirectory);
        Files.writeString(dist.home().resolve("conf/io.swarmplace.node.log.cfg"), "level=LOUD\n");
        CliResult start = dist.cli("start", "--background", "--ready-timeout", "3");
        try {
            assertThat(start.exitCode()).as(start.toString()).isEqualTo(1);
            assertThat(start.err()).contains("was not ready within 3 s");
            CliResult status = dist.cli("status");
            assertThat(status.out())
                    .contains("state:   not ready")
                    .contains("LogFileWriter: failed to activate")
                    .contains("log level 'LOUD' is not one of ERROR, WARN, INFO, DEBUG, TRACE");

            Files.writeString(dist.home().resolve("conf/io.swarmplace.node.log.cfg"), "level=INFO\n");
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(15))
                    .until(() -> dist.cli("status").out().contains("state:   ready"));
        } finally {
            dist.cli("stop");
        }
    }

    @Test
    void aNodeWithoutTheDhtBundleBecomesReady() throws Exception {
        Distribution dist = Distribution.unpack(workDirectory);
        try (var dhtJars = Files.newDirectoryStream(dist.home().resolve("bundles/30"), "dht-*.jar")) {
            for (Path jar : dhtJars) {
                Files.delete(jar);
            }
        }
        CliResult start = dist.cli("start", "--background", "--ready-timeout", "30");
        try {
            assertThat(start.exitCode()).as(start.toString()).isZero();
            CliResult status = dist.cli("status");
            assertThat(status.out()).as(status.toString()).contains("state:   ready").doesNotContain("problem:");
            CliResult bundles = dist.cli("shell", "-c", "lb");
            assertThat(bundles.out()).contains("Swarmplace torrent").doesNotContain("Swarmplace DHT");
        } finally {
            dist.cli("stop");
        }
    }

    @Test
    void cliExplainsItselfAndRejectsBadInput() throws Exception {
        Distribution dist = Distribution.unpack(workDirectory);
        CliResult version = dist.cli("--version");
        assertThat(version.exitCode()).isZero();
        assertThat(version.out()).startsWith("Swarmplace ");

        CliResult help = dist.cli("--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("start", "stop", "status", "shell", "plugin");

        CliResult missingArgument = dist.cli("plugin", "install");
        assertThat(missingArgument.exitCode()).as("usage error").isEqualTo(2);
        assertThat(missingArgument.err()).contains("Missing required parameter: 'SOURCE'");

        CliResult unknown = dist.cli("frobnicate");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("Unmatched argument");

        CliResult noNode = dist.cli("plugin", "list");
        assertThat(noNode.exitCode()).isEqualTo(3);
        assertThat(noNode.err()).contains("Start one with 'swarmplace start'");
    }
}
