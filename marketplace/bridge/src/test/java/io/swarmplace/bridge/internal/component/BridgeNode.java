package io.swarmplace.bridge.internal.component;

import static io.swarmplace.testing.FrameworkTestSupport.call;
import static io.swarmplace.testing.FrameworkTestSupport.service;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.swarmplace.bridge.internal.engine.FaultPoint;
import io.swarmplace.testing.FrameworkTestSupport;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.felix.framework.FrameworkFactory;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.launch.Framework;

/**
 * A node in this JVM: Felix with the packaged bridge, the ledger (H2), the wallet and its in-process devnet
 * (a block every 100 ms, solidified one block later), driven through the bridge: and ledger: shell commands
 * and, for the chain side (a customer's own wallet, the faucet), the wallet and devnet services. The
 * bundles' classes are not the test's, so everything is called by reflection. One node per JVM.
 */
final class BridgeNode {

    static final String PASSPHRASE = "bridge test passphrase";
    static final Duration WAIT = Duration.ofSeconds(30);
    static final BigInteger BTT = BigInteger.TEN.pow(18);
    private static final List<String> PLATFORM = List.of("org.apache.felix.scr", "org.osgi.service.component-",
            "org.osgi.util.promise", "org.osgi.util.function", "org.apache.felix.configadmin",
            "org.apache.felix.gogo.runtime", "jackson-core", "jackson-databind", "jackson-annotations", "bcprov-jdk18on",
            "tron-grpc", "tron-devnet", "ledger-", "wallet-");
    private static final Pattern NET = Pattern.compile("net:\\s+(-?\\d+)");

    private static Framework framework;
    static BundleContext context;
    private static Bundle walletBundle;
    private static Object configurationAdmin;
    /** The node's data directory. */
    static Path data;
    /** A customer's own wallet account, outside the bridge, with money to deposit. */
    static Object customer;

    private BridgeNode() {}

    /** Boots Felix with the bundles on the class path and the bridge configured (with a fault point, if given). */
    static void boot(Path data, Optional<FaultPoint> faultPoint, String faultAction) throws Exception {
        boot(data, faultPoint, faultAction, Map.of());
    }

    /** As {@link #boot(Path, Optional, String)}, with the ledger configured by {@code ledgerConfig} (empty: H2). */
    static void boot(Path data, Optional<FaultPoint> faultPoint, String faultAction, Map<String, Object> ledgerConfig)
            throws Exception {
        Path bridgeJar = Path.of(System.getProperty("bridge.bundle", "target/bridge-0.1.0-SNAPSHOT.jar"));
        assertThat(bridgeJar).exists();
        framework = new FrameworkFactory().newFramework(Map.of(
                Constants.FRAMEWORK_STORAGE, data.resolve("felix-cache").toString(),
                Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT,
                "swarmplace.data", data.resolve("data").toString()));
        framework.start();
        context = framework.getBundleContext();
        List<Bundle> installed = new ArrayList<>();
        for (String location : FrameworkTestSupport.bundleLocations(PLATFORM, List.of())) {
            installed.add(context.installBundle(location));
        }
        installed.add(context.installBundle(bridgeJar.toUri().toString()));
        for (Bundle bundle : installed) {
            if (bundle.getHeaders().get(Constants.FRAGMENT_HOST) == null) {
                bundle.start();
            }
            if ("io.swarmplace.wallet".equals(bundle.getSymbolicName())) {
                walletBundle = bundle;
            }
        }
        configurationAdmin = await().atMost(WAIT).until(() -> service(context, "org.osgi.service.cm.ConfigurationAdmin"),
                Optional::isPresent).orElseThrow();
        if (!ledgerConfig.isEmpty()) {
            FrameworkTestSupport.configure(configurationAdmin, "io.swarmplace.ledger", ledgerConfig);
        }
        FrameworkTestSupport.configure(configurationAdmin, "io.swarmplace.wallet", Map.of(
                "network", "devnet", "devnetBlockIntervalMs", 100, "devnetSolidifyDepth", 1, "scryptCost", "LIGHT",
                "pollIntervalMs", 100));
        BridgeNode.data = data.resolve("data");
        configureBridge(faultPoint, faultAction);
        customer = walletAddress(customerAddress(data));
        // The devnet burns TRX for bandwidth and energy as TRON does: the operator funds custody, and custody
        // pays the fees of sweeping deposit addresses.
        String custody = await().atMost(WAIT).ignoreExceptions().until(BridgeNode::custodyAddress, address -> !address.isBlank());
        invoke(faucet(), "mintTrx", custody, TRX_FOR_FEES);
    }

