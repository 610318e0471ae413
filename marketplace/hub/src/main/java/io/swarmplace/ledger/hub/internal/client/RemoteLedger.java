package io.swarmplace.ledger.hub.internal.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.handler.ssl.SslContext;
import io.swarmplace.ledger.Account;
import io.swarmplace.ledger.AccountSnapshot;
import io.swarmplace.ledger.Balance;
import io.swarmplace.ledger.CreateAccountResult;
import io.swarmplace.ledger.Id128;
import io.swarmplace.ledger.InvariantReport;
import io.swarmplace.ledger.Ledger;
import io.swarmplace.ledger.PendingStatus;
import io.swarmplace.ledger.Transfer;
import io.swarmplace.ledger.TransferResult;
import io.swarmplace.ledger.UnknownAccountException;
import io.swarmplace.ledger.hub.HubError;
import io.swarmplace.ledger.hub.HubException;
import io.swarmplace.ledger.hub.internal.wire.HubOperation;
import io.swarmplace.ledger.hub.internal.wire.HubTls;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
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
 * A {@link Ledger} on a hub: every call is one signed request. As a component (PID
 * {@value #PID}, active only when configured with a hub and a key file) it is registered with
 * {@code ledger.remote=true}: select it with that filter, as the node's own ledger stays registered. Calls on accounts the key does not own,
 * and {@link #verify()} unless the key is the hub's operator, fail with {@link HubException}
 * ({@link HubError#NOT_ACCOUNT_OWNER}, {@link HubError#OPERATOR_ONLY}); {@link #accounts(int)} lists the
 * key's own accounts.
 */
@Component(configurationPid = RemoteLedger.PID, configurationPolicy = ConfigurationPolicy.REQUIRE, service = Ledger.class,
        property = Ledger.REMOTE_PROPERTY + "=true")
@Designate(ocd = RemoteLedger.Config.class)
public final class RemoteLedger implements Ledger {

    public static final String PID = "io.swarmplace.ledger.hub.client";
    private static final Logger LOG = Logger.getLogger(RemoteLedger.class.getName());

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

    private final HubClient hub;
    private final ObjectMapper json;

    /** A remote ledger over {@code hub}; closing the client is the caller's. */
    public RemoteLedger(HubClient hub) {
        this.hub = hub;
        this.json = hub.json();
    }

    @Activate
    public RemoteLedger(Config config) {
        this(new HubClient(HubClientSettings.of(address(config.hub()))
                .withRetries(Math.max(1, config.attempts()), Duration.ofMillis(200), Duration.ofMillis(config.requestTimeoutMillis())),
                HubKeyFile.loadOrCreate(Path.of(config.keyFile())), tls(config), Clock.systemUTC()));
        LOG.info("using the ledger hub at " + config.hub() + " with key " + hub.publicKeyHex());
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
        hub.close();
    }

    @Override
    public List<CreateAccountResult> createAccounts(List<Account> accounts) {
        return List.of(read(call(HubOperation.CREATE_ACCOUNTS, arguments().set("accounts", json.valueToTree(accounts))),
                "results", CreateAccountResult[].class));
    }

    @Override
    public Optional<Account> lookupAccount(Id128 id) {
        return Optional.ofNullable(read(call(HubOperation.LOOKUP_ACCOUNT, byId(id)), "account", Account.class));
    }

    @Override
    public List<Account> accounts(int limit) {
        return List.of(read(call(HubOperation.ACCOUNTS, arguments().put("limit", limit)), "accounts", Account[].class));
    }

    @Override
    public List<AccountSnapshot> snapshot(int limit) {
        return List.of(read(call(HubOperation.SNAPSHOT, arguments().put("limit", limit)), "accounts", AccountSnapshot[].class));
    }

    @Override
    public Balance balance(Id128 accountId) {
        try {
            return read(call(HubOperation.BALANCE, byId(accountId)), "balance", Balance.class);
        } catch (HubException e) {
            if (e.error() == HubError.UNKNOWN_ACCOUNT) {
                throw new UnknownAccountException(accountId);
            }
            throw e;
        }
    }

    @Override
    public List<TransferResult> createTransfers(List<Transfer> transfers) {
        if (transfers.size() > MAX_BATCH) {
            throw new IllegalArgumentException("at most " + MAX_BATCH + " transfers per batch, not " + transfers.size());
        }
        return List.of(read(call(HubOperation.CREATE_TRANSFERS, arguments().set("transfers", json.valueToTree(transfers))),
                "results", TransferResult[].class));
    }

    @Override
    public Optional<Transfer> lookupTransfer(Id128 id) {
        return Optional.ofNullable(read(call(HubOperation.LOOKUP_TRANSFER, byId(id)), "transfer", Transfer.class));
    }

    @Override
    public Optional<PendingStatus> pendingStatus(Id128 id) {
        return Optional.ofNullable(read(call(HubOperation.PENDING_STATUS, byId(id)), "status", PendingStatus.class));
    }

    @Override
    public List<Transfer> history(Id128 accountId, int limit) {
        return Arrays.asList(read(call(HubOperation.HISTORY, byId(accountId).put("limit", limit)), "transfers", Transfer[].class));
    }

    @Override
    public InvariantReport verify() {
        return read(call(HubOperation.VERIFY, arguments()), "report", InvariantReport.class);
    }

    private JsonNode call(HubOperation operation, JsonNode arguments) {
        return hub.call(operation, arguments);
    }

    private ObjectNode arguments() {
        return json.createObjectNode();
    }

    private ObjectNode byId(Id128 id) {
        return arguments().put("id", id.toString());
    }

    private <T> T read(JsonNode result, String field, Class<T> type) {
        JsonNode value = result == null ? null : result.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        try {
            return json.treeToValue(value, type);
        } catch (JsonProcessingException e) {
            throw new HubException(HubError.MALFORMED_REQUEST, "the hub's answer has an unreadable '" + field + "': " + e.getMessage());
        }
    }
}
