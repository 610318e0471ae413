package io.swarmplace.wallet.internal.component;

import io.swarmplace.tron.devnet.Devnet;
import io.swarmplace.tron.devnet.DevnetConfig;
import io.swarmplace.wallet.Balances;
import io.swarmplace.wallet.FeeEstimate;
import io.swarmplace.wallet.IncomingTransferListener;
import io.swarmplace.wallet.Transfer;
import io.swarmplace.wallet.TransferRequest;
import io.swarmplace.wallet.TransferStatus;
import io.swarmplace.wallet.TronAddress;
import io.swarmplace.wallet.Wallet;
import io.swarmplace.wallet.WalletException;
import io.swarmplace.wallet.internal.engine.OfflineWallet;
import io.swarmplace.wallet.internal.engine.WalletEngine;
import io.swarmplace.wallet.internal.engine.WalletSettings;
import io.swarmplace.wallet.internal.keystore.ScryptCost;
import io.swarmplace.wallet.internal.tron.TronEndpoints;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.osgi.framework.BundleContext;
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
 * The wallet service. Activation only checks the configuration: the keystore is opened on the first call,
 * and the chain side ({@link ChainConnection}: Trident, gRPC, the devnet this node runs with network=devnet
 * and no endpoint) on the first call that needs the network, or when the first
 * {@link IncomingTransferListener} arrives, since listeners expect the watch to run. Neither is paid for by
 * node startup or by a node that never touches the chain. Immediate, although its work is lazy: the bridge's
 * listener is bound, and the bridge with it activated, because this component is active.
 * A new configuration restarts the whole wallet.
 */
@Component(immediate = true, configurationPid = WalletComponent.PID, service = {Wallet.class, LocalDevnet.class})
@Designate(ocd = WalletComponent.Config.class)
public class WalletComponent implements Wallet, LocalDevnet {

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

    /** Time a wallet call waits for the chain side to start (loading gRPC, starting the devnet). */
    private static final Duration STARTING = Duration.ofSeconds(60);

    private final Config config;
    private final BundleContext context;
    private final Path data;
    private final ScryptCost cost;
    private final boolean runsOwnDevnet;
    private final List<IncomingTransferListener> listeners = new CopyOnWriteArrayList<>();
    /** Starts the chain side and runs the watch; its thread exists only once the chain is wanted. */
    private final ScheduledExecutorService worker;
    private OfflineWallet offline; // guarded by this
    private CompletableFuture<ChainConnection> chain; // guarded by this; null until first wanted
    private boolean stopping; // guarded by this

