package io.swarmplace.ledger.hub.internal.server;

import io.netty.handler.ssl.SslContext;
import io.swarmplace.ledger.hub.internal.wire.HubTls;
import io.swarmplace.ledger.Ledger;
import io.swarmplace.ledger.hub.HubClientInfo;
import io.swarmplace.ledger.hub.HubStatus;
import io.swarmplace.ledger.hub.KeyAccounts;
import io.swarmplace.ledger.hub.LedgerHub;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.logging.Logger;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Serves this node's local {@link Ledger} to other nodes. Off unless configured with enabled=true; never
 * serves a remote ledger (a hub client's) onward.
 */
@Component(configurationPid = HubServerComponent.PID, configurationPolicy = ConfigurationPolicy.REQUIRE, service = LedgerHub.class)
@Designate(ocd = HubServerComponent.Config.class)
public class HubServerComponent implements LedgerHub {

    public static final String PID = "io.swarmplace.ledger.hub.server";
    private static final Logger LOG = Logger.getLogger(HubServerComponent.class.getName());

    @ObjectClassDefinition(name = "Swarmplace ledger hub server", description = "Serves the local ledger to other nodes")
    public @interface Config {
        @AttributeDefinition(description = "Serve the ledger (off by default)")
        boolean enabled() default false;

        @AttributeDefinition(description = "Address to listen on")
        String host() default "0.0.0.0";

        @AttributeDefinition(description = "TCP port")
        int port() default 7451;

        @AttributeDefinition(description = "Largest request frame in bytes; larger ones are refused and the connection closed")
        int maxFrameBytes() default 4 << 20;

        @AttributeDefinition(description = "Most milliseconds a request's timestamp may differ from the hub's clock")
        long timestampWindowMillis() default 30_000;

        @AttributeDefinition(description = "Requests per second per remote address (token bucket)")
        double requestsPerSecond() default 2_000;

        @AttributeDefinition(description = "Requests a remote address may send at once above the rate")
        double requestBurst() default 4_000;

        @AttributeDefinition(description = "The operator's ed25519 public key (64 hex digits): may open non-USER accounts"
                + " and read every account; empty: no operator")
        String operatorKey() default "";

        @AttributeDefinition(description = "Directory of the hub's own files; empty: <swarmplace.data>/ledger-hub")
        String dataDirectory() default "";

        @AttributeDefinition(description = "TLS certificate chain (PEM); empty: plain TCP")
        String tlsCertificate() default "";

        @AttributeDefinition(description = "TLS private key (PKCS#8 PEM) of the certificate")
        String tlsPrivateKey() default "";

        @AttributeDefinition(description = "Threads that wait on the ledger; more let the ledger batch more requests")
        int ledgerThreads() default 16;
    }

    private final HubServer server;

    @Activate
    public HubServerComponent(BundleContext context, Config config,
            @Reference(target = Ledger.LOCAL_TARGET) Ledger ledger) {
        if (!config.enabled()) {
            server = null;
            return;
        }
        byte[] operator = config.operatorKey().isBlank() ? new byte[0] : HexFormat.of().parseHex(config.operatorKey().strip());
        if (operator.length != 0 && operator.length != 32) {
            throw new IllegalArgumentException("operatorKey must be 64 hex digits (an ed25519 public key), not " + config.operatorKey());
        }
        HubServerSettings settings = new HubServerSettings(config.host(), config.port(), config.maxFrameBytes(),
                Duration.ofMillis(config.timestampWindowMillis()), config.requestsPerSecond(), config.requestBurst(), operator,
                dataDirectory(context, config), config.ledgerThreads());
        server = HubServer.start(ledger, settings, tls(config), Clock.systemUTC());
        LOG.info("ledger hub listening on " + server.address() + (config.tlsCertificate().isBlank() ? "" : " (TLS)"));
    }

    private static SslContext tls(Config config) {
        return config.tlsCertificate().isBlank() ? null
                : HubTls.server(Path.of(config.tlsCertificate()), Path.of(config.tlsPrivateKey()));
    }

    private static Path dataDirectory(BundleContext context, Config config) {
        if (!config.dataDirectory().isBlank()) {
            return Path.of(config.dataDirectory());
        }
        String data = context.getProperty("swarmplace.data");
        return (data != null && !data.isBlank() ? Path.of(data) : context.getDataFile("").toPath()).resolve("ledger-hub");
    }

    @Deactivate
    void deactivate() {
        if (server != null) {
            server.close();
        }
    }

    public boolean enabled() {
        return server != null;
    }

    @Override
    public HubStatus status() {
        return server == null ? null : server.status();
    }

    @Override
    public List<HubClientInfo> clients() {
        return server == null ? List.of() : server.clients();
    }

    @Override
    public List<KeyAccounts> keys() {
        return server == null ? List.of() : server.keys();
    }
}
