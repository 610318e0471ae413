package io.swarmplace.ledger.hub.internal.client;

import io.netty.handler.ssl.SslContext;
import io.swarmplace.ledger.hub.internal.wire.HubTls;
import io.swarmplace.ledger.Account;
import io.swarmplace.ledger.Balance;
import io.swarmplace.ledger.CreateAccountResult;
import io.swarmplace.ledger.Id128;
import io.swarmplace.ledger.InvariantReport;
import io.swarmplace.ledger.Ledger;
import io.swarmplace.ledger.PendingStatus;
import io.swarmplace.ledger.Transfer;
import io.swarmplace.ledger.TransferResult;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * A {@link Ledger} service backed by a hub on another machine, registered with {@code ledger.remote=true}
 * (select it with that filter when the node also runs a local ledger). Only when configured.
 */
@Component(configurationPid = HubClientComponent.PID, configurationPolicy = ConfigurationPolicy.REQUIRE, service = Ledger.class,
        property = "ledger.remote=true")
@Designate(ocd = HubClientComponent.Config.class)
public class HubClientComponent implements Ledger {

    public static final String PID = "io.swarmplace.ledger.hub.client";
    private static final Logger LOG = Logger.getLogger(HubClientComponent.class.getName());

    @ObjectClassDefinition(name = "Swarmplace ledger hub client", description = "Uses a ledger hub on another machine")
    public @interface Config {
        @AttributeDefinition(description = "The hub's host:port")
        String hub();

        @AttributeDefinition(description = "This node's hub key file (made on first use): it owns the accounts opened through the hub")
        String keyFile();

        @AttributeDefinition(description = "Use TLS")
        boolean tls() default false;

        @AttributeDefinition(description = "PEM certificate to trust for the hub (a self-signed one); empty: the JDK's trusted CAs")
        String tlsTrustCertificate() default "";

        @AttributeDefinition(description = "Milliseconds to wait for one answer")
        long requestTimeoutMillis() default 10_000;

        @AttributeDefinition(description = "How often a call is sent before it fails (same ids each time)")
        int attempts() default 5;
    }

    private final HubClient client;
    private final RemoteLedger ledger;

    @Activate
    public HubClientComponent(Config config) {
        HubClientSettings settings = HubClientSettings.of(address(config.hub()))
                .withRetries(Math.max(1, config.attempts()), Duration.ofMillis(200), Duration.ofMillis(config.requestTimeoutMillis()));
        client = new HubClient(settings, HubKeyFile.loadOrCreate(Path.of(config.keyFile())), tls(config), Clock.systemUTC());
        ledger = new RemoteLedger(client);
        LOG.info("using the ledger hub at " + config.hub() + " with key " + client.publicKeyHex());
    }

    static InetSocketAddress address(String hub) {
        int colon = hub.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("the hub address must be host:port, not '" + hub + "'");
        }
        try {
            return InetSocketAddress.createUnresolved(hub.substring(0, colon).strip(), Integer.parseInt(hub.substring(colon + 1).strip()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the hub address must be host:port, not '" + hub + "'", e);
        }
    }

    private static SslContext tls(Config config) {
        if (!config.tls()) {
            return null;
        }
        return HubTls.client(config.tlsTrustCertificate().isBlank() ? null : Path.of(config.tlsTrustCertificate()));
    }

    @Deactivate
    void deactivate() {
        client.close();
    }

    @Override
    public List<CreateAccountResult> createAccounts(List<Account> accounts) {
        return ledger.createAccounts(accounts);
    }

    @Override
    public Optional<Account> lookupAccount(Id128 id) {
        return ledger.lookupAccount(id);
    }

    @Override
    public List<Account> accounts(int limit) {
        return ledger.accounts(limit);
    }

    @Override
    public Balance balance(Id128 accountId) {
        return ledger.balance(accountId);
    }

    @Override
    public List<TransferResult> createTransfers(List<Transfer> transfers) {
        return ledger.createTransfers(transfers);
    }

    @Override
    public Optional<Transfer> lookupTransfer(Id128 id) {
        return ledger.lookupTransfer(id);
    }

    @Override
    public Optional<PendingStatus> pendingStatus(Id128 id) {
        return ledger.pendingStatus(id);
    }

    @Override
    public List<Transfer> history(Id128 accountId, int limit) {
        return ledger.history(accountId, limit);
    }

    @Override
    public InvariantReport verify() {
        return ledger.verify();
    }
}
