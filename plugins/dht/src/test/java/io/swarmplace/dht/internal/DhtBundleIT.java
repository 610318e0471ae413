package io.swarmplace.dht.internal;

import static io.swarmplace.testing.FrameworkTestSupport.call;
import static io.swarmplace.testing.FrameworkTestSupport.service;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.swarmplace.dht.internal.node.DhtRuntime;
import io.swarmplace.dht.internal.node.DhtSettings;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import io.swarmplace.testing.FrameworkTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.launch.Framework;

/**
 * The packaged bundle in a real Felix with SCR, Configuration Admin, Gogo and Netty: the component
 * starts from its configuration, pings a node outside the framework, answers dht:status, saves its
 * routing table when reconfigured, and stays registered but idle when disabled. The bundle's classes are
 * not the test's, so its services are called by reflection.
 */
class DhtBundleIT {

    private static final List<String> PLATFORM = FrameworkTestSupport.NETWORK_SERVICE_BUNDLES;

    @TempDir
    Path temp;

    @Test
    void runsInFelixConfiguredThroughConfigurationAdmin() throws Exception {
        Path dhtJar = FrameworkTestSupport.packagedBundle("dht");
        Path stateFile = temp.resolve("routing.dat");
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        Framework framework = FrameworkTestSupport.startFramework(temp, Map.of());
        try (DhtRuntime outside = DhtRuntime.start(DhtSettings.loopback(), group, ForkJoinPool.commonPool())) {
            BundleContext context = framework.getBundleContext();
            List<Bundle> installed = FrameworkTestSupport.installAndStart(context, PLATFORM, List.of("bencode"), dhtJar);
            assertThat(installed).extracting(Bundle::getSymbolicName).contains("org.apache.felix.configadmin",
                    "org.apache.felix.scr", "io.swarmplace.bencode", "io.netty.transport", "io.swarmplace.dht");
            configure(context, Map.of("bindAddress", "127.0.0.1", "port", 0, "privateNetwork", true,
                    "bootstrapNodes", new String[] {"127.0.0.1:" + outside.reachableAddress().getPort()},
                    "stateFile", stateFile.toString()));

            Object dht = await().atMost(Duration.ofSeconds(20)).until(() -> service(context, "io.swarmplace.dht.DhtService"),
                    found -> found.isPresent() && ((Optional<?>) call(call(found.get(), "stats"), "localAddress")).isPresent())
                    .orElseThrow();
            Object pinged = ((CompletableFuture<?>) dht.getClass().getMethod("ping", InetSocketAddress.class)
                    .invoke(dht, outside.reachableAddress())).get(10, TimeUnit.SECONDS);
            assertThat(pinged.toString()).startsWith(outside.nodeId().hex());
            await().atMost(Duration.ofSeconds(10)).until(() -> (Integer) call(call(dht, "stats"), "routingTableNodes") == 1);

            Object commands = await().atMost(Duration.ofSeconds(20))
                    .until(() -> service(context, "io.swarmplace.dht.internal.DhtCommands"), Optional::isPresent).orElseThrow();
            assertThat((String) call(commands, "status")).contains("routing:  1 nodes in 1 buckets").contains("udp:      127.0.0.1:");
            // BEP 44 inside the bundle: ed25519 and SHA-1 from the JDK, bencode from its bundle.
            String stored = (String) commands.getClass().getMethod("put", String.class, String.class, long.class, boolean.class,
                    String.class).invoke(commands, "", "", -1L, false, "in felix");
            String target = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-1")
                    .digest("8:in felix".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
            assertThat(stored).isEqualTo("Stored immutable item " + target + " on 1 nodes");
            assertThat((String) commands.getClass().getMethod("get", String.class, String.class).invoke(commands, "", target))
                    .endsWith("value: \"in felix\"");
            Path keyFile = temp.resolve("felix.key");
            assertThat((String) commands.getClass().getMethod("put", String.class, String.class, long.class, boolean.class,
                    String.class).invoke(commands, keyFile.toString(), "s", -1L, false, "signed")).contains("seq 1 on 1 nodes");

            configure(context, Map.of("enabled", false));
            await().atMost(Duration.ofSeconds(20)).until(() -> service(context, "io.swarmplace.dht.DhtService"),
                    found -> found.isPresent() && ((Optional<?>) call(call(found.get(), "stats"), "localAddress")).isEmpty());
            assertThat(stateFile).exists();
            assertThat(Files.size(stateFile)).isGreaterThan(20);
        } finally {
            framework.stop();
            framework.waitForStop(10_000);
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
    }

    private static void configure(BundleContext context, Map<String, Object> properties) throws Exception {
        Object admin = await().atMost(Duration.ofSeconds(20))
                .until(() -> service(context, "org.osgi.service.cm.ConfigurationAdmin"), Optional::isPresent).orElseThrow();
        FrameworkTestSupport.configure(admin, DhtNode.PID, properties);
    }

}
