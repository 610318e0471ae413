package io.swarmplace.ledger.hub.internal;

import static io.swarmplace.testing.FrameworkTestSupport.call;
import static io.swarmplace.testing.FrameworkTestSupport.service;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.swarmplace.ledger.hub.internal.client.HubKeyFile;
import io.swarmplace.ledger.hub.internal.wire.Ed25519;
import io.swarmplace.testing.FrameworkTestSupport;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.launch.Framework;

/**
 * The packaged hub bundle in a real Felix beside the ledger bundle, Netty, Jackson, SCR and Configuration
 * Admin: the server configured on, and a client component in the same framework using it as its
 * {@code Ledger} (ledger.remote=true) to open an account. The bundles' classes are not the test's, so
 * their services are called by reflection.
 */
class HubBundleIT {

    private static final List<String> PLATFORM = List.of("org.apache.felix.scr", "org.osgi.service.component-",
            "org.osgi.util.promise", "org.osgi.util.function", "org.apache.felix.configadmin", "org.apache.felix.gogo.runtime",
            "netty-", "jackson-", "ledger-");

    @TempDir
    static Path temp;

    static Framework framework;
    static BundleContext context;
    static Bundle ledgerBundle;

    @BeforeAll
    static void boot() throws Exception {
        Path jar = FrameworkTestSupport.packagedBundle("hub");
        framework = FrameworkTestSupport.startFramework(temp, Map.of("swarmplace.data", temp.resolve("data").toString()));
        context = framework.getBundleContext();
        for (Bundle bundle : FrameworkTestSupport.installAndStart(context, PLATFORM, List.of(), jar)) {
            if ("io.swarmplace.ledger".equals(bundle.getSymbolicName())) {
                ledgerBundle = bundle;
            }
        }
    }

    @AfterAll
    static void shutDown() throws Exception {
        framework.stop();
        framework.waitForStop(20_000);
    }

    @Test
    void aClientComponentUsesTheServerComponentsLedger() throws Exception {
        Path operatorKeyFile = temp.resolve("operator.key");
        String operatorKey = Ed25519.hex(Ed25519.raw(HubKeyFile.loadOrCreate(operatorKeyFile).getPublic()));
        Object admin = await().atMost(Duration.ofSeconds(20))
                .until(() -> service(context, "org.osgi.service.cm.ConfigurationAdmin"), Optional::isPresent).orElseThrow();
        FrameworkTestSupport.configure(admin, "io.swarmplace.ledger.hub.server",
                Map.of("enabled", true, "host", "127.0.0.1", "port", 0, "operatorKey", operatorKey));
        Object hub = await().atMost(Duration.ofSeconds(60))
                .until(() -> service(context, "io.swarmplace.ledger.hub.LedgerHub"), Optional::isPresent).orElseThrow();
        InetSocketAddress address = (InetSocketAddress) call(call(hub, "status"), "address");

        FrameworkTestSupport.configure(admin, "io.swarmplace.ledger.hub.client",
                Map.of("hub", "127.0.0.1:" + address.getPort(), "keyFile", temp.resolve("node.key").toString()));
        Object remote = await().atMost(Duration.ofSeconds(20)).until(this::remoteLedger, Optional::isPresent).orElseThrow();

        Class<?> id128 = ledgerBundle.loadClass("io.swarmplace.ledger.Id128");
        Class<?> asset = ledgerBundle.loadClass("io.swarmplace.ledger.Asset");
        Object accountId = id128.getMethod("random").invoke(null);
        @SuppressWarnings({"unchecked", "rawtypes"})
        Object btt = Enum.valueOf((Class) asset, "BTT");
        Object account = ledgerBundle.loadClass("io.swarmplace.ledger.Account").getMethod("user", id128, asset).invoke(null, accountId, btt);
        Object results = remote.getClass().getMethod("createAccounts", List.class).invoke(remote, List.of(account));
        assertThat(results.toString()).isEqualTo("[OK]");
        Object balance = remote.getClass().getMethod("balance", id128).invoke(remote, accountId);
        assertThat(call(balance, "net").toString()).isEqualTo("0");

        String nodeKey = Ed25519.hex(Ed25519.raw(HubKeyFile.load(temp.resolve("node.key")).getPublic()));
        assertThat(call(hub, "keys").toString()).contains(nodeKey).contains(accountId.toString());
        assertThat(((Number) call(call(hub, "status"), "requests")).longValue()).isGreaterThanOrEqualTo(2);
    }

    private Optional<Object> remoteLedger() throws Exception {
        ServiceReference<?>[] references = context.getAllServiceReferences("io.swarmplace.ledger.Ledger", "(ledger.remote=true)");
        return references == null ? Optional.empty() : Optional.ofNullable(context.getService(references[0]));
    }
}
