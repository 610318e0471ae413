package io.swarmplace.launcher.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import org.apache.felix.framework.FrameworkFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.launch.Framework;

/** Core bundles synchronized with bundles/ in a real Felix: installed once, updated when their content changes. */
class CoreBundlesTest {

    @TempDir
    Path temp;

    private Framework framework;
    private Path jar;
    private CoreBundles coreBundles;

    @BeforeEach
    void start() throws Exception {
        framework = new FrameworkFactory().newFramework(Map.of(Constants.FRAMEWORK_STORAGE, temp.resolve("cache").toString(),
                Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT));
        framework.start();
        jar = Files.createDirectories(temp.resolve("bundles/30")).resolve("sample.jar");
        coreBundles = new CoreBundles(framework.getBundleContext(), temp.resolve("bundles"), temp.resolve("data"));
    }

    @AfterEach
    void stop() throws Exception {
        framework.stop();
        framework.waitForStop(10_000);
    }

    @Test
    void installsOnceThenUpdatesOnlyWhenTheContentChanges() throws Exception {
        writeBundle("1.0.0", 1_000_000_000_000L);
        List<Bundle> installed = coreBundles.synchronize();
        assertThat(installed).hasSize(1);
        Bundle bundle = installed.get(0);
        assertThat(bundle.getLocation()).isEqualTo("swarmplace-core:30/sample.jar");
        assertThat(coreBundles.synchronize()).as("nothing changed").isEmpty();

        // Same bytes, new modification time: hashed again, found equal, not updated.
        Files.setLastModifiedTime(jar, FileTime.fromMillis(1_000_000_500_000L));
        assertThat(coreBundles.synchronize()).isEmpty();
        assertThat(Files.readString(temp.resolve("data/core-bundles.properties"))).contains("\\:1000000500000");

        // A new jar in its place (a distribution upgrade): updated.
        writeBundle("2.0.0", 1_000_001_000_000L);
        assertThat(coreBundles.synchronize()).containsExactly(bundle);
        assertThat(bundle.getVersion().toString()).isEqualTo("2.0.0");
        assertThat(coreBundles.synchronize()).isEmpty();
    }

    @Test
    void aStateFileWithDigestsOnlyIsReadAndRewrittenWithStamps() throws Exception {
        writeBundle("1.0.0", 1_000_000_000_000L);
        coreBundles.synchronize();
        Path state = temp.resolve("data/core-bundles.properties");
        // What earlier versions wrote: the digest alone.
        Files.writeString(state, Files.readString(state).replaceAll(";[^\\n]*", ""));
        assertThat(coreBundles.synchronize()).isEmpty();
        assertThat(Files.readString(state)).contains(";" + Files.size(jar) + "\\:1000000000000");
    }

    private void writeBundle(String version, long modifiedMillis) throws IOException {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue(Constants.BUNDLE_MANIFESTVERSION, "2");
        main.putValue(Constants.BUNDLE_SYMBOLICNAME, "io.swarmplace.test.sample");
        main.putValue(Constants.BUNDLE_VERSION, version);
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream jarOut = new JarOutputStream(out, manifest)) {
            jarOut.putNextEntry(new ZipEntry("sample/version.txt"));
            jarOut.write(version.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            jarOut.closeEntry();
        }
        Files.setLastModifiedTime(jar, FileTime.fromMillis(modifiedMillis));
    }
}