    /** TRX for the fees of the bridge's and the customer's sends: a BTT (TRC-20) transfer burns about 6.2 TRX. */
    private static final long TRX_FOR_FEES = 10_000_000_000L;

    /** The customer's wallet account, with a million BTT: created on the first boot over {@code data}. */
    private static String customerAddress(Path data) throws Exception {
        Path file = data.resolve("customer.txt");
        if (!Files.exists(file)) {
            Object created = invoke(wallet(), "createAccount", (Object) "customer".toCharArray());
            invoke(faucet(), "mintBttTrc20", created.toString(), BTT.multiply(BigInteger.valueOf(1_000_000)));
            invoke(faucet(), "mintTrx", created.toString(), TRX_FOR_FEES);
            Files.writeString(file, created.toString());
        }
        return Files.readString(file).strip();
    }

    static void shutdown() throws Exception {
        framework.stop();
        framework.waitForStop(20_000);
    }


    /** A new user account with {@code btt} deposited and credited. */
    static String funded(String btt) throws Exception {
        String user = ledger("open", "user", "BTT");
        deposit(depositAddress(user), btt);
        BigInteger expected = new java.math.BigDecimal(btt).multiply(new java.math.BigDecimal(BTT)).toBigIntegerExact();
        await().atMost(WAIT).until(() -> balance(user), expected::equals);
        return user;
    }

    static String depositAddress(String user) throws Exception {
        String answer = bridge("depositaddress", user);
        Matcher matcher = Pattern.compile("Send BTT \\(TRC-20\\) to (\\S+)").matcher(answer);
        assertThat(matcher.find()).as(answer).isTrue();
        // No TRX for the sweep's fee here: the bridge pays it from custody.
        return matcher.group(1);
    }

    static String custodyAddress() throws Exception {
        return custodyLine("Custody address");
    }

    static String custodyLine(String label) throws Exception {
        return line(bridge("custody"), label);
    }

    static String line(String text, String label) {
        return text.lines().filter(l -> l.startsWith(label + ": ")).findFirst().orElseThrow()
                .substring(label.length() + 2).strip();
    }

    /** The customer sends {@code btt} on-chain; returns the txid once the chain has solidified it. */
    static String deposit(String to, String btt) throws Exception {
        invoke(wallet(), "unlock", customer, "customer".toCharArray(), Duration.ofMinutes(1));
        BigInteger units = new java.math.BigDecimal(btt).multiply(new java.math.BigDecimal(BTT)).toBigIntegerExact();
        Object sent = send(customer, walletAddress(to), units, "deposit-" + java.util.UUID.randomUUID());
        awaitConfirmed(sent);
        return (String) call(sent, "txid");
    }

    static Object send(Object from, Object to, BigInteger units, String reference) throws Exception {
        Class<?> addressType = walletBundle.loadClass("io.swarmplace.wallet.TronAddress");
        Class<?> tokenType = walletBundle.loadClass("io.swarmplace.wallet.Token");
        Class<?> amountType = walletBundle.loadClass("io.swarmplace.wallet.TokenAmount");
        Object amount = amountType.getMethod("ofUnits", tokenType, BigInteger.class)
                .invoke(null, tokenType.getMethod("valueOf", String.class).invoke(null, "BTT"), units);
        Object request = walletBundle.loadClass("io.swarmplace.wallet.TransferRequest")
                .getConstructor(addressType, addressType, amountType, String.class).newInstance(from, to, amount, reference);
        return invoke(wallet(), "send", request);
    }

    static void awaitConfirmed(Object sent) throws Exception {
        Object settled = invoke(wallet(), "awaitConfirmation", call(sent, "txid"), WAIT);
        assertThat(call(settled, "status").toString()).isEqualTo("CONFIRMED");
    }

