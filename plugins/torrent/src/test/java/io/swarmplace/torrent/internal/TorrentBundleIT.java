package io.swarmplace.torrent.internal;

import static io.swarmplace.testing.FrameworkTestSupport.call;
import static io.swarmplace.testing.FrameworkTestSupport.service;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.swarmplace.testing.FrameworkTestSupport;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.launch.Framework;

/**
 * The packaged torrent bundle in a real Felix with SCR, Configuration Admin, Gogo and Netty: it resolves
 * and runs without the DHT bundle; when the DHT bundle arrives later, the engine binds the DHT without
 * restarting (no refresh of the torrent bundle); when it leaves, the engine carries on. The bundle's
 * classes are not the test's, so services are looked up by name and called by reflection.
 */
class TorrentBundleIT {

    private static final String TORRENT_SERVICE = "io.swarmplace.torrent.TorrentService";
    private static final String DHT_DISCOVERY = "io.swarmplace.torrent.internal.engine.DhtPeerDiscovery";
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    static Path temp;

    private static Framework framework;
    private static BundleContext context;
    private static Bundle torrentBundle;

    @BeforeAll
    static void bootWithoutTheDht() throws Exception {
        Path torrentJar = Path.of(System.getProperty("torrent.bundle", "target/torrent-0.1.0-SNAPSHOT.jar"));
        assertThat(torrentJar).exists();
        framework = FrameworkTestSupport.startFramework(temp, Map.of());
        context = framework.getBundleContext();
        FrameworkTestSupport.installAndStart(context,
                FrameworkTestSupport.bundleLocations(FrameworkTestSupport.NETWORK_SERVICE_BUNDLES, List.of()));
        // Configured before the bundle starts, so the engine never binds the default port 6881.
        configure("io.swarmplace.torrent", Map.of("listenAddress", "127.0.0.1", "listenPort", 0,
                "outgoingAddress", "127.0.0.1", "downloadFolder", temp.resolve("downloads").toString(),
                "stateFolder", temp.resolve("state").toString()));
        torrentBundle = context.installBundle(torrentJar.toUri().toString());
        torrentBundle.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (framework != null) {
            framework.stop();
            framework.waitForStop(10_000);
        }
    }

    @Test
    void theEngineRunsWithoutTheDhtAndBindsItWhenItArrivesAndLeaves() throws Exception {
        assertThat(Arrays.stream(context.getBundles()).map(Bundle::getSymbolicName)).doesNotContain("io.swarmplace.dht");
        Object engine = await().atMost(WAIT).until(() -> service(context, TORRENT_SERVICE), Optional::isPresent).orElseThrow();
        InetSocketAddress listening = (InetSocketAddress) call(call(engine, "status"), "listenAddress");
        assertThat(listening.getAddress().isLoopbackAddress()).as("configured address " + listening).isTrue();
        assertThat(listening.getPort()).isPositive();
        long engineServiceId = serviceId(TORRENT_SERVICE);
        assertThat(context.getAllServiceReferences(DHT_DISCOVERY, null)).as("DHT discovery without a DHT").isNull();

        configure("io.swarmplace.dht", Map.of("bindAddress", "127.0.0.1", "port", 0, "privateNetwork", true,
                "bootstrapNodes", new String[0], "stateFile", temp.resolve("routing.dat").toString()));
        Bundle dhtBundle = context.installBundle(dhtJar());
        dhtBundle.start();
        await().atMost(WAIT).untilAsserted(() -> {
            ServiceReference<?>[] discovery = context.getAllServiceReferences(DHT_DISCOVERY, null);
            assertThat(discovery).as("the torrent bundle's DHT discovery, once a DhtService exists").hasSize(1);
            assertThat(discovery[0].getUsingBundles()).as("bundles using it").contains(torrentBundle);
        });
        assertThat(torrentBundle.getState()).isEqualTo(Bundle.ACTIVE);
        assertThat(serviceId(TORRENT_SERVICE)).as("the same engine, not restarted").isEqualTo(engineServiceId);

        dhtBundle.stop();
        await().atMost(WAIT).until(() -> context.getAllServiceReferences(DHT_DISCOVERY, null) == null);
        assertThat(serviceId(TORRENT_SERVICE)).as("the same engine, still running").isEqualTo(engineServiceId);
        assertThat(call(service(context, TORRENT_SERVICE).orElseThrow(), "torrents")).isEqualTo(List.of());
    }

    private static String dhtJar() {
        return FrameworkTestSupport.bundleLocations(List.of("dht-"), List.of()).get(0);
    }

    private static long serviceId(String type) throws Exception {
        ServiceReference<?>[] references = context.getAllServiceReferences(type, null);
        assertThat(references).as(type + " registered").hasSize(1);
        return (Long) references[0].getProperty(Constants.SERVICE_ID);
    }

    private static void configure(String pid, Map<String, Object> properties) throws Exception {
        Object admin = await().atMost(WAIT)
                .until(() -> service(context, "org.osgi.service.cm.ConfigurationAdmin"), Optional::isPresent).orElseThrow();
        FrameworkTestSupport.configure(admin, pid, properties);
    }
}
