package io.swarmplace.wallet.internal.component;

import io.swarmplace.tron.devnet.Devnet;
import io.swarmplace.tron.devnet.DevnetConfig;
import io.swarmplace.wallet.internal.engine.OfflineWallet;
import io.swarmplace.wallet.internal.engine.WalletEngine;
import io.swarmplace.wallet.internal.engine.WalletSettings;
import io.swarmplace.wallet.internal.tron.TronClient;
import io.swarmplace.wallet.internal.tron.TronEndpoints;
import java.io.IOException;
import java.time.Clock;
import java.util.Hashtable;
import java.util.function.Function;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

/**
 * The wallet's chain side: its own devnet (if it runs one, registered as a {@link Devnet} service), the
 * Trident client and the engine. Only this class and what it creates name Trident and gRPC, so the wallet
 * component loads them when it first connects, never at activation.
 */
final class ChainConnection implements AutoCloseable {

    private final Devnet devnet;
    private final ServiceRegistration<Devnet> devnetRegistration;
    private final TronClient client;
    private final WalletEngine engine;

    private ChainConnection(Devnet devnet, ServiceRegistration<Devnet> devnetRegistration, TronClient client,
                            WalletEngine engine) {
        this.devnet = devnet;
        this.devnetRegistration = devnetRegistration;
        this.client = client;
        this.engine = engine;
    }

    /**
     * Starts a devnet in this JVM (when {@code ownDevnet} is given), then the client on the endpoints
     * {@code endpoints} names for it (the devnet, or null).
     */
    static ChainConnection open(BundleContext context, OfflineWallet offline, DevnetConfig ownDevnet,
                                Function<Devnet, TronEndpoints> endpoints, int timeoutMillis, String apiKey,
                                WalletSettings settings) throws IOException {
        Devnet devnet = null;
        TronClient client = null;
        try {
            devnet = ownDevnet == null ? null : Devnet.start(ownDevnet);
            client = new TronClient(endpoints.apply(devnet), timeoutMillis, apiKey);
            WalletEngine engine = new WalletEngine(offline, client, settings, Clock.systemUTC());
            ServiceRegistration<Devnet> registration = devnet == null ? null
                    : context.registerService(Devnet.class, devnet, new Hashtable<>());
            return new ChainConnection(devnet, registration, client, engine);
        } catch (IOException | RuntimeException e) {
            if (client != null) {
                client.close();
            }
            if (devnet != null) {
                devnet.close();
            }
            throw e;
        }
    }

    WalletEngine engine() {
        return engine;
    }

    Devnet devnet() {
        return devnet;
    }

    /** Closes in reverse order of creation. */
    @Override
    public void close() {
        engine.lockAll();
        client.close();
        if (devnetRegistration != null) {
            devnetRegistration.unregister();
        }
        if (devnet != null) {
            devnet.close();
        }
    }
}
