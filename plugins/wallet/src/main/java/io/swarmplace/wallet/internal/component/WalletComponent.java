package io.swarmplace.wallet.internal.component;

import io.swarmplace.tron.devnet.Devnet;
import io.swarmplace.tron.devnet.DevnetConfig;
import io.swarmplace.wallet.Balances;
import io.swarmplace.wallet.FeeEstimate;
import io.swarmplace.wallet.IncomingTransferListener;
import io.swarmplace.wallet.Transfer;
import io.swarmplace.wallet.TransferRequest;
import io.swarmplace.wallet.TronAddress;
import io.swarmplace.wallet.Wallet;
import io.swarmplace.wallet.WalletException;
import io.swarmplace.wallet.internal.engine.WalletEngine;
import io.swarmplace.wallet.internal.engine.WalletSettings;
import io.swarmplace.wallet.internal.keystore.KeystoreDirectory;
import io.swarmplace.wallet.internal.keystore.ScryptCost;
import io.swarmplace.wallet.internal.store.TransferStore;
import io.swarmplace.wallet.internal.store.WalletState;
import io.swarmplace.wallet.internal.tron.TronClient;
import io.swarmplace.wallet.internal.tron.TronEndpoints;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Hashtable;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The wallet service: wires keystore, Trident client, transfer store and the incoming-transfer watch
 * from its configuration. With network=devnet and no endpoint configured it starts a devnet in this
 * JVM (through the tron-devnet bundle's API) and registers it as a {@link Devnet} service, so the
 * faucet command and tests can mint on it. A new configuration restarts the whole wallet.
 */
@Component(immediate = true, configurationPid = WalletComponent.PID, service = Wallet.class)
@Designate(ocd = WalletComponent.Config.class)
public class WalletComponent implements Wallet {

    public static final String PID = "io.swarmplace.wallet";
    private static final Logger LOG = Logger.getLogger(WalletComponent.class.getName());

    @ObjectClassDefinition(name = "Swarmplace wallet", description = "BTT and TRX on TRON through Trident")
    public @interface Config {
        @AttributeDefinition(description = "devnet, nile, shasta, mainnet, or custom (then fullNode and solidityNode)")
        String network() default "devnet";

        @AttributeDefinition(description = "gRPC host:port of the full node; for devnet: an external devnet instead of"
                + " starting one in this node")
        String fullNode() default "";

        @AttributeDefinition(description = "gRPC host:port of the solidity node (empty: the same as fullNode)")
        String solidityNode() default "";

        @AttributeDefinition(description = "BTT's TRC-20 contract on this network (empty: mainnet's or the devnet's)")
        String bttContract() default "";

        @AttributeDefinition(description = "TronGrid API key (mainnet over TronGrid rate-limits without one)")
        String apiKey() default "";

        @AttributeDefinition(description = "Folder of the keystore, transfers and watch state (empty: <swarmplace.data>/wallet)")
        String dataDir() default "";

        @AttributeDefinition(description = "Key derivation cost for new keystore files: STANDARD (what TRON and Ethereum"
                + " wallets write) or LIGHT")
        String scryptCost() default "STANDARD";

        @AttributeDefinition(description = "Seconds an unlocked key stays in memory")
        int unlockSeconds() default 300;

        @AttributeDefinition(description = "Most TRX a BTT (TRC-20) transfer may burn for energy")
        int feeLimitTrx() default 100;

        @AttributeDefinition(description = "Milliseconds between polls for confirmations and incoming transfers")
        int pollIntervalMs() default 1000;

        @AttributeDefinition(description = "Milliseconds a gRPC call may take before the network counts as unreachable")
        int requestTimeoutMs() default 10000;

        @AttributeDefinition(description = "In-process devnet: port on 127.0.0.1 (0: a free one)")
        int devnetPort() default 0;

        @AttributeDefinition(description = "In-process devnet: milliseconds between blocks")
        int devnetBlockIntervalMs() default 3000;

        @AttributeDefinition(description = "In-process devnet: blocks after which a block counts as solidified")
        int devnetSolidifyDepth() default 19;

        @AttributeDefinition(description = "In-process devnet: chain folder (empty: <swarmplace.data>/devnet)")
        String devnetDataDir() default "";
    }

    /** What a started wallet holds; closed in reverse order of creation. */
    private record Running(Devnet devnet, ServiceRegistration<Devnet> devnetRegistration, TronClient client,
                           WalletEngine engine) {
        void close() {
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

    /** Time a wallet call waits for the wallet to finish starting (loading gRPC, starting its devnet). */
    private static final Duration STARTING = Duration.ofSeconds(60);

    private final List<IncomingTransferListener> listeners = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService worker;
    private final CompletableFuture<Running> running;

    /**
     * Checks the configuration at once, then starts the wallet on its own thread: loading Trident and
     * gRPC and starting a devnet take seconds that node startup need not wait for. Calls that arrive
     * before the wallet is up wait for it.
     */
    @Activate
    public WalletComponent(Config config, BundleContext context) {
        Path data = dataFolder(context);
        ScryptCost cost = scryptCost(config);
        boolean ownDevnet = config.network().strip().equalsIgnoreCase("devnet") && config.fullNode().isBlank();
        if (!ownDevnet) {
            endpoints(config, null); // a configuration error fails activation, where the node reports it
        }
        worker = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "wallet");
            thread.setDaemon(true);
            return thread;
        });
        running = CompletableFuture.supplyAsync(() -> start(config, context, data, cost, ownDevnet), worker);
        running.whenComplete((started, failed) -> {
            if (failed != null) {
                LOG.log(Level.SEVERE, "the wallet could not start: " + failed.getMessage(), failed);
            }
        });
        worker.scheduleWithFixedDelay(this::watchOnce, 0, config.pollIntervalMs(), TimeUnit.MILLISECONDS);
    }

    private static Running start(Config config, BundleContext context, Path data, ScryptCost cost, boolean ownDevnet) {
        Devnet devnet = null;
        TronClient client = null;
        try {
            devnet = ownDevnet ? Devnet.start(new DevnetConfig(config.devnetPort(),
                    pathOr(config.devnetDataDir(), data.resolve("devnet")), Duration.ofMillis(config.devnetBlockIntervalMs()),
                    config.devnetSolidifyDepth())) : null;
            client = new TronClient(endpoints(config, devnet), config.requestTimeoutMs(), config.apiKey().strip());
            Path walletData = pathOr(config.dataDir(), data.resolve("wallet"));
            WalletEngine engine = new WalletEngine(
                    new KeystoreDirectory(walletData.resolve("keystore"), new SecureRandom(), cost),
                    client, new TransferStore(walletData.resolve("transfers")), new WalletState(walletData.resolve("state.json")),
                    new WalletSettings(Duration.ofSeconds(config.unlockSeconds()), config.feeLimitTrx() * 1_000_000L,
                            Duration.ofMillis(config.pollIntervalMs()), 200),
                    Clock.systemUTC());
            ServiceRegistration<Devnet> registration = devnet == null ? null
                    : context.registerService(Devnet.class, devnet, new Hashtable<>());
            return new Running(devnet, registration, client, engine);
        } catch (WalletException | IOException | RuntimeException e) {
            if (client != null) {
                client.close();
            }
            if (devnet != null) {
                devnet.close();
            }
            throw new CompletionException(e);
        }
    }

    private static TronEndpoints endpoints(Config config, Devnet devnet) {
        Optional<String> contract = Optional.of(config.bttContract().strip()).filter(s -> !s.isEmpty());
        String network = config.network().strip().toLowerCase(Locale.ROOT);
        if (network.equals("devnet") && devnet != null) {
            return new TronEndpoints("devnet", devnet.endpoint(), devnet.endpoint(),
                    contract.or(() -> Optional.of(devnet.bttContractAddress())));
        }
        if (network.equals("devnet") || network.equals("custom")) {
            if (config.fullNode().isBlank()) {
                throw new IllegalArgumentException("network=custom needs fullNode (host:port) in " + PID);
            }
            String full = config.fullNode().strip();
            String solidity = config.solidityNode().isBlank() ? full : config.solidityNode().strip();
            return new TronEndpoints(network, full, solidity,
                    network.equals("devnet") ? contract.or(() -> Optional.of(Devnet.standardBttContractAddress())) : contract);
        }
        TronEndpoints known = TronEndpoints.named(network, contract);
        return config.fullNode().isBlank() ? known : new TronEndpoints(network, config.fullNode().strip(),
                config.solidityNode().isBlank() ? config.fullNode().strip() : config.solidityNode().strip(), known.bttContract());
    }

    /** The started wallet, waiting for it if it is still starting. */
    private WalletEngine engine() throws WalletException {
        try {
            return running.get(STARTING.toMillis(), TimeUnit.MILLISECONDS).engine();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof CompletionException ? e.getCause().getCause() : e.getCause();
            throw new WalletException("the wallet could not start: " + cause.getMessage(), cause);
        } catch (TimeoutException e) {
            throw new WalletException("the wallet is still starting after " + STARTING.toSeconds() + " s; try again");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WalletException("interrupted while the wallet starts", e);
        }
    }

    private static ScryptCost scryptCost(Config config) {
        try {
            return ScryptCost.valueOf(config.scryptCost().strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("scryptCost must be STANDARD or LIGHT, not '" + config.scryptCost() + "' (" + PID + ")");
        }
    }

    private static Path dataFolder(BundleContext context) {
        String data = context.getProperty("swarmplace.data");
        return data != null ? Path.of(data) : context.getDataFile("").toPath();
    }

    private static Path pathOr(String configured, Path fallback) {
        return configured.isBlank() ? fallback : Path.of(configured.strip());
    }

    private void watchOnce() {
        if (!running.isDone() || running.isCompletedExceptionally()) {
            return;
        }
        try {
            running.join().engine().watchOnce(this::announce);
        } catch (WalletException e) {
            LOG.log(Level.FINE, "wallet watch: " + e.getMessage()); // the network may be down for a while: try again next round
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "wallet watch failed; retrying next round", e);
        }
    }

    private void announce(Transfer transfer) {
        for (IncomingTransferListener listener : listeners) {
            try {
                listener.incoming(transfer);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "incoming-transfer listener " + listener + " failed on " + transfer.txid(), e);
            }
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addListener(IncomingTransferListener listener) {
        listeners.add(listener);
    }

    void removeListener(IncomingTransferListener listener) {
        listeners.remove(listener);
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        // A start still under way finishes first: its devnet and channels must be closed, not leaked.
        worker.shutdown();
        if (!worker.awaitTermination(STARTING.toSeconds(), TimeUnit.SECONDS)) {
            worker.shutdownNow();
        }
        if (running.isDone() && !running.isCompletedExceptionally()) {
            running.join().close();
        }
    }

    @Override
    public String network() {
        if (!running.isDone()) {
            return "starting";
        }
        try {
            return engine().network();
        } catch (WalletException e) {
            return e.getMessage();
        }
    }

    @Override
    public List<TronAddress> accounts() throws WalletException {
        return engine().accounts();
    }

    @Override
    public TronAddress createAccount(char[] passphrase) throws WalletException {
        return engine().createAccount(passphrase);
    }

    @Override
    public TronAddress importAccount(char[] privateKeyHex, char[] passphrase) throws WalletException {
        return engine().importAccount(privateKeyHex, passphrase);
    }

    @Override
    public TronAddress defaultAccount() throws WalletException {
        return engine().defaultAccount();
    }

    @Override
    public void setDefaultAccount(TronAddress account) throws WalletException {
        engine().setDefaultAccount(account);
    }

    @Override
    public void unlock(TronAddress account, char[] passphrase, Duration duration) throws WalletException {
        engine().unlock(account, passphrase, duration);
    }

    @Override
    public void lock(TronAddress account) {
        if (running.isDone() && !running.isCompletedExceptionally()) {
            running.join().engine().lock(account);
        }
    }

    @Override
    public Balances balances(TronAddress account) throws WalletException {
        return engine().balances(account);
    }

    @Override
    public FeeEstimate estimateFee(TransferRequest request) throws WalletException {
        return engine().estimateFee(request);
    }

    @Override
    public Transfer send(TransferRequest request) throws WalletException {
        return engine().send(request);
    }

    @Override
    public Transfer awaitConfirmation(String txid, Duration timeout) throws WalletException {
        return engine().awaitConfirmation(txid, timeout);
    }

    @Override
    public List<Transfer> history(TronAddress account) throws WalletException {
        return engine().history(account);
    }
}
