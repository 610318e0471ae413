package io.swarmplace.launcher.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.swarmplace.launcher.Installation;
import io.swarmplace.launcher.UserError;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FrameworkPropertiesTest {

    @TempDir
    Path home;

    @Test
    void substitutesPlaceholdersRecursively() {
        Map<String, String> result = FrameworkProperties.substitute(Map.of(
                "a", "${b}/x", "b", "${c}-y", "c", "z", "untouched", "${no.such.property}"));
        assertThat(result).containsEntry("a", "z-y/x").containsEntry("b", "z-y").containsEntry("untouched", "${no.such.property}");
    }

    @Test
    void cyclicPlaceholdersAreAClearError() {
        assertThatThrownBy(() -> FrameworkProperties.substitute(Map.of("a", "${b}x", "b", "${a}y")))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("cycle");
    }

    @Test
    void launcherOwnsTheCacheAndShellModeWhateverTheFileSays() throws Exception {
        Files.createDirectories(home.resolve("conf"));
        Files.writeString(home.resolve("conf/swarmplace.properties"),
                "org.osgi.framework.storage=/elsewhere\nfelix.cm.dir=${swarmplace.data}/config\ngosh.args=--login\n");
        Installation installation = new Installation(home, home.resolve("data"));

        Map<String, String> headless = FrameworkProperties.load(installation, false);
        assertThat(headless)
                .containsEntry("org.osgi.framework.storage", home.resolve("data/cache").toString())
                .containsEntry("felix.cm.dir", home.resolve("data") + "/config")
                .containsEntry("gosh.args", "--nointeractive --noshutdown")
                .containsEntry("swarmplace.hotdeploy.dir", home.resolve("plugins").toString());
        assertThat(FrameworkProperties.load(installation, true)).containsEntry("gosh.args", "--noshutdown");
    }

    @Test
    void missingConfigurationFileSaysTheDistributionIsIncomplete() {
        Installation installation = new Installation(home, home.resolve("data"));
        assertThatThrownBy(() -> FrameworkProperties.load(installation, false))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("swarmplace.properties")
                .hasMessageContaining("unpack it again");
    }
}
