package io.swarmplace.tron.devnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;

class DevnetMainTest {

    @Test
    void parsesTheCommandLine() {
        DevnetConfig config = DevnetMain.parse(new String[] {"--port", "50100", "--data", "/tmp/chain", "--block-interval-ms", "200"});
        assertThat(config).isEqualTo(new DevnetConfig(50100, Path.of("/tmp/chain"), Duration.ofMillis(200), 19));
    }

    @Test
    void acceptsTheDataDirOptionOfTheDistributionsCommand() {
        DevnetConfig config = DevnetMain.parse(new String[] {"--data-dir", "/tmp/chain", "--port", "0"});
        assertThat(config.dataDirectory()).isEqualTo(Path.of("/tmp/chain"));
        assertThat(config.port()).isZero();
    }

    @Test
    void refusesToRunWithoutADataDirectory() {
        assertThatThrownBy(() -> DevnetMain.parse(new String[] {"--port", "1"})).hasMessageContaining("--data");
    }
}
