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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.launch.Framework;

/**
 * The packaged bridge in a real Felix with the ledger (H2), the wallet and its in-process devnet (a block
 * every 100 ms, solidified one block later). Everything a user does goes through the bridge: and ledger:
 * shell commands; the chain side (a customer's own wallet, the faucet) through the wallet and devnet
 * services. The bundles' classes are not the test's, so they are called by reflection.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BridgeBundleIT {

    private static final List<String> PLATFORM = List.of("org.apache.felix.scr", "org.osgi.service.component-",
            "org.osgi.util.promise", "org.osgi.util.function", "org.apache.felix.configadmin",
            "org.apache.felix.gogo.runtime", "jackson-core", "jackson-databind", "jackson-annotations", "tron-devnet",
            "ledger-", "wallet-");
    private static final String PASSPHRASE = "bridge test passphrase";
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final BigInteger BTT = BigInteger.TEN.pow(18);
    private static final Pattern NET = Pattern.compile("net:\\s+(-?\\d+)");

    @TempDir
    static Path temp;

    private static Framework framework;
    private static BundleContext context;
    private static Bundle walletBundle;
    private static Object configurationAdmin;
    /** A customer's own wallet account, outside the bridge, with money to deposit. */
    private static Object customer;

    @BeforeAll
    static void boot() throws Exception {
        Path bridgeJar = Path.of(System.getProperty("bridge.bundle", "target/bridge-0.1.0-SNAPSHOT.jar"));
        assertThat(bridgeJar).exists();
        framework = new FrameworkFactory().newFramework(Map.of(
                Constants.FRAMEWORK_STORAGE, temp.resolve("felix-cache").toString(),
                Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT,
                "swarmplace.data", temp.resolve("data").toString()));
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
        FrameworkTestSupport.configure(configurationAdmin, "io.swarmplace.wallet", Map.of(
                "network", "devnet", "devnetBlockIntervalMs", 100, "devnetSolidifyDepth", 1, "scryptCost", "LIGHT",
                "pollIntervalMs", 100));
        configureBridge(Optional.empty());
        customer = invoke(wallet(), "createAccount", (Object) "customer".toCharArray());
        invoke(faucet(), "mintBttTrc20", customer.toString(), BTT.multiply(BigInteger.valueOf(1_000_000)));
    }

    @AfterAll
    static void shutdown() throws Exception {
        framework.stop();
        framework.waitForStop(20_000);
    }

    @Test
    @Order(1)
    void creditsADepositOnceAfterSolidificationEvenWhenSeenAgain() throws Exception {
        String user = ledger("open", "user", "BTT");
        String address = depositAddress(user);
        assertThat(depositAddress(user)).isEqualTo(address);

        String txid = deposit(address, "100");
        await().atMost(WAIT).until(() -> balance(user), BTT.multiply(BigInteger.valueOf(100))::equals);
        assertThat(bridge("deposits")).contains(txid, "100 BTT", "to " + user);

        // The wallet announcing the same transaction again (as after a crash) credits nothing.
        Object seen = ((List<?>) invoke(wallet(), "history", walletAddress(address))).stream()
                .filter(t -> call(t, "txid").equals(txid)).findFirst().orElseThrow();
        Object listener = service(context, "io.swarmplace.wallet.IncomingTransferListener").orElseThrow();
        invoke(listener, "incoming", seen);
        // ... and neither does a restart, whose recovery pass reads the wallet's history again.
        restartBridge(Optional.empty());
        assertThat(bridge("verify")).contains("OK: the ledger and the chain agree");
        assertThat(balance(user)).isEqualTo(BTT.multiply(BigInteger.valueOf(100)));
        assertThat(ledger("history", user).lines().filter(l -> l.contains("+")).count()).isEqualTo(1);
        // The deposit is swept from the deposit address to custody, and the holdings stay the same.
        await().atMost(WAIT).until(() -> chainBtt(custodyAddress()).compareTo(BTT.multiply(BigInteger.valueOf(100))) >= 0);
        assertThat(bridge("verify")).contains("OK: the ledger and the chain agree");
    }

    @Test
    @Order(2)
    void holdsBttSentStraightToCustodyInSuspense() throws Exception {
        String txid = deposit(custodyAddress(), "7");
        String suspense = custodyLine("Suspense account");
        await().atMost(WAIT).until(() -> balance(suspense), BTT.multiply(BigInteger.valueOf(7))::equals);
        assertThat(bridge("deposits")).contains(txid, "SUSPENSE");
        assertThat(bridge("verify")).contains("OK: the ledger and the chain agree");
    }

    @Test
    @Order(3)
    void withdrawsEndToEndAndARetryNeverPaysTwice() throws Exception {
        String user = funded("50");
        String destination = invoke(wallet(), "createAccount", (Object) "outside".toCharArray()).toString();

        assertThat(bridge("withdraw", user, destination, "20", "w-1")).contains("w-1");
        awaitSettled("w-1");
        assertThat(chainBtt(destination)).isEqualTo(BTT.multiply(BigInteger.valueOf(20)));
        assertThat(balance(user)).isEqualTo(BTT.multiply(BigInteger.valueOf(30)));

        assertThat(bridge("withdraw", user, destination, "20", "w-1")).contains("SETTLED");
        assertThat(bridge("withdraw", user, destination, "21", "w-1")).contains("Error:", "already used");
        assertThat(bridge("withdraw", user, destination, "31", "w-2")).contains("REJECTED");
        assertThat(chainBtt(destination)).isEqualTo(BTT.multiply(BigInteger.valueOf(20)));
        assertThat(balance(user)).isEqualTo(BTT.multiply(BigInteger.valueOf(30)));
        assertThat(bridge("verify")).contains("OK: the ledger and the chain agree");
    }

    @Test
    @Order(4)
    void voidsAWithdrawalTheChainCannotPayAndGivesTheFundsBack() throws Exception {
        String user = funded("10");
        String destination = invoke(wallet(), "createAccount", (Object) "outside".toCharArray()).toString();
        // Someone with the custody key moves its BTT away: the bridge notices and cannot pay.
        Object custody = walletAddress(custodyAddress());
        BigInteger held = chainBtt(custodyAddress());
        invoke(wallet(), "unlock", custody, PASSPHRASE.toCharArray(), Duration.ofMinutes(1));
        Object drain = send(custody, walletAddress(destination), held, "drain");
        awaitConfirmed(drain);
        assertThat(bridge("verify")).contains("MISMATCH", "less than the ledger owes", "NOT OK");

        assertThat(bridge("withdraw", user, destination, "10", "w-void")).contains("VOIDED", "cannot pay");
        assertThat(balance(user)).isEqualTo(BTT.multiply(BigInteger.valueOf(10)));
        assertThat(ledger("balance", user)).containsPattern("debits pending:\\s+0");

        invoke(faucet(), "mintBttTrc20", custodyAddress(), held); // the money comes back
        assertThat(bridge("verify")).contains("OK: the ledger and the chain agree");
    }

    @Test
    @Order(5)
    void publishesReservesWhoseProofsAUserCanCheck() throws Exception {
        String user = funded("3");
        String reserves = bridge("reserves");
        assertThat(reserves).contains("Root: ", "swarmplace-reserves-1");
        assertThat(temp.resolve("data/bridge/reserves/latest.json")).exists();
        String proof = bridge("proof", user);
        String check = proof.lines().filter(l -> l.startsWith("Check: ")).findFirst().orElseThrow();
        String root = line(proof, "Root");
        String path = line(proof, "Path");
        assertThat(bridge("checkproof", user, BTT.multiply(BigInteger.valueOf(3)).toString(), root, path)).startsWith("VALID");
        assertThat(bridge("checkproof", user, BTT.multiply(BigInteger.valueOf(4)).toString(), root, path)).startsWith("INVALID");
        assertThat(check).contains(root);
    }

    /** Stops the bridge dead between every two steps of a deposit, restarts it, and checks nothing is lost or doubled. */
    @Test
    @Order(6)
    void aDepositInterruptedAtAnyStepIsCreditedExactlyOnceAfterARestart() throws Exception {
        for (FaultPoint point : List.of(FaultPoint.DEPOSIT_BEFORE_CREDIT, FaultPoint.DEPOSIT_AFTER_CREDIT,
                FaultPoint.DEPOSIT_AFTER_RECORD)) {
            String user = ledger("open", "user", "BTT");
            String address = depositAddress(user);
            restartBridge(Optional.of(point));
            String txid = deposit(address, "5");
            awaitCrash(point);
            restartBridge(Optional.empty());
            await().atMost(WAIT).until(() -> balance(user), BTT.multiply(BigInteger.valueOf(5))::equals);
            assertThat(bridge("deposits")).as(point.name()).contains(txid);
            assertThat(bridge("verify")).as(point.name()).contains("OK: the ledger and the chain agree");
        }
    }

    @Test
    @Order(7)
    void aWithdrawalInterruptedAtAnyStepPaysExactlyOnceAfterARestart() throws Exception {
        for (FaultPoint point : List.of(FaultPoint.WITHDRAW_AFTER_RECORD, FaultPoint.WITHDRAW_AFTER_RESERVE,
                FaultPoint.WITHDRAW_AFTER_SEND, FaultPoint.WITHDRAW_AFTER_CONFIRM, FaultPoint.WITHDRAW_AFTER_POST)) {
            String user = funded("9");
            String destination = invoke(wallet(), "createAccount", (Object) "outside".toCharArray()).toString();
            restartBridge(Optional.of(point));
            String request = "crash-" + point;
            bridgeAllowingCrash("withdraw", user, destination, "4", request);
            awaitCrash(point);
            restartBridge(Optional.empty());
            awaitSettled(request);
            assertThat(chainBtt(destination)).as(point.name()).isEqualTo(BTT.multiply(BigInteger.valueOf(4)));
            assertThat(balance(user)).as(point.name()).isEqualTo(BTT.multiply(BigInteger.valueOf(5)));
            assertThat(bridge("withdraw", user, destination, "4", request)).as(point.name()).contains("SETTLED");
            assertThat(chainBtt(destination)).as(point.name()).isEqualTo(BTT.multiply(BigInteger.valueOf(4)));
            assertThat(bridge("verify")).as(point.name()).contains("OK: the ledger and the chain agree");
        }
    }

    // --- helpers -------------------------------------------------------------------------------------------

    /** A new user account with {@code btt} deposited and credited. */
    private static String funded(String btt) throws Exception {
        String user = ledger("open", "user", "BTT");
        deposit(depositAddress(user), btt);
        BigInteger expected = new java.math.BigDecimal(btt).multiply(new java.math.BigDecimal(BTT)).toBigIntegerExact();
        await().atMost(WAIT).until(() -> balance(user), expected::equals);
        return user;
    }

    private static String depositAddress(String user) throws Exception {
        String answer = bridge("depositaddress", user);
        Matcher matcher = Pattern.compile("Send BTT \\(TRC-20\\) to (\\S+)").matcher(answer);
        assertThat(matcher.find()).as(answer).isTrue();
        return matcher.group(1);
    }

    private static String custodyAddress() throws Exception {
        return custodyLine("Custody address");
    }

    private static String custodyLine(String label) throws Exception {
        return line(bridge("custody"), label);
    }

    private static String line(String text, String label) {
        return text.lines().filter(l -> l.startsWith(label + ": ")).findFirst().orElseThrow()
                .substring(label.length() + 2).strip();
    }

    /** The customer sends {@code btt} on-chain; returns the txid once the chain has solidified it. */
    private static String deposit(String to, String btt) throws Exception {
        invoke(wallet(), "unlock", customer, "customer".toCharArray(), Duration.ofMinutes(1));
        BigInteger units = new java.math.BigDecimal(btt).multiply(new java.math.BigDecimal(BTT)).toBigIntegerExact();
        Object sent = send(customer, walletAddress(to), units, "deposit-" + java.util.UUID.randomUUID());
        awaitConfirmed(sent);
        return (String) call(sent, "txid");
    }

    private static Object send(Object from, Object to, BigInteger units, String reference) throws Exception {
        Class<?> addressType = walletBundle.loadClass("io.swarmplace.wallet.TronAddress");
        Class<?> tokenType = walletBundle.loadClass("io.swarmplace.wallet.Token");
        Class<?> amountType = walletBundle.loadClass("io.swarmplace.wallet.TokenAmount");
        Object amount = amountType.getMethod("ofUnits", tokenType, BigInteger.class)
                .invoke(null, tokenType.getMethod("valueOf", String.class).invoke(null, "BTT"), units);
        Object request = walletBundle.loadClass("io.swarmplace.wallet.TransferRequest")
                .getConstructor(addressType, addressType, amountType, String.class).newInstance(from, to, amount, reference);
        return invoke(wallet(), "send", request);
    }

    private static void awaitConfirmed(Object sent) throws Exception {
        Object settled = invoke(wallet(), "awaitConfirmation", call(sent, "txid"), WAIT);
        assertThat(call(settled, "status").toString()).isEqualTo("CONFIRMED");
    }

    private static Object walletAddress(String base58) throws Exception {
        return walletBundle.loadClass("io.swarmplace.wallet.TronAddress").getMethod("parse", String.class).invoke(null, base58);
    }

    private static BigInteger chainBtt(String address) throws Exception {
        Object balances = invoke(wallet(), "balances", walletAddress(address));
        return (BigInteger) call(call(balances, "btt"), "units");
    }

    private static BigInteger balance(String account) throws Exception {
        Matcher matcher = NET.matcher(ledger("balance", account));
        assertThat(matcher.find()).isTrue();
        return new BigInteger(matcher.group(1));
    }

    private static void awaitSettled(String requestId) {
        await().atMost(WAIT).until(() -> bridge("withdrawals").lines()
                .filter(l -> l.contains("request " + requestId + " ") || l.contains("request " + requestId + "  ")
                        || l.endsWith("request " + requestId))
                .anyMatch(l -> l.contains(" SETTLED ")));
    }

    private static void awaitCrash(FaultPoint point) {
        await().atMost(WAIT).until(() -> Files.exists(temp.resolve("data/bridge/crashed-" + point)));
    }

    /** A new configuration makes DS stop the bridge and start a new one, whose recovery pass runs first. */
    private static void restartBridge(Optional<FaultPoint> faultPoint) throws Exception {
        Object before = service(context, "io.swarmplace.bridge.Bridge").orElse(null);
        configureBridge(faultPoint);
        await().atMost(WAIT).until(() -> service(context, "io.swarmplace.bridge.Bridge").orElse(null),
                now -> now != null && now != before);
    }

    private static void configureBridge(Optional<FaultPoint> faultPoint) throws Exception {
        Map<String, Object> properties = new HashMap<>(Map.of("passphrase", PASSPHRASE, "pollIntervalMs", 100,
                "reservesIntervalMinutes", 0));
        faultPoint.ifPresent(point -> properties.put("faultPoint", point.name()));
        FrameworkTestSupport.configure(configurationAdmin, BridgeComponent.PID, properties);
    }

    private static Object wallet() {
        return await().atMost(WAIT).until(() -> service(context, "io.swarmplace.wallet.Wallet"), Optional::isPresent).orElseThrow();
    }

    private static Object faucet() {
        Object devnet = await().atMost(WAIT).until(() -> service(context, "io.swarmplace.tron.devnet.Devnet"),
                Optional::isPresent).orElseThrow();
        return call(devnet, "faucet");
    }

    private static String ledger(String name, String... arguments) throws Exception {
        return command("io.swarmplace.ledger.internal.shell.LedgerCommands", name, arguments);
    }

    private static String bridge(String name, String... arguments) throws Exception {
        return command("io.swarmplace.bridge.internal.shell.BridgeCommands", name, arguments);
    }

    /** A bridge command during which the bridge may stop at its fault point (the command then fails). */
    private static void bridgeAllowingCrash(String name, String... arguments) throws Exception {
        try {
            bridge(name, arguments);
        } catch (RuntimeException crashed) {
            assertThat(crashed.getClass().getSimpleName()).isIn("SimulatedCrash", "IllegalStateException");
        }
    }

    private static String command(String type, String name, String... arguments) throws Exception {
        Object commands = await().atMost(WAIT).until(() -> service(context, type), Optional::isPresent).orElseThrow();
        Class<?>[] types = new Class<?>[arguments.length];
        java.util.Arrays.fill(types, String.class);
        return (String) invoke(commands, commands.getClass().getMethod(name, types), (Object[]) arguments);
    }

    private static Object invoke(Object target, String name, Object... arguments) throws Exception {
        for (Method method : target.getClass().getMethods()) {
            if (method.getName().equals(name) && method.getParameterCount() == arguments.length) {
                return invoke(target, method, arguments);
            }
        }
        throw new NoSuchMethodException(name + " on " + target.getClass());
    }

    private static Object invoke(Object target, Method method, Object... arguments) throws Exception {
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
