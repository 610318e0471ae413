package io.swarmplace.tracker.internal;

import static io.swarmplace.testing.FrameworkTestSupport.call;
import static io.swarmplace.testing.FrameworkTestSupport.service;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import io.swarmplace.testing.FrameworkTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.launch.Framework;

/**
 * The packaged bundle in a real Felix with SCR, Configuration Admin, Gogo and Netty: the component
 * starts from its configuration, serves an announce, answers tracker:status, and restarts with a new
 * configuration. The bundle's classes are not the test's, so its services are called by reflection.
 */
class TrackerBundleIT {

    private static final List<String> PLATFORM = FrameworkTestSupport.NETWORK_SERVICE_BUNDLES;

    @TempDir
    Path temp;

    @Test
    void runsInFelixConfiguredThroughConfigurationAdmin() throws Exception {
        Path trackerJar = FrameworkTestSupport.packagedBundle("tracker");
        Framework framework = FrameworkTestSupport.startFramework(temp, Map.of());
        try {
            BundleContext context = framework.getBundleContext();
            List<Bundle> installed = FrameworkTestSupport.installAndStart(context, PLATFORM, List.of("bencode"), trackerJar);
            assertThat(installed).extracting(Bundle::getSymbolicName).contains("org.apache.felix.configadmin",
                    "org.apache.felix.scr", "io.swarmplace.bencode", "io.netty.codec-http", "io.swarmplace.tracker");
            configure(context, Map.of("bindAddress", "127.0.0.1", "httpPort", 0, "udpPort", 0));

            Object tracker = await().atMost(Duration.ofSeconds(20)).until(() -> service(context, "io.swarmplace.tracker.Tracker"),
                    Optional::isPresent).orElseThrow();
            URI announce = (URI) ((Optional<?>) call(tracker, "httpAnnounceUri")).orElseThrow();
            assertThat(((Optional<?>) call(tracker, "udpAnnounceUri"))).isPresent();
            try (RawHttp client = new RawHttp(announce)) {
                client.send("GET /announce?" + Announces.announceQuery(Announces.hash(1), Announces.peerId(1), 6881, 0, "")
                        + " HTTP/1.1\r\nHost: x\r\n\r\n");
                assertThat(Announces.integer(Announces.decode(client.read().body()), "complete")).isEqualTo(1);
            }
            assertThat((List<?>) call(tracker, "swarms")).hasSize(1);

            Object commands = await().atMost(Duration.ofSeconds(20))
                    .until(() -> service(context, "io.swarmplace.tracker.internal.TrackerCommands"), Optional::isPresent).orElseThrow();
            String status = (String) call(commands, "status");
            assertThat(status).contains("http:     " + announce).contains("torrents: 1").contains("(1 seeders, 0 leechers)");
            assertThat((String) call(commands, "swarms")).contains(InfoHashKey.of(Announces.hash(1)).hex() + "        1        0");

            configure(context, Map.of("bindAddress", "127.0.0.1", "httpPort", 0, "udpPort", -1, "mode", "whitelist",
                    "allowedInfoHashes", new String[] {InfoHashKey.of(Announces.hash(2)).hex()}));
            Object reconfigured = await().atMost(Duration.ofSeconds(20)).until(() -> service(context, "io.swarmplace.tracker.Tracker"),
                    found -> found.isPresent() && ((Optional<?>) call(found.get(), "udpAnnounceUri")).isEmpty()).orElseThrow();
            URI whitelisted = (URI) ((Optional<?>) call(reconfigured, "httpAnnounceUri")).orElseThrow();
            try (RawHttp client = new RawHttp(whitelisted)) {
                client.send("GET /announce?" + Announces.announceQuery(Announces.hash(1), Announces.peerId(1), 6881, 0, "")
                        + " HTTP/1.1\r\nHost: x\r\n\r\n");
                assertThat(Announces.failureReason(client.read().body())).contains("is not registered with this tracker");
            }
        } finally {
            framework.stop();
            framework.waitForStop(10_000);
        }
    }

    private static void configure(BundleContext context, Map<String, Object> properties) throws Exception {
        Object admin = await().atMost(Duration.ofSeconds(20))
                .until(() -> service(context, "org.osgi.service.cm.ConfigurationAdmin"), Optional::isPresent).orElseThrow();
        FrameworkTestSupport.configure(admin, TrackerServer.PID, properties);
    }
}
