package io.swarmplace.bridge.internal.component;

import io.swarmplace.bridge.Bridge;
import io.swarmplace.bridge.BridgeException;
import io.swarmplace.bridge.ChainReconciliation;
import io.swarmplace.bridge.Deposit;
import io.swarmplace.bridge.ReserveProof;
import io.swarmplace.bridge.ReservesSnapshot;
import io.swarmplace.bridge.Withdrawal;
import io.swarmplace.bridge.WithdrawalRequest;
import io.swarmplace.bridge.internal.engine.BridgeEngine;
import io.swarmplace.bridge.internal.engine.BridgeSettings;
import io.swarmplace.bridge.internal.engine.FaultPoint;
import io.swarmplace.ledger.Id128;
import io.swarmplace.ledger.Ledger;
import io.swarmplace.wallet.Transfer;
import io.swarmplace.wallet.TronAddress;
import io.swarmplace.wallet.Wallet;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The bridge as a DS component. It needs a passphrase for the wallet accounts it creates, so it runs only
 * when configured. All of its work (recovery, deposits the wallet announces, settling withdrawals,
 * publishing reserves) runs on one thread, in order; the wallet's watch thread only hands transfers over.
 */
@Component(configurationPid = BridgeComponent.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = {Bridge.class, DepositSink.class})
@Designate(ocd = BridgeComponent.Config.class)
public class BridgeComponent implements Bridge, DepositSink {

    public static final String PID = "io.swarmplace.bridge";

    /** Not in the metatype: names a {@link FaultPoint} where the bridge stops as if killed (tests only). */
    static final String FAULT_POINT = "faultPoint";
    /** Not in the metatype: "hang" makes the bridge wait at its fault point to be killed (tests only). */
    static final String FAULT_ACTION = "faultAction";

    private static final Logger LOG = Logger.getLogger(BridgeComponent.class.getName());
    private static final Duration STARTING = Duration.ofSeconds(60);

    @ObjectClassDefinition(name = "Swarmplace bridge", description = "Moves BTT between TRON and the ledger")
    public @interface Config {
        @AttributeDefinition(description = "Passphrase of the custody and deposit addresses in the wallet", type = AttributeType.PASSWORD)
        String passphrase();

        @AttributeDefinition(description = "The wallet address holding the ledger's BTT (empty: one the bridge creates once)")
        String custodyAddress() default "";

        @AttributeDefinition(description = "Folder of the bridge's records and published reserves (empty: <swarmplace.data>/bridge)")
        String dataDir() default "";

        @AttributeDefinition(description = "Milliseconds between passes that move unsettled withdrawals on")
        int pollIntervalMs() default 1000;

        @AttributeDefinition(description = "Minutes between published proof-of-reserves roots (0: only on demand)")
        int reservesIntervalMinutes() default 60;
    }

    private final ScheduledExecutorService worker;
    private final CompletableFuture<BridgeEngine> engine;