    static Object walletAddress(String base58) throws Exception {
        return walletBundle.loadClass("io.swarmplace.wallet.TronAddress").getMethod("parse", String.class).invoke(null, base58);
    }

    static BigInteger chainBtt(String address) throws Exception {
        Object balances = invoke(wallet(), "balances", walletAddress(address));
        return (BigInteger) call(call(balances, "btt"), "units");
    }

    static BigInteger balance(String account) throws Exception {
        Matcher matcher = NET.matcher(ledger("balance", account));
        assertThat(matcher.find()).isTrue();
        return new BigInteger(matcher.group(1));
    }

    static void awaitSettled(String requestId) {
        await().atMost(WAIT).until(() -> bridge("withdrawals").lines()
                .filter(l -> l.contains("request " + requestId + " ") || l.contains("request " + requestId + "  ")
                        || l.endsWith("request " + requestId))
                .anyMatch(l -> l.contains(" SETTLED ")));
    }

    static void awaitCrash(FaultPoint point) {
        await().atMost(WAIT).until(() -> Files.exists(data.resolve("bridge/crashed-" + point)));
    }

    /** A new configuration makes DS stop the bridge and start a new one, whose recovery pass runs first. */
    static void restartBridge(Optional<FaultPoint> faultPoint) throws Exception {
        Object before = service(context, "io.swarmplace.bridge.Bridge").orElse(null);
        configureBridge(faultPoint, "");
        await().atMost(WAIT).until(() -> service(context, "io.swarmplace.bridge.Bridge").orElse(null),
                now -> now != null && now != before);
    }

    static void configureBridge(Optional<FaultPoint> faultPoint) throws Exception {
        configureBridge(faultPoint, "");
    }

    static void configureBridge(Optional<FaultPoint> faultPoint, String faultAction) throws Exception {
        Map<String, Object> properties = new HashMap<>(Map.of("passphrase", PASSPHRASE, "pollIntervalMs", 100,
                "reservesIntervalMinutes", 0, "faultAction", faultAction));
        faultPoint.ifPresent(point -> properties.put("faultPoint", point.name()));
        FrameworkTestSupport.configure(configurationAdmin, BridgeComponent.PID, properties);
    }

    static Object wallet() {
        return await().atMost(WAIT).until(() -> service(context, "io.swarmplace.wallet.Wallet"), Optional::isPresent).orElseThrow();
    }

    static Object faucet() {
        Object devnet = await().atMost(WAIT).until(() -> service(context, "io.swarmplace.tron.devnet.Devnet"),
                Optional::isPresent).orElseThrow();
        return call(devnet, "faucet");
    }

    static String ledger(String name, String... arguments) throws Exception {
        return command("io.swarmplace.ledger.internal.shell.LedgerCommands", name, arguments);
    }

    static String bridge(String name, String... arguments) throws Exception {
        return command("io.swarmplace.bridge.internal.shell.BridgeCommands", name, arguments);
    }

    /** A bridge command during which the bridge may stop at its fault point (the command then fails). */
    static void bridgeAllowingCrash(String name, String... arguments) throws Exception {
        try {
            bridge(name, arguments);
        } catch (RuntimeException crashed) {
            assertThat(crashed.getClass().getSimpleName()).isIn("SimulatedCrash", "IllegalStateException");
        }
    }

    static String command(String type, String name, String... arguments) throws Exception {
        Object commands = await().atMost(WAIT).until(() -> service(context, type), Optional::isPresent).orElseThrow();
        Class<?>[] types = new Class<?>[arguments.length];
        java.util.Arrays.fill(types, String.class);
        return (String) invoke(commands, commands.getClass().getMethod(name, types), (Object[]) arguments);
    }

    static Object invoke(Object target, String name, Object... arguments) throws Exception {
        for (Method method : target.getClass().getMethods()) {
            if (method.getName().equals(name) && method.getParameterCount() == arguments.length) {
                return invoke(target, method, arguments);
            }
        }
        throw new NoSuchMethodException(name + " on " + target.getClass());
    }

    static Object invoke(Object target, Method method, Object... arguments) throws Exception {
        method.setAccessible(true);
        try {
            return method.invoke(target, arguments);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof Exception) {
                throw (Exception) e.getCause();
            }
            throw e;
        }
    }

}
