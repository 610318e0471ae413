package io.swarmplace.ledger.internal;

import static io.swarmplace.testing.FrameworkTestSupport.service;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.swarmplace.ledger.internal.engine.TestDatabase;
import io.swarmplace.ledger.internal.store.DatabaseSettings;
import io.swarmplace.testing.FrameworkTestSupport;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.sql.Driver;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.launch.Framework;

/**
 * The packaged bundle, with Hibernate, HikariCP and both JDBC drivers inside, in a real Felix with SCR,
 * Configuration Admin and Gogo: the ledger runs on its embedded default (an H2 file in the node's data
 * directory), then on PostgreSQL after a configuration change, and leaves no JDBC driver behind when
 * stopped. The bundle's classes are not the test's, so its commands are called by reflection.
 */
class LedgerBundleIT {

    private static final List<String> PLATFORM = List.of("org.apache.felix.scr", "org.osgi.service.component-",
            "org.osgi.util.promise", "org.osgi.util.function", "org.apache.felix.configadmin", "org.apache.felix.gogo.runtime");

    @TempDir
    static Path temp;

    static Framework framework;
    static BundleContext context;
    static Bundle ledgerBundle;

    @BeforeAll
    static void boot() throws Exception {
        Path jar = FrameworkTestSupport.packagedBundle("ledger");
        framework = FrameworkTestSupport.startFramework(temp, Map.of("swarmplace.data", temp.resolve("data").toString()));
        context = framework.getBundleContext();
        List<Bundle> installed = FrameworkTestSupport.installAndStart(context, PLATFORM, List.of(), jar);
        ledgerBundle = installed.get(installed.size() - 1);
    }

    @AfterAll
    static void shutDown() throws Exception {
        framework.stop();
        framework.waitForStop(20_000);
    }

    @Test
    void hibernateRunsInsideFelixOnH2ThenOnPostgres() throws Exception {
        runLedger();
        assertThat(temp.resolve("data/ledger/ledger.mv.db")).exists();

        TestDatabase postgres = TestDatabase.postgres(LedgerBundleIT.class);
        try {
            DatabaseSettings settings = postgres.settings();
            Object admin = await().atMost(Duration.ofSeconds(20))
                    .until(() -> service(context, "org.osgi.service.cm.ConfigurationAdmin"), Optional::isPresent).orElseThrow();
            FrameworkTestSupport.configure(admin, LedgerComponent.PID,
                    Map.of("jdbcUrl", settings.jdbcUrl(), "user", settings.user(), "validateSchema", true));
            await().atMost(Duration.ofSeconds(60)).until(() -> command("accounts").startsWith("No accounts"));
            runLedger();
        } finally {
            ledgerBundle.stop();
            postgres.drop();
        }
        List<Driver> leftBehind = Collections.list(DriverManager.getDrivers()).stream()
                .filter(d -> d.getClass().getClassLoader() != ClassLoader.getSystemClassLoader()
                        && d.getClass().getClassLoader() != LedgerBundleIT.class.getClassLoader())
                .toList();
        assertThat(leftBehind).isEmpty();
    }

    /** Opens accounts, moves money, retries, and checks the invariants, all through the ledger: commands. */
    private static void runLedger() throws Exception {
        String custody = command("open", "custody", "btt");
        String user = command("open", "user", "btt");
        String transferId = "5eed";
        assertThat(command("transfer", custody, user, "1000000000000000000", transferId)).contains(": ok");
        assertThat(command("transfer", custody, user, "1000000000000000000", transferId)).contains(": exists");
        assertThat(command("balance", user)).contains("net:             1000000000000000000");
        assertThat(command("history", user)).contains("+1000000000000000000").contains("from " + custody);
        assertThat(command("verify")).startsWith("Ledger consistent").contains("owed to holders of BTT: 1000000000000000000");
        assertThat(command("accounts")).contains(custody).contains(user);
    }

    private static String command(String name, String... arguments) throws Exception {
        Object commands = await().atMost(Duration.ofSeconds(60))
                .until(() -> service(context, "io.swarmplace.ledger.internal.shell.LedgerCommands"), Optional::isPresent)
                .orElseThrow();
        Class<?>[] types = new Class<?>[arguments.length];
        java.util.Arrays.fill(types, String.class);
        Method method = commands.getClass().getMethod(name, types);
        try {
            return (String) method.invoke(commands, (Object[]) arguments);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }
}