    @Activate
    public BridgeComponent(Config config, Map<String, Object> properties, BundleContext context,
            @Reference(target = Ledger.LOCAL_TARGET) Ledger ledger, @Reference Wallet wallet) {
        if (config.passphrase() == null || config.passphrase().isEmpty()) {
            throw new IllegalArgumentException("configure a passphrase for the bridge's wallet accounts (" + PID + ": passphrase)");
        }
        BridgeSettings settings = new BridgeSettings(dataFolder(config, context),
                config.custodyAddress().isBlank() ? Optional.empty() : Optional.of(config.custodyAddress().strip()),
                config.passphrase().toCharArray(), Duration.ofMillis(config.pollIntervalMs()), faultPoint(properties),
                "hang".equals(properties.get(FAULT_ACTION)));
        worker = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "bridge");
            thread.setDaemon(true);
            return thread;
        });
        engine = CompletableFuture.supplyAsync(() -> start(ledger, wallet, settings), worker);
        engine.whenComplete((started, failed) -> {
            if (failed != null) {
                LOG.log(Level.SEVERE, "the bridge could not start: " + failed.getMessage(), failed);
            }
        });
        worker.scheduleWithFixedDelay(() -> quietly("settling withdrawals and sweeps", e -> e.settle()), config.pollIntervalMs(),
                config.pollIntervalMs(), TimeUnit.MILLISECONDS);
        if (config.reservesIntervalMinutes() > 0) {
            worker.scheduleAtFixedRate(() -> quietly("publishing reserves", BridgeEngine::publishReserves),
                    config.reservesIntervalMinutes(), config.reservesIntervalMinutes(), TimeUnit.MINUTES);
        }
    }

    private static BridgeEngine start(Ledger ledger, Wallet wallet, BridgeSettings settings) {
        try {
            BridgeEngine started = new BridgeEngine(ledger, wallet, settings);
            started.recover();
            return started;
        } catch (BridgeException | RuntimeException e) {
            throw new CompletionException(e);
        }
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        worker.shutdownNow();
        worker.awaitTermination(10, TimeUnit.SECONDS);
    }

    private static Path dataFolder(Config config, BundleContext context) {
        if (!config.dataDir().isBlank()) {
            return Path.of(config.dataDir().strip());
        }
        String data = context.getProperty("swarmplace.data");
        return (data == null ? Path.of("data") : Path.of(data)).resolve("bridge");
    }

    private static Optional<FaultPoint> faultPoint(Map<String, Object> properties) {
        Object value = properties.get(FAULT_POINT);
        return value == null || value.toString().isBlank() ? Optional.empty() : Optional.of(FaultPoint.valueOf(value.toString()));
    }

    @FunctionalInterface
    private interface Work {
        void run(BridgeEngine engine) throws BridgeException;
    }

    /** Background work: a failure is logged and the next pass tries again. */
    private void quietly(String what, Work work) {
        BridgeEngine started = engine.getNow(null);
        if (started == null) {
            return;
        }
        try {
            work.run(started);
        } catch (BridgeException | RuntimeException e) {
            LOG.log(Level.WARNING, "bridge: " + what + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void incoming(Transfer transfer) {
        worker.execute(() -> {
            try {
                engine().incoming(transfer);
            } catch (BridgeException | RuntimeException e) {
                LOG.log(Level.WARNING, "bridge: deposit " + transfer.txid() + " not credited now (the recovery pass at the"
                        + " next start credits it): " + e.getMessage(), e);
            }
        });
    }

    private BridgeEngine engine() throws BridgeException {
        try {
            return engine.get(STARTING.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof CompletionException && e.getCause().getCause() != null
                    ? e.getCause().getCause() : e.getCause();
            throw new BridgeException("the bridge did not start: " + cause.getMessage(), cause);
        } catch (TimeoutException e) {
            throw new BridgeException("the bridge is still starting after " + STARTING + " (is the wallet up?)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BridgeException("interrupted while the bridge was starting", e);
        }
    }

    @Override
    public TronAddress custodyAddress() {
        return unchecked().custodyAddress();
    }

    @Override
    public Id128 custodyAccount() {
        return unchecked().custodyAccount();
    }

    @Override
    public Id128 suspenseAccount() {
        return unchecked().suspenseAccount();
    }

    private BridgeEngine unchecked() {
        try {
            return engine();
        } catch (BridgeException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    @Override
    public TronAddress depositAddress(Id128 userAccount) throws BridgeException {
        return engine().depositAddress(userAccount);
    }

    @Override
    public List<Deposit> deposits() throws BridgeException {
        return engine().deposits();
    }

    @Override
    public Withdrawal withdraw(WithdrawalRequest request) throws BridgeException {
        return engine().withdraw(request);
    }

    @Override
    public Optional<Withdrawal> withdrawal(Id128 withdrawalId) throws BridgeException {
        return engine().withdrawal(withdrawalId);
    }

    @Override
    public List<Withdrawal> withdrawals() throws BridgeException {
        return engine().withdrawals();
    }

    @Override
    public Withdrawal awaitSettled(Id128 withdrawalId, Duration timeout) throws BridgeException {
        return engine().awaitSettled(withdrawalId, timeout);
    }

    @Override
    public ChainReconciliation verify() throws BridgeException {
        return engine().verify();
    }

    @Override
    public ReservesSnapshot publishReserves() throws BridgeException {
        return engine().publishReserves();
    }

    @Override
    public ReserveProof proof(Id128 account) throws BridgeException {
        return engine().proof(account);
    }
}