    /** Checks the configuration, so that an error fails activation, where the node reports it; opens nothing. */
    @Activate
    public WalletComponent(Config config, BundleContext context) {
        this.config = config;
        this.context = context;
        this.data = dataFolder(context);
        this.cost = scryptCost(config);
        this.runsOwnDevnet = network(config).equals("devnet") && config.fullNode().isBlank();
        if (!runsOwnDevnet) {
            endpoints(config, null, false);
        }
        worker = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "wallet");
            thread.setDaemon(true);
            return thread;
        });
    }

    private static String network(Config config) {
        return config.network().strip().toLowerCase(Locale.ROOT);
    }

    /**
     * Where the wallet connects. The devnet's standard BTT contract address is filled in only when
     * {@code withDevnetContract}: computing it loads the devnet's protobuf classes.
     */
    private static TronEndpoints endpoints(Config config, Devnet devnet, boolean withDevnetContract) {
        Optional<String> contract = Optional.of(config.bttContract().strip()).filter(s -> !s.isEmpty());
        String network = network(config);
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
            return new TronEndpoints(network, full, solidity, network.equals("devnet") && withDevnetContract
                    ? contract.or(() -> Optional.of(Devnet.standardBttContractAddress())) : contract);
        }
        TronEndpoints known = TronEndpoints.named(network, contract);
        return config.fullNode().isBlank() ? known : new TronEndpoints(network, config.fullNode().strip(),
                config.solidityNode().isBlank() ? config.fullNode().strip() : config.solidityNode().strip(), known.bttContract());
    }

    /** The keystore and transfer records, opened on first use. */
    private synchronized OfflineWallet offline() throws WalletException {
        if (offline == null) {
            offline = OfflineWallet.open(pathOr(config.dataDir(), data.resolve("wallet")), cost,
                    Duration.ofSeconds(config.unlockSeconds()), Clock.systemUTC());
        }
        return offline;
    }

    /**
     * The chain side, starting it on the wallet's thread if nothing has yet (or the last attempt failed).
     * Once it is up, the watch runs every poll interval.
     */
    private synchronized CompletableFuture<ChainConnection> chain() {
        if (stopping) {
            return CompletableFuture.failedFuture(new WalletException("the wallet is stopping"));
        }
        if (chain == null || chain.isCompletedExceptionally()) {
            CompletableFuture<ChainConnection> starting = new CompletableFuture<>();
            chain = starting;
            try {
                worker.execute(() -> connect(starting));
            } catch (RejectedExecutionException e) {
                starting.completeExceptionally(new WalletException("the wallet is stopping"));
            }
        }
        return chain;
    }

    private void connect(CompletableFuture<ChainConnection> starting) {
        try {
            WalletSettings settings = new WalletSettings(Duration.ofSeconds(config.unlockSeconds()),
                    config.feeLimitTrx() * 1_000_000L, Duration.ofMillis(config.pollIntervalMs()), 200);
            DevnetConfig devnet = runsOwnDevnet ? new DevnetConfig(config.devnetPort(),
                    pathOr(config.devnetDataDir(), data.resolve("devnet")), Duration.ofMillis(config.devnetBlockIntervalMs()),
                    config.devnetSolidifyDepth()) : null;
            ChainConnection connection = ChainConnection.open(context, offline(), devnet,
                    started -> endpoints(config, started, true), config.requestTimeoutMs(), config.apiKey().strip(), settings);
            starting.complete(connection);
            try {
                worker.scheduleWithFixedDelay(this::watchOnce, 0, config.pollIntervalMs(), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException stopping) {
                // deactivation is under way; it closes the connection once this task is done
            }
        } catch (WalletException | IOException | RuntimeException e) {
            LOG.log(Level.SEVERE, "the wallet could not connect to its network: " + e.getMessage(), e);
            starting.completeExceptionally(e);
        }
    }

    /** The started wallet engine, starting the chain side and waiting for it if need be. */
    private WalletEngine engine() throws WalletException {
        return connected().engine();
    }

    private ChainConnection connected() throws WalletException {
        try {
            return chain().get(STARTING.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof CompletionException ? e.getCause().getCause() : e.getCause();
            throw new WalletException("the wallet could not connect to " + describeNetwork() + ": " + cause.getMessage(), cause);
        } catch (TimeoutException e) {
            throw new WalletException("the wallet is still connecting to " + describeNetwork() + " after "
                    + STARTING.toSeconds() + " s; try again");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WalletException("interrupted while the wallet connects", e);
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
        CompletableFuture<ChainConnection> current;
        synchronized (this) {
            current = chain;
        }
        if (current == null || !current.isDone() || current.isCompletedExceptionally()) {
            return;
        }
        try {
            current.join().engine().watchOnce(this::announce);
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

    /** A listener expects to hear of transfers: the first one starts the chain side and so the watch. */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addListener(IncomingTransferListener listener) {
        listeners.add(listener);
        chain();
    }

    void removeListener(IncomingTransferListener listener) {
        listeners.remove(listener);
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        synchronized (this) {
            stopping = true;
        }
        // A start still under way finishes first: its devnet and channels must be closed, not leaked.
        worker.shutdown();
        if (!worker.awaitTermination(STARTING.toSeconds(), TimeUnit.SECONDS)) {
            worker.shutdownNow();
        }
        CompletableFuture<ChainConnection> current;
        synchronized (this) {
            current = chain;
            if (offline != null) {
                offline.lockAll();
            }
        }
        if (current != null && current.isDone() && !current.isCompletedExceptionally()) {
            current.join().close();
        }
    }

    /** The network as configured, or with its endpoint once connected (an own devnet's port is known only then). */
    @Override
    public String network() {
        return describeNetwork();
    }

    private String describeNetwork() {
        CompletableFuture<ChainConnection> current;
        synchronized (this) {
            current = chain;
        }
        if (current != null && current.isDone() && !current.isCompletedExceptionally()) {
            return current.join().engine().network();
        }
        return runsOwnDevnet ? "devnet (in this node, started on first use)" : endpoints(config, null, false).toString();
    }

    @Override
    public Optional<Devnet> ownDevnet() throws WalletException {
        return runsOwnDevnet ? Optional.of(connected().devnet()) : Optional.empty();
    }

    @Override
    public List<TronAddress> accounts() throws WalletException {
        return offline().accounts();
    }

    @Override
    public TronAddress createAccount(char[] passphrase) throws WalletException {
        return offline().createAccount(passphrase);
    }

    @Override
    public TronAddress importAccount(char[] privateKeyHex, char[] passphrase) throws WalletException {
        return offline().importAccount(privateKeyHex, passphrase);
    }

    @Override
    public TronAddress defaultAccount() throws WalletException {
        return offline().defaultAccount();
    }

    @Override
    public void setDefaultAccount(TronAddress account) throws WalletException {
        offline().setDefaultAccount(account);
    }

    @Override
    public void unlock(TronAddress account, char[] passphrase, Duration duration) throws WalletException {
        offline().unlock(account, passphrase, duration);
    }

    @Override
    public void lock(TronAddress account) {
        OfflineWallet opened;
        synchronized (this) {
            opened = offline;
        }
        if (opened != null) {
            opened.lock(account);
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

    /** As recorded; a pending transfer in it starts the chain side, whose watch settles it. */
    @Override
    public List<Transfer> history(TronAddress account) throws WalletException {
        List<Transfer> history = offline().history(account);
        if (history.stream().anyMatch(transfer -> transfer.status() == TransferStatus.PENDING)) {
            chain();
        }
        return history;
    }
}
