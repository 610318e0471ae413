package io.swarmplace.ledger.hub.internal;

import io.swarmplace.ledger.Ledger;
import io.swarmplace.ledger.hub.internal.client.HubClient;
import io.swarmplace.ledger.hub.internal.client.HubClientSettings;
import io.swarmplace.ledger.hub.internal.client.RemoteLedger;
import io.swarmplace.ledger.hub.internal.server.HubServer;
import io.swarmplace.ledger.hub.internal.server.HubServerSettings;
import io.swarmplace.ledger.hub.internal.wire.Ed25519;
import io.swarmplace.ledger.internal.engine.LedgerEngine;
import io.swarmplace.ledger.internal.engine.WriteFaults;
import io.swarmplace.ledger.internal.store.DatabaseSettings;
import io.swarmplace.ledger.internal.store.LedgerDatabase;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A local H2 ledger served by a hub on 127.0.0.1, and clients of it; for one test class. */
final class HubFixture implements AutoCloseable {

    final Ledger local;
    final KeyPair operator = newKey();
    private final LedgerDatabase database;
    private final LedgerEngine engine;
    private final List<HubClient> clients = new ArrayList<>();
    private HubServerSettings settings;
    private HubServer server;

    HubFixture(Path directory, java.util.function.UnaryOperator<HubServerSettings> adjust) {
        this(DatabaseSettings.h2(directory.resolve("ledger")), directory, adjust);
    }

    /** The ledger on {@code ledgerDatabase}; the hub's own files under {@code directory}. */
    HubFixture(DatabaseSettings ledgerDatabase, Path directory, java.util.function.UnaryOperator<HubServerSettings> adjust) {
        database = LedgerDatabase.open(ledgerDatabase);
        engine = LedgerEngine.start(database, Clock.systemUTC(), Duration.ofSeconds(1), WriteFaults.NONE);
        local = engine;
        settings = adjust.apply(HubServerSettings.loopback(directory.resolve("hub"), Ed25519.raw(operator.getPublic())));
        server = HubServer.start(local, settings, null, Clock.systemUTC());
        settings = settings.withPort(server.address().getPort());
    }

    HubServer server() {
        return server;
    }

    InetSocketAddress address() {
        return new InetSocketAddress("127.0.0.1", settings.port());
    }

    void stopServer() {
        server.close();
    }

    /** Starts the hub again on the same port and files, as after a process restart. */
    void startServer() {
        server = HubServer.start(local, settings, null, Clock.systemUTC());
    }

    HubClient client(KeyPair key, HubClientSettings clientSettings) {
        HubClient client = new HubClient(clientSettings, key, null, Clock.systemUTC());
        clients.add(client);
        return client;
    }

    RemoteLedger remote(KeyPair key) {
        return new RemoteLedger(client(key, HubClientSettings.of(address()).withRetries(3, Duration.ofMillis(100), Duration.ofSeconds(10))));
    }

    static KeyPair newKey() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        clients.forEach(HubClient::close);
        server.close();
        engine.close();
        database.close();
    }
}
