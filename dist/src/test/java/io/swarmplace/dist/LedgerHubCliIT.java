package io.swarmplace.dist;

import static org.assertj.core.api.Assertions.assertThat;

import io.swarmplace.dist.Distribution.CliResult;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ledger hub bundle in a real node: shipped with its server off, and serving on loopback once
 * enabled in its configuration file.
 */
class LedgerHubCliIT {

    @TempDir
    Path work;

    @Test
    void theHubIsOffByDefaultAndServesOnceEnabled() throws Exception {
        Distribution dist = Distribution.unpack(work);
        Path config = dist.home().resolve("conf/io.swarmplace.ledger.hub.server.cfg");
        assertThat(Files.readString(config)).contains("enabled=false");
        try (RunningNode node = dist.start()) {
            assertThat(ok(dist.cli("shell", "-c", "hub:status")).out()).contains("Ledger hub disabled");
        }
        Files.writeString(config, "enabled=true\nhost=127.0.0.1\nport=0\n");
        try (RunningNode node = dist.start()) {
            assertThat(ok(dist.cli("shell", "-c", "hub:status")).out()).contains("listening:   /127.0.0.1:").contains("plain TCP");
            assertThat(ok(dist.cli("shell", "-c", "hub:keys")).out()).contains("No keys have opened accounts");
        }
    }

    private static CliResult ok(CliResult result) {
        assertThat(result.exitCode()).as(result.toString()).isZero();
        return result;
    }
}
