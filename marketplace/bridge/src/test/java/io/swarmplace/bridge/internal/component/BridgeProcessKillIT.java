package io.swarmplace.bridge.internal.component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.swarmplace.bridge.internal.engine.FaultPoint;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A node's JVM killed with SIGKILL while its bridge stands between two durable steps (every
 * {@link FaultPoint}: a deposit seen but not credited, credited but not recorded, recorded but not swept;
 * a withdrawal recorded, reserved, sent, confirmed on-chain or posted), then a new JVM over the same
 * data: the money arrives exactly once and the ledger agrees with the chain.
 */
class BridgeProcessKillIT {

    private static final Duration BOOT_AND_RUN = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(FaultPoint.class)
    void moneyArrivesExactlyOnceAfterTheNodeIsKilled(FaultPoint point) throws Exception {
        Process crashing = start("crash", point.name());
        try {
            try {
                await().atMost(BOOT_AND_RUN).until(() -> Files.exists(dir.resolve("data/bridge/crashed-" + point)) || !crashing.isAlive());
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                throw new AssertionError("the node never reached " + point + "; its log:\n" + log("crash"), e);
            }
            assertThat(crashing.isAlive()).as("the node waits at " + point + " to be killed; log: %s", log("crash")).isTrue();
        } finally {
            crashing.destroyForcibly(); // SIGKILL
            crashing.waitFor(30, TimeUnit.SECONDS);
        }

        Process checking = start("check");
        try {
            assertThat(checking.waitFor(BOOT_AND_RUN.toSeconds(), TimeUnit.SECONDS)).as(log("check")).isTrue();
            assertThat(checking.exitValue()).as(log("check")).isZero();
        } finally {
            checking.destroyForcibly();
        }
        Map<String, String> result = Files.readAllLines(dir.resolve("check.out")).stream().filter(l -> l.contains("="))
                .collect(Collectors.toMap(l -> l.substring(0, l.indexOf('=')), l -> l.substring(l.indexOf('=') + 1), (a, b) -> b));
        if (point.name().startsWith("DEPOSIT")) {
            assertThat(result.get("user")).isEqualTo(BridgeNodeProcess.btt(5).toString());
            assertThat(result.get("deposits").split("\\|")).hasSize(1);
        } else {
            assertThat(result.get("user")).isEqualTo(BridgeNodeProcess.btt(5).toString());
            assertThat(result.get("destination")).isEqualTo(BridgeNodeProcess.btt(4).toString());
            assertThat(result.get("withdrawals")).contains("SETTLED");
        }
        assertThat(result.get("verify")).contains("OK: the ledger and the chain agree");
    }

    private Process start(String... arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "-Dbridge.bundle=" + System.getProperty("bridge.bundle", "target/bridge-0.1.0-SNAPSHOT.jar"),
                BridgeNodeProcess.class.getName(), dir.toString()));
        command.addAll(List.of(arguments));
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve(arguments[0] + ".out").toFile()).start();
    }

    private String log(String name) {
        try {
            return Files.readString(dir.resolve(name + ".out"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
