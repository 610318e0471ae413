package io.swarmplace.dist;

import static org.assertj.core.api.Assertions.assertThat;

import io.swarmplace.dist.Distribution.CliResult;
import io.swarmplace.testing.TestBundles;
import io.swarmplace.testing.TestSigner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every failed install or update leaves the node exactly as it was: the same bundles in the same
 * states, and a message that says what went wrong.
 */
class PluginRollbackIT {

    private static final String HELLO = "io.swarmplace.examples.hello";

    @TempDir
    static Path workDirectory;

    private static Distribution dist;
    private static RunningNode node;

    @BeforeAll
    static void startNodeWithOnePlugin() throws Exception {
        dist = Distribution.unpack(Files.createDirectories(workDirectory.resolve("node")));
        node = dist.start();
        CliResult installed = dist.cli("plugin", "install", "--trust", dist.exampleHelloJar().toString());
        assertThat(installed.exitCode()).as(installed.toString()).isZero();
    }

    @AfterAll
    static void stopNode() throws Exception {
        node.close();
    }

    @Test
    void unresolvableImport() throws Exception {
        Path jar = TestBundles.bundle(workDirectory.resolve("unresolvable.jar"), "test.unresolvable", "1.0.0",
                Map.of("Import-Package", "org.example.nowhere;version=\"[3,4)\""));
        assertFailsAndChangesNothing(List.of("install", "--trust", jar.toString()), "org.example.nowhere");
    }

    @Test
    void activatorThatThrows() throws Exception {
        Path jar = TestBundles.bundleWithFailingActivator(
                workDirectory.resolve("failing.jar"), "test.failing.activator", "1.0.0", workDirectory.resolve("compile"));
        assertFailsAndChangesNothing(List.of("install", "--trust", jar.toString()), "activator refuses to start");
    }

    @Test
    void checksumMismatchAgainstTheIndex() throws Exception {
        Path repository = Files.createDirectories(workDirectory.resolve("tampered-repo"));
        Path jar = TestBundles.bundle(repository.resolve("victim.jar"), "test.victim", "1.0.0", Map.of());
        Path index = Fixtures.index(repository.resolve("index.xml"), List.of(jar));
        Files.write(jar, new byte[] {0}, StandardOpenOption.APPEND);
        assertFailsAndChangesNothing(List.of("install", "--trust", "--index", index.toString(), "test.victim"), "but the index says");
    }

    @Test
    void fileThatIsNotAJar() throws Exception {
        Path notAJar = Files.writeString(workDirectory.resolve("notes.jar"), "these are not the bytes you are looking for");
        assertFailsAndChangesNothing(List.of("install", "--trust", notAJar.toString()), "not a jar");
    }

    @Test
    void jarWithoutOsgiHeaders() throws Exception {
        Path plainJar = TestBundles.jar(workDirectory.resolve("plain.jar"), Map.of("Created-By", "a test"), Map.of("a.txt", new byte[] {1}));
        assertFailsAndChangesNothing(List.of("install", "--trust", plainJar.toString()), "Bundle-SymbolicName");
    }

    @Test
    void unreachableUrl() throws Exception {
        String url = "http://127.0.0.1:" + Fixtures.closedPort() + "/plugin.jar";
        assertFailsAndChangesNothing(List.of("install", "--trust", url), "127.0.0.1");
    }

    @Test
    void tamperedSignedJarIsRefusedEvenWithConsent() throws Exception {
        TestSigner signer = TestSigner.create("CN=Honest Author");
        Path signed = signer.sign(
                TestBundles.jar(workDirectory.resolve("honest.jar"),
                        Map.of("Bundle-ManifestVersion", "2", "Bundle-SymbolicName", "test.honest", "Bundle-Version", "1.0.0"),
                        Map.of("data.txt", "original".getBytes())),
                workDirectory.resolve("honest-signed.jar"));
        Path tampered = TestBundles.rewrite(signed, workDirectory.resolve("honest-tampered.jar"), Map.of("data.txt", "evil".getBytes()));
        assertFailsAndChangesNothing(List.of("install", "--trust", tampered.toString()), "signature");
    }

    @Test
    void failedUpdateKeepsThePreviousVersionRunning() throws Exception {
        Path broken = TestBundles.bundle(workDirectory.resolve("hello-2.0.0.jar"), HELLO, "2.0.0",
                Map.of("Import-Package", "org.example.missing"));
        assertFailsAndChangesNothing(List.of("update", "--trust", HELLO, broken.toString()), "org.example.missing");
        CliResult greeting = dist.cli("shell", "-c", "hello:greet Still");
        assertThat(greeting.out()).as("the previous version still serves").contains("Hello, Still!");
        assertThat(dist.cli("plugin", "list").out()).contains("1.0.0").doesNotContain("2.0.0");
    }

    private static void assertFailsAndChangesNothing(List<String> pluginArguments, String expectedInError) throws Exception {
        String before = bundleStates();
        String[] args = new String[pluginArguments.size() + 1];
        args[0] = "plugin";
        for (int i = 0; i < pluginArguments.size(); i++) {
            args[i + 1] = pluginArguments.get(i);
        }
        CliResult result = dist.cli(args);
        assertThat(result.exitCode()).as(result.toString()).isNotZero();
        assertThat(result.err()).as(result.toString()).startsWith("Error: ").containsIgnoringCase(expectedInError);
        assertThat(bundleStates()).as("bundles and their states after the failure").isEqualTo(before);
    }

    private static String bundleStates() throws Exception {
        CliResult lb = dist.cli("shell", "-c", "lb -s");
        assertThat(lb.exitCode()).as(lb.toString()).isZero();
        return lb.out();
    }
}
