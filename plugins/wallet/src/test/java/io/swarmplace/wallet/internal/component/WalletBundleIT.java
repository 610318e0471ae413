package io.swarmplace.wallet.internal.component;

import static io.swarmplace.testing.FrameworkTestSupport.call;
import static io.swarmplace.testing.FrameworkTestSupport.service;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.swarmplace.testing.FrameworkTestSupport;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.wiring.BundleWiring;

/**
 * The packaged wallet bundle in a real Felix with SCR, Configuration Admin, Gogo, Jackson, BouncyCastle, the
 * tron-grpc library bundle and the tron-devnet bundle: keystore operations load no chain library; the first
 * listener starts the wallet's own devnet, and everything goes through Trident over gRPC from the one library
 * bundle. The bundle's classes are not the test's, so its services are called by reflection (and the listener
 * is a proxy of the bundle's interface). The tests run in order: the first one needs a wallet not yet connected.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@SuppressWarnings("unchecked") // the bundle's lists are read as List<Object>
class WalletBundleIT {

    private static final List<String> PLATFORM = List.of("org.apache.felix.scr", "org.osgi.service.component-",
            "org.osgi.util.promise", "org.osgi.util.function", "org.apache.felix.configadmin",
            "org.apache.felix.gogo.runtime", "jackson-core", "jackson-databind", "jackson-annotations", "bcprov-jdk18on",
            "tron-grpc", "tron-devnet");
    /** Classes the chain side loads first (Trident's client, gRPC's channel lookup, a Trident key, protobuf). */
    private static final List<String> CHAIN_CLASSES = List.of("org.tron.trident.core.ApiWrapper",
            "io.grpc.ManagedChannelRegistry", "org.tron.trident.core.key.KeyPair", "com.google.protobuf.ByteString");
    private static final char[] PASSPHRASE = "bundle test passphrase".toCharArray();
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    static Path temp;

    private static Framework framework;
    private static BundleContext context;
    private static Bundle walletBundle;
    private static Bundle libraryBundle;
    private static final List<Object> incoming = new CopyOnWriteArrayList<>();
    private static boolean listening;

    @BeforeAll
    static void boot() throws Exception {
        Path walletJar = FrameworkTestSupport.packagedBundle("wallet");
        framework = FrameworkTestSupport.startFramework(temp, Map.of("swarmplace.data", temp.resolve("data").toString()));
        context = framework.getBundleContext();
        List<Bundle> installed = FrameworkTestSupport.installAndStart(context, PLATFORM, List.of(), walletJar);
        walletBundle = installed.get(installed.size() - 1);
        libraryBundle = installed.stream().filter(b -> "io.swarmplace.tron.grpc".equals(b.getSymbolicName())).findFirst()
                .orElseThrow();
        Object admin = await().atMost(WAIT).until(() -> service(context, "org.osgi.service.cm.ConfigurationAdmin"),
                Optional::isPresent).orElseThrow();
        FrameworkTestSupport.configure(admin, WalletComponent.PID, Map.of(
                "network", "devnet", "devnetBlockIntervalMs", 100, "devnetSolidifyDepth", 1, "scryptCost", "LIGHT",
                "pollIntervalMs", 100));
    }

    /** Registers the test's incoming-transfer listener, once. */
    private static synchronized void listen() throws Exception {
        if (listening) {
            return;
        }
        listening = true;
        Class<?> listenerType = walletBundle.loadClass("io.swarmplace.wallet.IncomingTransferListener");
        Object listener = Proxy.newProxyInstance(listenerType.getClassLoader(), new Class<?>[] {listenerType},
                (proxy, method, args) -> switch (method.getName()) {
                    case "incoming" -> incoming.add(args[0]) ? null : null;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> "test listener";
                });
        context.registerService(listenerType.getName(), listener, null);
    }

    @AfterAll
    static void shutdown() throws Exception {
        framework.stop();
        framework.waitForStop(20_000);
    }

    private static Object wallet() {
        return await().atMost(WAIT).until(() -> service(context, "io.swarmplace.wallet.Wallet"), Optional::isPresent).orElseThrow();
    }

    private static Object devnet() {
        return await().atMost(WAIT).until(() -> service(context, "io.swarmplace.tron.devnet.Devnet"), Optional::isPresent)
                .orElseThrow();
    }

    @Test
    @Order(1)
    void keystoreOperationsLoadNoChainLibraryAndTheFirstListenerStartsTheChain() throws Exception {
        Object wallet = wallet();
        Object erin = invoke(wallet, "createAccount", PASSPHRASE);
        Object frank = invoke(wallet, "importAccount", "0123456789abcdef".repeat(4).toCharArray(), PASSPHRASE);
        assertThat((List<Object>) invoke(wallet, "accounts")).contains(erin, frank);
        assertThat(invoke(wallet, "defaultAccount")).isEqualTo(erin);
        invoke(wallet, "unlock", frank, PASSPHRASE, Duration.ofMinutes(1));
        invoke(wallet, "lock", frank);
        assertThat((List<?>) invoke(wallet, "history", erin)).isEmpty();
        assertThat(invoke(wallet, "network").toString()).isEqualTo("devnet (in this node, started on first use)");
        assertThat(loaded(libraryBundle, CHAIN_CLASSES)).as("chain classes loaded by keystore operations").isEmpty();
        assertThat(service(context, "io.swarmplace.tron.devnet.Devnet")).isEmpty();

        listen();
        Object devnet = devnet();
        assertThat(invoke(wallet, "network").toString()).isEqualTo("devnet (" + invoke(devnet, "endpoint") + ")");
        assertThat(loaded(libraryBundle, CHAIN_CLASSES)).containsExactlyElementsOf(CHAIN_CLASSES);
        // One copy of gRPC: the wallet's and the devnet's gRPC classes are the library bundle's.
        Bundle devnetBundle = devnet.getClass().getClassLoader() instanceof org.osgi.framework.BundleReference reference
                ? reference.getBundle() : null;
        assertThat(devnetBundle).isNotNull();
        for (Bundle user : List.of(walletBundle, devnetBundle)) {
            assertThat(user.loadClass("io.grpc.ManagedChannel").getClassLoader())
                    .isSameAs(libraryBundle.loadClass("io.grpc.ManagedChannel").getClassLoader());
        }
    }

    /** Which of {@code names} the bundle's class loader has loaded so far (without loading any). */
    private static List<String> loaded(Bundle bundle, List<String> names) throws Exception {
        ClassLoader loader = bundle.adapt(BundleWiring.class).getClassLoader();
        Method findLoaded = ClassLoader.class.getDeclaredMethod("findLoadedClass", String.class);
        findLoaded.setAccessible(true);
        List<String> found = new ArrayList<>();
        for (String name : names) {
            if (findLoaded.invoke(loader, name) != null) {
                found.add(name);
            }
        }
        return found;
    }

    @Test
    @Order(2)
    void sendsTrc20AndTrc10BttBetweenAccountsAndKeepsEverythingAcrossARestart() throws Exception {
        listen();
        Object wallet = wallet();
        Object alice = invoke(wallet, "createAccount", PASSPHRASE);
        Object bob = invoke(wallet, "createAccount", PASSPHRASE);
        Object faucet = call(devnet(), "faucet");
        invoke(faucet, "mintTrx", alice.toString(), 100_000_000L);
        invoke(faucet, "mintBttTrc20", alice.toString(), BigInteger.TEN.pow(21));
        invoke(faucet, "mintBttTrc10", alice.toString(), 5_000_000L);
        invoke(wallet, "unlock", alice, PASSPHRASE, Duration.ofMinutes(1));

        Object btt = sent(wallet, alice, bob, "250", "BTT");
        Object trc10 = sent(wallet, alice, bob, "1.5", "BTT_TRC10");
        assertThat(call(invoke(wallet, "awaitConfirmation", call(btt, "txid"), WAIT), "status").toString()).isEqualTo("CONFIRMED");
        assertThat(call(invoke(wallet, "awaitConfirmation", call(trc10, "txid"), WAIT), "status").toString()).isEqualTo("CONFIRMED");

        Object bobBalances = invoke(wallet, "balances", bob);
        assertThat(call(bobBalances, "btt").toString()).isEqualTo("250 BTT");
        assertThat(call(bobBalances, "bttTrc10").toString()).isEqualTo("1.5 BTTOLD");
        Object aliceBalances = invoke(wallet, "balances", alice);
        assertThat(call(aliceBalances, "btt").toString()).isEqualTo("750 BTT");
        assertThat(call(aliceBalances, "bttTrc10").toString()).isEqualTo("3.5 BTTOLD");

        await().atMost(WAIT).until(() -> incoming.stream().map(t -> call(t, "txid")).toList(),
                ids -> ids.containsAll(List.of(call(btt, "txid"), call(trc10, "txid"))));
        assertThat(incoming).allSatisfy(t -> assertThat(call(t, "to")).isEqualTo(bob));
        List<?> history = (List<?>) invoke(wallet, "history", bob);
        assertThat(history).hasSize(2).allSatisfy(t -> assertThat(call(t, "status").toString()).isEqualTo("CONFIRMED"));

        Object commands = await().atMost(WAIT).until(() -> service(context, "io.swarmplace.wallet.internal.shell.WalletCommands"),
                Optional::isPresent).orElseThrow();
        assertThat((String) invoke(commands, "balance", bob.toString())).contains("250 BTT", "1.5 BTTOLD (TRC-10)");
        assertThat((String) invoke(commands, "send", alice.toString(), "BTT", "", false, 0, "", "", bob.toString(), "1"))
                .contains("Send 1 BTT from " + alice + " to " + bob, "Fee: at most", "Not sent: add --yes");
        assertThat((String) invoke(commands, "history", bob.toString())).contains("confirmed", "250 BTT", "1.5 BTTOLD");

        // A restart of the node's wallet and its devnet keeps keys, balances and history.
        walletBundle.stop();
        walletBundle.start();
        Object restarted = wallet();
        assertThat((List<Object>) invoke(restarted, "accounts")).contains(alice, bob);
        assertThat(call(invoke(restarted, "balances", bob), "btt").toString()).isEqualTo("250 BTT");
        assertThat((List<?>) invoke(restarted, "history", bob)).hasSize(2);
        assertThat((List<?>) invoke(restarted, "history", alice)).hasSize(2);
        // Unlocked keys do not survive a restart.
        assertThat(failure(() -> sent(restarted, alice, bob, "1", "BTT"))).isEqualTo("io.swarmplace.wallet.AccountLockedException");
    }

    @Test
    @Order(3)
    void refusesBadInputWithSpecificErrors() throws Exception {
        Object wallet = wallet();
        Object carol = invoke(wallet, "createAccount", PASSPHRASE);
        Object dave = invoke(wallet, "createAccount", PASSPHRASE);
        assertThat(failure(() -> invoke(wallet, "unlock", carol, "not it".toCharArray(), Duration.ofMinutes(1))))
                .isEqualTo("io.swarmplace.wallet.WrongPassphraseException");
        Class<?> address = walletBundle.loadClass("io.swarmplace.wallet.TronAddress");
        assertThat(failure(() -> address.getMethod("parse", String.class).invoke(null, "TXYZnotAnAddress1111111111111111111")))
                .isEqualTo("io.swarmplace.wallet.InvalidAddressException");
        assertThat(failure(() -> amount("-1", "BTT"))).isEqualTo("io.swarmplace.wallet.InvalidAmountException");
        assertThat(failure(() -> amount("0.0000001", "BTT_TRC10"))).isEqualTo("io.swarmplace.wallet.InvalidAmountException");
        assertThat(failure(() -> call(amount("0", "BTT"), "requirePositive")))
                .isEqualTo("io.swarmplace.wallet.InvalidAmountException");
        invoke(wallet, "unlock", carol, PASSPHRASE, Duration.ofMinutes(1));
        assertThat(failure(() -> sent(wallet, carol, dave, "1", "BTT"))).isEqualTo("io.swarmplace.wallet.InsufficientBalanceException");
        assertThat((List<?>) invoke(wallet, "history", carol)).isEmpty();
    }

    private static Object sent(Object wallet, Object from, Object to, String amount, String token) throws Exception {
        Class<?> requestType = walletBundle.loadClass("io.swarmplace.wallet.TransferRequest");
        Class<?> addressType = walletBundle.loadClass("io.swarmplace.wallet.TronAddress");
        Object request = requestType.getMethod("of", addressType, addressType, amount("0", "BTT").getClass())
                .invoke(null, from, to, amount(amount, token));
        return invoke(wallet, "send", request);
    }

    private static Object amount(String text, String token) throws Exception {
        Class<?> tokenType = walletBundle.loadClass("io.swarmplace.wallet.Token");
        Object tokenValue = tokenType.getMethod("valueOf", String.class).invoke(null, token);
        return walletBundle.loadClass("io.swarmplace.wallet.TokenAmount").getMethod("parse", String.class, tokenType)
                .invoke(null, text, tokenValue);
    }

    @FunctionalInterface
    private interface Action {
        Object run() throws Exception;
    }

    /** The class name of what {@code action} threw, unwrapped from reflection. */
    private static String failure(Action action) {
        Throwable thrown = null;
        try {
            action.run();
        } catch (Throwable e) {
            thrown = e;
        }
        while (thrown instanceof InvocationTargetException || (thrown instanceof IllegalStateException && thrown.getCause() != null)) {
            thrown = thrown.getCause();
        }
        assertThat(thrown).as("an exception").isNotNull();
        return thrown.getClass().getName();
    }

    /** Calls the one public method named {@code name} with these arguments. */
    private static Object invoke(Object target, String name, Object... args) throws Exception {
        for (Method method : target.getClass().getMethods()) {
            if (method.getName().equals(name) && method.getParameterCount() == args.length) {
                method.setAccessible(true);
                return method.invoke(target, args);
            }
        }
        throw new AssertionError("no method " + name + "/" + args.length + " on " + target.getClass());
    }
}
