package io.swarmplace.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.swarmplace.dist.Distribution.CliResult;
import io.swarmplace.testing.TestBundles;
import io.swarmplace.testing.TestSigner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Install, list, disable, enable, update and remove plugins on one running node, through the CLI. */
class PluginLifecycleIT {

    private static final String HELLO = "io.swarmplace.examples.hello";

    @TempDir
    static Path workDirectory;

    private static Distribution dist;
    private static RunningNode node;

    @BeforeAll
    static void startNode() throws Exception {
        dist = Distribution.unpack(Files.createDirectories(workDirectory.resolve("node")));
        node = dist.start();
    }

    @AfterAll
    static void stopNode() throws Exception {
        node.close();
    }

    @Test
    void sampleLifecycleFromConsentToRemoval() throws Exception {
        Path hello = dist.exampleHelloJar();

        CliResult refused = dist.cli("plugin", "install", hello.toString());
        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(1);
        assertThat(refused.err()).contains("not signed by a trusted key", "--trust");
        assertThat(dist.cli("plugin", "list").out()).doesNotContain(HELLO);

        CliResult installed = dist.cli("plugin", "install", "--trust", hello.toString());
        assertThat(installed.exitCode()).as(installed.toString()).isZero();
        assertThat(listRow(HELLO)).contains("1.0.0", "ACTIVE", "unsigned", hello.toString());
        assertThat(greet("Alice").out()).contains("Hello, Alice!");

        CliResult duplicate = dist.cli("plugin", "install", "--trust", hello.toString());
        assertThat(duplicate.exitCode()).isEqualTo(1);
        assertThat(duplicate.err()).contains("already installed", "update");

        assertThat(dist.cli("plugin", "disable", HELLO).exitCode()).isZero();
        assertThat(listRow(HELLO)).contains("DISABLED");
        assertThat(greet("Alice").exitCode()).as("a disabled plugin's command is gone").isNotZero();

        assertThat(dist.cli("plugin", "enable", HELLO).exitCode()).isZero();
        assertThat(listRow(HELLO)).contains("ACTIVE");

        Path newer = TestBundles.withVersion(hello, workDirectory.resolve("hello-1.1.0.jar"), "1.1.0");
        CliResult updated = dist.cli("plugin", "update", "--trust", HELLO, newer.toString());
        assertThat(updated.exitCode()).as(updated.toString()).isZero();
        assertThat(listRow(HELLO)).contains("1.1.0", "ACTIVE");
        assertThat(greet("Bob").out()).contains("Hello, Bob!");

        CliResult removed = dist.cli("plugin", "remove", HELLO);
        assertThat(removed.exitCode()).as(removed.toString()).isZero();
        assertThat(dist.cli("plugin", "list").out()).doesNotContain(HELLO);
        assertThat(dist.cli("shell", "-c", "lb -s " + HELLO).out()).doesNotContain(HELLO);

        CliResult unknown = dist.cli("plugin", "remove", HELLO);
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.err()).contains(HELLO);
    }

    @Test
    void pluginSignedByTrustedKeyInstallsSilently() throws Exception {
        TestSigner alice = TestSigner.create("CN=Alice Plugins");
        Path certificate = alice.writeCertificate(workDirectory.resolve("alice.pem"));
        CliResult trusted = dist.cli("plugin", "trust", certificate.toString());
        assertThat(trusted.exitCode()).as(trusted.toString()).isZero();
        assertThat(dist.cli("plugin", "trusted").out()).contains("CN=Alice Plugins");

        Path plain = TestBundles.jar(workDirectory.resolve("signed-plain.jar"), headers("test.signed.alice"),
                Map.of("test/signed/alice/readme.txt", "from Alice".getBytes()));
        Path signed = alice.sign(plain, workDirectory.resolve("signed-alice.jar"));
        CliResult installed = dist.cli("plugin", "install", signed.toString());
        assertThat(installed.exitCode()).as(installed.toString()).isZero();
        assertThat(listRow("test.signed.alice")).contains("ACTIVE", "trusted", "CN=Alice Plugins");

        TestSigner mallory = TestSigner.create("CN=Mallory");
        Path other = mallory.sign(
                TestBundles.jar(workDirectory.resolve("mallory-plain.jar"), headers("test.signed.mallory"),
                        Map.of("test/signed/mallory/readme.txt", "from Mallory".getBytes())),
                workDirectory.resolve("signed-mallory.jar"));
        CliResult refused = dist.cli("plugin", "install", other.toString());
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).contains("CN=Mallory");
        CliResult consented = dist.cli("plugin", "install", "--trust", other.toString());
        assertThat(consented.exitCode()).as(consented.toString()).isZero();
        assertThat(listRow("test.signed.mallory")).contains("untrusted signer", "CN=Mallory");

        assertThat(dist.cli("plugin", "remove", "test.signed.alice").exitCode()).isZero();
        assertThat(dist.cli("plugin", "remove", "test.signed.mallory").exitCode()).isZero();
    }

    @Test
    void installFromRepositoryIndexResolvesDependenciesFromTheIndex() throws Exception {
        Path repository = Files.createDirectories(workDirectory.resolve("repository"));
        Path helloCopy = Files.copy(dist.exampleHelloJar(), repository.resolve("hello-1.0.0.jar"));
        Path consumer = TestBundles.bundle(repository.resolve("consumer-1.0.0.jar"), "test.hello.consumer", "1.0.0",
                Map.of("Import-Package", "io.swarmplace.examples.hello;version=\"[1.0,2)\""));
        Path index = Fixtures.index(repository.resolve("index.xml"), List.of(helloCopy, consumer));

        CliResult installed = dist.cli("plugin", "install", "--trust", "--index", index.toString(), "test.hello.consumer");
        assertThat(installed.exitCode()).as(installed.toString()).isZero();
        assertThat(listRow("test.hello.consumer")).contains("ACTIVE", index.toString());
        assertThat(dist.cli("shell", "-c", "lb -s " + HELLO).out()).as("its dependency came from the index").contains("Active");
        assertThat(greet("Index").out()).as("the dependency from the index runs too").contains("Hello, Index!");

        CliResult removed = dist.cli("plugin", "remove", "test.hello.consumer");
        assertThat(removed.exitCode()).as(removed.toString()).isZero();
        assertThat(dist.cli("shell", "-c", "lb -s").out())
                .as("the dependency installed for it goes with it")
                .doesNotContain(HELLO, "test.hello.consumer");
    }

    @Test
    void installFromHttpUrl() throws Exception {
        Path served = Files.createDirectories(workDirectory.resolve("served"));
        TestBundles.bundle(served.resolve("web-plugin.jar"), "test.web.plugin", "2.0.0", Map.of());
        HttpServer server = Fixtures.serve(served);
        try {
            CliResult installed = dist.cli("plugin", "install", "--trust", Fixtures.url(server, "web-plugin.jar"));
            assertThat(installed.exitCode()).as(installed.toString()).isZero();
            assertThat(listRow("test.web.plugin")).contains("2.0.0", "ACTIVE", Fixtures.url(server, "web-plugin.jar"));
        } finally {
            server.stop(0);
        }
        assertThat(dist.cli("plugin", "remove", "test.web.plugin").exitCode()).isZero();
    }

    private static Map<String, String> headers(String symbolicName) {
        return Map.of("Bundle-ManifestVersion", "2", "Bundle-SymbolicName", symbolicName, "Bundle-Version", "1.0.0");
    }

    private static CliResult greet(String name) throws Exception {
        return dist.cli("shell", "-c", "hello:greet " + name);
    }

    /** The line of {@code plugin list} that names {@code name}. */
    private static String listRow(String name) throws Exception {
        CliResult list = dist.cli("plugin", "list");
        assertThat(list.exitCode()).as(list.toString()).isZero();
        return list.out().lines()
                .filter(line -> line.startsWith(name + " ") || line.contains(" " + name + " "))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no row for " + name + " in:\n" + list.out()));
    }
}
