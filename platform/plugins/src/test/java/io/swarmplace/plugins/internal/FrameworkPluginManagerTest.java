package io.swarmplace.plugins.internal;

import io.swarmplace.testing.TestBundles;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import aQute.bnd.osgi.repository.SimpleIndexer;
import com.sun.net.httpserver.HttpServer;
import io.swarmplace.plugins.InstallRequest;
import io.swarmplace.plugins.PluginException;
import io.swarmplace.plugins.PluginInfo;
import io.swarmplace.plugins.PluginNotFoundException;
import io.swarmplace.plugins.PluginState;
import io.swarmplace.plugins.TamperedPluginException;
import io.swarmplace.plugins.Trust;
import io.swarmplace.plugins.UntrustedPluginException;
import io.swarmplace.plugins.internal.transaction.FrameworkSnapshot;
import io.swarmplace.plugins.internal.trust.FileTrustStore;
import java.io.File;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.startlevel.BundleStartLevel;
import org.osgi.service.resolver.Resolver;

/** Drives the plugin manager against one real embedded Felix framework. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FrameworkPluginManagerTest {

    @TempDir
    static Path dir;

    private Framework framework;
    private BundleContext context;
    private FrameworkPluginManager manager;
    private Path jars;

    @BeforeAll
    void bootFramework() throws Exception {
        Map<String, String> properties = new HashMap<>();
        properties.put("org.osgi.framework.storage", dir.resolve("felix-cache").toString());
        properties.put("org.osgi.framework.storage.clean", "onFirstInit");
        properties.put("org.osgi.framework.startlevel.beginning", "100");
        properties.put(PluginDirectories.DATA_PROPERTY, dir.resolve("data").toString());
        properties.put(FrameworkPluginManager.STARTLEVEL_PROPERTY, "80");
        properties.put(HotDeployFolder.PROPERTY, dir.resolve("hot").toString());
        framework = new org.apache.felix.framework.FrameworkFactory().newFramework(properties);
        framework.start();
        context = framework.getBundleContext();
        Resolver resolver = context.getService(context.getServiceReference(Resolver.class));
        FileTrustStore trust = new FileTrustStore(dir.resolve("data/plugins/trust"));
        manager = new FrameworkPluginManager(context, resolver, trust,
                new PluginSettings(Duration.ofSeconds(5), 1024 * 1024, Duration.ofSeconds(10)));
        jars = Files.createDirectories(dir.resolve("jars"));
    }

    @AfterAll
    void stopFramework() throws Exception {
        manager.deactivate();
        framework.stop();
        framework.waitForStop(10_000);
    }

    @AfterEach
    void removeEveryPlugin() throws Exception {
        for (PluginInfo plugin : manager.list()) {
            if (plugin.trust().level() != Trust.Level.HOT_DEPLOYED) {
                manager.remove(plugin.name());
            }
        }
    }

    @Test
    void installsAJarAndStartsIt() throws Exception {
        Path jar = TestBundles.bundle(jars.resolve("simple.jar"), "io.test.simple", "1.0.0", Map.of());

        PluginInfo installed = manager.install(InstallRequest.jar(jar.toString(), true));

        assertThat(installed.name()).isEqualTo("io.test.simple");
        assertThat(installed.version()).isEqualTo("1.0.0");
        assertThat(installed.state()).isEqualTo(PluginState.ACTIVE);
        assertThat(installed.trust().level()).isEqualTo(Trust.Level.CONSENTED_UNSIGNED);
        assertThat(installed.source()).isEqualTo(jar.toString());
        Bundle bundle = context.getBundle(installed.bundleId());
        assertThat(bundle.adapt(BundleStartLevel.class).getStartLevel()).isEqualTo(80);
        assertThat(manager.list()).extracting(PluginInfo::name).containsExactly("io.test.simple");
        assertThat(Files.readString(dir.resolve("data/plugins/registry.json"))).contains("io.test.simple");
        assertThat(dir.resolve("data/plugins/store").toFile().list()).hasSize(1);
    }

    @Test
    void refusesToInstallTheSameNameTwice() throws Exception {
        Path jar = TestBundles.bundle(jars.resolve("twice.jar"), "io.test.twice", "1.0.0", Map.of());
        manager.install(InstallRequest.jar(jar.toString(), true));

        assertUnchangedAfter(() -> manager.install(InstallRequest.jar(jar.toString(), true)), PluginException.class,
                "io.test.twice is already installed; nothing was installed. Use 'swarmplace:update io.test.twice");
    }

    @Test
    void installsFromAnIndexWithADependencyAndRemovesBoth() throws Exception {
        Path index = writeIndex("repo-ok", Map.of());

        PluginInfo app = manager.install(InstallRequest.fromIndex(index.toString(), "io.test.app", Optional.empty(), true));

        assertThat(app.state()).isEqualTo(PluginState.ACTIVE);
        assertThat(app.version()).isEqualTo("1.1.0");
        assertThat(app.dependencies()).containsExactly("io.test.lib");
        assertThat(app.source()).endsWith("index.xml#io.test.app");
        assertThat(bundleNamed("io.test.lib")).map(Bundle::getState).contains(Bundle.ACTIVE);

        manager.remove("io.test.app");

        assertThat(bundleNamed("io.test.app")).isEmpty();
        assertThat(bundleNamed("io.test.lib")).isEmpty();
        assertThat(manager.list()).isEmpty();
    }

    @Test
    void installsTheHighestVersionInARange() throws Exception {
        Path index = writeIndex("repo-range", Map.of());

        PluginInfo app = manager.install(InstallRequest.fromIndex(index.toString(), "io.test.app", Optional.of("[1.0,1.1)"), true));

        assertThat(app.version()).isEqualTo("1.0.0");
    }

    @Test
    void updatesToANewerVersionAndKeepsItRunning() throws Exception {
        manager.install(InstallRequest.jar(TestBundles.bundle(jars.resolve("up-1.jar"), "io.test.up", "1.0.0", Map.of()).toString(), true));
        Path v2 = TestBundles.bundle(jars.resolve("up-2.jar"), "io.test.up", "2.0.0", Map.of());

        PluginInfo updated = manager.update("io.test.up", InstallRequest.jar(v2.toString(), true));

        assertThat(updated.version()).isEqualTo("2.0.0");
        assertThat(updated.state()).isEqualTo(PluginState.ACTIVE);
        assertThat(updated.source()).isEqualTo(v2.toString());
        assertThat(dir.resolve("data/plugins/store").toFile().list()).hasSize(1);
    }

    @Test
    void aFailedUpdateKeepsThePreviousVersionRunning() throws Exception {
        PluginInfo before = manager.install(InstallRequest.jar(
                TestBundles.bundle(jars.resolve("keep-1.jar"), "io.test.keep", "1.0.0", Map.of()).toString(), true));
        Path broken = throwingBundle(jars.resolve("keep-2.jar"), "io.test.keep", "2.0.0");

        assertUnchangedAfter(() -> manager.update("io.test.keep", InstallRequest.jar(broken.toString(), true)), PluginException.class,
                "io.test.keep 2.0.0 failed to start: IllegalStateException: activator refuses to start");

        Bundle bundle = context.getBundle(before.bundleId());
        assertThat(bundle.getVersion().toString()).isEqualTo("1.0.0");
        assertThat(bundle.getState()).isEqualTo(Bundle.ACTIVE);
        assertThat(manager.list()).containsExactly(before);
    }

    @Test
    void anUpdateWithAnUnresolvableImportKeepsThePreviousVersion() throws Exception {
        manager.install(InstallRequest.jar(TestBundles.bundle(jars.resolve("imp-1.jar"), "io.test.imp", "1.0.0", Map.of()).toString(), true));
        Path v2 = TestBundles.bundle(jars.resolve("imp-2.jar"), "io.test.imp", "2.0.0", Map.of("Import-Package", "com.example.missing"));

        assertUnchangedAfter(() -> manager.update("io.test.imp", InstallRequest.jar(v2.toString(), true)), PluginException.class,
                "com.example.missing");
        assertThat(bundleNamed("io.test.imp")).map(b -> b.getVersion().toString()).contains("1.0.0");
    }

    @Test
    void disablesAndEnables() throws Exception {
        manager.install(InstallRequest.jar(TestBundles.bundle(jars.resolve("toggle.jar"), "io.test.toggle", "1.0.0", Map.of()).toString(), true));

        assertThat(manager.disable("io.test.toggle").state()).isEqualTo(PluginState.DISABLED);
        assertThat(bundleNamed("io.test.toggle").orElseThrow().getState()).isEqualTo(Bundle.RESOLVED);
        assertThat(manager.enable("io.test.toggle").state()).isEqualTo(PluginState.ACTIVE);
        assertThatThrownBy(() -> manager.enable("io.test.nothing")).isInstanceOf(PluginNotFoundException.class)
                .hasMessageContaining("no plugin named io.test.nothing is installed");
    }

    @Test
    void rollsBackAnUnresolvableImport() throws Exception {
        Path jar = TestBundles.bundle(jars.resolve("needs.jar"), "io.test.needs", "1.0.0", Map.of("Import-Package", "com.example.missing"));

        assertUnchangedAfter(() -> manager.install(InstallRequest.jar(jar.toString(), true)), PluginException.class,
                "io.test.needs 1.0.0 cannot be resolved", "com.example.missing", "Nothing was installed.");
    }

    @Test
    void rollsBackAnActivatorThatThrows() throws Exception {
        Path jar = throwingBundle(jars.resolve("throws.jar"), "io.test.throws", "1.0.0");

        assertUnchangedAfter(() -> manager.install(InstallRequest.jar(jar.toString(), true)), PluginException.class,
                "io.test.throws 1.0.0 failed to start: IllegalStateException: activator refuses to start", "Nothing was installed.");
    }

    @Test
    void rollsBackAChecksumMismatchInTheIndex() throws Exception {
        Path index = writeIndex("repo-tampered", Map.of());
        // Replace the library after indexing, as a compromised mirror would.
        TestBundles.bundle(index.resolveSibling("lib-1.0.0.jar"), "io.test.lib", "1.0.0", Map.of("X-Evil", "yes"));

        assertUnchangedAfter(() -> manager.install(InstallRequest.fromIndex(index.toString(), "io.test.app", Optional.empty(), true)),
                TamperedPluginException.class, "io.test.lib 1.0.0", "but the index says");
    }

    @Test
    void reportsAMissingDependencyInTheIndex() throws Exception {
        Path index = writeIndex("repo-incomplete", Map.of("skip-lib", "yes"));

        assertUnchangedAfter(() -> manager.install(InstallRequest.fromIndex(index.toString(), "io.test.app", Optional.empty(), true)),
                PluginException.class, "cannot be installed", "io.test.lib.api");
    }

    @Test
    void rollsBackANonJarFile() throws Exception {
        Path text = Files.writeString(jars.resolve("readme.jar"), "just text");

        assertUnchangedAfter(() -> manager.install(InstallRequest.jar(text.toString(), true)), PluginException.class, "is not a jar");
    }

    @Test
    void rollsBackAJarWithoutOsgiHeaders() throws Exception {
        Path plain = TestBundles.plain(jars.resolve("plain.jar"));

        assertUnchangedAfter(() -> manager.install(InstallRequest.jar(plain.toString(), true)), PluginException.class,
                "is not an OSGi bundle: no Bundle-SymbolicName header");
    }

    @Test
    void rollsBackAnUnreachableUrl() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String url = "http://127.0.0.1:" + closedPort + "/x.jar";

        assertUnchangedAfter(() -> manager.install(InstallRequest.jar(url, true)), PluginException.class,
                "cannot connect to 127.0.0.1:" + closedPort);
    }

    @Test
    void refusesAnUntrustedPluginWithoutConsent() throws Exception {
        Path jar = TestBundles.bundle(jars.resolve("unsigned.jar"), "io.test.unsigned", "1.0.0", Map.of());

        assertUnchangedAfter(() -> manager.install(InstallRequest.jar(jar.toString(), false)), UntrustedPluginException.class,
                "io.test.unsigned 1.0.0 is not signed by a trusted key (unsigned); nothing was installed. Re-run with --trust");
    }

    @Test
    void downloadsOverHttp() throws Exception {
        byte[] jar = Files.readAllBytes(TestBundles.bundle(jars.resolve("http.jar"), "io.test.http", "1.0.0", Map.of()));
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/http.jar", exchange -> {
            exchange.sendResponseHeaders(200, jar.length);
            exchange.getResponseBody().write(jar);
            exchange.close();
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/http.jar";
            PluginInfo installed = manager.install(InstallRequest.jar(url, true));
            assertThat(installed.source()).isEqualTo(url);
            assertThat(installed.state()).isEqualTo(PluginState.ACTIVE);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void listsHotDeployedBundlesAndRefusesToRemoveThem() throws Exception {
        Path file = TestBundles.bundle(dir.resolve("hot/hot.jar"), "io.test.hot", "1.0.0", Map.of());
        Bundle bundle;
        try (InputStream in = Files.newInputStream(file)) {
            bundle = context.installBundle(file.toUri().toString(), in);
        }
        try {
            bundle.adapt(BundleStartLevel.class).setStartLevel(80);
            bundle.start();

            assertThat(manager.list()).singleElement().satisfies(plugin -> {
                assertThat(plugin.name()).isEqualTo("io.test.hot");
                assertThat(plugin.source()).isEqualTo("hot-deploy:hot.jar");
                assertThat(plugin.trust().level()).isEqualTo(Trust.Level.HOT_DEPLOYED);
            });
            assertThatThrownBy(() -> manager.remove("io.test.hot")).hasMessageContaining("was hot-deployed; to remove it, delete");
        } finally {
            bundle.uninstall();
        }
    }

    @Test
    void commandsPrintAnAlignedTable() throws Exception {
        PluginCommands commands = new PluginCommands(manager, new FileTrustStore(dir.resolve("data/plugins/trust")));
        Path jar = TestBundles.bundle(jars.resolve("cmd.jar"), "io.test.cmd", "1.0.0", Map.of());

        assertThat(commands.install(null, true, "", "", jar.toString())).startsWith("Installed io.test.cmd 1.0.0 (active, unsigned, consented)");
        String table = commands.plugins();

        List<String> lines = table.lines().toList();
        assertThat(lines.get(0)).startsWith("NAME").contains("VERSION", "STATE", "TRUST", "SOURCE");
        assertThat(lines.get(1)).startsWith("io.test.cmd").contains("1.0.0", "ACTIVE", "unsigned, consented", jar.toString());
        assertThat(lines.get(1).indexOf("1.0.0")).isEqualTo(lines.get(0).indexOf("VERSION"));
        assertThatThrownBy(() -> commands.update(null, false, "", "", "io.test.cmd")).hasMessageContaining("say where the new version is");
    }

    /** Runs a failing operation and checks it changed nothing: same bundles, same states, same registry. */
    private void assertUnchangedAfter(ThrowingCallable operation, Class<? extends PluginException> type, String... messageParts) {
        FrameworkSnapshot before = FrameworkSnapshot.take(context);
        List<PluginInfo> pluginsBefore = manager.list();

        assertThatThrownBy(operation).isInstanceOf(type).hasMessageContainingAll(messageParts);

        assertThat(FrameworkSnapshot.take(context)).isEqualTo(before);
        assertThat(manager.list()).isEqualTo(pluginsBefore);
        assertThat(dir.resolve("data/plugins/tmp").toFile().list()).isEmpty();
    }

    /** An index with io.test.lib 1.0.0 (exports io.test.lib.api) and io.test.app 1.0.0 and 1.1.0 (import it). */
    private Path writeIndex(String name, Map<String, String> options) throws Exception {
        Path repo = Files.createDirectories(dir.resolve(name));
        Path lib = TestBundles.bundle(repo.resolve("lib-1.0.0.jar"), "io.test.lib", "1.0.0",
                Map.of("Export-Package", "io.test.lib.api;version=1.0.0"));
        Map<String, String> imports = Map.of("Import-Package", "io.test.lib.api;version=\"[1.0,2)\"");
        Path app10 = TestBundles.bundle(repo.resolve("app-1.0.0.jar"), "io.test.app", "1.0.0", imports);
        Path app11 = TestBundles.bundle(repo.resolve("app-1.1.0.jar"), "io.test.app", "1.1.0", imports);
        List<File> files = options.containsKey("skip-lib") ? List.of(app10.toFile(), app11.toFile())
                : List.of(lib.toFile(), app10.toFile(), app11.toFile());
        Path index = repo.resolve("index.xml");
        new SimpleIndexer().files(files).base(repo.toUri()).name(name).compress(false).index(index.toFile());
        return index;
    }

    private Path throwingBundle(Path file, String symbolicName, String version) throws Exception {
        return TestBundles.bundleWithFailingActivator(file, symbolicName, version, dir.resolve("compile-" + symbolicName));
    }

    private Optional<Bundle> bundleNamed(String name) {
        for (Bundle bundle : context.getBundles()) {
            if (name.equals(bundle.getSymbolicName())) {
                return Optional.of(bundle);
            }
        }
        return Optional.empty();
    }
}
